// Purchases and returns of a partner's stores over a period: by product (sku), by store and by
// return reason — quantities sold and returned, their value, and the share of value returned.
import type { Db } from "@/lib/db/client";
import type { AnalyticsRange } from "./range";
import { returnedLines, soldReceipts } from "./scope-sql";

export interface ReturnFigures {
  /** Quantity sold, units (weight goods in fractions). */
  sold: number;
  /** Σ (amount − discount) sold. */
  soldValue: number;
  returned: number;
  returnedValue: number;
  /** returnedValue / soldValue (0 without sales). */
  rate: number;
}

export interface PartnerReturns {
  byProduct: (ReturnFigures & { sku: string; name: string | null; category: string })[];
  byStore: (ReturnFigures & { id: string; code: string; name: string; returns: number })[];
  /** reason null: the till sent none (and cancellations of whole receipts). */
  byReason: { reason: string | null; returns: number; lines: number; returned: number; returnedValue: number }[];
}

const n = (v: unknown) => Number(v ?? 0);
function fig(q: unknown, s: unknown, rq: unknown, r: unknown): ReturnFigures {
  const soldValue = n(s);
  return { sold: n(q) / 1000, soldValue, returned: n(rq) / 1000, returnedValue: n(r), rate: soldValue > 0 ? n(r) / soldValue : 0 };
}

/** Products are listed by value sold (top `limit`), then those only returned in the period. */
export async function loadPartnerReturns(db: Db, input: { partnerId: string; range: AnalyticsRange; limit?: number }): Promise<PartnerReturns> {
  const { partnerId: pid } = input;
  const { from, to } = input.range;
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 500);
  const sold = soldReceipts(pid, from, to);
  const back = returnedLines(pid, from, to);
  const [products, stores, reasons] = await Promise.all([
    db.$queryRaw<{ sku: string; name: string | null; category: string; q: bigint; s: bigint; rq: bigint; r: bigint }[]>`
      SELECT sku, max(name) AS name, max(category) AS category, sum(q) AS q, sum(s) AS s, sum(rq) AS rq, sum(r) AS r FROM (
        SELECT l."sku", l."name", l."category", sum(l."quantityMilli") AS q, sum(l."amount" - l."discount") AS s, 0 AS rq, 0 AS r
        FROM "PurchaseLine" l JOIN "Purchase" p ON p."id" = l."purchaseId" AND p."at" = l."purchaseAt" WHERE ${sold} GROUP BY 1, 2, 3
        UNION ALL
        SELECT l."sku", l."name", l."category", 0, 0, sum(b."quantityMilli"), sum(b."value")
        FROM (${back}) b JOIN "PurchaseLine" l ON l."purchaseId" = b."purchaseId" AND l."lineNo" = b."lineNo" GROUP BY 1, 2, 3
      ) u GROUP BY sku ORDER BY s DESC, r DESC, sku ASC LIMIT ${limit}`,
    db.$queryRaw<{ id: string; code: string; name: string; q: bigint; s: bigint; rq: bigint; r: bigint; rc: bigint }[]>`
      SELECT st."id", st."code", st."name",
             (SELECT COALESCE(sum(l."quantityMilli"), 0) FROM "PurchaseLine" l JOIN "Purchase" p ON p."id" = l."purchaseId" AND p."at" = l."purchaseAt" WHERE ${sold} AND p."storeId" = st."id") AS q,
             (SELECT COALESCE(sum(p."amount" - p."discount"), 0) FROM "Purchase" p WHERE ${sold} AND p."storeId" = st."id") AS s,
             (SELECT COALESCE(sum(b."quantityMilli"), 0) FROM (${back}) b WHERE b."storeId" = st."id") AS rq,
             (SELECT COALESCE(sum(b."value"), 0) FROM (${back}) b WHERE b."storeId" = st."id") AS r,
             (SELECT count(DISTINCT b."returnId") FROM (${back}) b WHERE b."storeId" = st."id") AS rc
      FROM "Store" st
      WHERE st."partnerId" = ${pid} OR st."id" IN (SELECT p."storeId" FROM "Purchase" p WHERE ${sold})
      ORDER BY r DESC, s DESC, st."code" ASC`,
    db.$queryRaw<{ reason: string | null; c: bigint; l: bigint; rq: bigint; r: bigint }[]>`
      SELECT b."reason", count(DISTINCT b."returnId") AS c, count(*) AS l, sum(b."quantityMilli") AS rq, sum(b."value") AS r
      FROM (${back}) b GROUP BY 1 ORDER BY r DESC, 1 ASC NULLS LAST`,
  ]);
  return {
    byProduct: products.map((p) => ({ sku: p.sku, name: p.name, category: p.category, ...fig(p.q, p.s, p.rq, p.r) })),
    byStore: stores.map((s) => ({ id: s.id, code: s.code, name: s.name, returns: n(s.rc), ...fig(s.q, s.s, s.rq, s.r) })),
    byReason: reasons.map((r) => ({ reason: r.reason, returns: n(r.c), lines: n(r.l), returned: n(r.rq) / 1000, returnedValue: n(r.r) })),
  };
}
