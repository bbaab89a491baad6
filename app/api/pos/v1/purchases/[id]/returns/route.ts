import { returnAnswer } from "@/lib/pos/answers";
import { operations } from "@/lib/pos/operations";
import { posRoute } from "@/lib/pos/route";
import { returnPurchase } from "@/lib/purchases/returns";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posRoute(operations.returnPurchase, async ({ ctx, input, params }) => returnAnswer(await returnPurchase(ctx, params.id, input)));
