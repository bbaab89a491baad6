// Invariants of pricing with promotions over random baskets and random sets of promotions
// (issue 12's proof): totals equal the sum of lines, no line below zero, each promotion's parts sum
// to what it gave, budgets are never exceeded, returning every unit refunds exactly what was paid
// and takes back exactly the points earned, and the same basket priced twice gives the same answer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apportionReturn } from "@/lib/rules/apportion-return";
import { priceBasket, type BasketLineInput, type PriceBasketInput } from "@/lib/rules/price-basket";
import { REFERENCE_PROGRAMS, referenceProgram } from "@/lib/rules/reference-programs";
import { parsePromotion, type PromotionDefinition } from "./definition";
import type { PromoBalance } from "@/lib/rules/promo-redemption";
import type { ActivePromotion, PromotionContext, Remaining } from "./engine";
import { itemFilter, qualifies } from "./engine";

/** Fewer runs under mutation testing (vitest.mutation.config.ts), where every mutant reruns these. */
const runs = (n: number) => Math.ceil(n * Number(process.env.PROPERTY_RUNS_SCALE ?? 1));
const programs = REFERENCE_PROGRAMS.map((name) => referenceProgram(name));
const CATEGORIES = ["merch", "ticket", "food", "apparel", "socks"];
const SKUS = ["A", "B", "C", "D"];
const AT = new Date("2026-12-05T12:00:00+03:00");
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const percentArb = fc.oneof(
  fc.integer({ min: 1, max: 100 }),
  fc.integer({ min: 1, max: 9999 }).map((n) => n / 100),
);
const effectArb: fc.Arbitrary<PromotionDefinition["effect"]> = fc.oneof(
  fc.record({ type: fc.constant("percentOff" as const), percent: percentArb, maxDiscount: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: undefined }) }, { requiredKeys: ["type", "percent"] }),
  fc.record({ type: fc.constant("fixedPrice" as const), unitPrice: fc.integer({ min: 0, max: 300_000 }) }),
  fc.record({ type: fc.constant("amountOff" as const), amount: fc.integer({ min: 1, max: 1_000_000 }) }),
  fc.record(
    {
      type: fc.constant("buyXgetY" as const),
      buy: fc.integer({ min: 1, max: 4 }),
      get: fc.integer({ min: 1, max: 3 }),
      percent: percentArb,
      maxTimes: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    },
    { requiredKeys: ["type", "buy", "get", "percent"] },
  ),
  fc.oneof(fc.record({ type: fc.constant("bonusPoints" as const), points: fc.integer({ min: 1, max: 5000 }) }), fc.record({ type: fc.constant("bonusPoints" as const), percent: percentArb })),
  fc.record({ type: fc.constant("pointsMultiplier" as const), multiplier: fc.integer({ min: 11, max: 50 }).map((n) => n / 10) }),
  fc.record({ type: fc.constant("promoAccount" as const), points: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ type: fc.constant("issueCode" as const), promotion: fc.constant("next-visit"), validDays: fc.integer({ min: 1, max: 60 }) }),
);

const promotionArb = fc.record({
  effect: effectArb,
  categories: fc.option(fc.subarray(CATEGORIES, { minLength: 1 }), { nil: undefined }),
  excludeSkus: fc.option(fc.subarray(SKUS, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  minAmount: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
  minQuantity: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  priority: fc.integer({ min: 0, max: 5 }),
  group: fc.option(fc.constantFrom("g1", "g2"), { nil: undefined }),
  exclusive: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  perReceipt: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  remaining: fc.option(fc.record({ money: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }), points: fc.option(fc.integer({ min: 0, max: 2_000 }), { nil: undefined }) }), {
    nil: undefined,
  }),
});

type PromoSpec = { active: ActivePromotion; remaining: Remaining | undefined };

type PromotionCase = typeof promotionArb extends fc.Arbitrary<infer T> ? T : never;

