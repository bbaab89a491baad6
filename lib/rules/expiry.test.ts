import { describe, expect, it } from "vitest";
import { referenceProgram } from "./reference-programs";
import { lotAvailableAt, lotExpiresAt } from "./expiry";

describe("lot expiry and availability", () => {
  it("points earned on 2025-03-10 expire on 2026-03-10 (12 months, program time zone)", () => {
    const def = referenceProgram("sportswear-retailer");
    expect(def.expiry).toEqual({ months: 12 });
    const earned = new Date("2025-03-10T18:30:00+03:00");
    expect(lotExpiresAt(def, earned)?.toISOString()).toBe(new Date("2026-03-10T00:00:00+03:00").toISOString());
  });

  it("clamps the day to the month's length (Jan 31 + 1 month → Feb 28)", () => {
    const def = { ...referenceProgram("sportswear-retailer"), expiry: { months: 1 } } as ReturnType<typeof referenceProgram>;
    expect(lotExpiresAt(def, new Date("2026-01-31T12:00:00+03:00"))?.toISOString()).toBe(new Date("2026-02-28T00:00:00+03:00").toISOString());
  });

  it("a return window keeps the points pending N days; a validation waits with no date", () => {
    const def = referenceProgram("sportswear-retailer");
    const at = new Date("2026-11-22T12:00:00+03:00");
    expect(lotAvailableAt(def, { afterDays: 14 }, at)?.toISOString()).toBe(new Date("2026-12-06T12:00:00+03:00").toISOString());
    expect(lotAvailableAt(def, { afterDays: 0 }, at)).toEqual(at);
    expect(lotAvailableAt(def, { on: "validation" }, at)).toBeNull();
  });

  it("no expiry means never", () => {
    const def = { ...referenceProgram("sportswear-retailer"), expiry: null } as ReturnType<typeof referenceProgram>;
    expect(lotExpiresAt(def, new Date())).toBeNull();
  });

  it("`endOfPeriod` points expire when the qualification period ends (calendar year, Moscow)", () => {
    const def = { ...referenceProgram("amusement-park"), expiry: { endOfPeriod: true as const } };
    expect(def.qualification.period).toBe("calendar-year");
    expect(lotExpiresAt(def, new Date("2026-06-15T12:00:00+03:00"))?.toISOString()).toBe(new Date("2027-01-01T00:00:00+03:00").toISOString());
  });

  it("immediate points are available at the receipt's instant, even in the hour a DST change repeats", () => {
    const def = { ...referenceProgram("sportswear-retailer"), timezone: "Europe/Berlin" };
    // 2026-10-25 02:30 happens twice in Berlin: 00:30Z (summer time) and 01:30Z (winter time).
    for (const at of [new Date("2026-10-25T00:30:00Z"), new Date("2026-10-25T01:30:00Z")]) {
      expect(lotAvailableAt(def, { afterDays: 0 }, at)).toEqual(at);
    }
  });
});
