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
    expect(mulDivFloor(10 ** 11, 10 ** 8, 3)).toBe(Number(10n ** 19n / 3n));
  });

  it("apportions by largest remainder, earlier items first on ties", () => {
    expect(apportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(apportion(10, [0, 5, 5])).toEqual([0, 5, 5]);
    expect(apportion(3, [1, 1, 1, 1])).toEqual([1, 1, 1, 0]);
    expect(apportion(3, [10, 10, 10], [0, 0, 5])).toEqual([0, 0, 3]);
    expect(() => apportion(3, [10, 10], [1, 1])).toThrow(/cap/);
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
