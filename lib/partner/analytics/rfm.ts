// The RFM grid of a partner's own customers: members with a receipt at its stores in the last
// `days` days, scored 1–5 on recency (latest receipt) and frequency (receipts) by quintile of
// percent rank, exactly as the console's RFM segments score (lib/segments/compile.ts). Each cell
// has its customers and their revenue: Σ (amount − discount) of those receipts less what was
// returned of them. Receipts still standing only (committed; cancelled ones are gone).
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { rfmScoreSql } from "@/lib/segments/compile";
import { memberView, type MemberView } from "../mask";
import { memberRef } from "../member-ref";

export const RFM_DAYS = 365;
const DAY = 86_400_000;

export interface RfmCell {
  r: number;
  f: number;
  customers: number;
  revenue: number;
}

export interface RfmGrid {
  since: Date;
  asOf: Date;
  customers: number;
  revenue: number;
  /** 25 cells, r 5→1 by f 1→5. */
  cells: RfmCell[];
}

const n = (v: unknown) => Number(v ?? 0);

/** Per customer of the partner: last receipt, receipts, net revenue, and the two scores. */
function scored(partnerId: string, since: Date, asOf: Date) {
  const r = Prisma.raw(rfmScoreSql(`max(p."at")`));
  const f = Prisma.raw(rfmScoreSql(`count(*)`));
  return Prisma.sql`
    SELECT p."customerId", max(p."at") AS "last", count(*) AS "receipts",
           sum(p."amount" - p."discount") - COALESCE(sum(ret."value"), 0) AS "revenue",
           ${r} AS r, ${f} AS f
    FROM "Purchase" p
    LEFT JOIN LATERAL (
      SELECT sum(x."amount" - COALESCE(x."discount", 0)) AS "value"
      FROM "PurchaseReturn" pr CROSS JOIN LATERAL jsonb_to_recordset(pr."lines") AS x("amount" int, "discount" int)
      WHERE pr."purchaseId" = p."id"
    ) ret ON true
    WHERE p."partnerId" = ${partnerId} AND p."status" = 'committed' AND p."customerId" IS NOT NULL AND p."at" >= ${since} AND p."at" < ${asOf}
    GROUP BY p."customerId"`;
}

export async function loadRfmGrid(db: Db, input: { partnerId: string; now?: Date; days?: number }): Promise<RfmGrid> {
  const asOf = input.now ?? new Date();
  const since = new Date(asOf.getTime() - (input.days ?? RFM_DAYS) * DAY);
  const rows = await db.$queryRaw<{ r: number; f: number; c: bigint; rev: bigint }[]>`
    SELECT s.r, s.f, count(*) AS c, sum(s."revenue") AS rev FROM (${scored(input.partnerId, since, asOf)}) s GROUP BY s.r, s.f`;
  const at = new Map(rows.map((x) => [`${x.r}:${x.f}`, x]));
  const cells: RfmCell[] = [];
  for (let r = 5; r >= 1; r--)
    for (let f = 1; f <= 5; f++) {
      const x = at.get(`${r}:${f}`);
      cells.push({ r, f, customers: n(x?.c), revenue: n(x?.rev) });
    }
  return { since, asOf, cells, customers: cells.reduce((s, c) => s + c.customers, 0), revenue: cells.reduce((s, c) => s + c.revenue, 0) };
}

export interface RfmMember {
  /** The partner's opaque reference of the member (its customer card: /partner/customers/[ref]). */
  ref: string;
  member: MemberView;
  last: Date;
  receipts: number;
  revenue: number;
}

/** One cell's customers as the partner may see them (first name, masked phone), by revenue. */
export async function listRfmCell(
  db: Db,
  input: { partnerId: string; r: number; f: number; now?: Date; days?: number; offset?: number; limit?: number },
): Promise<{ rows: RfmMember[]; total: number }> {
  const asOf = input.now ?? new Date();
  const since = new Date(asOf.getTime() - (input.days ?? RFM_DAYS) * DAY);
  const limit = Math.min(Math.max(input.limit ?? 25, 1), 200);
  const offset = Math.max(input.offset ?? 0, 0);
  const rows = await db.$queryRaw<{ customerId: string; firstName: string | null; phone: string | null; last: Date; receipts: bigint; revenue: bigint; total: bigint }[]>`
    SELECT s."customerId", c."firstName", c."phone", s."last", s."receipts", s."revenue", count(*) OVER () AS total
    FROM (${scored(input.partnerId, since, asOf)}) s JOIN "Customer" c ON c."id" = s."customerId"
    WHERE s.r = ${input.r} AND s.f = ${input.f}
    ORDER BY s."revenue" DESC, s."last" DESC, s."customerId" ASC
    LIMIT ${limit} OFFSET ${offset}`;
  const total = rows.length
    ? n(rows[0].total)
    : n((await db.$queryRaw<{ c: bigint }[]>`SELECT count(*) AS c FROM (${scored(input.partnerId, since, asOf)}) s WHERE s.r = ${input.r} AND s.f = ${input.f}`)[0]?.c);
  return { rows: rows.map((x) => ({ ref: memberRef(input.partnerId, x.customerId), member: memberView(x.firstName, x.phone), last: x.last, receipts: n(x.receipts), revenue: n(x.revenue) })), total };
}
