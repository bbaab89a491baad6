// Prices a basket: the amounts, the points it may spend and spends, the points it earns, per
// line and in total. Pure: everything it needs is in the input; nothing is read or written.
import { lineAmounts } from "./basket-lines";
import { compileRules, isPending, lineActivation, lineRateBp } from "./compiled-rules";
import { splitExactTotal } from "./money";
import { allocateMain, allocatePromo } from "./promo-redemption";
import { assertRedeemable, redemptionBlock, redemptionLimit } from "./redemption";
import { discountPhases, eligible, pointsPhase, type CompiledPromotion, type PromotionContext, type RejectedPromotion } from "@/lib/promotions/engine";
import type { PriceBasketInput, PricedBasket, PricedLine } from "./types";

export type * from "./types";

/**
 * With promotions, the contract's order: eligibility → line effects by priority → receipt
 * effects → points payment on the net after discounts → earning on the paid part → bonus points.
 * An exclusive promotion that applies is the receipt's only one (highest priority first). Which
 * one applies is decided on the basket before any points are spent, so spending the points a
 * quote allowed never changes the promotions (and with them the limit it was quoted against).
 */
function priceWithPromotions(input: PriceBasketInput): PricedBasket {
  const promos = input.promotions!;
  const { candidates, rejected } = eligible(promos.list, promos.context, input.store);
  const others: RejectedPromotion[] = [];
  for (const x of candidates) {
    if (!x.exclusive) continue;
    const probe = priceOnce(input.redeemPoints ? { ...input, redeemPoints: 0 } : input, { list: [x], context: promos.context });
    if (probe.promotions.applied.length) {
      const alone = input.redeemPoints ? priceOnce(input, { list: [x], context: promos.context }) : probe;
      alone.promotions.rejected = [...rejected, ...alone.promotions.rejected, ...candidates.filter((c) => c !== x).map((c) => ({ code: c.p.def.code, reason: "exclusive" as const }))];
      return alone;
    }
    others.push(...probe.promotions.rejected);
  }
  const priced = priceOnce(input, { list: candidates.filter((c) => !c.exclusive), context: promos.context });
  priced.promotions.rejected = [...rejected, ...others, ...priced.promotions.rejected];
  return priced;
}

/**
 * Throws AppError: `invalid_request` for malformed lines, and for a `redeemPoints` that may
 * not be spent `customer_blocked`, `redemption_not_allowed`, `insufficient_points` or
 * `redeem_limit_exceeded`.
 */
export function priceBasket(input: PriceBasketInput): PricedBasket {
  if (input.promotions?.list.length) return priceWithPromotions(input);
  return priceOnce(input, null);
}

