import { describe, expect, it } from "vitest";
import { reportDay, reportDue } from "./daily-report";
import { npsRange } from "./range";

describe("the daily report's day (program time)", () => {
  it("is yesterday's local calendar day, midnight to midnight", () => {
    const r = reportDay(new Date("2026-08-11T00:30:00+03:00"), "Europe/Moscow");
    expect(r).toEqual({ day: "2026-08-10", start: new Date("2026-08-10T00:00:00+03:00"), end: new Date("2026-08-11T00:00:00+03:00") });
    // 22:30 UTC on the 10th is already the 11th in Moscow.
    expect(reportDay(new Date("2026-08-10T22:30:00Z"), "Europe/Moscow").day).toBe("2026-08-10");
    expect(reportDay(new Date("2026-08-10T22:30:00Z"), "America/New_York").day).toBe("2026-08-09");
  });

  it("is due from dailyReportAt on", () => {
    expect(reportDue(new Date("2026-08-11T08:59:00+03:00"), "Europe/Moscow", "09:00")).toBe(false);
    expect(reportDue(new Date("2026-08-11T09:00:00+03:00"), "Europe/Moscow", "09:00")).toBe(true);
    expect(reportDue(new Date("2026-08-11T23:59:00+03:00"), "Europe/Moscow", "09:00")).toBe(true);
    expect(reportDue(new Date("2026-08-11T06:30:00Z"), "Asia/Vladivostok", "16:45")).toBe(false);
    expect(reportDue(new Date("2026-08-11T06:45:00Z"), "Asia/Vladivostok", "16:45")).toBe(true);
  });
});

describe("the NPS page's date range", () => {
  const now = new Date("2026-12-02T06:00:00Z");
  it("defaults to the 12 weeks up to today (program time)", () => {
    const r = npsRange("Europe/Moscow", now);
    expect(r).toMatchObject({ from: "2026-09-10", to: "2026-12-02" });
    expect(r.start).toEqual(new Date("2026-09-10T00:00:00+03:00"));
    expect(r.end).toEqual(new Date("2026-12-03T00:00:00+03:00"));
  });

  it("takes valid days and falls back on nonsense, reversed or over-long ranges", () => {
    expect(npsRange("Europe/Moscow", now, "2026-11-01", "2026-11-30")).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
    expect(npsRange("Europe/Moscow", now, "yesterday", "2026-11-30").from).toBe("2026-09-08");
    expect(npsRange("Europe/Moscow", now, "2026-12-01", "2026-11-01").from).toBe("2026-08-10");
    expect(npsRange("Europe/Moscow", now, "2020-01-01", "2026-11-30").from).toBe("2026-09-08");
  });
});
