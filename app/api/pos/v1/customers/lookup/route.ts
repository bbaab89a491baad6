import { posGet } from "@/lib/pos/http";
import { lookupQuery } from "@/lib/pos/schemas";
import { lookupCustomer } from "@/lib/purchases/customers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = posGet(lookupQuery, async ({ db, q, terminal, query }) => {
  const ref = query.card ? { card: query.card } : query.phone ? { phone: query.phone } : { qr: query.qr! };
  return { body: await lookupCustomer(db, terminal, ref, new Date(), q) };
});
