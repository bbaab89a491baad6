// The uplift math: means, Welch's standard error and the 95 % normal interval, worked by hand.
import { describe, expect, it } from "vitest";
import { sampleVariance, sums, uplift, Z95 } from "./uplift";

describe("uplift", () => {
  it("matches a worked example: exposed 10,12,14,16 vs holdout 8,10,12", () => {
    // Means 13 and 10; sample variances 20/3 and 4; SE = √(20/3/4 + 4/3) = √3.
    const u = uplift(sums([10, 12, 14, 16]), sums([8, 10, 12]));
    expect(u.exposedMean).toBe(13);
    expect(u.holdoutMean).toBe(10);
    expect(u.difference).toBe(3);
    expect(u.relative).toBeCloseTo(0.3, 12);
    expect(u.standardError).toBeCloseTo(Math.sqrt(3), 12);
    expect(u.low).toBeCloseTo(3 - Z95 * Math.sqrt(3), 12);
    expect(u.high).toBeCloseTo(3 + Z95 * Math.sqrt(3), 12);
    expect(u.low!).toBeCloseTo(-0.3948, 4);
    expect(u.significant).toBe(false);
  });

  it("is significant when the interval leaves zero, on either side", () => {
    const a = Array.from({ length: 400 }, (_, i) => 100 + (i % 10));
    const b = Array.from({ length: 400 }, (_, i) => 95 + (i % 10));
    const up = uplift(sums(a), sums(b));
    expect(up.difference).toBe(5);
    expect(up.low!).toBeGreaterThan(0);
    expect(up.significant).toBe(true);
    const down = uplift(sums(b), sums(a));
    expect(down.high!).toBeLessThan(0);
    expect(down.significant).toBe(true);
  });

  it("sums of squares give the textbook sample variance, never negative", () => {
    const xs = [3.5, 7, 7, 1, 0, 12.25];
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const direct = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
    expect(sampleVariance(sums(xs))).toBeCloseTo(direct, 10);
    // Rounding in the sums of a constant group must not give a negative variance.
    expect(sampleVariance({ n: 3, sum: 0.3, sumSq: 0.03 - 1e-18 })).toBe(0);
  });

  it("has no interval with fewer than two members in a group, and no relative change over a zero mean", () => {
    const u = uplift(sums([5]), sums([1, 2, 3]));
    expect(u).toMatchObject({ exposedMean: 5, holdoutMean: 2, difference: 3, standardError: null, low: null, high: null, significant: false });
    expect(uplift(sums([1, 2]), sums([0, 0])).relative).toBeNull();
    expect(uplift(sums([]), sums([])).difference).toBe(0);
  });

  it("a group of zeros against a group with spread: the interval is the spread's alone", () => {
    const u = uplift(sums([0, 0, 0, 0]), sums([1, 3]));
    // Var(holdout) = 2, n = 2 → SE = 1.
    expect(u.standardError).toBeCloseTo(1, 12);
    expect(u.difference).toBe(-2);
    expect(u.high!).toBeCloseTo(-2 + Z95, 12);
    expect(u.significant).toBe(true);
  });
});
