import { checkGiftCard } from "@/lib/giftcards/pos";
import { giftCardAnswer } from "@/lib/pos/answers";
import { operations } from "@/lib/pos/operations";
import { posRoute } from "@/lib/pos/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = posRoute(operations.checkGiftCard, async ({ ctx, input, params }) => giftCardAnswer(await checkGiftCard(ctx, params.number, input.pin)));
