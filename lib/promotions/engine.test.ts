// Worked examples, computed by hand, for every effect type, for stacking (same group, exclusive,
// priority) and for eligibility. Sportswear program: 1 point = 1.00 RUB, silver earns 5 % of the paid part.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { priceBasket, type BasketLineInput, type PriceBasketInput } from "@/lib/rules/price-basket";
import { referenceProgram } from "@/lib/rules/reference-programs";
import { parsePromotion, parsePromotionsFile, diffPromotions, type PromotionDefinition } from "./definition";
import type { ActivePromotion, PromotionContext, PromotionCustomer } from "./engine";
import { holdoutBucket, inHoldout } from "./holdout";

const sportswear = referenceProgram("sportswear-retailer");
const STORE = { code: "msk-01", partnerCode: null, tags: ["flagship"] };
const OUTLET = { code: "outlet-01", partnerCode: null, tags: ["outlet"] };
// Saturday 2026-12-05 12:00 Moscow.
const SAT_NOON = new Date("2026-12-05T12:00:00+03:00");
const CUSTOMER: PromotionCustomer = { id: "cus_1", tierCode: "silver", blocked: false, registeredAt: new Date("2026-01-01T00:00:00Z"), birthday: { month: 12, day: 7 }, segments: new Set(["lapsed"]) };

let seq = 0;
function promo(def: Partial<PromotionDefinition> & { effect: PromotionDefinition["effect"] }): ActivePromotion {
  const r = parsePromotion({ code: `p${++seq}`, name: `Promotion ${seq}`, ...def });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { id: `prm_${seq}`, versionId: `pmv_${seq}`, version: 1, def: r.value };
}
const line = (lineNo: number, price: number, category = "apparel", quantity = 1, sku = `SKU-${lineNo}`): BasketLineInput => ({ lineNo, sku, category, quantity, price });
const ctx = (over: Partial<PromotionContext> = {}): PromotionContext => ({ at: SAT_NOON, timeZone: "Europe/Moscow", customer: CUSTOMER, codes: new Map(), ...over });

function price(list: ActivePromotion[], lines: BasketLineInput[], over: Partial<PriceBasketInput> = {}, context: Partial<PromotionContext> = {}) {
  return priceBasket({
    definition: sportswear,
    customer: { tierCode: "silver", balances: { main: 100_000, promo: 0 } },
    store: STORE,
    lines,
    redeemPoints: 0,
    promotions: { list, context: ctx(context) },
    ...over,
  });
}
const applied = (r: ReturnType<typeof price>) =>
  r.promotions.applied.map((a) => ({ code: a.code, discount: a.discount, points: a.points, lines: a.lines.map((l) => [l.lineNo, l.discount, l.points]) }));
const reason = (r: ReturnType<typeof price>, code: string) => r.promotions.rejected.find((x) => x.code === code)?.reason;