function build(specs: PromotionCase[]): PromoSpec[] {
  return specs.map((s, i) => {
    const parsed = parsePromotion({
      code: `p${i}`,
      name: `Promotion ${i}`,
      effect: s.effect,
      basket: {
        ...(s.minAmount !== undefined ? { minAmount: s.minAmount } : {}),
        ...(s.minQuantity !== undefined ? { minQuantity: s.minQuantity } : {}),
        items: { ...(s.categories ? { categories: s.categories } : {}), ...(s.excludeSkus ? { excludeSkus: s.excludeSkus } : {}) },
      },
      stacking: { priority: s.priority, exclusive: s.exclusive, ...(s.group ? { group: s.group } : {}) },
      ...(s.perReceipt !== undefined ? { limits: { perReceipt: s.perReceipt } } : {}),
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return { active: { id: `prm_${i}`, versionId: `pmv_${i}`, version: 1, def: parsed.value }, remaining: s.remaining };
  });
}

const lineArb = fc.record({
  sku: fc.constantFrom(...SKUS),
  category: fc.constantFrom(...CATEGORIES),
  quantityMilli: fc.oneof(
    fc.integer({ min: 1, max: 6 }).map((q) => q * 1000),
    fc.integer({ min: 1, max: 9_000 }),
  ),
  price: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 2_000_000 })),
  tillDiscount: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.5, noNaN: true })),
});

const caseArb = fc
  .record({
    program: fc.integer({ min: 0, max: programs.length - 1 }),
    tier: fc.nat(),
    balance: fc.integer({ min: 0, max: 1_000_000 }),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 20 }),
    promotions: fc.array(promotionArb, { minLength: 1, maxLength: 6 }),
    redeemShare: fc.double({ min: 0, max: 1, noNaN: true }),
    // Promo-account points of (up to 3) promotions, each spendable only on its items; the first may be of no promotion.
    promo: fc.array(
      fc.record({
        categories: fc.option(fc.subarray(CATEGORIES, { minLength: 1 }), { nil: undefined }),
        skus: fc.option(fc.subarray(SKUS, { minLength: 1, maxLength: 2 }), { nil: undefined }),
        points: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 50_000 })),
        none: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
  })
  .map((c) => {
    const definition = programs[c.program];
    const store = definition.stores[0];
    const specs = build(c.promotions);
    const lines: BasketLineInput[] = c.lines.map((l, i) => ({
      lineNo: i + 1,
      sku: l.sku,
      category: l.category,
      quantity: l.quantityMilli / 1000,
      price: l.price,
      discount: Math.floor(Math.round((l.price * l.quantityMilli) / 1000) * l.tillDiscount),
    }));
    const remaining = new Map(specs.filter((s) => s.remaining).map((s) => [s.active.def.code, s.remaining!]));
    const context: PromotionContext = {
      at: AT,
      timeZone: "Europe/Moscow",
      customer: {
        id: "cus_prop",
        tierCode: definition.tiers[c.tier % definition.tiers.length].code,
        blocked: false,
        registeredAt: new Date("2025-01-01T00:00:00Z"),
        birthday: null,
        segments: new Set(),
      },
      codes: new Map(),
      remaining,
    };
    const promoBalances: PromoBalance[] = c.promo.map((b, k) => ({
      promotionId: k === 0 && b.none ? null : `pa_${k}`,
      points: b.points,
      items: { ...(b.categories ? { categories: b.categories } : {}), ...(b.skus ? { skus: b.skus } : {}) },
    }));
    const input: PriceBasketInput = {
      definition,
      customer: { tierCode: context.customer!.tierCode, balances: { main: c.balance, promo: sum(promoBalances.map((b) => b.points)) }, promoBalances },
      store: { code: store.code, partnerCode: store.partner ?? null, tags: store.tags },
      lines,
      redeemPoints: 0,
      promotions: { list: specs.map((s) => s.active), context },
    };
    return { input, specs, redeemShare: c.redeemShare };
  });

/** The same input rebuilt from JSON: no object is shared with the first pricing (no cache can answer). */
function fresh(input: PriceBasketInput): PriceBasketInput {
  const ctx = input.promotions!.context;
  return {
    ...input,
    lines: input.lines.map((l) => ({ ...l })),
    promotions: {
      list: input.promotions!.list.map((p) => ({ ...p, def: JSON.parse(JSON.stringify(p.def)) as PromotionDefinition })),
      context: { ...ctx, at: new Date(ctx.at.getTime()), remaining: new Map(ctx.remaining), codes: new Map(ctx.codes) },
    },
  };
}

