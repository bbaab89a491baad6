// Reading redemptions: the fan's own ("My experiences") and the staff list of a program.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export async function listMyRedemptions(db: Db, customerId: string) {
  return db.catalogRedemption.findMany({ where: { customerId }, orderBy: { createdAt: "desc" }, include: { item: true } });
}

/** One of the fan's redemptions; another customer's id is not_found. */
export async function getMyRedemption(db: Db, customerId: string, redemptionId: string) {
  const r = await db.catalogRedemption.findFirst({ where: { id: redemptionId, customerId }, include: { item: true } });
  if (!r) throw new AppError("not_found", "Redemption not found");
  return r;
}

export interface StaffRedemptionFilter {
  status?: "issued" | "used" | "cancelled";
  itemId?: string;
  /** Voucher code, exact or prefix. */
  voucher?: string;
  page?: number;
  pageSize?: number;
}

/** Staff list of a program's redemptions, newest first, with the item and the customer's name and phone. */
export async function listRedemptions(db: Db, programId: string, f: StaffRedemptionFilter = {}) {
  const pageSize = Math.min(Math.max(f.pageSize ?? 25, 1), 200);
  const page = Math.max(f.page ?? 1, 1);
  const where: Prisma.CatalogRedemptionWhereInput = {
    programId,
    ...(f.status ? { status: f.status } : {}),
    ...(f.itemId ? { itemId: f.itemId } : {}),
    ...(f.voucher ? { voucherCode: { startsWith: f.voucher.trim().toUpperCase() } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.catalogRedemption.count({ where }),
    db.catalogRedemption.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { item: { select: { id: true, code: true, title: true, titleRu: true } } },
    }),
  ]);
  const customers = await db.customer.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.customerId))] } }, select: { id: true, firstName: true, lastName: true, phone: true } });
  const byId = new Map(customers.map((c) => [c.id, c]));
  return { total, page, pageSize, items: rows.map((r) => ({ ...r, customer: byId.get(r.customerId) ?? null })) };
}

/** Staff: one redemption of the program (by id). */
export async function getRedemption(db: Db, programId: string, redemptionId: string) {
  const r = await db.catalogRedemption.findFirst({ where: { id: redemptionId, programId }, include: { item: true } });
  if (!r) throw new AppError("not_found", "Redemption not found");
  return r;
}
