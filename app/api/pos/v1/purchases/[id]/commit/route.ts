import { receiptAnswer } from "@/lib/pos/answers";
import { operations } from "@/lib/pos/operations";
import { posRoute } from "@/lib/pos/route";
import { commitPurchase } from "@/lib/purchases/holds";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posRoute(operations.commitPurchase, async ({ ctx, params }) => receiptAnswer(await commitPurchase(ctx, params.id)));