describe("effects, one at a time", () => {
  it("buyXgetY 2 + 1: the cheapest qualifying unit is free (the contract's 45,000 example)", () => {
    const socks = promo({ effect: { type: "buyXgetY", buy: 2, get: 1, percent: 100 }, basket: { items: { categories: ["socks"] } } });
    const r = price([socks], [line(1, 790000, "merch"), line(2, 60000, "socks", 2), line(3, 45000, "socks")]);
    expect(applied(r)).toEqual([{ code: socks.def.code, discount: 45000, points: 0, lines: [[3, 45000, 0]] }]);
    expect(r.lines.map((l) => l.discount)).toEqual([0, 0, 45000]);
    // Earned on the paid part: 790,000 + 120,000 = 910,000 × 5 % = 45,500 minor = 455 points.
    expect(r.totals).toMatchObject({ amount: 955000, discount: 45000, payable: 910000, pointsEarned: 455 });
  });

  it("buyXgetY counts occurrences: 7 units give 2 free, maxTimes 1 gives one; a unit takes part once", () => {
    const free = promo({ effect: { type: "buyXgetY", buy: 2, get: 1, percent: 100 } });
    expect(price([free], [line(1, 10000, "socks", 7)]).totals.discount).toBe(20000);
    const once = promo({ effect: { type: "buyXgetY", buy: 2, get: 1, percent: 100, maxTimes: 1 } });
    expect(price([once], [line(1, 10000, "socks", 7)]).totals.discount).toBe(10000);
    const half = promo({ effect: { type: "buyXgetY", buy: 1, get: 1, percent: 50 } });
    // 3 units: one occurrence (2 units), the cheaper unit at 50 %: 30,000 / 2 = 15,000.
    expect(applied(price([half], [line(1, 50000), line(2, 30000), line(3, 40000)]))[0].lines).toEqual([[2, 15000, 0]]);
  });

  it("percentOff spreads its total by the largest remainder and stops at maxDiscount", () => {
    const p = promo({ effect: { type: "percentOff", percent: 20, maxDiscount: 150000 }, basket: { items: { categories: ["merch"] } } });
    const r = price([p], [line(1, 790000, "merch"), line(2, 210000, "merch"), line(3, 50000, "socks")]);
    // 20 % of 1,000,000 = 200,000, capped at 150,000: 118,500 + 31,500.
    expect(applied(r)[0].lines).toEqual([
      [1, 118500, 0],
      [2, 31500, 0],
    ]);
    expect(r.totals.discount).toBe(150000);
  });

  it("fixedPrice sets the unit price of qualifying lines and never raises one", () => {
    const p = promo({ effect: { type: "fixedPrice", unitPrice: 99000 }, basket: { items: { skus: ["CAP", "SCARF"] } } });
    const r = price([p], [line(1, 150000, "merch", 2, "CAP"), line(2, 80000, "merch", 1, "SCARF")]);
    expect(applied(r)[0].lines).toEqual([[1, 102000, 0]]);
  });

  it("amountOff applies to the receipt after line effects, spread in proportion to the net", () => {
    const ten = promo({ effect: { type: "percentOff", percent: 10 }, basket: { items: { categories: ["socks"] } }, stacking: { priority: 5, exclusive: false } });
    const off = promo({ effect: { type: "amountOff", amount: 50000 }, stacking: { priority: 100, exclusive: false } });
    const r = price([off, ten], [line(1, 30000, "socks"), line(2, 70000)]);
    // Line effects first (whatever the priority): socks 30,000 → 27,000; then 50,000 over 27,000 : 70,000.
    expect(applied(r)).toEqual([
      { code: ten.def.code, discount: 3000, points: 0, lines: [[1, 3000, 0]] },
      {
        code: off.def.code,
        discount: 50000,
        points: 0,
        lines: [
          [1, 13918, 0],
          [2, 36082, 0],
        ],
      },
    ]);
    const thirds = price([promo({ effect: { type: "amountOff", amount: 10000 } })], [line(1, 10000), line(2, 10000), line(3, 10000)]);
    expect(thirds.lines.map((l) => l.discount)).toEqual([3334, 3333, 3333]);
  });

  it("bonusPoints: fixed points over the paid part, or a percent of the qualifying paid amount", () => {
    const fixed = promo({ effect: { type: "bonusPoints", points: 500 } });
    const r = price([fixed], [line(1, 30000), line(2, 70000)]);
    // Base: 5 % of 100,000 = 50 points (15 + 35); bonus 500 by payable: 150 + 350.
    expect(r.lines.map((l) => l.pointsEarned)).toEqual([165, 385]);
    expect(applied(r)[0]).toMatchObject({ points: 500, discount: 0 });
    const pct = promo({ effect: { type: "bonusPoints", percent: 10 }, basket: { items: { categories: ["socks"] } } });
    const q = price([pct], [line(1, 100000, "socks"), line(2, 100000)]);
    expect(applied(q)[0].points).toBe(100);
    expect(q.totals.pointsEarned).toBe(100 + 100);
  });

  it("pointsMultiplier multiplies the base earning of qualifying lines only", () => {
    const x3 = promo({ effect: { type: "pointsMultiplier", multiplier: 3 }, basket: { items: { categories: ["socks"] } } });
    const r = price([x3], [line(1, 100000, "socks"), line(2, 100000)]);
    expect(r.lines.map((l) => l.pointsEarned)).toEqual([150, 50]);
  });

  it("promoAccount and issueCode apply with their points and code, and never to anonymous receipts", () => {
    const acc = promo({ effect: { type: "promoAccount", points: 300, expiresInDays: 30 } });
    const issue = promo({ effect: { type: "issueCode", promotion: "next-visit", validDays: 30 } });
    const r = price([acc, issue], [line(1, 100000)]);
    expect(r.promotions.applied.map((a) => [a.promoAccountPoints, a.issue])).toEqual([
      [300, null],
      [0, { promotion: "next-visit", validDays: 30 }],
    ]);
    const anon = price([acc, issue], [line(1, 100000)], { customer: null }, { customer: null });
    expect(anon.promotions.applied).toEqual([]);
    expect(reason(anon, acc.def.code)).toBe("members_only");
  });

  it("excluded categories get no bonus points", () => {
    const pct = promo({ effect: { type: "bonusPoints", percent: 10 } });
    const r = price([pct], [line(1, 100000, "gift-card")]);
    expect(reason(r, pct.def.code)).toBe("nothing_to_give");
    expect(r.totals.pointsEarned).toBe(0);
  });
});

