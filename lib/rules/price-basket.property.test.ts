// Invariants of pricing and returns over random baskets of every reference program.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apportionReturn } from "./apportion-return";
import { priceBasket, type BasketLineInput, type PriceBasketInput } from "./price-basket";
import { REFERENCE_PROGRAMS, referenceProgram } from "./reference-programs";

/** Fewer runs under mutation testing (vitest.mutation.config.ts), where every mutant reruns these. */
const runs = (n: number) => Math.ceil(n * Number(process.env.PROPERTY_RUNS_SCALE ?? 1));
const programs = REFERENCE_PROGRAMS.map((name) => referenceProgram(name));
const CATEGORIES = ["merch", "ticket", "food", "wine", "gift-card", "coffee", "apparel", "tobacco"];

const lineArb = fc.record({
  sku: fc.constantFrom("A", "B", "C"),
  category: fc.constantFrom(...CATEGORIES),
  quantityMilli: fc.oneof(
    fc.integer({ min: 1, max: 5 }).map((q) => q * 1000),
    fc.integer({ min: 1, max: 20_000 }),
  ),
  price: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 5_000_000 })),
  discountShare: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
});

const basketArb = fc
  .record({
    program: fc.integer({ min: 0, max: programs.length - 1 }),
    tier: fc.nat(),
    store: fc.nat(),
    anonymous: fc.boolean(),
    offline: fc.boolean(),
    balance: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10_000_000 })),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 50 }),
    redeemShare: fc.double({ min: 0, max: 1, noNaN: true }),
    partnerAdd: fc.boolean(),
  })
  .map((b) => {
    const base = programs[b.program];
    const definition = b.partnerAdd ? { ...base, partnerRateMode: "add" as const } : base;
    const store = definition.stores[b.store % definition.stores.length];
    const lines: BasketLineInput[] = b.lines.map((l, i) => {
      const amount = Math.round((l.price * l.quantityMilli) / 1000);
      return {
        lineNo: i + 1,
        sku: l.sku,
        category: l.category,
        quantity: l.quantityMilli / 1000,
        price: l.price,
        discount: Math.floor(amount * l.discountShare),
      };
    });
    const input: PriceBasketInput = {
      definition,
      customer: b.anonymous ? null : { tierCode: definition.tiers[b.tier % definition.tiers.length].code, balances: { main: b.balance, promo: 0 } },
      store: { code: store.code, partnerCode: store.partner ?? null, tags: store.tags },
      lines,
      redeemPoints: 0,
      offline: b.offline && b.tier % 3 === 0,
    };
    return { input, redeemShare: b.redeemShare };
  });

