import { sellGiftCard } from "@/lib/giftcards/pos";
import { giftCardSaleAnswer } from "@/lib/pos/answers";
import { operations } from "@/lib/pos/operations";
import { posRoute } from "@/lib/pos/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posRoute(operations.sellGiftCard, async ({ ctx, input }) => giftCardSaleAnswer(await sellGiftCard(ctx, input)));