describe("stacking", () => {
  it("percent discounts apply to the running price, by priority", () => {
    const a = promo({ effect: { type: "percentOff", percent: 10 }, stacking: { priority: 10, exclusive: false } });
    const b = promo({ effect: { type: "percentOff", percent: 10 }, stacking: { priority: 20, exclusive: false } });
    const r = price([a, b], [line(1, 100000)]);
    expect(applied(r).map((x) => [x.code, x.discount])).toEqual([
      [b.def.code, 10000],
      [a.def.code, 9000],
    ]);
  });

  it("in one group only the highest-priority promotion that applies takes effect", () => {
    const high = promo({ effect: { type: "percentOff", percent: 10 }, stacking: { priority: 100, group: "g", exclusive: false }, basket: { items: { categories: ["socks"] } } });
    const low = promo({ effect: { type: "percentOff", percent: 20 }, stacking: { priority: 50, group: "g", exclusive: false } });
    const r = price([low, high], [line(1, 100000, "socks")]);
    expect(applied(r).map((x) => x.code)).toEqual([high.def.code]);
    expect(reason(r, low.def.code)).toBe("group");
    // The higher one does not apply (no socks): the lower one takes the group.
    const s = price([low, high], [line(1, 100000)]);
    expect(applied(s).map((x) => x.code)).toEqual([low.def.code]);
    expect(reason(s, high.def.code)).toBe("no_items");
  });

  it("an exclusive promotion that applies is the only one; one that does not apply leaves the others", () => {
    const excl = promo({ effect: { type: "percentOff", percent: 15 }, stacking: { priority: 1, exclusive: true }, basket: { minAmount: 200000 } });
    const other = promo({ effect: { type: "bonusPoints", points: 100 }, stacking: { priority: 999, exclusive: false } });
    const big = price([other, excl], [line(1, 250000)]);
    expect(applied(big).map((x) => x.code)).toEqual([excl.def.code]);
    expect(reason(big, other.def.code)).toBe("exclusive");
    const small = price([other, excl], [line(1, 150000)]);
    expect(applied(small).map((x) => x.code)).toEqual([other.def.code]);
    expect(reason(small, excl.def.code)).toBe("min_amount");
  });

  it("two exclusive promotions: the higher priority wins, ties by code", () => {
    const a = promo({ code: "b-second", effect: { type: "percentOff", percent: 5 }, stacking: { priority: 7, exclusive: true } });
    const b = promo({ code: "a-first", effect: { type: "percentOff", percent: 9 }, stacking: { priority: 7, exclusive: true } });
    expect(applied(price([a, b], [line(1, 100000)])).map((x) => x.code)).toEqual(["a-first"]);
  });

  it("the exclusive winner is chosen before points are spent: spending what the quote allowed never switches it", () => {
    // Quote: 20,000 earns 10 points, × 1.1 gives 1 more; "a-mult" wins the tie by code and 30 % = 60 points may be spent.
    const mult = promo({ code: "a-mult", effect: { type: "pointsMultiplier", multiplier: 1.1 }, stacking: { priority: 0, exclusive: true } });
    const free = promo({ code: "b-free", effect: { type: "fixedPrice", unitPrice: 0 }, basket: { items: { categories: ["apparel"] } }, stacking: { priority: 0, exclusive: true } });
    const quote = price([mult, free], [line(1, 20000)]);
    expect(applied(quote)).toEqual([{ code: "a-mult", discount: 0, points: 1, lines: [[1, 0, 1]] }]);
    expect(quote.maxRedeemablePoints).toBe(60);
    // Spending 60 leaves 14,000 paid: 7 points, × 1.1 adds nothing — yet "b-free" (which would make the
    // receipt free and the 60 points unspendable) stays out.
    const spent = price([mult, free], [line(1, 20000)], { redeemPoints: 60 });
    expect(spent.totals).toMatchObject({ discount: 0, pointsRedeemed: 60, payable: 14000, pointsEarned: 7 });
    expect(reason(spent, "a-mult")).toBe("nothing_to_give");
    expect(reason(spent, "b-free")).toBe("exclusive");
  });

  it("points are paid on the net after discounts (maxShare 30 % of 80,000 = 240 points)", () => {
    const p = promo({ effect: { type: "amountOff", amount: 20000 } });
    const r = price([p], [line(1, 100000)], { redeemPoints: 240 });
    expect(r.maxRedeemablePoints).toBe(240);
    expect(r.totals).toMatchObject({ discount: 20000, pointsRedeemed: 240, payable: 56000 });
  });
});

