import { describe, expect, it } from "vitest";
import type { ProgramDefinition } from "@/lib/program/definition";
import { qualifiedTier } from "@/lib/tiers/evaluate-status";
import { priceBasket, type BasketCustomer, type BasketLineInput, type PriceBasketInput } from "./price-basket";
import { referenceProgram } from "./reference-programs";

const sportswear = referenceProgram("sportswear-retailer");
const coalition = referenceProgram("coalition");
const park = referenceProgram("amusement-park");
const football = referenceProgram("football-club");
const liquor = referenceProgram("liquor-chain");

const STORE = { code: "msk-01", partnerCode: null, tags: ["flagship"] };
const OUTLET = { code: "outlet-01", partnerCode: null, tags: ["outlet"] };
const member = (tierCode: string, main = 100_000, extra: Partial<BasketCustomer> = {}): BasketCustomer => ({
  tierCode,
  balances: { main, promo: 0 },
  ...extra,
});
const line = (lineNo: number, price: number, category = "apparel", quantity = 1, discount?: number): BasketLineInput => ({
  lineNo,
  sku: `SKU-${lineNo}`,
  category,
  quantity,
  price,
  ...(discount === undefined ? {} : { discount }),
});

function price(overrides: Partial<PriceBasketInput> & { definition?: ProgramDefinition }) {
  return priceBasket({ definition: sportswear, customer: member("silver"), store: STORE, lines: [], redeemPoints: 0, ...overrides });
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return "no error";
};

describe("priceBasket: the contract's example", () => {
  it("prices 7,900 RUB, silver 5 %, 1000 points spent exactly as CONTRACTS.md", () => {
    const r = price({
      customer: member("silver", 5230),
      lines: [{ lineNo: 1, sku: "JERSEY-HOME", category: "merch", quantity: 1, price: 790000 }],
      redeemPoints: 1000,
    });
    expect(r.lines).toEqual([expect.objectContaining({ lineNo: 1, amount: 790000, discount: 0, pointsRedeemed: 1000, pointsEarned: 345, payable: 690000 })]);
    expect(r.lines[0].pointsPending).toBeUndefined();
    expect(r.totals).toEqual({ amount: 790000, discount: 0, pointsRedeemed: 1000, promoPointsRedeemed: 0, pointsEarned: 345, payable: 690000 });
    expect(r.maxRedeemablePoints).toBe(2370);
    expect(r.requiresRedemptionCode).toBe(true);
  });
});

describe("priceBasket: sportswear retailer", () => {
  it("a Participant earns and spends nothing until 10,000 RUB, then Bronze earns 3 %", () => {
    const before = qualifiedTier(sportswear, { spend: 999_999, visits: 0, purchases: 4 });
    expect(before.code).toBe("participant");
    const p = price({ customer: member(before.code, 5000), lines: [line(1, 500000)] });
    expect(p.totals.pointsEarned).toBe(0);
    expect(p.maxRedeemablePoints).toBe(0);
    expect(p.redemptionBlocked).toBe("tier");
    expect(codeOf(() => price({ customer: member("participant", 5000), lines: [line(1, 500000)], redeemPoints: 1 }))).toBe("redemption_not_allowed");

    const after = qualifiedTier(sportswear, { spend: 1_000_000, visits: 0, purchases: 5 });
    expect(after.code).toBe("bronze");
    const b = price({ customer: member(after.code, 0), lines: [line(1, 500000)] });
    expect(b.totals.pointsEarned).toBe(150); // 3 % of 5,000 RUB
  });

  it("a Silver receipt of 7,900 RUB may use at most 30 % in points: 2370", () => {
    const input = { customer: member("silver", 10_000), lines: [line(1, 790000)] };
    expect(price(input).maxRedeemablePoints).toBe(2370);
    expect(price({ ...input, redeemPoints: 2370 }).totals.payable).toBe(553000);
    expect(codeOf(() => price({ ...input, redeemPoints: 2371 }))).toBe("redeem_limit_exceeded");
  });

  it("the balance limits too: insufficient_points above it", () => {
    const input = { customer: member("silver", 1500), lines: [line(1, 790000)] };
    expect(price(input).maxRedeemablePoints).toBe(1500);
    expect(codeOf(() => price({ ...input, redeemPoints: 1501 }))).toBe("insufficient_points");
  });

  it("outlet stores cannot take points but still give them", () => {
    const r = price({ store: OUTLET, customer: member("gold", 10_000), lines: [line(1, 100000)] });
    expect(r.maxRedeemablePoints).toBe(0);
    expect(r.redemptionBlocked).toBe("store");
    expect(r.totals.pointsEarned).toBe(70);
    expect(codeOf(() => price({ store: OUTLET, customer: member("gold", 10_000), lines: [line(1, 100000)], redeemPoints: 10 }))).toBe("redemption_not_allowed");
  });

  it("gift cards earn nothing; the code is needed only when points are spent", () => {
    const r = price({ customer: member("gold"), lines: [line(1, 300000, "gift-card"), line(2, 100000)] });
    expect(r.lines.map((l) => [l.pointsEarned, l.earnRate])).toEqual([
      [0, 0],
      [70, 7],
    ]);
    expect(r.requiresRedemptionCode).toBe(false);
  });

  it("promotion discounts come off before the share and the earning", () => {
    const r = price({ customer: member("silver"), lines: [line(1, 100000, "apparel", 2, 50000)] });
    expect(r.totals).toMatchObject({ amount: 200000, discount: 50000, payable: 150000, pointsEarned: 75 });
    expect(r.maxRedeemablePoints).toBe(450);
  });
});

