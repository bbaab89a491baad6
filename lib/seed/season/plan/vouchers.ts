// The experience catalog over the seasons: fans who like to spend points pick what they can
// afford (the simulation checks balance, status and stock at that moment); staff mark vouchers
// used at the event, the latest ones are still waiting.
import type { Rng } from "../rng";
import { DAY, HOUR } from "../timeline";
import { activeFrom, between, type PlanContext } from "./context";

/** Catalog codes with how much fans want them; the wealthy aim high first. */
const WANTS: [string, number][] = [
  ["half-time-coffee", 3],
  ["club-scarf", 3],
  ["open-training", 1.5],
  ["pitch-tour", 1.5],
  ["signed-jersey", 2],
  ["mascot", 1],
  ["meet-the-team", 1.2],
  ["away-trip", 0.6],
  ["vip-box", 0.5],
];
const AT_A_MATCH = new Set(["open-training", "pitch-tour", "mascot", "meet-the-team", "away-trip", "vip-box"]);

export function planVouchers(ctx: PlanContext, rng: Rng) {
  const { t } = ctx;
  const support = ctx.staff.support;
  const homeMatches = t.fixtures.filter((f) => f.home).map((f) => f.kickoff);
  for (const fan of ctx.fans) {
    if (fan.kind === "demo" || fan.kind === "lapsed" || fan.redeemer < 0.4) continue;
    const r = rng.fork(fan.index);
    const from = activeFrom(t, fan);
    const n =
      r.weighted([
        [0, 5],
        [1, 3],
        [2, 1],
      ] as const) + (fan.kind === "vip" ? 1 : 0);
    for (let i = 0; i < n; i++) {
      const at = between(r, new Date(from.getTime() + 30 * DAY), t.now);
      if (at <= from) continue;
      const rich = fan.kind === "vip" || fan.kind === "holder";
      const wishes = [...WANTS]
        .map(([code, w]) => [code, (rich && !["half-time-coffee", "club-scarf"].includes(code) ? w * 3 : w) * r.next()] as const)
        .sort((a, b) => b[1] - a[1])
        .map(([code]) => code);
      const top = wishes[0];
      let usedAt: Date | null;
      if (AT_A_MATCH.has(top)) usedAt = homeMatches.find((k) => k.getTime() > at.getTime() + 3 * DAY) ?? null;
      else usedAt = new Date(at.getTime() + r.int(1, 14) * DAY + r.int(0, 10) * HOUR);
      if (usedAt && usedAt >= t.now) usedAt = null;
      ctx.events.push({ kind: "voucher", at, customerId: fan.id, wishes, key: `season-${ctx.key("v")}`, usedAt, usedBy: usedAt ? support : null });
    }
  }
}
