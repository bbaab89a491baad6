// The gates as a pure function: quiet hours in a zone (overnight and daytime windows, the end
// tomorrow or today), and the order of the gates (a suppressed address stops even account messages;
// consent only for marketing and surveys; the cap only for marketing; deferral before the cap).
import { describe, expect, it } from "vitest";
import { evaluateGates, quietUntil, type GateFacts } from "./gates";

const facts = (over: Partial<GateFacts> = {}): GateFacts => ({
  category: "marketing",
  memberReachable: true,
  suppressed: false,
  consent: true,
  inHoldout: false,
  quietHours: { from: "21:00", to: "09:00" },
  timeZone: "Europe/Moscow",
  capLimit: 3,
  capUsed: 0,
  holdsCapSlot: false,
  ...over,
});

describe("quiet hours", () => {
  const q = { from: "21:00", to: "09:00" };
  it("overnight: the evening waits until tomorrow 09:00, the small hours until today 09:00, the day goes", () => {
    expect(quietUntil(q, "Europe/Moscow", new Date("2026-12-02T18:00:00Z"))?.toISOString()).toBe("2026-12-03T06:00:00.000Z");
    expect(quietUntil(q, "Europe/Moscow", new Date("2026-12-02T02:30:00Z"))?.toISOString()).toBe("2026-12-02T06:00:00.000Z");
    expect(quietUntil(q, "Europe/Moscow", new Date("2026-12-02T06:00:00Z"))).toBeNull();
    expect(quietUntil(q, "Europe/Moscow", new Date("2026-12-02T17:59:00Z"))).toBeNull();
  });

  it("follows the member's zone: the same instant is quiet in Vladivostok and not in Moscow", () => {
    const at = new Date("2026-12-02T12:00:00Z"); // 15:00 in Moscow, 22:00 in Vladivostok
    expect(quietUntil(q, "Europe/Moscow", at)).toBeNull();
    expect(quietUntil(q, "Asia/Vladivostok", at)?.toISOString()).toBe("2026-12-02T23:00:00.000Z");
  });

  it("a daytime window ends the same day; none means never quiet", () => {
    expect(quietUntil({ from: "13:00", to: "14:30" }, "UTC", new Date("2026-12-02T13:10:00Z"))?.toISOString()).toBe("2026-12-02T14:30:00.000Z");
    expect(quietUntil(null, "UTC", new Date("2026-12-02T13:10:00Z"))).toBeNull();
  });
});

describe("gate order", () => {
  const night = new Date("2026-12-02T20:00:00Z");
  const day = new Date("2026-12-02T10:00:00Z");
  it("a suppressed address or an unreachable member stops every category", () => {
    for (const category of ["transactional", "marketing", "survey"] as const) {
      expect(evaluateGates(facts({ category, suppressed: true }), day)).toEqual({ kind: "suppress", reason: "address_suppressed" });
      expect(evaluateGates(facts({ category, memberReachable: false }), day)).toEqual({ kind: "suppress", reason: "member_unreachable" });
    }
  });

  it("consent is needed for marketing and surveys, not for account messages", () => {
    expect(evaluateGates(facts({ consent: false }), day)).toEqual({ kind: "suppress", reason: "no_consent" });
    expect(evaluateGates(facts({ category: "survey", consent: false }), day)).toEqual({ kind: "suppress", reason: "no_consent" });
    expect(evaluateGates(facts({ category: "transactional", consent: false }), day)).toEqual({ kind: "pass", takesCapSlot: false });
  });

  it("quiet hours defer before the cap is counted; account messages are not held", () => {
    expect(evaluateGates(facts({ capUsed: 3 }), night)).toMatchObject({ kind: "defer", reason: "quiet_hours" });
    expect(evaluateGates(facts({ category: "transactional" }), night)).toEqual({ kind: "pass", takesCapSlot: false });
  });

  it("the cap counts marketing only, and a retry keeps its slot", () => {
    expect(evaluateGates(facts({ capUsed: 2 }), day)).toEqual({ kind: "pass", takesCapSlot: true });
    expect(evaluateGates(facts({ capUsed: 3 }), day)).toEqual({ kind: "suppress", reason: "frequency_cap" });
    expect(evaluateGates(facts({ capUsed: 3, holdsCapSlot: true }), day)).toEqual({ kind: "pass", takesCapSlot: false });
    expect(evaluateGates(facts({ category: "survey", capUsed: 9 }), day)).toEqual({ kind: "pass", takesCapSlot: false });
    expect(evaluateGates(facts({ capLimit: null, capUsed: 99 }), day)).toEqual({ kind: "pass", takesCapSlot: true });
  });

  it("a campaign's holdout gets nothing", () => {
    expect(evaluateGates(facts({ inHoldout: true }), day)).toEqual({ kind: "suppress", reason: "holdout" });
  });
});
