// The two row sources every analytics figure is built from, scoped to one partner in SQL:
// sales are the receipts of its stores that were committed (a receipt cancelled later still sold
// on its day; its cancellation is a return), returns are every return and cancellation of those
// receipts, each returned line valued at its amount less its discount.
import { Prisma } from "@/lib/generated/prisma/client";

/** Receipts sold at the partner's stores: committed, or committed then cancelled. */
export function soldReceipts(partnerId: string, from: Date, to: Date) {
  return Prisma.sql`p."partnerId" = ${partnerId} AND p."status" IN ('committed', 'cancelled') AND p."at" >= ${from} AND p."at" < ${to}`;
}

/** Returned lines of the partner's receipts whose return falls in [from, to): r, p and x (lineNo, quantityMilli, value). */
export function returnedLines(partnerId: string, from: Date, to: Date) {
  return Prisma.sql`
    SELECT r."id" AS "returnId", r."at", r."reason", r."purchaseId", p."storeId", x."lineNo", x."quantityMilli",
           (x."amount" - COALESCE(x."discount", 0))::bigint AS "value"
    FROM "PurchaseReturn" r
    JOIN "Purchase" p ON p."id" = r."purchaseId"
    CROSS JOIN LATERAL jsonb_to_recordset(r."lines") AS x("lineNo" int, "quantityMilli" int, "amount" int, "discount" int)
    WHERE p."partnerId" = ${partnerId} AND r."at" >= ${from} AND r."at" < ${to}`;
}