describe("priceBasket: customers and receipts that cannot spend", () => {
  it("anonymous receipts earn and spend nothing", () => {
    const r = price({ customer: null, lines: [line(1, 100000)] });
    expect(r).toMatchObject({ tierCode: null, maxRedeemablePoints: 0, redemptionBlocked: "anonymous" });
    expect(r.totals.pointsEarned).toBe(0);
    expect(codeOf(() => price({ customer: null, lines: [line(1, 100000)], redeemPoints: 5 }))).toBe("redemption_not_allowed");
  });

  it("offline receipts earn as usual but cannot spend", () => {
    const r = price({ offline: true, customer: member("gold"), lines: [line(1, 100000)] });
    expect(r).toMatchObject({ maxRedeemablePoints: 0, redemptionBlocked: "offline" });
    expect(r.totals.pointsEarned).toBe(70);
    expect(codeOf(() => price({ offline: true, customer: member("gold"), lines: [line(1, 100000)], redeemPoints: 5 }))).toBe("redemption_not_allowed");
  });

  it("a blocked customer earns nothing and gets customer_blocked when spending", () => {
    const blocked = member("gold", 10_000, { blocked: true });
    const r = price({ customer: blocked, lines: [line(1, 100000)] });
    expect(r.totals.pointsEarned).toBe(0);
    expect(r.maxRedeemablePoints).toBe(0);
    expect(codeOf(() => price({ customer: blocked, lines: [line(1, 100000)], redeemPoints: 1 }))).toBe("customer_blocked");
  });

  it("a tier the definition no longer has prices as the entry tier", () => {
    expect(price({ customer: member("platinum"), lines: [line(1, 100000)] }).tierCode).toBe("participant");
  });

  it("respects a program's minimum spend (liquor chain: 10 points)", () => {
    const input = { definition: liquor, store: { code: "msk-001", partnerCode: null, tags: ["street"] }, customer: member("member", 500) };
    expect(codeOf(() => price({ ...input, lines: [line(1, 100000, "wine")], redeemPoints: 9 }))).toBe("redemption_not_allowed");
    expect(price({ ...input, lines: [line(1, 100000, "wine")], redeemPoints: 10 }).totals.pointsRedeemed).toBe(10);
    expect(price({ ...input, customer: member("member", 9), lines: [line(1, 100000, "wine")] }).maxRedeemablePoints).toBe(0);
  });

  it("the liquor chain lets points pay up to 70 %; tobacco earns nothing", () => {
    const r = price({
      definition: liquor,
      store: { code: "vvo-001", partnerCode: null, tags: ["street"] },
      customer: member("sommelier", 100_000),
      lines: [line(1, 250000, "wine"), line(2, 30000, "tobacco"), line(3, 120000, "spirits")],
    });
    expect(r.maxRedeemablePoints).toBe(2800); // 70 % of 4,000 RUB
    expect(r.lines.map((l) => l.pointsEarned)).toEqual([125, 0, 36]); // wine 5 %, spirits 3 %
  });
});

describe("priceBasket: coalition partners", () => {
  const coffee = { code: "coffee-arbat", partnerCode: "coffee", tags: ["cafe"] };
  it("a partner with 5 % beats a 3 % tier under `max`", () => {
    const r = price({ definition: coalition, store: coffee, customer: member("silver"), lines: [line(1, 100000, "coffee")] });
    expect(r.lines[0].earnRate).toBe(5);
    expect(r.totals.pointsEarned).toBe(50);
  });
  it("a higher tier rate wins under `max`", () => {
    const r = price({ definition: coalition, store: coffee, customer: member("gold"), lines: [line(1, 100000, "coffee")] });
    expect(r.lines[0].earnRate).toBe(6);
  });
  it("`add` gives tier + partner: 8 %", () => {
    const add = { ...coalition, partnerRateMode: "add" as const };
    const r = price({ definition: add, store: coffee, customer: member("silver"), lines: [line(1, 100000, "coffee")] });
    expect(r.lines[0].earnRate).toBe(8);
    expect(r.totals.pointsEarned).toBe(80);
  });
  it("points wait for the return window (7 days) and say so", () => {
    const r = price({ definition: coalition, store: coffee, customer: member("member"), lines: [line(1, 100000, "coffee")] });
    expect(r.lines[0]).toMatchObject({ pointsEarned: 50, pointsPending: true, activation: { afterDays: 7 } });
    expect(r.pointsPending).toBe(50);
  });
});

