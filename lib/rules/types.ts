// Inputs and results of basket pricing (the calculate / confirm phase of a POS receipt).
import type { Activation, ProgramDefinition } from "@/lib/program/definition";
import type { PromoBalance } from "./promo-redemption";
import type { ActivePromotion, AppliedPromotionResult, PromotionContext, RejectedPromotion } from "@/lib/promotions/engine";

export interface BasketLineInput {
  lineNo: number;
  sku: string;
  category: string;
  /** Units; weight goods have at most 3 decimals. */
  quantity: number;
  /** Unit price, integer minor units. */
  price: number;
  /** Minor units already taken off the line by promotions. */
  discount?: number;
}

export interface BasketCustomer {
  tierCode: string;
  balances: { main: number; promo: number };
  blocked?: boolean;
  /**
   * The promo account's spendable points per promotion, soonest-expiring first (promo-redemption.ts).
   * Absent or empty: points are paid from the main account only.
   */
  promoBalances?: readonly PromoBalance[];
}

export interface BasketStore {
  code: string;
  partnerCode: string | null;
  tags: string[];
}

export interface PriceBasketInput {
  definition: ProgramDefinition;
  /** Null for an anonymous receipt. */
  customer: BasketCustomer | null;
  store: BasketStore;
  lines: BasketLineInput[];
  redeemPoints: number;
  offline?: boolean;
  /** The promotions in force and what the engine needs to know about this receipt. */
  promotions?: { list: readonly ActivePromotion[]; context: PromotionContext };
}

export interface PricedLine {
  lineNo: number;
  amount: number;
  discount: number;
  pointsRedeemed: number;
  /** The part of pointsRedeemed paid from the promo account. */
  promoPointsRedeemed: number;
  pointsEarned: number;
  payable: number;
  /** Set when the earned points wait (return window, ticket validation). */
  pointsPending?: true;
  // Beyond the contract: what the receipt and the ledger store.
  sku: string;
  category: string;
  price: number;
  quantityMilli: number;
  /** The promotion whose promo points paid this line (null: promo points of no promotion; undefined: none). */
  promoPromotionId?: string | null;
  /** …and the version those points were issued under (absent: not tracked). */
  promoVersionId?: string | null;
  /** Percent of the earning base this line earned at (0 when excluded or anonymous). */
  earnRate: number;
  /** When this line's points become spendable. */
  activation: Activation;
}

export interface BasketTotals {
  amount: number;
  discount: number;
  pointsRedeemed: number;
  /** The part of pointsRedeemed paid from the promo account. */
  promoPointsRedeemed: number;
  pointsEarned: number;
  payable: number;
}

/** Why no points can be spent on this receipt. */
export type RedemptionBlock = "anonymous" | "offline" | "blocked" | "tier" | "store";

export interface PricedBasket {
  lines: PricedLine[];
  totals: BasketTotals;
  maxRedeemablePoints: number;
  requiresRedemptionCode: boolean;
  // Beyond the contract:
  /** The tier the receipt was priced with; null for anonymous receipts. */
  tierCode: string | null;
  /** Points of `totals.pointsEarned` that are pending. */
  pointsPending: number;
  /** The largest percent of the receipt points may pay here. */
  redeemShare: number;
  /** Set when spending is impossible on this receipt, and why. */
  redemptionBlocked: RedemptionBlock | null;
  /** Promo points spent, per promotion whose lots pay them (the ledger spends these). */
  promoRedeemed: { promotionId: string | null; versionId?: string | null; points: number }[];
  /** What each promotion gave (in order of evaluation) and why the others did not apply. */
  promotions: { applied: AppliedPromotionResult[]; rejected: RejectedPromotion[] };
}
