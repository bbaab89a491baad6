// Everything the console shows about one customer (the "360" page), scoped to the staff
// user's program: another program's customer is simply not found.
import type { Db } from "@/lib/db/client";

export const LEDGER_PAGE = 25;
export const RECEIPTS_PAGE = 10;

export async function loadCustomer(db: Db, programId: string, customerId: string) {
  return db.customer.findFirst({
    where: { id: customerId, programId },
    include: {
      cards: { orderBy: { issuedAt: "desc" } },
      accounts: { orderBy: { kind: "asc" } },
      tier: true,
    },
  });
}

export type Customer360 = NonNullable<Awaited<ReturnType<typeof loadCustomer>>>;

export async function customerLedger(db: Db, customerId: string, page: number) {
  const skip = (Math.max(page, 1) - 1) * LEDGER_PAGE;
  const rows = await db.ledgerEntry.findMany({
    where: { account: { customerId } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip,
    take: LEDGER_PAGE + 1,
    include: { account: { select: { kind: true } } },
  });
  return { rows: rows.slice(0, LEDGER_PAGE), hasNext: rows.length > LEDGER_PAGE };
}

export async function customerReceipts(db: Db, customerId: string, page: number) {
  const skip = (Math.max(page, 1) - 1) * RECEIPTS_PAGE;
  const rows = await db.purchase.findMany({
    where: { customerId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip,
    take: RECEIPTS_PAGE + 1,
    include: { lines: { orderBy: { lineNo: "asc" } }, returns: { orderBy: { at: "asc" } } },
  });
  const storeIds = [...new Set(rows.map((r) => r.storeId))];
  const stores = storeIds.length ? await db.store.findMany({ where: { id: { in: storeIds } }, select: { id: true, name: true } }) : [];
  const storeName = new Map(stores.map((s) => [s.id, s.name]));
  return { rows: rows.slice(0, RECEIPTS_PAGE).map((r) => ({ ...r, storeName: storeName.get(r.storeId) ?? r.storeId })), hasNext: rows.length > RECEIPTS_PAGE };
}

export async function customerHistory(db: Db, customerId: string) {
  const [tierChanges, achievements, visits, visitCount, purchaseStats] = await Promise.all([
    db.tierChange.findMany({ where: { customerId }, orderBy: { at: "desc" }, take: 50 }),
    db.achievement.findMany({ where: { customerId }, orderBy: { earnedAt: "desc" } }),
    db.visit.findMany({ where: { customerId }, orderBy: { at: "desc" }, take: 10 }),
    db.visit.count({ where: { customerId } }),
    db.purchase.aggregate({ where: { customerId, status: "committed" }, _count: true, _sum: { amount: true }, _max: { at: true } }),
  ]);
  return {
    tierChanges,
    achievements,
    visits,
    visitCount,
    purchases: { count: purchaseStats._count, amount: purchaseStats._sum.amount ?? 0, last: purchaseStats._max.at },
  };
}

/** Audit entries about the customer, their accounts and cards, newest first. */
export async function customerAudit(db: Db, programId: string, customer: { id: string; accounts: { id: string }[]; cards: { id: string }[] }, take = 50) {
  const ids = [customer.id, ...customer.accounts.map((a) => a.id), ...customer.cards.map((c) => c.id)];
  const rows = await db.auditLog.findMany({
    where: { programId, entityType: { in: ["Customer", "customer", "account", "Account", "Card", "card"] }, entityId: { in: ids } },
    orderBy: { at: "desc" },
    take,
  });
  const staffIds = [...new Set(rows.filter((r) => r.actorType === "staff" && r.actorId).map((r) => r.actorId!))];
  const staff = staffIds.length ? await db.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return rows.map((r) => ({ ...r, actorName: r.actorId ? (names.get(r.actorId) ?? null) : null }));
}

/** Staff names for ledger entries made by hand. */
export async function staffNames(db: Db, ids: (string | null)[]) {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return new Map<string, string>();
  const rows = await db.staffUser.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** True when the customer belongs to the program (actions check before acting). */
export async function customerInProgram(db: Db, programId: string, customerId: string): Promise<boolean> {
  return (await db.customer.count({ where: { id: customerId, programId } })) === 1;
}

/** The merge that folded this customer into another, if any. */
export async function mergeOf(db: Db, customerId: string) {
  return db.customerMerge.findUnique({ where: { mergedId: customerId } });
}

/** The customer's latest support requests and vouchers (Customer 360's engagement section). */
export async function customerEngagement(db: Db, customerId: string) {
  const [feedback, redemptions] = await Promise.all([
    db.feedbackRequest.findMany({ where: { customerId }, orderBy: { lastMessageAt: "desc" }, take: 10, include: { topic: { select: { title: true, titleRu: true } } } }),
    db.catalogRedemption.findMany({ where: { customerId }, orderBy: { createdAt: "desc" }, take: 10, include: { item: { select: { title: true, titleRu: true } } } }),
  ]);
  return { feedback, redemptions };
}
