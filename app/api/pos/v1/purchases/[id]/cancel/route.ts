import { receiptAnswer } from "@/lib/pos/answers";
import { operations } from "@/lib/pos/operations";
import { posRoute } from "@/lib/pos/route";
import { cancelPurchase } from "@/lib/purchases/returns";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posRoute(operations.cancelPurchase, async ({ ctx, params }) => receiptAnswer(await cancelPurchase(ctx, params.id)));
