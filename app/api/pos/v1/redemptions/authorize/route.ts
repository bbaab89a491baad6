import { redemptionAnswer } from "@/lib/pos/answers";
import { operations } from "@/lib/pos/operations";
import { posRoute } from "@/lib/pos/route";
import { authorizeRedemption } from "@/lib/purchases/customers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posRoute(operations.authorizeRedemption, async ({ ctx, input }) => redemptionAnswer(await authorizeRedemption(ctx, input.customer, input.points)));
