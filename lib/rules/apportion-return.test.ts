import { describe, expect, it } from "vitest";
import { apportionReturn, promoRefunds, type ReturnablePurchaseLine, type ReturnLineInput } from "./apportion-return";

const jersey: ReturnablePurchaseLine = { lineNo: 1, quantityMilli: 3000, amount: 2370000, payable: 2070000, pointsRedeemed: 3000, pointsEarned: 1035 };
const cheese: ReturnablePurchaseLine = { lineNo: 2, quantityMilli: 455, amount: 40905, payable: 40905, pointsRedeemed: 0, pointsEarned: 20 };

describe("apportionReturn", () => {
  it("gives back spent and takes back earned points in proportion", () => {
    const r = apportionReturn([jersey, cheese], [{ lineNo: 1, quantity: 1 }]);
    expect(r.lines).toEqual([
      { lineNo: 1, quantityMilli: 1000, returnedMilli: 1000, amount: 790000, discount: 0, payable: 690000, pointsRefunded: 1000, promoPointsRefunded: 0, pointsReclaimed: 345 },
    ]);
    expect(r.totals).toEqual({ amount: 790000, discount: 0, payable: 690000, pointsRefunded: 1000, promoPointsRefunded: 0, pointsReclaimed: 345 });
  });

  it("three partial returns of a weighed line add up exactly", () => {
    let returnedMilli = 0;
    let reclaimed = 0;
    let payable = 0;
    for (const q of [0.1, 0.2, 0.155]) {
      const r = apportionReturn([{ ...cheese, returnedMilli }], [{ lineNo: 2, quantity: q }]);
      returnedMilli = r.lines[0].returnedMilli;
      reclaimed += r.totals.pointsReclaimed;
      payable += r.totals.payable;
    }
    expect(returnedMilli).toBe(455);
    expect(reclaimed).toBe(20);
    expect(payable).toBe(40905);
  });

  it("refuses more than is left, unknown lines and repeated lines", () => {
    expect(() => apportionReturn([{ ...jersey, returnedMilli: 2500 }], [{ lineNo: 1, quantity: 1 }])).toThrow(
      expect.objectContaining({ code: "return_exceeds_purchase", details: [{ path: "lines[0].quantity", message: "only 0.5 of line 1 can still be returned" }] }),
    );
    expect(() => apportionReturn([jersey], [{ lineNo: 9, quantity: 1 }])).toThrow(expect.objectContaining({ code: "invalid_request" }));
    expect(() =>
      apportionReturn(
        [jersey],
        [
          { lineNo: 1, quantity: 1 },
          { lineNo: 1, quantity: 1 },
        ],
      ),
    ).toThrow(expect.objectContaining({ code: "invalid_request" }));
    expect(() => apportionReturn([jersey], [{ lineNo: 1, quantity: 0.0001 }])).toThrow(expect.objectContaining({ code: "invalid_request" }));
  });

  it("returns a discounted line's discount in proportion, over several lines at once", () => {
    // 3 caps at 1,000 RUB less 600 RUB of discount; 2 of 3 back: 2/3 of every figure, floored per step.
    const caps: ReturnablePurchaseLine = { lineNo: 3, quantityMilli: 3000, amount: 300000, discount: 60000, payable: 200000, pointsRedeemed: 400, pointsEarned: 100 };
    const r = apportionReturn(
      [jersey, cheese, caps],
      [
        { lineNo: 3, quantity: 2 },
        { lineNo: 2, quantity: 0.2 },
      ],
    );
    expect(r.lines).toEqual([
      { lineNo: 3, quantityMilli: 2000, returnedMilli: 2000, amount: 200000, discount: 40000, payable: 133333, pointsRefunded: 266, promoPointsRefunded: 0, pointsReclaimed: 66 },
      // 200 g of 455 g: 40905 × 200 / 455 = 17980.2; 20 × 200 / 455 = 8.8.
      { lineNo: 2, quantityMilli: 200, returnedMilli: 200, amount: 17980, discount: 0, payable: 17980, pointsRefunded: 0, promoPointsRefunded: 0, pointsReclaimed: 8 },
    ]);
    expect(r.totals).toEqual({ amount: 217980, discount: 40000, payable: 151313, pointsRefunded: 266, promoPointsRefunded: 0, pointsReclaimed: 74 });
    // The last cap takes what is left: the three returns sum to the line.
    const last = apportionReturn([{ ...caps, returnedMilli: 2000 }], [{ lineNo: 3, quantity: 1 }]);
    expect(last.totals).toEqual({ amount: 100000, discount: 20000, payable: 66667, pointsRefunded: 134, promoPointsRefunded: 0, pointsReclaimed: 34 });
  });

  it("lists every problem with its path and message", () => {
    const attempt = (lines: ReturnLineInput[]) => {
      try {
        apportionReturn([jersey, { ...cheese, returnedMilli: 455 }], lines);
      } catch (e) {
        const { code, message, details } = e as { code: string; message: string; details: unknown };
        return { code, message, details };
      }
      throw new Error("the return was accepted");
    };
    const quantity = "must be positive with at most 3 decimals";
    expect(
      attempt([
        { lineNo: 9, quantity: 1 },
        { lineNo: 1, quantity: -1 },
        { lineNo: 1, quantity: 1 },
        { lineNo: 2, quantity: 0.001 },
      ]),
    ).toEqual({
      code: "invalid_request",
      message: "The return is invalid",
      details: [
        { path: "lines[0].lineNo", message: "the receipt has no line 9" },
        { path: "lines[1].quantity", message: quantity },
        { path: "lines[2].lineNo", message: "line 1 listed twice" },
        { path: "lines[3].quantity", message: "only 0 of line 2 can still be returned" },
      ],
    });
    for (const q of [0, 1e-10, Number.NaN, Number.POSITIVE_INFINITY, 0.0005]) {
      expect(attempt([{ lineNo: 1, quantity: q }]).details).toEqual([{ path: "lines[0].quantity", message: quantity }]);
    }
    expect(attempt([{ lineNo: 1, quantity: 4 }])).toEqual({
      code: "return_exceeds_purchase",
      message: "The return exceeds the purchase",
      details: [{ path: "lines[0].quantity", message: "only 3 of line 1 can still be returned" }],
    });
  });
});