/** An answer to compare: each applied promotion's definition by its code. */
const strip = (r: ReturnType<typeof priceBasket>) => ({ ...r, promotions: { applied: r.promotions.applied.map(({ def, ...x }) => ({ ...x, def: def.code })), rejected: r.promotions.rejected } });

/** Prices with a random part of the allowed points spent (below the program's minimum: none). */
function priceWithSpend(input: PriceBasketInput, share: number) {
  const quote = priceBasket(input);
  const wanted = Math.floor(quote.maxRedeemablePoints * share);
  return priceBasket({ ...input, redeemPoints: wanted < input.definition.redemption.minPoints ? 0 : wanted });
}

describe("priceBasket with promotions: properties", () => {
  it("totals are the sum of lines, no line below zero, each promotion's parts sum to what it gave, budgets hold", () => {
    const seen = { discount: 0, points: 0, promoAccount: 0, capped: 0, promoSpent: 0, promoAndMain: 0, runs: 0 };
    fc.assert(
      fc.property(caseArb, ({ input, specs, redeemShare }) => {
        const r = priceWithSpend(input, redeemShare);
        const pv = input.definition.pointValue;
        for (const key of ["amount", "discount", "pointsRedeemed", "promoPointsRedeemed", "pointsEarned", "payable"] as const) expect(sum(r.lines.map((l) => l[key]))).toBe(r.totals[key]);
        // Promo points: only on lines their promotion's items select, never above its balance, and first.
        const balances = input.customer!.promoBalances!;
        for (const l of r.lines) {
          expect(l.promoPointsRedeemed).toBeGreaterThanOrEqual(0);
          expect(l.promoPointsRedeemed).toBeLessThanOrEqual(l.pointsRedeemed);
          if (l.promoPointsRedeemed === 0) continue;
          const b = balances.find((x) => x.promotionId === l.promoPromotionId)!;
          expect(qualifies(itemFilter(b.items), l)).toBe(true);
        }
        for (const b of balances) {
          const spent = sum(r.lines.filter((l) => l.promoPointsRedeemed > 0 && l.promoPromotionId === b.promotionId).map((l) => l.promoPointsRedeemed));
          expect(spent).toBeLessThanOrEqual(b.points);
          expect(r.promoRedeemed.find((x) => x.promotionId === b.promotionId)?.points ?? 0).toBe(spent);
        }
        expect(r.totals.pointsRedeemed - r.totals.promoPointsRedeemed).toBeLessThanOrEqual(input.customer!.balances.main);
        // Main points are spent only when the promo points could pay no more: every promotion with
        // points left has filled each of its lines that no other promotion's points paid.
        if (r.totals.pointsRedeemed > r.totals.promoPointsRedeemed) {
          for (const b of balances) {
            const spent = r.promoRedeemed.find((x) => x.promotionId === b.promotionId)?.points ?? 0;
            if (spent >= b.points) continue;
            for (const l of r.lines) {
              if (!qualifies(itemFilter(b.items), l) || (l.promoPointsRedeemed > 0 && l.promoPromotionId !== b.promotionId)) continue;
              expect(l.promoPointsRedeemed).toBe(Math.floor((l.amount - l.discount) / pv));
            }
          }
        }
        if (r.totals.promoPointsRedeemed > 0) seen.promoSpent++;
        if (r.totals.promoPointsRedeemed > 0 && r.totals.pointsRedeemed > r.totals.promoPointsRedeemed) seen.promoAndMain++;
        for (const l of r.lines) {
          expect(l.discount).toBeGreaterThanOrEqual(0);
          expect(l.discount).toBeLessThanOrEqual(l.amount);
          expect(l.payable).toBeGreaterThanOrEqual(0);
          expect(l.pointsEarned).toBeGreaterThanOrEqual(0);
          expect(l.payable).toBe(l.amount - l.discount - l.pointsRedeemed * pv);
        }
        // Every promotion is either applied once or rejected with a reason.
        const codes = [...r.promotions.applied.map((a) => a.code), ...r.promotions.rejected.map((x) => x.code)].sort();
        expect(codes).toEqual(specs.map((s) => s.active.def.code).sort());
        // The promotions' discounts are exactly the discount added on top of the till's.
        const tillDiscount = sum(input.lines.map((l) => l.discount ?? 0));
        expect(sum(r.promotions.applied.map((a) => a.discount))).toBe(r.totals.discount - tillDiscount);
        for (const a of r.promotions.applied) {
          expect(sum(a.lines.map((l) => l.discount))).toBe(a.discount);
          // Bonus and promo-account points alike are spread over the lines that earned them.
          expect(sum(a.lines.map((l) => l.points))).toBe(a.points);
          for (const l of a.lines) expect(l.discount >= 0 && l.points >= 0).toBe(true);
          const left = specs.find((s) => s.active.def.code === a.code)!.remaining;
          if (left?.money !== undefined) expect(a.discount).toBeLessThanOrEqual(left.money);
          if (left?.points !== undefined && a.def.effect.type !== "issueCode") expect(a.points).toBeLessThanOrEqual(left.points);
          if (a.def.stacking?.exclusive) expect(r.promotions.applied).toHaveLength(1);
        }
        const groups = r.promotions.applied.map((a) => a.def.stacking?.group).filter(Boolean);
        expect(new Set(groups).size).toBe(groups.length);
        seen.runs++;
        if (r.promotions.applied.some((a) => a.discount > 0)) seen.discount++;
        if (r.promotions.applied.some((a) => a.points > a.promoAccountPoints)) seen.points++;
        if (r.promotions.applied.some((a) => a.promoAccountPoints > 0)) seen.promoAccount++;
        if (
          r.promotions.rejected.some((x) => x.reason === "budget") ||
          r.promotions.applied.some((a) => specs.find((s) => s.active.def.code === a.code)!.remaining?.money === a.discount && a.discount > 0)
        )
          seen.capped++;
      }),
      { numRuns: runs(400) },
    );
    // The generator really exercises the engine: discounts, bonus points, promo-account points and budgets.
    expect(seen.discount).toBeGreaterThan(seen.runs / 4);
    expect(seen.points).toBeGreaterThan(seen.runs / 10);
    expect(seen.promoAccount).toBeGreaterThan(seen.runs / 20);
    expect(seen.capped).toBeGreaterThan(seen.runs / 100);
    expect(seen.promoSpent).toBeGreaterThan(seen.runs / 30);
    expect(seen.promoAndMain).toBeGreaterThan(seen.runs / 100);
  });

  it("the same basket priced twice gives the same answer", () => {
    fc.assert(
      fc.property(caseArb, ({ input, redeemShare }) => {
        const a = priceWithSpend(input, redeemShare);
        const b = priceWithSpend(fresh(input), redeemShare);
        expect(strip(b)).toEqual(strip(a));
      }),
      { numRuns: runs(200) },
    );
  });

  it("the till's frozen list of promotions (compiled and sorted once, kept with the list) prices as any other list", () => {
    fc.assert(
      fc.property(caseArb, ({ input, redeemShare }) => {
        const frozen = { ...input, promotions: { ...input.promotions!, list: Object.freeze([...input.promotions!.list]) } };
        const a = priceWithSpend(fresh(input), redeemShare);
        // Twice: the first pricing prepares the list, the second uses what was kept.
        expect(strip(priceWithSpend(frozen, redeemShare))).toEqual(strip(a));
        expect(strip(priceWithSpend(frozen, redeemShare))).toEqual(strip(a));
      }),
      { numRuns: runs(200) },
    );
  });

  it("the till's refusals of presented codes only (reasons: codes) price the same and keep those codes' reasons", () => {
    // Each promotion may also have a holdout, store tags, a code trigger, a presented code and another
    // status, so the holdout's hash (left for last when the reason is not listed) meets every later
    // check; the frozen list is priced at two stores in turn (what a store never gets is kept per store).
    const extraArb = fc.array(
      fc.record({
        holdout: fc.constantFrom(0, 10, 30, 50),
        tags: fc.option(fc.subarray(["stadium", "online", "bar"], { minLength: 1 }), { nil: undefined }),
        code: fc.boolean(),
        presented: fc.boolean(),
        paused: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      }),
      { minLength: 6, maxLength: 6 },
    );
    fc.assert(
      fc.property(caseArb, extraArb, fc.string({ minLength: 1, maxLength: 12 }), ({ input, redeemShare }, extras, customerId) => {
        const ctx = input.promotions!.context;
        const list = input.promotions!.list.map((p, i) => {
          const x = extras[i];
          const def: PromotionDefinition = {
            ...p.def,
            ...(x.code ? { trigger: "code" as const } : {}),
            ...(x.holdout ? { audience: { holdoutPercent: x.holdout } } : {}),
            ...(x.tags ? { where: { storeTags: x.tags } } : {}),
            ...(x.paused ? { status: "paused" as const } : {}),
          };
          return { ...p, def };
        });
        const codes = new Map(list.filter((_, i) => extras[i].presented).map((p) => [p.def.code, `CODE-${p.def.code}`]));
        const context = { ...ctx, customer: { ...ctx.customer!, id: customerId }, codes };
        const frozen = Object.freeze([...list]);
        const bar = { code: "bar-01", partnerCode: null, tags: ["bar", "online"] };
        for (const store of [input.store, bar, input.store]) {
          const all = priceWithSpend({ ...input, store, promotions: { list, context } }, redeemShare);
          const onlyCodes = priceWithSpend({ ...input, store, promotions: { list: frozen, context: { ...context, reasons: "codes" } } }, redeemShare);
          expect(strip(onlyCodes).promotions.applied).toEqual(strip(all).promotions.applied);
          expect({ ...onlyCodes, promotions: null }).toEqual({ ...all, promotions: null });
          // What the till's answer reads (promotionResult: the last reason listed for a code wins).
          const reasons = (r: typeof all) => new Map(r.promotions.rejected.filter((x) => codes.has(x.code)).map((x) => [x.code, x.reason]));
          expect(reasons(onlyCodes)).toEqual(reasons(all));
          expect(onlyCodes.promotions.rejected.every((x) => codes.has(x.code) || x.reason === "exclusive")).toBe(true);
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it("returning every unit, in any number of steps, refunds exactly what was paid and takes back exactly the points earned", () => {
    const stepsArb = fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 0, maxLength: 3 }), { minLength: 20, maxLength: 20 });
    fc.assert(
      fc.property(caseArb, stepsArb, ({ input, redeemShare }, cuts) => {
        const priced = priceWithSpend(input, redeemShare);
        const plan = priced.lines.map((l, i) => {
          const points = [...new Set(cuts[i].map((c) => Math.floor(c * l.quantityMilli)))].filter((q) => q > 0 && q < l.quantityMilli).sort((a, b) => a - b);
          return [...points, l.quantityMilli].map((q, k, all) => q - (k ? all[k - 1] : 0));
        });
        const returned = priced.lines.map(() => 0);
        const got = priced.lines.map(() => ({ payable: 0, pointsRefunded: 0, promoPointsRefunded: 0, pointsReclaimed: 0 }));
        const steps = Math.max(...plan.map((p) => p.length));
        for (let s = 0; s < steps; s++) {
          const stepLines = plan.flatMap((p, i) => (p[s] ? [{ lineNo: priced.lines[i].lineNo, quantity: p[s] / 1000 }] : []));
          const r = apportionReturn(
            priced.lines.map((l, i) => ({ ...l, returnedMilli: returned[i] })),
            stepLines,
          );
          for (const rl of r.lines) {
            const i = priced.lines.findIndex((l) => l.lineNo === rl.lineNo);
            returned[i] = rl.returnedMilli;
            got[i].payable += rl.payable;
            got[i].pointsRefunded += rl.pointsRefunded;
            got[i].promoPointsRefunded += rl.promoPointsRefunded;
            expect(rl.promoPointsRefunded).toBeGreaterThanOrEqual(0);
            expect(rl.pointsRefunded).toBeGreaterThanOrEqual(rl.promoPointsRefunded);
            got[i].pointsReclaimed += rl.pointsReclaimed;
          }
        }
        expect(sum(got.map((g) => g.payable))).toBe(priced.totals.payable);
        expect(sum(got.map((g) => g.pointsReclaimed))).toBe(priced.totals.pointsEarned);
        expect(sum(got.map((g) => g.pointsRefunded))).toBe(priced.totals.pointsRedeemed);
        expect(sum(got.map((g) => g.promoPointsRefunded))).toBe(priced.totals.promoPointsRedeemed);
        priced.lines.forEach((l, i) => expect(got[i]).toEqual({ payable: l.payable, pointsRefunded: l.pointsRedeemed, promoPointsRefunded: l.promoPointsRedeemed, pointsReclaimed: l.pointsEarned }));
      }),
      { numRuns: runs(150) },
    );
  });
});
