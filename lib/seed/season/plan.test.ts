// The season plan without a database: deterministic for a seed and a date, dated relative to
// "now" on any day, and shaped like a club's season (both seasons' home fixtures, every event
// in the past, a customer never does two things in the same millisecond).
import { describe, expect, it } from "vitest";
import { createId } from "@/lib/ids";
import { programDefinitionOrThrow } from "@/lib/program/definition";
import { readProgramFile } from "@/lib/seed/seed-demo";
import { CATALOG } from "@/lib/seed/seed-engagement";
import { generateFans } from "./fans";
import { SeededIds } from "./ids";
import { planSeason, simulateSeason } from "./season";
import { parsePromotionsFile } from "@/lib/promotions/definition";
import { seasonCampaigns } from "./campaigns";
import { buildTimeline } from "./timeline";
import { zonedParts } from "@/lib/time";
import type { World } from "./world";

const def = programDefinitionOrThrow(readProgramFile("programs/football-club.json"));
const world: World = {
  programId: "prg_test",
  versionId: "pvr_test",
  def,
  stores: new Map(
    def.stores!.map((s) => [
      s.code,
      { id: `sto_${s.code}`, code: s.code, name: s.name ?? s.code, partnerCode: s.partner ?? null, tags: s.tags ?? [], timezone: s.timezone, terminalId: `trm_${s.code}` },
    ]),
  ),
  staff: new Map(["owner", "marketer", "support", "analyst"].map((r) => [`${r}@tribune.demo`, { id: `stf_${r}`, role: r, partnerId: null }] as const)),
  items: new Map(
    CATALOG.map((c) => [
      c.code,
      { id: `cat_${c.code}`, code: c.code, title: c.title, pointsPrice: c.price, stock: c.stock, minTierCode: c.minTier, availableFrom: null, availableUntil: null, active: true },
    ]),
  ),
};

function plan(now: Date, fans = 400) {
  const timeline = buildTimeline(def, now, "fc-tribune");
  const people = generateFans({ count: fans, programId: world.programId, timeline, seed: "fc-tribune", ids: new SeededIds("world"), storeIds: new Map() }).fans;
  return planSeason(world, timeline, people, "fc-tribune");
}

describe("demo season plan", () => {
  it("is the same for the same seed and date", () => {
    const a = plan(new Date("2026-11-30T21:00:00Z"));
    const b = plan(new Date("2026-11-30T21:00:00Z"));
    expect(JSON.stringify(a.events)).toBe(JSON.stringify(b.events));
    expect(simulateSeason(a, "fc-tribune").ledger.entries).toEqual(simulateSeason(b, "fc-tribune").ledger.entries);
  });

  for (const now of ["2026-11-30T21:00:00Z", "2027-03-20T09:00:00Z", "2027-07-10T12:00:00Z"]) {
    it(`covers the last and the current season relative to ${now.slice(0, 10)}`, () => {
      const p = plan(new Date(now));
      const t = p.timeline;
      expect(t.previous.end!.getTime()).toBe(t.current.start.getTime());
      expect(t.current.start.getTime()).toBeLessThanOrEqual(t.now.getTime());
      expect(t.fixtures.filter((f) => f.home && f.season === t.previous.key).length).toBeGreaterThanOrEqual(17);
      expect(t.played.every((f) => f.kickoff < t.now)).toBe(true);
      expect(p.events.every((e) => e.at < t.now && e.at >= t.launch)).toBe(true);
      const seen = new Map<string, number>();
      for (const e of p.events) {
        if (!("customerId" in e) || !e.customerId) continue;
        expect(e.at.getTime()).toBeGreaterThan(seen.get(e.customerId) ?? -1);
        seen.set(e.customerId, e.at.getTime());
      }
      const kinds = new Set(p.events.map((e) => e.kind));
      for (const k of ["purchase", "visit", "return", "voucher", "adjust", "legacy"]) expect(kinds.has(k as never), k).toBe(true);
    });
  }

  it("dated campaigns are valid promotions around now: some ended, some planned, in the program's zone", () => {
    for (const now of ["2026-11-30T21:00:00Z", "2027-07-10T12:00:00Z"]) {
      const t = buildTimeline(def, new Date(now), "fc-tribune");
      const file = seasonCampaigns(t, def.code);
      const parsed = parsePromotionsFile(file);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const spans = file.promotions.map((p) => [Date.parse(p.validity.from), Date.parse(p.validity.to)]);
      expect(spans.some(([, to]) => to < t.now.getTime())).toBe(true);
      expect(spans.some(([from]) => from > t.now.getTime())).toBe(true);
      expect(spans.every(([from, to]) => from < to && to > t.launch.getTime())).toBe(true);
      expect(file.promotions[0].validity.from).toMatch(/T00:00:00\+03:00$/);
    }
  });

  it("seeded ids have the shape of lib/ids.ts and sort by time", () => {
    const ids = new SeededIds("x");
    const a = ids.id("rcp", 1_764_000_000_000);
    const b = ids.id("rcp", 1_764_000_000_001);
    expect(a).toMatch(/^rcp_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(a.slice(0, 13)).toBe(createId("rcp", 1_764_000_000_000).slice(0, 13));
    expect(a < b).toBe(true);
  });

  // The demo fan's promo points (e2e/cabinet, e2e/console/a-support): his two merch receipts of
  // 3,000 RUB or more this season each earn the merch-wallet's 300 points only in different
  // calendar months (its limit is once a month) — on any day, including the 10th after a 31-day month.
  it.each(["2027-01-10T08:00:00Z", "2027-01-10T20:30:00Z", "2026-08-10T12:00:00Z", "2026-12-10T23:00:00Z", "2027-03-01T12:00:00Z", "2026-11-22T12:00:00Z"])(
    "the demo fan's merch-wallet receipts fall in two calendar months (now %s)",
    (now) => {
      const p = plan(new Date(now), 30);
      const fan = p.fans.find((f) => f.kind === "demo")!;
      const since = new Date(now).getTime() - 60 * 86_400_000;
      const merch = p.events.filter(
        (e) =>
          e.kind === "purchase" &&
          e.customerId === fan.id &&
          ["stadium-shop", "web-shop"].includes(e.store) &&
          e.at.getTime() > since &&
          e.lines.filter((l) => l.category === "merch").reduce((s, l) => s + l.price * l.quantity, 0) >= 300_000,
      );
      const months = merch.map((e) => {
        const z = zonedParts(e.at, def.timezone);
        return `${z.year}-${z.month}`;
      });
      expect(months).toHaveLength(2);
      expect(new Set(months).size).toBe(2);
    },
  );
});
