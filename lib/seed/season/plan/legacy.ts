// The old fan card: when the club moved to Tribune, members' living balances came over as lots
// with their original expiry dates (some expired since, some expire in the coming weeks), and
// their achievements came over too.
import type { Rng } from "../rng";
import { DAY } from "../timeline";
import type { PlanContext } from "./context";

export interface AchievementRow {
  customerId: string;
  code: string;
  title: string;
  earnedAt: Date;
  source: "legacy-import" | "program";
}

const LEGACY_ACHIEVEMENTS = [
  ["legacy-50-matches", "50 home matches (old fan card)", 0.18],
  ["legacy-100-matches", "100 home matches (old fan card)", 0.06],
  ["legacy-cup-final", "Was there: cup final 2019", 0.12],
  ["legacy-away-10", "10 away trips (old fan card)", 0.05],
  ["legacy-founder", "Fan card holder since the first season", 0.04],
] as const;

export function planLegacy(ctx: PlanContext, rng: Rng): AchievementRow[] {
  const { t } = ctx;
  const achievements: AchievementRow[] = [];
  // Expiry dates spread from just before the move to two years after it, so that on any day of
  // the two seasons some old points are about to expire.
  const firstExpiry = t.launch.getTime() - 60 * DAY;
  const lastExpiry = t.launch.getTime() + 26 * 30 * DAY;
  for (const fan of ctx.fans) {
    if (!fan.legacy || fan.kind === "demo") continue;
    const r = rng.fork(fan.index);
    if (r.chance(0.72)) {
      for (
        let i = r.weighted([
          [1, 5],
          [2, 3],
          [3, 2],
        ] as const);
        i > 0;
        i--
      ) {
        const points = Math.round(Math.exp(r.normal(6.3, 0.9, 4.2, 8.9)));
        const expiresAt = new Date(firstExpiry + r.next() * (lastExpiry - firstExpiry));
        if (expiresAt <= t.launch) continue;
        ctx.events.push({ kind: "legacy", at: new Date(t.launch.getTime() + fan.index * 10 + i), customerId: fan.id, points, expiresAt, note: "Old fan card balance" });
      }
    }
    for (const [code, title, p] of LEGACY_ACHIEVEMENTS) {
      if (r.chance(fan.kind === "vip" || fan.kind === "holder" ? p * 2.5 : p)) {
        achievements.push({ customerId: fan.id, code, title, earnedAt: new Date(fan.createdAt.getTime() + r.next() * (t.launch.getTime() - fan.createdAt.getTime())), source: "legacy-import" });
      }
    }
  }
  return achievements;
}
