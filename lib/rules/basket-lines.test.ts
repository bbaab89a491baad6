import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { lineAmounts } from "./basket-lines";
import { MAX_AMOUNT } from "./money";
import type { BasketLineInput } from "./types";

const line = (lineNo: number, price: number, quantity = 1, discount?: number): BasketLineInput => ({
  lineNo,
  sku: `SKU-${lineNo}`,
  category: "apparel",
  quantity,
  price,
  ...(discount === undefined ? {} : { discount }),
});

/** The AppError lineAmounts throws: its code, message and details. */
function failure(lines: BasketLineInput[], redeemPoints = 0) {
  try {
    lineAmounts(lines, redeemPoints);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    return { code: err.code, message: err.message, details: err.details };
  }
  throw new Error("lineAmounts accepted the basket");
}

describe("lineAmounts", () => {
  it("computes quantity, amount, discount and net per line", () => {
    // 899 RUB × 0.455 kg = 409.045 RUB → 40905; 3 × 1,000 RUB less 500 RUB of discount.
    expect(lineAmounts([line(0, 89900, 0.455), line(7, 100000, 3, 50000)], 0)).toEqual({
      quantityMilli: [455, 3000],
      amount: [40905, 300000],
      discount: [0, 50000],
      net: [40905, 250000],
    });
    expect(lineAmounts([], 0)).toEqual({ quantityMilli: [], amount: [], discount: [], net: [] });
  });

  it("accepts the boundaries: line 0, a discount of the whole line, a receipt of exactly MAX_AMOUNT", () => {
    const r = lineAmounts([line(0, MAX_AMOUNT - 1, 1, MAX_AMOUNT - 1), line(1, 1)], 5);
    expect(r.amount).toEqual([MAX_AMOUNT - 1, 1]);
    expect(r.net).toEqual([0, 1]);
    expect(lineAmounts([line(1, MAX_AMOUNT)], 0).amount).toEqual([MAX_AMOUNT]);
  });

  it("line numbers: non-negative integers, each once", () => {
    expect(failure([line(-1, 100), line(1.5, 100), line(2, 100), line(2, 100)])).toEqual({
      code: "invalid_request",
      message: "The basket is invalid",
      details: [
        { path: "lines[0].lineNo", message: "must be a non-negative integer" },
        { path: "lines[1].lineNo", message: "must be a non-negative integer" },
        { path: "lines[3].lineNo", message: "duplicate line number 2" },
      ],
    });
  });

  it("quantities: positive, finite, at most 3 decimals", () => {
    // 1e-10 is positive but 0 in thousandths.
    const bad = [-1, 0, 1e-10, 0.0004, 1.0001, Number.NaN, Number.POSITIVE_INFINITY];
    expect(failure(bad.map((q, i) => line(i, 100, q))).details).toEqual(bad.map((_, i) => ({ path: `lines[${i}].quantity`, message: "must be positive with at most 3 decimals" })));
  });

  it("prices: integers from 0 to MAX_AMOUNT; a bad price is one message, not also a total error", () => {
    const message = "must be a non-negative integer in minor units";
    expect(failure([line(0, -1), line(1, 10.5), line(2, 2_500_000_000.5), line(3, MAX_AMOUNT + 1), line(4, 0)]).details).toEqual([
      { path: "lines[0].price", message },
      { path: "lines[1].price", message },
      { path: "lines[2].price", message },
      { path: "lines[3].price", message },
    ]);
  });

  it("a valid price times the quantity may still be too large for a line", () => {
    // 10,000,000 RUB × 3 = 3,000,000,000 minor units > 2^31 − 1.
    expect(failure([line(1, 1_000_000_000, 3)]).details).toEqual([
      { path: "lines[0].price", message: "line amount too large" },
      { path: "lines", message: "receipt amount too large" },
    ]);
  });

  it("the receipt total is checked over all lines", () => {
    expect(failure([line(1, 1_500_000_000), line(2, 1_500_000_000)]).details).toEqual([{ path: "lines", message: "receipt amount too large" }]);
    expect(failure([line(1, MAX_AMOUNT), line(2, 1)]).details).toEqual([{ path: "lines", message: "receipt amount too large" }]);
  });

  it("discounts: integers between 0 and the line amount", () => {
    const message = "must be an integer between 0 and the line amount";
    expect(failure([line(0, 100, 1, -1), line(1, 100, 1, 0.5), line(2, 100, 1, 101)]).details).toEqual([
      { path: "lines[0].discount", message },
      { path: "lines[1].discount", message },
      { path: "lines[2].discount", message },
    ]);
  });

  it("redeemPoints: a non-negative integer", () => {
    for (const points of [-1, 1.5]) {
      expect(failure([line(1, 100)], points).details).toEqual([{ path: "redeemPoints", message: "must be a non-negative integer" }]);
    }
  });
});
