// What the processing domain answers, as plain types (the HTTP shell turns them into the
// contract's JSON in one place, lib/pos/answers.ts). `receiptOutcome` assembles a priced receipt
// once for calculate, confirm, hold and commit.
import type { GiftCardPayment } from "@/lib/giftcards/pos";
import type { PricedBasket, PricedLine } from "@/lib/rules/price-basket";
import type { ReceiptTexts } from "./messages";
import type { PromotionResult } from "./promotions";

export interface CustomerState {
  id: string;
  tier: string;
  balances: { main: number; promo: number };
}

/** A receipt line as the till sees it (`pointsPending`: the earned points wait for a date or a validation). */
export type ReceiptLine = Pick<PricedLine, "lineNo" | "amount" | "discount" | "pointsRedeemed" | "promoPointsRedeemed" | "pointsEarned" | "payable" | "pointsPending">;

export interface ReceiptTotals {
  amount: number;
  discount: number;
  pointsRedeemed: number;
  /** The part of pointsRedeemed paid from the promo account. */
  promoPointsRedeemed: number;
  pointsEarned: number;
  payable: number;
}

export type ReceiptStatus = "held" | "committed" | "voided" | "cancelled";

export interface ReturnTotals {
  amount: number;
  discount: number;
  payable: number;
  pointsRefunded: number;
  /** The part of pointsRefunded given back to the promo account. */
  promoPointsRefunded: number;
  pointsReclaimed: number;
  /** Promo-account points of promoAccount promotions taken back (the returned units' share). */
  promoPointsReclaimed: number;
}

export interface ReceiptOutcome {
  /** Null for calculate (nothing is stored). */
  purchaseId: string | null;
  status: ReceiptStatus | null;
  holdExpiresAt: Date | null;
  customer: CustomerState | null;
  lines: ReceiptLine[];
  totals: ReceiptTotals;
  /** Points that may still be spent on this receipt (0 once it is committed, voided or cancelled). */
  maxRedeemablePoints: number;
  requiresRedemptionCode: boolean;
  promotions: PromotionResult;
  texts: ReceiptTexts;
  /** Cancel: what the reversal gave back and took back. */
  reversed?: ReturnTotals;
  /** Gift certificates paying the receipt (lib/giftcards): what each pays and keeps. */
  giftCards: GiftCardPayment[];
}

/** A freshly priced receipt (calculate, confirm, hold). */
export function receiptOutcome(input: {
  priced: PricedBasket;
  customer: CustomerState | null;
  promotions: PromotionResult;
  texts: ReceiptTexts;
  purchase?: { id: string; status: ReceiptStatus; holdExpiresAt: Date | null };
  giftCards?: GiftCardPayment[];
}): ReceiptOutcome {
  const { priced } = input;
  return {
    purchaseId: input.purchase?.id ?? null,
    status: input.purchase?.status ?? null,
    holdExpiresAt: input.purchase?.holdExpiresAt ?? null,
    customer: input.customer,
    lines: priced.lines,
    totals: priced.totals,
    maxRedeemablePoints: priced.maxRedeemablePoints,
    requiresRedemptionCode: priced.requiresRedemptionCode,
    promotions: input.promotions,
    texts: input.texts,
    giftCards: input.giftCards ?? [],
  };
}