function priceOnce(input: PriceBasketInput, promos: { list: CompiledPromotion[]; context: PromotionContext } | null): PricedBasket {
  const { customer, store, lines, redeemPoints } = input;
  const rules = compileRules(input.definition);
  const pointValue = rules.def.pointValue;
  const amounts = lineAmounts(lines, redeemPoints);
  const discounts = promos
    ? discountPhases(
        promos.list,
        promos.context,
        lines.map((l, i) => ({ lineNo: l.lineNo, sku: l.sku, category: l.category, quantityMilli: amounts.quantityMilli[i], net: amounts.net[i] })),
      )
    : null;
  if (discounts) {
    for (let i = 0; i < lines.length; i++) {
      amounts.discount[i] += discounts.perLine[i];
      amounts.net[i] -= discounts.perLine[i];
    }
  }
  // A tier a newer definition no longer has prices as the entry tier until re-evaluated.
  const tier = customer ? (rules.tiers.get(customer.tierCode) ?? rules.entry) : null;

  const blocked = redemptionBlock(rules, tier, customer, store, input.offline ?? false);
  // Promo points first, each promotion's on its own items; then main points. One share cap for both.
  const promoBalances = !blocked && customer?.promoBalances?.length ? customer.promoBalances : null;
  const promoFor = (points: number) => (promoBalances ? allocatePromo(points, lines, amounts.net, pointValue, promoBalances) : null);
  const limit = redemptionLimit(rules, tier, customer, blocked, amounts.net, (byShare) => promoFor(byShare)?.total ?? 0);
  const promo = redeemPoints > 0 ? promoFor(redeemPoints) : null;
  assertRedeemable(rules, limit, customer, redeemPoints, promo?.total ?? 0);
  const promoPerLine = promo?.perLine ?? new Array<number>(lines.length).fill(0);
  const main = allocateMain(redeemPoints - (promo?.total ?? 0), amounts.net, pointValue, promoPerLine);
  const redeemed = main.map((m, i) => m + promoPerLine[i]);

  const n = lines.length;
  const payable: number[] = [];
  const rates: number[] = [];
  const numerators: number[] = [];
  const earnTier = customer?.blocked ? null : tier;
  const paidBase = rules.def.earning.base !== "full";
  for (let i = 0; i < n; i++) {
    payable.push(amounts.net[i] - redeemed[i] * pointValue);
    rates.push(earnTier ? lineRateBp(rules, earnTier, lines[i].category, store.partnerCode) : 0);
    numerators.push((paidBase ? payable[i] : amounts.net[i]) * rates[i]);
  }
  const earned = splitExactTotal(numerators, 10_000 * pointValue);
  const bonus = discounts
    ? pointsPhase(
        promos!.list,
        promos!.context,
        lines.map((l, i) => ({
          lineNo: l.lineNo,
          sku: l.sku,
          category: l.category,
          quantityMilli: amounts.quantityMilli[i],
          net: amounts.net[i],
          payable: payable[i],
          earned: earned.shares[i],
          earns: !rules.excludedCategories.has(l.category),
        })),
        discounts.groups,
        pointValue,
      )
    : null;
  if (bonus) {
    for (let i = 0; i < n; i++) {
      earned.shares[i] += bonus.perLine[i];
      earned.total += bonus.perLine[i];
    }
  }

  const priced: PricedLine[] = [];
  const totals = { amount: 0, discount: 0, pointsRedeemed: redeemPoints, promoPointsRedeemed: promo?.total ?? 0, pointsEarned: earned.total, payable: 0 };
  let pointsPending = 0;
  for (let i = 0; i < n; i++) {
    const l = lines[i];
    const activation = lineActivation(rules, l.category);
    const line: PricedLine = {
      lineNo: l.lineNo,
      amount: amounts.amount[i],
      discount: amounts.discount[i],
      pointsRedeemed: redeemed[i],
      promoPointsRedeemed: promoPerLine[i],
      pointsEarned: earned.shares[i],
      payable: payable[i],
      sku: l.sku,
      category: l.category,
      price: l.price,
      quantityMilli: amounts.quantityMilli[i],
      ...(promoPerLine[i] > 0 ? { promoPromotionId: promo!.promotionOf[i] ?? null, ...(promo!.versionOf[i] !== undefined ? { promoVersionId: promo!.versionOf[i] } : {}) } : {}),
      earnRate: rates[i] / 100,
      activation,
    };
    if (line.pointsEarned > 0 && isPending(activation)) {
      line.pointsPending = true;
      pointsPending += line.pointsEarned;
    }
    priced.push(line);
    totals.amount += line.amount;
    totals.discount += line.discount;
    totals.payable += line.payable;
  }

  return {
    lines: priced,
    totals,
    maxRedeemablePoints: limit.max,
    requiresRedemptionCode: rules.def.redemption.requiresCode && redeemPoints > 0,
    tierCode: tier?.tier.code ?? null,
    pointsPending,
    redeemShare: tier?.redeemShare ?? 0,
    redemptionBlocked: blocked,
    promoRedeemed: promo?.byPromotion ?? [],
    promotions: { applied: [...(discounts?.applied ?? []), ...(bonus?.applied ?? [])], rejected: [...(discounts?.rejected ?? []), ...(bonus?.rejected ?? [])] },
  };
}
