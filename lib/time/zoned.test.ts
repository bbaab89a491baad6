import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayStart, localMidnight, zonedParts } from ".";

const ZONES = ["Europe/Moscow", "Europe/Berlin", "America/New_York", "America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham", "Asia/Tehran", "UTC"];

function viaIntl(at: Date, timeZone: string) {
  const f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return { year: out.year, month: out.month, day: out.day, hour: out.hour, minute: out.minute, second: out.second };
}

describe("zonedParts (cached offsets)", () => {
  it("equals Intl's wall clock for any instant 1970–2100 in zones with odd offsets and DST", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom(...ZONES), (ms, zone) => {
        const at = new Date(ms);
        expect(zonedParts(at, zone)).toEqual(viaIntl(at, zone));
      }),
      { numRuns: 5000, seed: 7 },
    );
  });

  it("is exact around DST transitions (every minute across the switch)", () => {
    for (const [zone, iso] of [
      ["Europe/Berlin", "2026-03-29T00:30:00Z"],
      ["Europe/Berlin", "2026-10-25T00:30:00Z"],
      ["America/New_York", "2026-03-08T06:30:00Z"],
      ["Australia/Lord_Howe", "2026-04-04T14:30:00Z"],
    ] as const) {
      const start = new Date(iso).getTime();
      for (let m = 0; m < 120; m++) {
        const at = new Date(start + m * 60_000 + 59_999);
        expect(zonedParts(at, zone), `${zone} ${at.toISOString()}`).toEqual(viaIntl(at, zone));
      }
    }
  });
});

describe("local days", () => {
  it("reads YYYY-MM-DD days in the zone and rejects anything else", () => {
    expect(dayStart("Europe/Moscow", "2026-11-23")?.toISOString()).toBe("2026-11-22T21:00:00.000Z");
    expect(dayStart("Europe/Moscow", "2026-11-23", 1)?.toISOString()).toBe("2026-11-23T21:00:00.000Z");
    expect(dayStart("Europe/Moscow", "23.11.2026")).toBeUndefined();
    expect(dayStart("Europe/Moscow", "2026-13-01")).toBeUndefined();
    expect(dayStart("Europe/Moscow", undefined)).toBeUndefined();
  });

  it("finds local midnights, also across a daylight-saving change", () => {
    expect(localMidnight(new Date("2026-11-23T12:00:00Z"), "Europe/Moscow").toISOString()).toBe("2026-11-22T21:00:00.000Z");
    expect(localMidnight(new Date("2026-11-23T12:00:00Z"), "Europe/Moscow", -29).toISOString()).toBe("2026-10-24T21:00:00.000Z");
    // New York: 1 Nov 2026 ends daylight saving; midnight before is UTC−4, midnight after is UTC−5.
    expect(localMidnight(new Date("2026-11-02T12:00:00Z"), "America/New_York", -1).toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(localMidnight(new Date("2026-11-02T12:00:00Z"), "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });
});
