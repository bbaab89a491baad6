// Sales of a partner's stores over a period: by day (or week), by store and by category, each
// with what was sold, what came back and the net. Definitions in scope-sql.ts; money in minor units.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { bucketDays } from "../period";
import type { AnalyticsRange } from "./range";
import { returnedLines, soldReceipts } from "./scope-sql";

export interface SalesFigures {
  receipts: number;
  /** Σ (amount − discount) of the receipts sold. */
  sales: number;
  /** Σ (amount − discount) of the returned lines. */
  returns: number;
  net: number;
}

export interface PartnerSales {
  totals: SalesFigures & { returnCount: number; average: number };
  byDay: (SalesFigures & { day: string })[];
  byStore: (SalesFigures & { id: string; code: string; name: string })[];
  byCategory: (Omit<SalesFigures, "receipts"> & { category: string; lines: number; quantity: number; returnedQuantity: number })[];
}

const n = (v: unknown) => Number(v ?? 0);
const figures = (receipts: unknown, sales: unknown, returns: unknown): SalesFigures => ({ receipts: n(receipts), sales: n(sales), returns: n(returns), net: n(sales) - n(returns) });

export async function loadPartnerSales(db: Db, input: { partnerId: string; timeZone: string; range: AnalyticsRange }): Promise<PartnerSales> {
  const { partnerId: pid, timeZone: tz } = input;
  const { from, to, bucket } = input.range;
  const sold = soldReceipts(pid, from, to);
  const back = returnedLines(pid, from, to);
  // A constant chosen here, never input: date_trunc's unit.
  const unit = Prisma.raw(bucket === "week" ? "'week'" : "'day'");
  const [totals, days, stores, categories] = await Promise.all([
    db.$queryRaw<{ c: bigint; s: bigint; r: bigint; rc: bigint }[]>`
      SELECT (SELECT count(*) FROM "Purchase" p WHERE ${sold}) AS c,
             (SELECT COALESCE(sum(p."amount" - p."discount"), 0) FROM "Purchase" p WHERE ${sold}) AS s,
             (SELECT COALESCE(sum(b."value"), 0) FROM (${back}) b) AS r,
             (SELECT count(DISTINCT b."returnId") FROM (${back}) b) AS rc`,
    db.$queryRaw<{ d: string; c: bigint; s: bigint; r: bigint }[]>`
      SELECT d, sum(c) AS c, sum(s) AS s, sum(r) AS r FROM (
        SELECT to_char(date_trunc(${unit}, p."at" AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS d, count(*) AS c, sum(p."amount" - p."discount") AS s, 0 AS r
        FROM "Purchase" p WHERE ${sold} GROUP BY 1
        UNION ALL
        SELECT to_char(date_trunc(${unit}, b."at" AT TIME ZONE ${tz}), 'YYYY-MM-DD'), 0, 0, sum(b."value") FROM (${back}) b GROUP BY 1
      ) u GROUP BY d`,
    db.$queryRaw<{ id: string; code: string; name: string; c: bigint; s: bigint; r: bigint }[]>`
      SELECT st."id", st."code", st."name",
             (SELECT count(*) FROM "Purchase" p WHERE ${sold} AND p."storeId" = st."id") AS c,
             (SELECT COALESCE(sum(p."amount" - p."discount"), 0) FROM "Purchase" p WHERE ${sold} AND p."storeId" = st."id") AS s,
             (SELECT COALESCE(sum(b."value"), 0) FROM (${back}) b WHERE b."storeId" = st."id") AS r
      FROM "Store" st
      WHERE st."partnerId" = ${pid} OR st."id" IN (SELECT p."storeId" FROM "Purchase" p WHERE ${sold})
      ORDER BY s DESC, st."code" ASC`,
    db.$queryRaw<{ category: string; lines: bigint; q: bigint; s: bigint; rq: bigint; r: bigint }[]>`
      SELECT category, sum(lines) AS lines, sum(q) AS q, sum(s) AS s, sum(rq) AS rq, sum(r) AS r FROM (
        SELECT l."category", count(*) AS lines, sum(l."quantityMilli") AS q, sum(l."amount" - l."discount") AS s, 0 AS rq, 0 AS r
        FROM "PurchaseLine" l JOIN "Purchase" p ON p."id" = l."purchaseId" AND p."at" = l."purchaseAt" WHERE ${sold} GROUP BY 1
        UNION ALL
        SELECT l."category", 0, 0, 0, sum(b."quantityMilli"), sum(b."value")
        FROM (${back}) b JOIN "PurchaseLine" l ON l."purchaseId" = b."purchaseId" AND l."lineNo" = b."lineNo" GROUP BY 1
      ) u GROUP BY category ORDER BY s DESC, category ASC`,
  ]);
  const t = totals[0];
  const total = figures(t?.c, t?.s, t?.r);
  const byDay = new Map(days.map((d) => [d.d, d]));
  return {
    totals: { ...total, returnCount: n(t?.rc), average: total.receipts ? Math.round(total.sales / total.receipts) : 0 },
    byDay: bucketDays(from, to, tz, bucket).map((day) => {
      const d = byDay.get(day);
      return { day, ...figures(d?.c, d?.s, d?.r) };
    }),
    byStore: stores.map((s) => ({ id: s.id, code: s.code, name: s.name, ...figures(s.c, s.s, s.r) })),
    byCategory: categories.map((c) => ({
      category: c.category,
      lines: n(c.lines),
      quantity: n(c.q) / 1000,
      returnedQuantity: n(c.rq) / 1000,
      sales: n(c.s),
      returns: n(c.r),
      net: n(c.s) - n(c.r),
    })),
  };
}