/** The exact points of the receipt, computed independently with BigInt. */
function exactEarned(lines: { payable: number; amount: number; discount: number; earnRate: number }[], paid: boolean, pointValue: number) {
  let num = 0n;
  for (const l of lines) num += BigInt(paid ? l.payable : l.amount - l.discount) * BigInt(Math.round(l.earnRate * 100));
  return Number(num / BigInt(10_000 * pointValue));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("priceBasket properties", () => {
  it("lines sum to totals, nothing negative, spending within the limit, earning exact", () => {
    fc.assert(
      fc.property(basketArb, ({ input, redeemShare }) => {
        const quote = priceBasket(input);
        const redeemPoints = Math.floor(quote.maxRedeemablePoints * redeemShare);
        const minPoints = input.definition.redemption.minPoints;
        const r = priceBasket({ ...input, redeemPoints: redeemPoints < minPoints ? 0 : redeemPoints });
        const pv = input.definition.pointValue;

        expect(r.maxRedeemablePoints).toBe(quote.maxRedeemablePoints);
        expect(r.totals.pointsRedeemed).toBeLessThanOrEqual(r.maxRedeemablePoints);
        expect(r.maxRedeemablePoints).toBeLessThanOrEqual(input.customer?.balances.main ?? 0);
        for (const key of ["amount", "discount", "pointsRedeemed", "pointsEarned", "payable"] as const) expect(sum(r.lines.map((l) => l[key]))).toBe(r.totals[key]);
        for (const l of r.lines) {
          expect(l.payable).toBeGreaterThanOrEqual(0);
          expect(l.pointsEarned).toBeGreaterThanOrEqual(0);
          expect(l.pointsRedeemed).toBeGreaterThanOrEqual(0);
          expect(l.payable).toBe(l.amount - l.discount - l.pointsRedeemed * pv);
          expect(Number.isInteger(l.pointsEarned) && Number.isInteger(l.payable)).toBe(true);
        }
        expect(r.totals.pointsEarned).toBe(exactEarned(r.lines, input.definition.earning.base === "paid", pv));
        expect(r.totals.payable).toBe(r.totals.amount - r.totals.discount - r.totals.pointsRedeemed * pv);
        const share = r.redeemShare;
        expect(r.totals.pointsRedeemed * pv * 100).toBeLessThanOrEqual((r.totals.amount - r.totals.discount) * share + 1e-6);
      }),
      { numRuns: runs(400) },
    );
  });

  it("asking for more than allowed is a business error, never a wrong price", () => {
    fc.assert(
      fc.property(basketArb, fc.integer({ min: 1, max: 1000 }), ({ input }, extra) => {
        const quote = priceBasket(input);
        const ask = quote.maxRedeemablePoints + extra;
        let code = "none";
        try {
          priceBasket({ ...input, redeemPoints: ask });
        } catch (e) {
          code = (e as { code: string }).code;
        }
        expect(["redemption_not_allowed", "redeem_limit_exceeded", "insufficient_points", "customer_blocked"]).toContain(code);
      }),
      { numRuns: runs(200) },
    );
  });

  it("returns in any number of steps give back exactly what the receipt spent and earned", () => {
    const stepsArb = fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 0, maxLength: 4 }), {
      minLength: 50,
      maxLength: 50,
    });
    fc.assert(
      fc.property(basketArb, stepsArb, ({ input, redeemShare }, cuts) => {
        const quote = priceBasket(input);
        const wanted = Math.floor(quote.maxRedeemablePoints * redeemShare);
        // Below the program's minimum a spend is refused (a business rule tested elsewhere): pay in money then.
        const priced = priceBasket({ ...input, redeemPoints: wanted < input.definition.redemption.minPoints ? 0 : wanted });
        // Split each line's quantity into cumulative cut points, then return step by step.
        const plan = priced.lines.map((l, i) => {
          const points = [...new Set(cuts[i].map((c) => Math.floor(c * l.quantityMilli)))].filter((q) => q > 0 && q < l.quantityMilli);
          points.sort((a, b) => a - b);
          return [...points, l.quantityMilli].map((q, k, all) => q - (k ? all[k - 1] : 0));
        });
        const returned = priced.lines.map(() => 0);
        const got = priced.lines.map(() => ({ amount: 0, payable: 0, pointsRefunded: 0, pointsReclaimed: 0 }));
        const steps = Math.max(...plan.map((p) => p.length));
        for (let s = 0; s < steps; s++) {
          const stepLines = plan.flatMap((p, i) => (p[s] ? [{ lineNo: priced.lines[i].lineNo, quantity: p[s] / 1000 }] : []));
          const purchase = priced.lines.map((l, i) => ({ ...l, returnedMilli: returned[i] }));
          const r = apportionReturn(purchase, stepLines);
          for (const rl of r.lines) {
            const i = priced.lines.findIndex((l) => l.lineNo === rl.lineNo);
            returned[i] = rl.returnedMilli;
            for (const k of ["amount", "payable", "pointsRefunded", "pointsReclaimed"] as const) {
              expect(rl[k]).toBeGreaterThanOrEqual(0);
              got[i][k] += rl[k];
            }
          }
        }
        priced.lines.forEach((l, i) => {
          expect(got[i]).toEqual({ amount: l.amount, payable: l.payable, pointsRefunded: l.pointsRedeemed, pointsReclaimed: l.pointsEarned });
        });
      }),
      { numRuns: runs(150) },
    );
  });
});