describe("priceBasket: amusement park", () => {
  const boxOffice = { code: "box-office", partnerCode: null, tags: ["tickets"] };
  it("tickets wait for validation, food is active at once", () => {
    const r = price({
      definition: park,
      store: boxOffice,
      customer: member("adventurer"),
      lines: [line(1, 350000, "ticket", 2), line(2, 89000, "food")],
    });
    expect(r.lines[0]).toMatchObject({ pointsEarned: 700, pointsPending: true, activation: { on: "validation" } });
    expect(r.lines[1]).toMatchObject({ pointsEarned: 106, activation: { afterDays: 0 } }); // 12 % of 890 RUB
    expect(r.lines[1].pointsPending).toBeUndefined();
    expect(r.pointsPending).toBe(700);
  });

  it("a ticket that earns nothing (anonymous) has nothing pending", () => {
    const r = price({ definition: park, store: boxOffice, customer: null, lines: [line(1, 350000, "ticket")] });
    expect(r.lines[0]).toMatchObject({ pointsEarned: 0, activation: { on: "validation" } });
    expect(r.lines[0].pointsPending).toBeUndefined();
    expect(r.pointsPending).toBe(0);
  });
});

describe("priceBasket: arithmetic", () => {
  it("weight goods: amount = round(price × quantity), half up", () => {
    const r = price({ definition: liquor, store: STORE, customer: null, lines: [line(1, 89900, "cheese", 0.455)] });
    expect(r.lines[0]).toMatchObject({ amount: 40905, quantityMilli: 455 }); // 409.045 RUB
  });

  it("spreads spent points by largest remainder and earns on the exact total", () => {
    const r = price({ customer: member("silver"), lines: [line(1, 10000), line(2, 10000), line(3, 10000)], redeemPoints: 50 });
    expect(r.lines.map((l) => l.pointsRedeemed)).toEqual([17, 17, 16]);
    expect(r.lines.map((l) => l.payable)).toEqual([8300, 8300, 8400]);
    // 5 % of 250 RUB = 12.5 → 12 points; the lines' exact 4.15 + 4.15 + 4.2 round to 4 + 4 + 4.
    expect(r.totals.pointsEarned).toBe(12);
    expect(r.lines.map((l) => l.pointsEarned)).toEqual([4, 4, 4]);
  });

  it("never takes a line below zero, even when a line is smaller than a point", () => {
    const r = price({
      definition: { ...sportswear, tiers: sportswear.tiers.map((t) => ({ ...t, maxRedeemShare: 100 })) },
      customer: member("gold"),
      lines: [line(1, 50), line(2, 50), line(3, 50), line(4, 250)],
    });
    expect(r.maxRedeemablePoints).toBe(2); // 4 RUB by share, but the small lines cannot hold a whole point
    const spent = price({
      definition: { ...sportswear, tiers: sportswear.tiers.map((t) => ({ ...t, maxRedeemShare: 100 })) },
      customer: member("gold"),
      lines: [line(1, 50), line(2, 50), line(3, 50), line(4, 250)],
      redeemPoints: 2,
    });
    expect(spent.lines.map((l) => l.payable)).toEqual([50, 50, 50, 50]);
  });

  it("earning base `full` counts the part paid with points", () => {
    const full = { ...sportswear, earning: { ...sportswear.earning, base: "full" as const } };
    const r = price({ definition: full, customer: member("silver"), lines: [line(1, 790000)], redeemPoints: 1000 });
    expect(r.totals.pointsEarned).toBe(395);
  });

  it("rates with decimals stay exact", () => {
    const def = { ...football, tiers: football.tiers.map((t, i) => (i === 0 ? { ...t, earnRate: 2.5 } : t)) };
    const r = price({ definition: def, store: STORE, customer: member("novice"), lines: [line(1, 33333, "merch", 3)] });
    expect(r.totals.pointsEarned).toBe(24); // 2.5 % of 999.99 RUB = 24.99975
  });

  it("without promotions nothing is applied or rejected", () => {
    const lines = [line(1, 100000)];
    expect(price({ lines }).promotions).toEqual({ applied: [], rejected: [] });
  });

  it("rejects malformed lines with paths", () => {
    try {
      price({ lines: [line(1, 100), line(1, 10.5, "x", 0.0001), line(3, 100, "x", 1, 200)], redeemPoints: -1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: "invalid_request" });
      expect((e as { details: { path: string }[] }).details.map((d) => d.path)).toEqual(["lines[1].lineNo", "lines[1].quantity", "lines[1].price", "lines[2].discount", "redeemPoints"]);
    }
  });
});
