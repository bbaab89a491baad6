// The console's pure views of promotions: the status read against the dates, budget shares, the
// month calendar (bars clipped to the month in the program's zone) and the editor's path helpers.
import { describe, expect, it } from "vitest";
import { budgetShare, calendarMonth, parseMonth, viewStatus } from "./console";
import type { PromotionDefinition } from "./definition";
import { copyOfPromotion, getAt, isoFromLocal, localFromIso, setAt } from "./editor-form";

const NOW = new Date("2026-12-10T12:00:00Z");
const def = (over: Partial<PromotionDefinition>) => ({ code: "x", name: "X", status: "active", trigger: "auto", effect: { type: "percentOff", percent: 10 }, ...over }) as PromotionDefinition;

describe("view status", () => {
  it("reads the stored status against the dates", () => {
    expect(viewStatus(def({}), NOW)).toBe("active");
    expect(viewStatus(def({ status: "draft", validity: { to: "2020-01-01T00:00:00Z" } }), NOW)).toBe("draft");
    expect(viewStatus(def({ validity: { from: "2026-12-20T00:00:00+03:00" } }), NOW)).toBe("scheduled");
    expect(viewStatus(def({ validity: { to: "2026-12-10T12:00:00Z" } }), NOW)).toBe("ended");
    expect(viewStatus(def({ status: "paused", validity: { to: "2027-01-01T00:00:00Z" } }), NOW)).toBe("paused");
    expect(viewStatus(def({ status: "paused", validity: { to: "2026-12-01T00:00:00Z" } }), NOW)).toBe("ended");
    expect(viewStatus(def({ status: "ended" }), NOW)).toBe("ended");
  });

  it("budget share is a percent with one decimal, capped at 100, null without a budget", () => {
    expect(budgetShare(0, undefined)).toBeNull();
    expect(budgetShare(1234, 10_000)).toBe(12.3);
    expect(budgetShare(20_000, 10_000)).toBe(100);
    expect(budgetShare(0, 0)).toBe(100);
  });
});

describe("month calendar", () => {
  const row = (code: string, from: string | null, to: string | null, status: "active" | "draft" | "paused" | "ended" | "scheduled" = "active") => ({
    code,
    def: def({ code }),
    status,
    from: from ? new Date(from) : null,
    to: to ? new Date(to) : null,
    createdAt: new Date("2026-11-01T00:00:00Z"),
  });

  it("clips bars to the month in the program's zone and leaves drafts and other months out", () => {
    const cal = calendarMonth(
      [
        row("whole", null, null),
        row("inside", "2026-12-05T00:00:00+03:00", "2026-12-08T00:00:00+03:00"),
        row("into-next", "2026-12-28T10:00:00+03:00", "2027-01-15T00:00:00+03:00", "scheduled"),
        // 31 Dec 22:00 UTC is already 1 Jan in Moscow: not in December.
        row("next-month", "2026-12-31T22:00:00Z", null),
        row("last-month", "2026-11-01T00:00:00+03:00", "2026-12-01T00:00:00+03:00", "ended"),
        row("draft", "2026-12-01T00:00:00+03:00", null, "draft"),
      ],
      { year: 2026, month: 12 },
      "Europe/Moscow",
      NOW,
    );
    expect(cal).toMatchObject({ year: 2026, month: 12, days: 31, firstWeekday: 1, today: 10, prev: "2026-11", next: "2027-01" });
    expect(cal.bars.map((b) => [b.code, b.startDay, b.endDay, b.before, b.after])).toEqual([
      ["whole", 1, 31, true, true],
      ["inside", 5, 7, false, false],
      ["into-next", 28, 31, false, true],
    ]);
  });

  it("months roll over the year; a bad month param is this month", () => {
    expect(calendarMonth([], { year: 2027, month: 1 }, "UTC", NOW)).toMatchObject({ prev: "2026-12", next: "2027-02", today: null, days: 31, firstWeekday: 4 });
    expect(parseMonth("2027-02", NOW, "UTC")).toEqual({ year: 2027, month: 2 });
    expect(parseMonth("2027-13", NOW, "UTC")).toEqual({ year: 2026, month: 12 });
    expect(parseMonth(undefined, new Date("2026-12-31T22:00:00Z"), "Europe/Moscow")).toEqual({ year: 2027, month: 1 });
  });
});

describe("editor paths", () => {
  it("sets and reads by path, removing emptied objects", () => {
    let d: Record<string, unknown> = { code: "a" };
    d = setAt(d, "limits.budget.money", 500);
    expect(getAt(d, "limits.budget.money")).toBe(500);
    d = setAt(d, "limits.total", 3);
    d = setAt(d, "limits.budget.money", undefined);
    expect(d).toEqual({ code: "a", limits: { total: 3 } });
    d = setAt(d, "limits.total", undefined);
    expect(d).toEqual({ code: "a" });
  });

  it("a copy is a draft without a code or a shared code; unique codes keep their pattern", () => {
    const shared = { code: "a", name: "A", status: "active", trigger: "code", codes: { shared: "SAVE10", perCode: { maxUses: 1 } }, effect: { type: "amountOff", amount: 100 } };
    expect(copyOfPromotion(shared)).toEqual({ code: "", name: "A", status: "draft", trigger: "code", effect: { type: "amountOff", amount: 100 } });
    const unique = { ...shared, codes: { unique: { count: 5, pattern: "X-########" }, perCode: { maxUses: 2 } } };
    expect(copyOfPromotion(unique).codes).toEqual({ unique: { count: 5, pattern: "X-########" }, perCode: { maxUses: 2 } });
    expect(Object.keys(copyOfPromotion(unique))[0]).toBe("code");
  });

  it("round-trips validity through the zone's wall clock with the zone's offset", () => {
    expect(isoFromLocal("2026-12-01T00:00", "Europe/Moscow")).toBe("2026-12-01T00:00:00+03:00");
    expect(isoFromLocal("2026-07-01T09:30", "America/New_York")).toBe("2026-07-01T09:30:00-04:00");
    expect(localFromIso("2026-11-30T21:00:00Z", "Europe/Moscow")).toBe("2026-12-01T00:00");
    expect(localFromIso("not a date", "UTC")).toBe("");
    expect(isoFromLocal("garbage", "UTC")).toBeUndefined();
  });
});
