import { lookupAnswer } from "@/lib/pos/answers";
import { operations } from "@/lib/pos/operations";
import { posRoute } from "@/lib/pos/route";
import { lookupCustomer } from "@/lib/purchases/customers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = posRoute(operations.lookupCustomer, async ({ ctx, input }) => {
  const ref = input.card ? { card: input.card } : input.phone ? { phone: input.phone } : { qr: input.qr! };
  return lookupAnswer(await lookupCustomer(ctx, ref));
});
