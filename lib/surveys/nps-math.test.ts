import { describe, expect, it } from "vitest";
import { formatNps, npsOfDistribution, npsOfScores, scoreBand } from "./nps-math";

describe("NPS math", () => {
  it("bands: 9–10 promoters, 7–8 passives, 0–6 detractors", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(scoreBand)).toEqual([
      "detractor",
      "detractor",
      "detractor",
      "detractor",
      "detractor",
      "detractor",
      "detractor",
      "passive",
      "passive",
      "promoter",
      "promoter",
    ]);
  });

  it("refuses scores outside 0–10 or not whole", () => {
    for (const s of [-1, 11, 7.5, Number.NaN]) expect(() => scoreBand(s)).toThrow(RangeError);
    expect(() => npsOfDistribution([1, 2, 3])).toThrow(RangeError);
  });

  it("is % promoters − % detractors", () => {
    // 5 promoters, 3 passives, 2 detractors of 10 → 50 % − 20 % = 30.
    const s = npsOfScores([10, 9, 9, 10, 9, 8, 7, 7, 6, 0]);
    expect(s).toEqual({ answers: 10, promoters: 5, passives: 3, detractors: 2, nps: 30 });
  });

  it("the edges: all promoters +100, all detractors −100, only passives 0, no answers null", () => {
    expect(npsOfScores([9, 10, 10]).nps).toBe(100);
    expect(npsOfScores([0, 6, 3]).nps).toBe(-100);
    expect(npsOfScores([7, 8]).nps).toBe(0);
    expect(npsOfScores([]).nps).toBeNull();
  });

  it("6 is a detractor and 9 a promoter (the boundaries)", () => {
    expect(npsOfScores([6, 9]).nps).toBe(0);
    expect(npsOfScores([6, 6, 9]).nps).toBeCloseTo(-33.333, 2);
    expect(npsOfScores([8, 9]).nps).toBe(50);
    expect(npsOfScores([6, 7]).nps).toBe(-50);
  });

  it("distribution and scores agree", () => {
    const dist = [3, 0, 1, 2, 0, 4, 6, 10, 15, 20, 39];
    const scores = dist.flatMap((n, s) => Array.from({ length: n }, () => s));
    expect(npsOfDistribution(dist)).toEqual(npsOfScores(scores));
    expect(npsOfDistribution(dist).nps).toBeCloseTo(((59 - 16) * 100) / 100, 10);
  });

  it("quotes a whole number with its sign", () => {
    expect(formatNps("en", 43.4)).toBe("+43");
    expect(formatNps("en", -12.6)).toBe("-13");
    expect(formatNps("en", 0.2)).toBe("0");
    expect(formatNps("ru", 30)).toBe("+30");
  });
});
