// The fan's receipts (from every channel) and points movements. Every query is scoped by the
// customer id from the session: another customer's receipt is simply not found.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export const CHANNELS = ["tickets", "stores", "web", "partners"] as const;
export type Channel = (typeof CHANNELS)[number];

interface StoreInfo {
  id: string;
  name: string;
  tags: string[];
  partnerId: string | null;
  partnerName: string | null;
}

/** Which channel a store sells through (ticket office/site, club shops, web shop, partners). */
export function channelOf(store: Pick<StoreInfo, "tags" | "partnerId">): Channel {
  if (store.partnerId) return "partners";
  if (store.tags.includes("tickets") || store.tags.includes("gate")) return "tickets";
  if (store.tags.includes("online")) return "web";
  return "stores";
}

/** "Half-Time Coffee, west stand" already names its brand; "Arbat 12" gets it in front. */
function displayName(store: StoreInfo | undefined): string {
  if (!store) return "—";
  if (!store.partnerName) return store.name;
  const brand = store.partnerName.split(" ")[0];
  return store.name.startsWith(brand) ? store.name : `${store.partnerName} · ${store.name}`;
}

async function storesOf(db: Db, programId: string): Promise<StoreInfo[]> {
  const stores = await db.store.findMany({ where: { programId }, select: { id: true, name: true, tags: true, partnerId: true, partner: { select: { name: true } } } });
  return stores.map((s) => ({ id: s.id, name: s.name, tags: s.tags, partnerId: s.partnerId, partnerName: s.partner?.name ?? null }));
}

export interface ReceiptFilter {
  channel?: Channel | null;
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
  page?: number;
  pageSize?: number;
}

export async function listReceipts(db: Db, customer: { id: string; programId: string }, f: ReceiptFilter = {}) {
  const pageSize = Math.min(Math.max(f.pageSize ?? 10, 1), 50);
  const page = Math.max(f.page ?? 1, 1);
  const stores = await storesOf(db, customer.programId);
  const byId = new Map(stores.map((s) => [s.id, s]));
  const where: Prisma.PurchaseWhereInput = {
    customerId: customer.id,
    status: { in: ["committed", "cancelled"] },
    ...(f.channel ? { storeId: { in: stores.filter((s) => channelOf(s) === f.channel).map((s) => s.id) } } : {}),
    ...(f.from || f.to ? { at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.purchase.count({ where }),
    db.purchase.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { lines: { select: { name: true, sku: true, category: true, pointsPending: true }, orderBy: { lineNo: "asc" } }, returns: { select: { amount: true } } },
    }),
  ]);
  return {
    total,
    page,
    pageSize,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    items: rows.map((p) => {
      const store = byId.get(p.storeId);
      return {
        id: p.id,
        number: p.number,
        at: p.at,
        status: p.status,
        amount: p.amount,
        payable: p.payable,
        pointsEarned: p.pointsEarned,
        pointsRedeemed: p.pointsRedeemed,
        pointsPending: p.lines.some((l) => l.pointsPending),
        returned: p.returns.reduce((s, r) => s + r.amount, 0),
        storeName: displayName(store),
        channel: store ? channelOf(store) : ("stores" as Channel),
        summary: p.lines.map((l) => l.name ?? l.sku).slice(0, 3),
        lineCount: p.lines.length,
      };
    }),
  };
}

/** One receipt with its lines, returns and points movements, or not_found (also for another customer's id). */
export async function getReceipt(db: Db, customer: { id: string; programId: string }, purchaseId: string) {
  const p = await db.purchase.findFirst({
    where: { id: purchaseId, customerId: customer.id, status: { in: ["committed", "cancelled"] } },
    include: { lines: { orderBy: { lineNo: "asc" } }, returns: { orderBy: { at: "asc" } } },
  });
  if (!p) throw new AppError("not_found", "Receipt not found");
  const store = (await storesOf(db, customer.programId)).find((s) => s.id === p.storeId);
  const entries = await db.ledgerEntry.findMany({
    where: { purchaseId: p.id, account: { customerId: customer.id }, type: { notIn: ["hold", "release"] } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { id: true, type: true, reason: true, deltaAvailable: true, deltaPending: true, deltaHeld: true, at: true },
  });
  return {
    ...p,
    storeName: displayName(store),
    channel: store ? channelOf(store) : ("stores" as Channel),
    entries: entries.map((e) => ({ ...e, points: e.deltaAvailable + e.deltaPending + e.deltaHeld })),
  };
}

/** Every points movement of the customer, newest first (holds are internal and left out). */
export async function listLedger(db: Db, customerId: string, opts: { page?: number; pageSize?: number } = {}) {
  const pageSize = Math.min(Math.max(opts.pageSize ?? 20, 1), 100);
  const page = Math.max(opts.page ?? 1, 1);
  const where: Prisma.LedgerEntryWhereInput = { account: { customerId }, type: { notIn: ["hold", "release"] } };
  const [total, rows] = await Promise.all([
    db.ledgerEntry.count({ where }),
    db.ledgerEntry.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { account: { select: { kind: true } } },
    }),
  ]);
  return {
    total,
    page,
    pageSize,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    items: rows.map((e) => ({
      id: e.id,
      at: e.at,
      type: e.type,
      reason: e.reason,
      note: e.note,
      account: e.account.kind,
      /** Change of the balance including pending points (hold/release net to zero and are left out). */
      points: e.deltaAvailable + e.deltaPending + e.deltaHeld,
      pending: e.deltaPending !== 0 && e.deltaAvailable === 0,
      debt: e.deltaDebt,
      purchaseId: e.purchaseId,
      refType: e.refType,
      refId: e.refId,
    })),
  };
}

/** The fan's status changes (newest 50) and achievements, for the cabinet's status page. */
export async function statusHistory(db: Db, customerId: string) {
  const [changes, achievements] = await Promise.all([
    db.tierChange.findMany({ where: { customerId }, orderBy: { at: "desc" }, take: 50 }),
    db.achievement.findMany({ where: { customerId }, orderBy: { earnedAt: "desc" } }),
  ]);
  return { changes, achievements };
}
