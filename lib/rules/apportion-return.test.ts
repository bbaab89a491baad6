import { describe, expect, it } from "vitest";
import { apportionReturn, type ReturnablePurchaseLine } from "./apportion-return";

const jersey: ReturnablePurchaseLine = { lineNo: 1, quantityMilli: 3000, amount: 2370000, payable: 2070000, pointsRedeemed: 3000, pointsEarned: 1035 };
const cheese: ReturnablePurchaseLine = { lineNo: 2, quantityMilli: 455, amount: 40905, payable: 40905, pointsRedeemed: 0, pointsEarned: 20 };

describe("apportionReturn", () => {
  it("gives back spent and takes back earned points in proportion", () => {
    const r = apportionReturn([jersey, cheese], [{ lineNo: 1, quantity: 1 }]);
    expect(r.lines).toEqual([{ lineNo: 1, quantityMilli: 1000, returnedMilli: 1000, amount: 790000, discount: 0, payable: 690000, pointsRefunded: 1000, pointsReclaimed: 345 }]);
    expect(r.totals).toEqual({ amount: 790000, discount: 0, payable: 690000, pointsRefunded: 1000, pointsReclaimed: 345 });
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
});
