import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LIFETIME, periodAt, previousPeriod, zonedParts, zonedTimeToInstant } from ".";

const SEASON = { season: { startMonth: 7, startDay: 1 } };
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("qualification periods", () => {
  it("a season starts on July 1 at midnight in Moscow (21:00 UTC the day before)", () => {
    const last = periodAt(SEASON, "Europe/Moscow", new Date("2026-06-30T20:59:59.999Z"));
    expect(last.key).toBe("2025/26");
    expect(iso(last.end)).toBe("2026-06-30T21:00:00.000Z");
    const first = periodAt(SEASON, "Europe/Moscow", new Date("2026-06-30T21:00:00.000Z"));
    expect(first).toEqual({ key: "2026/27", start: new Date("2026-06-30T21:00:00Z"), end: new Date("2027-06-30T21:00:00Z") });
  });

  it("the previous season is the one just finished", () => {
    const prev = previousPeriod(SEASON, "Europe/Moscow", new Date("2026-11-22T09:00:00Z"));
    expect(prev).toEqual({ key: "2025/26", start: new Date("2025-06-30T21:00:00Z"), end: new Date("2026-06-30T21:00:00Z") });
  });

  it("a season starting January 1 is keyed by its year; 2099/00 wraps", () => {
    expect(periodAt({ season: { startMonth: 1, startDay: 1 } }, "UTC", new Date("2026-05-01T00:00:00Z")).key).toBe("2026");
    expect(periodAt({ season: { startMonth: 8, startDay: 15 } }, "UTC", new Date("2099-09-01T00:00:00Z")).key).toBe("2099/00");
  });

  it("a calendar year follows the program's time zone", () => {
    const vvo = periodAt("calendar-year", "Asia/Vladivostok", new Date("2025-12-31T14:00:00Z"));
    expect(vvo).toEqual({ key: "2026", start: new Date("2025-12-31T14:00:00Z"), end: new Date("2026-12-31T14:00:00Z") });
    expect(periodAt("calendar-year", "Europe/Moscow", new Date("2025-12-31T14:00:00Z")).key).toBe("2025");
    expect(previousPeriod("calendar-year", "Europe/Moscow", new Date("2026-03-01T00:00:00Z"))?.key).toBe("2025");
  });

  it("handles daylight saving time zones", () => {
    const ny = periodAt("calendar-year", "America/New_York", new Date("2026-06-01T00:00:00Z"));
    expect(iso(ny.start)).toBe("2026-01-01T05:00:00.000Z"); // EST
    const season = periodAt({ season: { startMonth: 4, startDay: 1 } }, "America/New_York", new Date("2026-06-01T00:00:00Z"));
    expect(iso(season.start)).toBe("2026-04-01T04:00:00.000Z"); // EDT
    expect(iso(season.end)).toBe("2027-04-01T04:00:00.000Z");
  });

  it("lifetime has no end and no previous period", () => {
    expect(periodAt("lifetime", "Europe/Moscow", new Date())).toBe(LIFETIME);
    expect(LIFETIME.end).toBeNull();
    expect(previousPeriod("lifetime", "Europe/Moscow", new Date())).toBeNull();
  });

  it("a rolling window ends at the instant and starts the same wall time N months before", () => {
    const at = new Date("2026-03-31T09:30:00Z"); // 12:30 in Moscow
    const w = periodAt({ rollingMonths: 12 }, "Europe/Moscow", at);
    expect(w).toEqual({ key: "rolling-12m", start: new Date("2025-03-31T09:30:00Z"), end: new Date(at.getTime() + 1) });
    const short = periodAt({ rollingMonths: 1 }, "Europe/Moscow", at);
    expect(iso(short.start)).toBe("2026-02-28T09:30:00.000Z"); // February has no 31st
    const prev = previousPeriod({ rollingMonths: 12 }, "Europe/Moscow", at);
    expect(prev).toEqual({ key: "rolling-12m-previous", start: new Date("2024-03-31T09:30:00Z"), end: w.start });
  });

  it("reads wall-clock time across a daylight-saving gap", () => {
    // 02:30 on 2026-03-08 does not exist in New York: read with the offset before the gap.
    expect(iso(zonedTimeToInstant("America/New_York", 2026, 3, 8, 2, 30))).toBe("2026-03-08T07:30:00.000Z");
    expect(iso(zonedTimeToInstant("Asia/Kamchatka", 2026, 1, 1))).toBe("2025-12-31T12:00:00.000Z");
  });

  it("every instant lies in its period, and periods tile time", () => {
    const zones = ["Europe/Moscow", "America/New_York", "Asia/Kamchatka", "Australia/Lord_Howe", "America/Santiago", "UTC"];
    const periods = ["calendar-year", SEASON, { season: { startMonth: 3, startDay: 29 } }] as const;
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) }), fc.constantFrom(...zones), fc.constantFrom(...periods), (ms, tz, period) => {
        const at = new Date(ms);
        const p = periodAt(period, tz, at);
        expect(p.start.getTime()).toBeLessThanOrEqual(ms);
        expect(p.end!.getTime()).toBeGreaterThan(ms);
        const local = zonedParts(p.start, tz);
        expect(local.hour * 60 + local.minute).toBeLessThan(120); // local midnight, or just after a DST gap
        expect(periodAt(period, tz, p.end!).start).toEqual(p.end);
        expect(previousPeriod(period, tz, at)!.end).toEqual(p.start);
      }),
      { numRuns: 300 },
    );
  });
});
