import { receiptAnswer } from "@/lib/pos/answers";
import { operations } from "@/lib/pos/operations";
import { posRoute } from "@/lib/pos/route";
import { confirmPurchase } from "@/lib/purchases/confirm";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posRoute(operations.confirmPurchase, async ({ ctx, input }) => receiptAnswer(await confirmPurchase(ctx, input)));