describe("promo points on returns", () => {
  // 3 scarves: 900 points paid, 300 of them from a promotion's account; 2 returned in two steps.
  const scarves: ReturnablePurchaseLine = { lineNo: 1, quantityMilli: 3000, amount: 300000, payable: 210000, pointsRedeemed: 900, promoPointsRedeemed: 300, pointsEarned: 105 };

  it("slices promo and main points apart, each account back exactly what it paid", () => {
    const first = apportionReturn([scarves], [{ lineNo: 1, quantity: 1 }]);
    expect(first.lines[0]).toMatchObject({ pointsRefunded: 300, promoPointsRefunded: 100 });
    expect(first.totals).toMatchObject({ pointsRefunded: 300, promoPointsRefunded: 100 });
    const rest = apportionReturn([{ ...scarves, returnedMilli: 1000 }], [{ lineNo: 1, quantity: 2 }]);
    expect(rest.lines[0]).toMatchObject({ pointsRefunded: 600, promoPointsRefunded: 200, pointsReclaimed: 70 });
    expect(first.totals.promoPointsRefunded + rest.totals.promoPointsRefunded).toBe(300);
  });

  it("sums promo points back per promotion that paid the lines, lines without a promotion together, in a fixed order", () => {
    const lines = [
      { lineNo: 1, promoPromotionId: "prm_b" },
      { lineNo: 2, promoPromotionId: "prm_a" },
      { lineNo: 3, promoPromotionId: null },
      { lineNo: 4, promoPromotionId: "prm_b" },
      { lineNo: 5, promoPromotionId: "prm_a" },
    ];
    const back = promoRefunds(lines, [
      { lineNo: 1, promoPointsRefunded: 40 },
      { lineNo: 2, promoPointsRefunded: 7 },
      { lineNo: 3, promoPointsRefunded: 5 },
      { lineNo: 4, promoPointsRefunded: 2 },
      { lineNo: 5, promoPointsRefunded: 0 },
      // A line the receipt does not know counts as points of no promotion.
      { lineNo: 9, promoPointsRefunded: 1 },
    ]);
    expect(back).toEqual([
      [null, 6],
      ["prm_a", 7],
      ["prm_b", 42],
    ]);
    expect(promoRefunds(lines, [{ lineNo: 2, promoPointsRefunded: 0 }])).toEqual([]);
    expect(promoRefunds(lines, [])).toEqual([]);
  });
});
