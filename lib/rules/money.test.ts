import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apportion, divFloor, lineAmount, mulDivFloor, splitExactTotal, toMilli } from "./money";

describe("money arithmetic", () => {
  it("reads quantities with at most 3 decimals", () => {
    expect(toMilli(1)).toBe(1000);
    expect(toMilli(0.455)).toBe(455);
    expect(toMilli(1.005)).toBe(1005);
    expect(toMilli(0.0005)).toBeNull();
  });

  it("rounds line amounts half up", () => {
    expect(lineAmount(89900, 455)).toBe(40905); // 40904.5
    expect(lineAmount(3, 500)).toBe(2); // 1.5
    expect(lineAmount(3, 499)).toBe(1); // 1.497
    expect(lineAmount(790000, 1000)).toBe(790000);
  });

  it("divides exactly where floating point would round up", () => {
    expect(divFloor(2 ** 53 - 1, 3)).toBe(3002399751580330);
    expect(divFloor(-1, 3)).toBe(-1);
    expect(mulDivFloor(10 ** 11, 10 ** 8, 3)).toBe(Number(10n ** 19n / 3n));
    expect(mulDivFloor(7, 5, 3)).toBe(11);
    // 3 × 3002399751580331 = 2^53 + 1 has no double: the product must not be rounded first.
    expect(mulDivFloor(3, 3_002_399_751_580_331, 3)).toBe(3_002_399_751_580_331);
  });

  it("line amounts stay exact where price × thousandths passes 2^53", () => {
    expect(lineAmount(2_147_483_647, 4_194_305)).toBe(9_007_201_398_030); // 2147483647 × 4194.305 = 9007201398029.8
    expect(lineAmount(2_000_000_000, 4_999)).toBe(9_998_000_000);
  });

  it("apportions by largest remainder, earlier items first on ties", () => {
    expect(apportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(apportion(10, [0, 5, 5])).toEqual([0, 5, 5]);
    expect(apportion(3, [1, 1, 1, 1])).toEqual([1, 1, 1, 0]);
    expect(apportion(3, [10, 10, 10], [0, 0, 5])).toEqual([0, 0, 3]);
    expect(() => apportion(3, [10, 10], [1, 1])).toThrow(/cap/);
  });

  it("gives the leftover units to the largest remainders, wherever they are", () => {
    // 10 × 1/3 = 3.33 and 10 × 2/3 = 6.67: the one unit left goes to the 0.67.
    expect(apportion(10, [1, 2])).toEqual([3, 7]);
    expect(apportion(10, [2, 1])).toEqual([7, 3]);
    // 8 × 1/6, 2/6, 3/6 = 1.33, 2.67, 4: the one unit left goes to the 0.67, not the earlier 0.33.
    expect(apportion(8, [1, 2, 3])).toEqual([1, 3, 4]);
    // 7 × 3/6, 2/6, 1/6 = 3.5, 2.33, 1.17: to the 0.5.
    expect(apportion(7, [3, 2, 1])).toEqual([4, 2, 1]);
  });

  it("splitting nothing gives zeros, even over zero weights; something over zero weights is an error", () => {
    expect(apportion(0, [0, 0])).toEqual([0, 0]);
    expect(() => apportion(5, [0, 0])).toThrow("cannot split 5 unit(s) over zero weights");
    expect(() => apportion(3, [10, 10], [1, 1])).toThrow("cannot place 1 more unit(s): every item is at its cap");
  });

  it("stays exact where total × weight passes 2^53 (BigInt), ties to the earlier item", () => {
    // P × w / 2P = w / 2 for odd weights summing to 2P: every item is floor(w / 2) plus one half,
    // so the two units left go to the first two items. In floating point P × w is inexact.
    const P = 2_147_483_629;
    const weights = [3_729_530_839, 226_999_099, 335_803_725, 2_633_595];
    expect(weights.reduce((a, b) => a + b, 0)).toBe(2 * P);
    expect(apportion(P, weights)).toEqual([1_864_765_420, 113_499_550, 167_901_862, 1_316_797]);
    // A cap below the first item's floor: it gets the cap; the three units left go one each to the others.
    expect(apportion(P, weights, [1_864_765_418, P, P, P])).toEqual([1_864_765_418, 113_499_550, 167_901_863, 1_316_798]);
  });

  it("apportion always sums to the total and respects caps", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 60 }), fc.nat(1e6), (weights, t) => {
        const caps = weights.map((w) => Math.floor(w / 100));
        const capacity = caps.reduce((a, b) => a + b, 0);
        const total = Math.min(t, capacity);
        const shares = apportion(total, weights, caps);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        shares.forEach((s, i) => expect(s).toBeLessThanOrEqual(caps[i]));
      }),
    );
  });

  it("splits an exact total: floors first, the leftover to the largest fractions", () => {
    // 1.9 + 2.3 + 1.2 = 5.4 → 5; floors 1 + 2 + 1 = 4, the one left goes to the 0.9.
    expect(splitExactTotal([190, 230, 120], 100)).toEqual({ total: 5, shares: [2, 2, 1] });
    expect(splitExactTotal([], 100)).toEqual({ total: 0, shares: [] });
  });

  it("splits an exact total so each item is within one unit of its own value", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 60 }), (nums) => {
        const { total, shares } = splitExactTotal(nums, 1_000_000);
        expect(total).toBe(Number(nums.reduce((a, b) => a + BigInt(b), 0n) / 1_000_000n));
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        shares.forEach((s, i) => expect(Math.abs(s - nums[i] / 1_000_000)).toBeLessThan(1));
      }),
    );
  });
});
