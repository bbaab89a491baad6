// The partner's receipts: a server-paged list (store, dates, receipt number) and one receipt
// with its lines and returns. Scoped in SQL: the receipt's store must belong to the partner;
// another partner's receipt id is simply not found. Members appear as first name + masked phone.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { memberView, type MemberView } from "./mask";

export const RECEIPT_SORTS = ["at", "amount", "number"] as const;
export type ReceiptSort = (typeof RECEIPT_SORTS)[number];

export interface ReceiptListInput {
  partnerId: string;
  storeId?: string | null;
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
  /** Receipt number, matched from its start, case-insensitive. */
  number?: string | null;
  offset?: number;
  limit?: number;
  sort?: { id: ReceiptSort; desc: boolean };
}

export interface ReceiptRow {
  id: string;
  number: string;
  at: Date;
  status: string;
  offline: boolean;
  amount: number;
  discount: number;
  payable: number;
  pointsEarned: number;
  pointsRedeemed: number;
  store: { id: string; code: string; name: string; timezone: string };
  member: MemberView | null;
  returns: number;
}

type RawRow = Omit<ReceiptRow, "store" | "member" | "returns"> & {
  storeId: string;
  storeCode: string;
  storeName: string;
  storeTz: string;
  customerId: string | null;
  firstName: string | null;
  phone: string | null;
  returns: bigint;
};

const ORDER: Record<ReceiptSort, Prisma.Sql> = {
  at: Prisma.raw(`p."at"`),
  amount: Prisma.raw(`p."amount"`),
  number: Prisma.raw(`p."number"`),
};

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toRow(r: RawRow): ReceiptRow {
  return {
    id: r.id,
    number: r.number,
    at: r.at,
    status: r.status,
    offline: r.offline,
    amount: r.amount,
    discount: r.discount,
    payable: r.payable,
    pointsEarned: r.pointsEarned,
    pointsRedeemed: r.pointsRedeemed,
    store: { id: r.storeId, code: r.storeCode, name: r.storeName, timezone: r.storeTz },
    member: r.customerId ? memberView(r.firstName, r.phone) : null,
    returns: Number(r.returns),
  };
}

const SELECT = Prisma.sql`
  SELECT p."id", p."number", p."at", p."status"::text AS "status", p."offline", p."amount", p."discount", p."payable",
         p."pointsEarned", p."pointsRedeemed",
         s."id" AS "storeId", s."code" AS "storeCode", s."name" AS "storeName", s."timezone" AS "storeTz",
         p."customerId", c."firstName", c."phone",
         (SELECT count(*) FROM "PurchaseReturn" r WHERE r."purchaseId" = p."id") AS "returns"
  FROM "Purchase" p
  JOIN "Store" s ON s."id" = p."storeId"
  LEFT JOIN "Customer" c ON c."id" = p."customerId"`;

export async function listPartnerReceipts(db: Db, input: ReceiptListInput): Promise<{ rows: ReceiptRow[]; total: number }> {
  const where: Prisma.Sql[] = [Prisma.sql`p."partnerId" = ${input.partnerId}`, Prisma.sql`p."status" <> 'voided'`];
  if (input.storeId) where.push(Prisma.sql`p."storeId" = ${input.storeId}`);
  if (input.from) where.push(Prisma.sql`p."at" >= ${input.from}`);
  if (input.to) where.push(Prisma.sql`p."at" < ${input.to}`);
  const q = input.number?.trim();
  if (q) where.push(Prisma.sql`p."number" ILIKE ${`${escapeLike(q)}%`}`);
  const cond = Prisma.join(where, " AND ");
  const sort = input.sort ?? { id: "at", desc: true };
  const dir = Prisma.raw(sort.desc ? "DESC" : "ASC");
  const limit = Math.min(Math.max(input.limit ?? 25, 1), 200);
  const offset = Math.max(input.offset ?? 0, 0);
  const [rows, count] = await Promise.all([
    db.$queryRaw<RawRow[]>`${SELECT} WHERE ${cond} ORDER BY ${ORDER[sort.id]} ${dir}, p."id" ${dir} LIMIT ${limit} OFFSET ${offset}`,
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Purchase" p JOIN "Store" s ON s."id" = p."storeId" WHERE ${cond}`,
  ]);
  return { rows: rows.map(toRow), total: Number(count[0]?.n ?? 0) };
}

export interface ReceiptLineView {
  lineNo: number;
  sku: string;
  category: string;
  name: string | null;
  quantity: number;
  price: number;
  amount: number;
  discount: number;
  pointsEarned: number;
  pointsRedeemed: number;
  pointsPending: boolean;
  returnedQuantity: number;
}

export interface ReceiptReturnView {
  id: string;
  number: string;
  at: Date;
  amount: number;
  pointsRefunded: number;
  pointsReclaimed: number;
  lines: { lineNo: number; quantity: number; amount: number }[];
}

export interface ReceiptDetail extends ReceiptRow {
  lines: ReceiptLineView[];
  returnsList: ReceiptReturnView[];
}

/** One receipt of the partner's stores, or null (also for another partner's receipt). */
export async function getPartnerReceipt(db: Db, input: { partnerId: string; purchaseId: string }): Promise<ReceiptDetail | null> {
  const [row] = await db.$queryRaw<RawRow[]>`${SELECT} WHERE p."id" = ${input.purchaseId} AND p."partnerId" = ${input.partnerId} AND p."status" <> 'voided'`;
  if (!row) return null;
  const [lines, returns] = await Promise.all([
    db.purchaseLine.findMany({ where: { purchaseId: row.id }, orderBy: { lineNo: "asc" } }),
    db.purchaseReturn.findMany({ where: { purchaseId: row.id }, orderBy: { at: "asc" } }),
  ]);
  return {
    ...toRow(row),
    lines: lines.map((l) => ({
      lineNo: l.lineNo,
      sku: l.sku,
      category: l.category,
      name: l.name,
      quantity: l.quantityMilli / 1000,
      price: l.price,
      amount: l.amount,
      discount: l.discount,
      pointsEarned: l.pointsEarned,
      pointsRedeemed: l.pointsRedeemed,
      pointsPending: l.pointsPending,
      returnedQuantity: l.returnedMilli / 1000,
    })),
    returnsList: returns.map((r) => ({
      id: r.id,
      number: r.number,
      at: r.at,
      amount: r.amount,
      pointsRefunded: r.pointsRefunded,
      pointsReclaimed: r.pointsReclaimed,
      lines: (Array.isArray(r.lines) ? (r.lines as { lineNo?: number; quantityMilli?: number; amount?: number }[]) : []).map((x) => ({
        lineNo: Number(x.lineNo ?? 0),
        quantity: Number(x.quantityMilli ?? 0) / 1000,
        amount: Number(x.amount ?? 0),
      })),
    })),
  };
}
