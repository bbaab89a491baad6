// POST /purchases/calculate: prices a basket for the customer as they stand now. Writes nothing.
import { quoteGiftCards, type GiftCardTender } from "@/lib/giftcards/pos";
import { definitionAt, programBasics } from "@/lib/program/in-force";
import { priceBasket, type BasketLineInput } from "@/lib/rules/price-basket";
import { promoBalances } from "@/lib/ledger/promo-balances";
import type { PromoBalance } from "@/lib/rules/promo-redemption";
import type { PosContext } from "./context";
import { limitIds, type LimitRow } from "@/lib/promotions/reserve";
import { promotionsInForce } from "@/lib/promotions/store";
import { tierInForceFromRows } from "@/lib/tiers/activity";
import type { TierMetrics } from "@/lib/tiers/evaluate-status";
import { asSeenBy, partnerNeedsCode, resolveCustomer, type CustomerRef, type PosCustomer } from "./customer";
import { readForPricing, readForPricingByCard, type PricingReads } from "./pricing-reads";
import { receiptTexts } from "./messages";
import { receiptOutcome, type ReceiptOutcome } from "./outcome";
import { preparePromotions, promotionResult, promotionsInput } from "./promotions";
import { receiptTime } from "./receipt-time";

export interface BasketInput {
  customer?: CustomerRef;
  receipt: { number: string; at?: string };
  lines: (BasketLineInput & { name?: string })[];
  redeemPoints: number;
  promoCodes: string[];
  /** Gift certificates paying after discounts and points (lib/giftcards). */
  giftCards?: GiftCardTender[];
}

export async function calculatePurchase(ctx: PosContext, input: BasketInput): Promise<ReceiptOutcome> {
  const { sql, till, now } = ctx;
  const at = receiptTime(input.receipt.at, now);
  const [{ definition }, program] = await Promise.all([definitionAt(ctx.db, till.programId, at), programBasics(ctx.db, till.programId)]);
  // The promotions in force come from the cache (the stamp was read with the terminal key).
  const promotionList = await promotionsInForce(sql, till.programId, ctx.promotionsStamp);
  let customer: PosCustomer | null = null;
  let tierCode: string | null = null;
  let balances = { main: 0, promo: 0, pending: 0 };
  let metrics: TierMetrics | null = null;
  let promoLots: PromoBalance[] = [];
  let limitRows: LimitRow[] | undefined;
  if (input.customer) {
    // Balances, status, the period's metrics and the promotions' limits: one statement — by card,
    // the customer's lookup too.
    const limits = limitIds(promotionList, true);
    let reads: PricingReads;
    if ("card" in input.customer) {
      const found = await readForPricingByCard(sql, till.programId, input.customer.card, definition, at, limits);
      customer = asSeenBy(till, found.customer);
      reads = found.reads;
    } else {
      customer = asSeenBy(till, await resolveCustomer(sql, till.programId, input.customer));
      reads = await readForPricing(sql, customer.id, definition, at, limits);
    }
    ({ balances, metrics, limitRows } = reads);
    tierCode = await tierInForceFromRows(sql, till.programId, customer.id, definition, at, reads.tier);
    // Promo points pay first, each on its promotion's items (as confirm will spend them).
    if (balances.promo > 0) promoLots = await promoBalances(sql, customer.id, now, till.store.id);
  }
  const setup = await preparePromotions(ctx, { customer, tierCode, promoCodes: input.promoCodes, at, list: promotionList, limitRows });
  const basePriced = priceBasket({
    definition,
    customer: customer && tierCode ? { tierCode, balances: { main: balances.main, promo: balances.promo }, blocked: customer.status === "blocked", promoBalances: promoLots } : null,
    store: till.store,
    lines: input.lines,
    redeemPoints: input.redeemPoints,
    promotions: promotionsInput(setup),
  });
  const promotions = promotionResult(basePriced, setup, program.locale);
  const priced = { ...basePriced, requiresRedemptionCode: basePriced.requiresRedemptionCode || partnerNeedsCode(till, input.customer, input.redeemPoints) };
  const giftCards = await quoteGiftCards(ctx, input.giftCards, priced.totals.payable);
  const texts = receiptTexts({
    program,
    def: definition,
    customer,
    tierCode,
    available: balances.main,
    metrics,
    canRedeem: priced.redemptionBlocked === null,
    requiresCode: priced.requiresRedemptionCode || (definition.redemption?.requiresCode ?? false) || partnerNeedsCode(till, input.customer, 1),
    now,
  });
  return receiptOutcome({
    priced,
    customer: customer && tierCode ? { id: customer.id, tier: tierCode, balances: { main: balances.main, promo: balances.promo } } : null,
    promotions,
    texts,
    giftCards,
  });
}
