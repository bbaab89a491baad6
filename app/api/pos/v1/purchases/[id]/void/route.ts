import { receiptAnswer } from "@/lib/pos/answers";
import { operations } from "@/lib/pos/operations";
import { posRoute } from "@/lib/pos/route";
import { voidPurchase } from "@/lib/purchases/holds";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posRoute(operations.voidPurchase, async ({ ctx, params }) => receiptAnswer(await voidPurchase(ctx, params.id)));
