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
});
