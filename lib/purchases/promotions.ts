// The promotions step of pricing (CONTRACTS.md, "Promotions"): which promotions a receipt gets
// and what became of each promo code it brought. This is the one place the promotions engine
// plugs into: it fills `applied` (and the lines' discounts) and answers every code; calculate,
// confirm, hold and commit all take their promotions from here.
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";

export interface AppliedPromotion {
  code: string;
  name: string;
  version: number;
  /** Minor units the promotion took off the receipt. */
  discount: number;
  /** Bonus points it gave. */
  points: number;
  lines: { lineNo: number; discount: number }[];
}

export type PromoCodeStatus = "applied" | "not_applicable" | "unknown" | "expired" | "not_yet_valid" | "used_up";

export interface PromoCodeResult {
  code: string;
  status: PromoCodeStatus;
  message: string;
}

export interface PromotionResult {
  applied: AppliedPromotion[];
  codes: PromoCodeResult[];
}

export const NO_PROMOTIONS: PromotionResult = Object.freeze({ applied: [], codes: [] }) as PromotionResult;

/**
 * The promotions of a basket. The program has no promotion catalogue yet, so nothing applies and
 * every code the till sends is unknown (codes are case-insensitive; a repeated code is answered once).
 */
export function applyPromotions(input: { promoCodes: string[]; locale: Locale }): PromotionResult {
  if (input.promoCodes.length === 0) return NO_PROMOTIONS;
  const t = translator(input.locale);
  const codes = [...new Set(input.promoCodes.map((c) => c.toUpperCase()))];
  return { applied: [], codes: codes.map((code) => ({ code, status: "unknown", message: t("pos.promo.unknown", { code }) })) };
}
