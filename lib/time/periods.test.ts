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

describe("season and year bounds (cached per zone, year, month and day)", () => {
  // The same bounds computed from scratch every time, as periodAt did before its cache.
  function uncached(period: { season: { startMonth: number; startDay?: number } } | "calendar-year", tz: string, at: Date) {
    const [month, day] = period === "calendar-year" ? [1, 1] : [period.season.startMonth, period.season.startDay ?? 1];
    const p = zonedParts(at, tz);
    const year = p.month > month || (p.month === month && p.day >= day) ? p.year : p.year - 1;
    const key = month === 1 && day === 1 ? String(year) : `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
    return { key, start: zonedTimeToInstant(tz, year, month, day), end: zonedTimeToInstant(tz, year + 1, month, day) };
  }
  const zones = ["Europe/Moscow", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "Asia/Tehran", "Pacific/Chatham", "UTC"];
  // Seasons that start on a DST change day (March 29 / October 25 2026 in Europe, March 8 / November 1 in New York), around New Year and on February 29.
  const periods = [
    "calendar-year",
    { season: { startMonth: 7, startDay: 1 } },
    { season: { startMonth: 3, startDay: 29 } },
    { season: { startMonth: 10, startDay: 25 } },
    { season: { startMonth: 3, startDay: 8 } },
    { season: { startMonth: 11, startDay: 1 } },
    { season: { startMonth: 2, startDay: 29 } },
  ] as const;
  // Instants within a day of the DST changes and of New Year in the zones above, 2024–2028.
  const edges = [
    ...[2024, 2025, 2026, 2027, 2028].flatMap((y) => [
      Date.UTC(y, 0, 1),
      Date.UTC(y, 2, 8, 7),
      Date.UTC(y, 2, 29, 1),
      Date.UTC(y, 3, 5, 16),
      Date.UTC(y, 9, 25, 1),
      Date.UTC(y, 10, 1, 6),
      Date.UTC(y, 8, 6, 14),
    ]),
    Date.UTC(2026, 6, 1),
    Date.UTC(2028, 1, 29),
  ];

  it("equal the uncached answer across DST changes and year boundaries, asked once or many times", () => {
    fc.assert(
      fc.property(fc.constantFrom(...edges), fc.integer({ min: -36 * 3_600_000, max: 36 * 3_600_000 }), fc.constantFrom(...zones), fc.constantFrom(...periods), (edge, shift, tz, period) => {
        const at = new Date(edge + shift);
        const want = uncached(period, tz, at);
        expect(periodAt(period, tz, at)).toEqual(want);
        expect(periodAt(period, tz, at)).toEqual(want); // the second answer comes from the cache
        expect(previousPeriod(period, tz, at)).toEqual(uncached(period, tz, new Date(want.start.getTime() - 1)));
      }),
      { numRuns: 3000 },
    );
  });

  it("hands out fresh dates: changing an answer does not change the next one", () => {
    const at = new Date("2026-11-22T09:00:00Z");
    const first = periodAt(SEASON, "Europe/Moscow", at);
    first.start.setTime(0);
    first.end!.setTime(0);
    expect(periodAt(SEASON, "Europe/Moscow", at)).toEqual({ key: "2026/27", start: new Date("2026-06-30T21:00:00Z"), end: new Date("2027-06-30T21:00:00Z") });
  });

  it("stays right past its size bound (2,000 different seasons in one zone, then the first again)", () => {
    const at0 = new Date("2026-03-29T00:30:00Z");
    expect(periodAt("calendar-year", "Europe/Berlin", at0)).toEqual(uncached("calendar-year", "Europe/Berlin", at0));
    for (let i = 0; i < 2_000; i++) {
      const season = { season: { startMonth: 1 + (i % 12), startDay: 1 + (i % 28) } };
      const at = new Date(Date.UTC(1971 + (i % 150), 5, 1));
      expect(periodAt(season, "Europe/Berlin", at)).toEqual(uncached(season, "Europe/Berlin", at));
    }
    const at = new Date("2026-03-29T00:30:00Z");
    expect(periodAt("calendar-year", "Europe/Berlin", at)).toEqual(uncached("calendar-year", "Europe/Berlin", at));
  });
});
