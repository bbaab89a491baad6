import { describe, expect, it } from "vitest";
import { referenceProgram } from "@/lib/rules/reference-programs";
import { effectiveTier, progressToNext, qualifiedTier, type TierMetrics } from "./evaluate-status";
import { periodAt, previousPeriod } from "@/lib/time";

const football = referenceProgram("football-club");
const sportswear = referenceProgram("sportswear-retailer");
const park = referenceProgram("amusement-park");
const liquor = referenceProgram("liquor-chain");

const metrics = (m: Partial<TierMetrics>): TierMetrics => ({ spend: 0, visits: 0, purchases: 0, ...m });
/** Football metrics: counted spend in tickets/merch plus spend elsewhere that does not count. */
const fan = (visits: number, counted: number, food = 0) => metrics({ visits, spend: counted + food, spendByCategory: { ticket: counted / 2, merch: counted / 2, food } });

describe("qualifiedTier", () => {
  it("sportswear: cumulative spend thresholds", () => {
    expect(qualifiedTier(sportswear, metrics({ spend: 999_999 })).code).toBe("participant");
    expect(qualifiedTier(sportswear, metrics({ spend: 1_000_000 })).code).toBe("bronze");
    expect(qualifiedTier(sportswear, metrics({ spend: 3_000_000 })).code).toBe("silver");
    expect(qualifiedTier(sportswear, metrics({ spend: 70_000_000 })).code).toBe("gold");
  });

  it("football: both criteria at once, spend counted only on tickets, season tickets and merch", () => {
    expect(qualifiedTier(football, fan(14, 12_000_000)).code).toBe("legend");
    expect(qualifiedTier(football, fan(13, 12_000_000)).code).toBe("veteran");
    expect(qualifiedTier(football, fan(20, 11_000_000, 5_000_000)).code).toBe("veteran"); // food does not count
    expect(qualifiedTier(football, fan(1, 50_000_000)).code).toBe("novice");
  });

  it("`any`: one alternative is enough (park: 4 visits or 25,000 RUB)", () => {
    expect(qualifiedTier(park, metrics({ visits: 4 })).code).toBe("explorer");
    expect(qualifiedTier(park, metrics({ spend: 6_000_000 })).code).toBe("adventurer");
    expect(qualifiedTier(liquor, metrics({ purchases: 60, spend: 3_999_999 })).code).toBe("connoisseur");
    expect(qualifiedTier(liquor, metrics({ purchases: 60, spend: 4_000_000 })).code).toBe("sommelier");
  });
});

describe("effectiveTier (retention)", () => {
  const now = new Date("2026-11-22T09:00:00Z");

  it("a Legend of last season stays Legend this season, then drops to what this season qualified", () => {
    const tz = football.timezone;
    const period = football.qualification.period;
    // Season 2026/27: last season (2025/26) qualified Legend, this one so far only Regular.
    expect(periodAt(period, tz, now).key).toBe("2026/27");
    expect(previousPeriod(period, tz, now)?.key).toBe("2025/26");
    const during = effectiveTier(football, { qualifiedThisPeriod: qualifiedTier(football, fan(3, 600_000)).code, qualifiedPreviousPeriod: "legend" }, now);
    expect(during).toMatchObject({ tier: { code: "legend" }, source: "carried", carriedTierCode: "legend" });
    // On the last evening of the season, still Legend.
    const lastEvening = new Date("2027-06-30T20:59:00Z");
    expect(periodAt(period, tz, lastEvening).key).toBe("2026/27");
    expect(effectiveTier(football, { qualifiedThisPeriod: "regular", qualifiedPreviousPeriod: "legend" }, lastEvening).tier.code).toBe("legend");
    // Season 2027/28: the carried status is what 2026/27 qualified.
    const next = new Date("2027-06-30T21:00:00Z");
    expect(periodAt(period, tz, next).key).toBe("2027/28");
    const after = effectiveTier(football, { qualifiedThisPeriod: "novice", qualifiedPreviousPeriod: "regular" }, next);
    expect(after).toMatchObject({ tier: { code: "regular" }, source: "carried" });
  });

  it("qualifying higher upgrades at once; equal is confirmed", () => {
    expect(effectiveTier(football, { qualifiedThisPeriod: "ultra", qualifiedPreviousPeriod: "supporter" }, now)).toMatchObject({
      tier: { code: "ultra" },
      source: "qualified",
    });
    expect(effectiveTier(football, { qualifiedThisPeriod: "ultra", qualifiedPreviousPeriod: "ultra" }, now).source).toBe("qualified");
  });

  it("lifetime programs carry nothing", () => {
    expect(effectiveTier(sportswear, { qualifiedThisPeriod: "bronze", qualifiedPreviousPeriod: "gold" }, now).tier.code).toBe("bronze");
  });

  it("a manual tier is a floor until it ends, or wins outright with override", () => {
    const until = new Date("2027-01-01T00:00:00Z");
    const manual = { tierCode: "veteran", until };
    expect(effectiveTier(football, { qualifiedThisPeriod: "regular", manual }, now)).toMatchObject({ tier: { code: "veteran" }, source: "manual" });
    expect(effectiveTier(football, { qualifiedThisPeriod: "legend", manual }, now).tier.code).toBe("legend");
    expect(effectiveTier(football, { qualifiedThisPeriod: "regular", manual }, until).tier.code).toBe("regular");
    const demotion = { tierCode: "novice", until: null, override: true };
    expect(effectiveTier(football, { qualifiedThisPeriod: "legend", manual: demotion }, now).tier.code).toBe("novice");
  });

  it("ignores codes the definition no longer has", () => {
    expect(effectiveTier(football, { qualifiedThisPeriod: "gone", qualifiedPreviousPeriod: "also-gone" }, now).tier.code).toBe("novice");
  });
});

describe("progressToNext", () => {
  it("shows each criterion: 3 of 5 home matches, 12,400 of 15,000 RUB", () => {
    const p = progressToNext(football, fan(3, 1_240_000, 99_000), "regular")!;
    expect(p.tier.code).toBe("supporter");
    expect(p.met).toBe(false);
    expect(p.alternatives).toEqual([
      {
        met: false,
        criteria: [
          { metric: "spend", current: 1_240_000, required: 1_500_000, missing: 260_000, categories: ["ticket", "season-ticket", "merch"] },
          { metric: "visits", current: 3, required: 5, missing: 2 },
        ],
      },
    ]);
  });

  it("lists each alternative of `any` and picks the closest", () => {
    const p = progressToNext(park, metrics({ visits: 1, spend: 2_400_000 }), "guest")!;
    expect(p.alternatives.map((a) => a.criteria.map((c) => c.missing))).toEqual([[3], [100_000]]);
    expect(p.closest).toBe(1);
  });

  it("is null at the top", () => {
    expect(progressToNext(sportswear, metrics({ spend: 1 }), "gold")).toBeNull();
  });
});