describe("eligibility", () => {
  it("says why each promotion did not apply", () => {
    const weekday = promo({ effect: { type: "percentOff", percent: 5 }, validity: { weekdays: ["mon", "tue"] } });
    const hours = promo({ effect: { type: "percentOff", percent: 5 }, validity: { hours: [{ from: "10:00", to: "12:00" }] } });
    const later = promo({ effect: { type: "percentOff", percent: 5 }, validity: { from: "2026-12-06T00:00:00+03:00" } });
    const tier = promo({ effect: { type: "percentOff", percent: 5 }, audience: { tiers: ["gold"] } });
    const code = promo({ effect: { type: "percentOff", percent: 5 }, trigger: "code", codes: { shared: "DOCTORS99" } });
    const outlet = promo({ effect: { type: "percentOff", percent: 5 }, where: { excludeStoreTags: ["flagship"] } });
    const paused = promo({ effect: { type: "percentOff", percent: 5 }, status: "paused" });
    const fresh = promo({ effect: { type: "percentOff", percent: 5 }, audience: { newMemberDays: 30 } });
    const bday = promo({ effect: { type: "percentOff", percent: 5 }, audience: { birthday: { daysBefore: 3, daysAfter: 3 } } });
    const seg = promo({ effect: { type: "percentOff", percent: 5 }, audience: { segments: ["vip"] } });
    const r = price([weekday, hours, later, tier, code, outlet, paused, fresh, bday, seg], [line(1, 100000)]);
    expect(Object.fromEntries(r.promotions.rejected.map((x) => [x.code, x.reason]))).toEqual({
      [weekday.def.code]: "weekday",
      [hours.def.code]: "hours",
      [later.def.code]: "not_started",
      [tier.def.code]: "tier",
      [code.def.code]: "needs_code",
      [outlet.def.code]: "store",
      [paused.def.code]: "not_active",
      [fresh.def.code]: "new_members_only",
      [seg.def.code]: "segment",
    });
    // 12:00 is outside 10:00–12:00; the birthday (Dec 7) is 2 days away: it applies.
    expect(applied(r).map((x) => x.code)).toEqual([bday.def.code]);
    expect(price([code], [line(1, 100000)], {}, { codes: new Map([[code.def.code, "DOCTORS99"]]) }).promotions.applied[0].promoCode).toBe("DOCTORS99");
    expect(reason(price([later], [line(1, 1000)], { store: OUTLET }), later.def.code)).toBe("not_started");
  });

  it("the holdout bucket is MD5's first 32 bits modulo 10,000, as the SQL computes it", () => {
    // md5("socks:cus_1") and the formula of `holdoutBucketSql`, for strings of every kind (Cyrillic, astral, long).
    const reference = (code: string, id: string) => createHash("md5").update(`${code}:${id}`).digest().readUInt32BE(0) % 10_000;
    const codes = ["socks", "bench-007", "акция-1", "🎉-x", "a".repeat(70)];
    for (const code of codes) for (let i = 0; i < 400; i++) expect(holdoutBucket(code, `cus_${i.toString(36)}`)).toBe(reference(code, `cus_${i.toString(36)}`));
    expect(holdoutBucket("socks", "cus_1")).toBe(parseInt(createHash("md5").update("socks:cus_1").digest("hex").slice(0, 8), 16) % 10_000);
  });

  it("the holdout is stable per customer and promotion and close to its percent", () => {
    expect(holdoutBucket("socks", "cus_1")).toBe(holdoutBucket("socks", "cus_1"));
    let out = 0;
    for (let i = 0; i < 10_000; i++) if (inHoldout("socks", `cus_${i}`, 10)) out++;
    expect(out).toBeGreaterThan(900);
    expect(out).toBeLessThan(1100);
    const p = promo({ code: "holdout-test", effect: { type: "percentOff", percent: 5 }, audience: { holdoutPercent: 50 } });
    const ids = Array.from({ length: 40 }, (_, i) => `cus_${i}`);
    const got = ids.map((id) => price([p], [line(1, 1000)], {}, { customer: { ...CUSTOMER, id } }).promotions.applied.length);
    expect(got).toEqual(ids.map((id) => (inHoldout("holdout-test", id, 50) ? 0 : 1)));
  });

  it("the holdout comes before the store: its reason wins; the till lists only presented codes' reasons and applies the same", () => {
    // OUTLET-only promotions are refused at STORE as well; the member is in both one's holdout, not in the third's.
    const held = promo({ trigger: "code", effect: { type: "percentOff", percent: 5 }, audience: { holdoutPercent: 50 }, where: { stores: ["outlet-01"] } });
    const quiet = promo({ effect: { type: "percentOff", percent: 7 }, audience: { holdoutPercent: 50 }, where: { stores: ["outlet-01"] } });
    const open = promo({ effect: { type: "percentOff", percent: 10 }, audience: { holdoutPercent: 50 } });
    let n = 0;
    while (!inHoldout(held.def.code, `cus_${n}`, 50) || !inHoldout(quiet.def.code, `cus_${n}`, 50) || inHoldout(open.def.code, `cus_${n}`, 50)) n++;
    const customer = { ...CUSTOMER, id: `cus_${n}` };
    const lines = [line(1, 100000)];
    const codes = new Map([[held.def.code, "HELD"]]);
    const all = price([held, quiet, open], lines, {}, { codes, customer });
    expect(reason(all, held.def.code)).toBe("holdout");
    expect(reason(all, quiet.def.code)).toBe("holdout");
    expect(applied(all).map((a) => a.code)).toEqual([open.def.code]);
    const till = price([held, quiet, open], lines, {}, { codes, customer, reasons: "codes" });
    expect(till.promotions.rejected).toEqual([{ code: held.def.code, reason: "holdout" }]);
    expect(applied(till)).toEqual(applied(all));
    expect(till.totals).toEqual(all.totals);
  });

  it("a budget left caps the discount; an exhausted one rejects", () => {
    const p = promo({ effect: { type: "percentOff", percent: 50 }, limits: { budget: { money: 100000 } } });
    const r = price([p], [line(1, 40000), line(2, 60000)], {}, { remaining: new Map([[p.def.code, { money: 30000 }]]) });
    expect(r.lines.map((l) => l.discount)).toEqual([12000, 18000]);
    expect(reason(price([p], [line(1, 1000)], {}, { remaining: new Map([[p.def.code, { money: 0 }]]) }), p.def.code)).toBe("budget");
    expect(reason(price([p], [line(1, 1000)], {}, { remaining: new Map([[p.def.code, { customer: 0 }]]) }), p.def.code)).toBe("customer_limit");
  });

  it("the same basket priced twice gives the same answer; line parts sum to the totals", () => {
    const list = [promo({ effect: { type: "percentOff", percent: 7 } }), promo({ effect: { type: "amountOff", amount: 3333 } }), promo({ effect: { type: "bonusPoints", percent: 3 } })];
    const lines = [line(1, 12345, "socks", 3), line(2, 99999), line(3, 1, "socks", 0.5)];
    const a = price(list, lines, { redeemPoints: 50 });
    expect(price(list, lines, { redeemPoints: 50 })).toEqual(a);
    const sum = (k: "discount" | "pointsEarned" | "payable" | "pointsRedeemed") => a.lines.reduce((s, l) => s + l[k], 0);
    expect([sum("discount"), sum("pointsEarned"), sum("payable"), sum("pointsRedeemed")]).toEqual([a.totals.discount, a.totals.pointsEarned, a.totals.payable, a.totals.pointsRedeemed]);
  });
});

