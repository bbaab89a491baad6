import { receiptAnswer } from "@/lib/pos/answers";
import { operations } from "@/lib/pos/operations";
import { posRoute } from "@/lib/pos/route";
import { calculatePurchase } from "@/lib/purchases/calculate";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posRoute(operations.calculatePurchase, async ({ ctx, input }) => receiptAnswer(await calculatePurchase(ctx, input)));
