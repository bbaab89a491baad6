// Worked examples, by hand, of promo-account points paying a receipt (sportswear: 1 point = 1 RUB,
// silver earns 5 % of the paid part and may spend up to 30 % of a receipt).
import { describe, expect, it } from "vitest";
import { priceBasket, type BasketLineInput, type PriceBasketInput } from "./price-basket";
import { allocateMain, allocatePromo, type PromoBalance } from "./promo-redemption";
import { referenceProgram } from "./reference-programs";

const sportswear = referenceProgram("sportswear-retailer");
const STORE = { code: "msk-01", partnerCode: null, tags: ["flagship"] };
const OUTLET = { code: "outlet-01", partnerCode: null, tags: ["outlet"] };
const line = (lineNo: number, price: number, category = "apparel", quantity = 1, sku = `SKU-${lineNo}`): BasketLineInput => ({ lineNo, sku, category, quantity, price });
const SOCKS: PromoBalance = { promotionId: "prm_socks", points: 500, items: { categories: ["socks"] } };
const CAPS: PromoBalance = { promotionId: "prm_caps", points: 300, items: { categories: ["caps"], skus: ["SKU-9"] } };

function price(promoBalances: PromoBalance[], lines: BasketLineInput[], redeemPoints: number, main = 1000, over: Partial<PriceBasketInput> = {}) {
  const promo = promoBalances.reduce((s, b) => s + b.points, 0);
  return priceBasket({ definition: sportswear, customer: { tierCode: "silver", balances: { main, promo }, promoBalances }, store: STORE, lines, redeemPoints, ...over });
}

const throwsCode = (fn: () => unknown, code: string) => expect(fn).toThrow(expect.objectContaining({ code }));

describe("promo points at the till, by hand", () => {
  it("pay first, only on their promotion's lines; main points pay the rest over what is left to pay", () => {
    // Socks 1,000 RUB and a jacket 2,000 RUB; 600 points asked: 500 promo on the socks, then 100 main
    // over 500 (socks) and 2,000 (jacket) left to pay → 20 and 80.
    const r = price([SOCKS], [line(1, 100000, "socks"), line(2, 200000)], 600);
    expect(r.lines.map((l) => [l.pointsRedeemed, l.promoPointsRedeemed, l.promoPromotionId, l.payable])).toEqual([
      [520, 500, "prm_socks", 48000],
      [80, 0, undefined, 192000],
    ]);
    expect(r.totals).toMatchObject({ pointsRedeemed: 600, promoPointsRedeemed: 500, payable: 240000 });
    expect(r.promoRedeemed).toEqual([{ promotionId: "prm_socks", points: 500 }]);
    // Earning on the paid part: 5 % of 480 and 1,920 RUB.
    expect(r.lines.map((l) => l.pointsEarned)).toEqual([24, 96]);
    // 30 % of 3,000 RUB = 900; the member could pay 1,000 main + 500 promo: the cap decides.
    expect(r.maxRedeemablePoints).toBe(900);
  });

  it("asked for fewer points than the promo balance: only promo points, none from main", () => {
    const r = price([SOCKS], [line(1, 100000, "socks"), line(2, 200000)], 200);
    expect(r.lines.map((l) => [l.pointsRedeemed, l.promoPointsRedeemed])).toEqual([
      [200, 200],
      [0, 0],
    ]);
  });

  it("one cap for both: promo points never pay more than 30 % of the receipt", () => {
    // Socks only, 1,000 RUB: at most 300 points, even with 500 promo points and no main ones.
    const r = price([SOCKS], [line(1, 100000, "socks")], 300, 0);
    expect(r.maxRedeemablePoints).toBe(300);
    expect(r.totals).toMatchObject({ pointsRedeemed: 300, promoPointsRedeemed: 300, payable: 70000 });
    throwsCode(() => price([SOCKS], [line(1, 100000, "socks")], 301, 0), "redeem_limit_exceeded");
  });

  it("cannot pay for lines outside their items: the main balance must cover those", () => {
    const jacket = [line(1, 300000)];
    expect(price([SOCKS], jacket, 0, 100).maxRedeemablePoints).toBe(100);
    throwsCode(() => price([SOCKS], jacket, 101, 100), "insufficient_points");
    // An excluded SKU of the promotion's own category is not its item either.
    const noRed = { ...SOCKS, items: { categories: ["socks"], excludeSkus: ["RED"] } };
    expect(price([noRed], [line(1, 100000, "socks", 1, "RED")], 0, 0).maxRedeemablePoints).toBe(0);
  });

  it("spread over their lines by largest remainder; a line is paid by one promotion's points", () => {
    // 100 promo points over three socks lines of 500 RUB each: 34, 33, 33.
    const r = price([{ ...SOCKS, points: 100 }], [line(1, 50000, "socks"), line(2, 50000, "socks"), line(3, 50000, "socks")], 100);
    expect(r.lines.map((l) => l.promoPointsRedeemed)).toEqual([34, 33, 33]);
    // Two promotions, soonest-expiring first: the caps (300) take the cap line and SKU-9 (a sock),
    // the socks' 500 only the socks line left.
    const two = price([CAPS, SOCKS], [line(1, 100000, "socks"), line(2, 100000, "caps"), line(9, 100000, "socks")], 800, 0, {
      definition: { ...sportswear, tiers: sportswear.tiers.map((t) => ({ ...t, maxRedeemShare: 100 })) },
    });
    expect(two.lines.map((l) => [l.lineNo, l.promoPointsRedeemed, l.promoPromotionId])).toEqual([
      [1, 500, "prm_socks"],
      [2, 150, "prm_caps"],
      [9, 150, "prm_caps"],
    ]);
    expect(two.promoRedeemed).toEqual([
      { promotionId: "prm_caps", points: 300 },
      { promotionId: "prm_socks", points: 500 },
    ]);
  });

  it("promo points of no promotion (imported) pay any line", () => {
    const r = price([{ promotionId: null, points: 50, items: null }], [line(1, 100000)], 50, 0);
    expect(r.lines[0]).toMatchObject({ promoPointsRedeemed: 50, promoPromotionId: null });
  });

  it("where points may not be spent, promo points may not either", () => {
    expect(price([SOCKS], [line(1, 100000, "socks")], 0, 0, { store: OUTLET }).maxRedeemablePoints).toBe(0);
    throwsCode(() => price([SOCKS], [line(1, 100000, "socks")], 100, 0, { store: OUTLET }), "redemption_not_allowed");
    const participant = priceBasket({
      definition: sportswear,
      customer: { tierCode: "participant", balances: { main: 0, promo: 500 }, promoBalances: [SOCKS] },
      store: STORE,
      lines: [line(1, 100000, "socks")],
      redeemPoints: 0,
    });
    expect(participant.maxRedeemablePoints).toBe(0);
  });

  it("the split functions on their own: whole points per line, never below zero", () => {
    const lines = [
      { sku: "A", category: "socks" },
      { sku: "B", category: "socks" },
    ];
    // 150 kopecks and 99 kopecks hold 1 and 0 whole points.
    const a = allocatePromo(10, lines, [150, 99], 100, [SOCKS]);
    expect(a).toEqual({ perLine: [1, 0], promotionOf: ["prm_socks", undefined], versionOf: [undefined, undefined], total: 1, byPromotion: [{ promotionId: "prm_socks", points: 1 }] });
    expect(allocateMain(0, [150, 99], 100, a.perLine)).toEqual([0, 0]);
    expect(allocateMain(1, [250, 99], 100, [1, 0])).toEqual([1, 0]);
  });
});