describe("the definition", () => {
  it("reports every error with its path in a promotions file", () => {
    const r = parsePromotionsFile({
      program: "ua",
      promotions: [
        { code: "ok", name: "ok", effect: { type: "percentOff", percent: 10 } },
        { code: "ok", name: "dup", effect: { type: "percentOff", percent: 120 } },
        { code: "x", name: "x", effect: { type: "issueCode", promotion: "ok", validDays: 10 }, colour: "red" },
        { code: "y", name: "y", effect: { type: "bonusPoints" }, codes: { unique: { count: 10, pattern: "UA-##" } }, trigger: "code" },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "promotions[1].effect.percent", message: "must be at most 100" }),
        expect.objectContaining({ path: "promotions[2].colour", message: 'unknown field "colour"' }),
        expect.objectContaining({ path: "promotions[3].effect", message: "bonusPoints needs exactly one of points or percent" }),
        expect.objectContaining({ path: "promotions[3].codes.unique.pattern", message: "needs at least 8 '#' characters to be unguessable" }),
      ]),
    );
    const issue = parsePromotionsFile({
      program: "ua",
      promotions: [
        { code: "ok", name: "ok", effect: { type: "percentOff", percent: 10 } },
        { code: "x", name: "x", effect: { type: "issueCode", promotion: "ok", validDays: 10 } },
      ],
    });
    expect(issue).toMatchObject({ ok: false, errors: [{ path: "promotions[1].effect.promotion", message: '"ok" must have "trigger": "code" to receive issued codes' }] });
  });

  it("diffs two versions by path, ignoring order of set-like lists", () => {
    const a = { code: "s", name: "S", effect: { type: "percentOff", percent: 10 }, basket: { items: { categories: ["b", "a"] } } };
    const b = { code: "s", name: "S", effect: { type: "percentOff", percent: 15 }, basket: { items: { categories: ["a", "b"] } } };
    expect(diffPromotions(a, b)).toEqual([{ path: "effect.percent", before: 10, after: 15 }]);
  });
});
