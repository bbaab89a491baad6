// What every planner gets: the timeline, the fans, a seeded generator of its own, and helpers
// for plausible times (opening hours in the program's zone) and counts.
import { zonedParts, zonedTimeToInstant } from "@/lib/time";
import type { SeasonEvent } from "../events";
import type { Fan } from "../fans";
import type { Rng } from "../rng";
import { DAY, type SeasonTimeline } from "../timeline";

export interface PlanContext {
  t: SeasonTimeline;
  fans: Fan[];
  /** Staff user ids by role ("support", "owner", …) and partner managers by partner code. */
  staff: Record<string, string>;
  events: SeasonEvent[];
  /** Fans / 20,000: walk-ins and staff work shrink with a smaller club (tests). */
  scale: number;
  /** A unique key for a receipt (returns refer to it). */
  key(prefix: string): string;
  /** Shared promo codes of running promotions (printed in the matchday programme): some fans type them in. */
  sharedCodes: string[];
}

/** Local midnight (program zone) of the day `at` falls in, plus `days`. */
export function localDay(t: SeasonTimeline, at: Date, days = 0): Date {
  const p = zonedParts(at, t.timeZone);
  return zonedTimeToInstant(t.timeZone, p.year, p.month, p.day + days);
}

/** A time between two local hours of a day (hours may pass 24 for after midnight). */
export function timeOfDay(rng: Rng, day: Date, fromHour: number, toHour: number): Date {
  return new Date(day.getTime() + (fromHour + rng.next() * (toHour - fromHour)) * 3600_000 + rng.int(0, 999));
}

/** A random instant in [from, to). */
export function between(rng: Rng, from: Date, to: Date): Date {
  return new Date(from.getTime() + Math.floor(rng.next() * Math.max(0, to.getTime() - from.getTime())));
}

/** A Poisson-distributed count with mean `mean`. */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k += 1;
    p *= rng.next();
  } while (p > l);
  return k - 1;
}

/** When the fan's history starts: joining the program, but not before the club moved to Tribune. */
export function activeFrom(t: SeasonTimeline, fan: Fan): Date {
  return new Date(Math.max(fan.createdAt.getTime() + 3600_000, t.previous.start.getTime()));
}

/** Days of the history window (local midnights), for planners that go day by day. */
export function historyDays(t: SeasonTimeline): Date[] {
  const out: Date[] = [];
  for (let d = localDay(t, t.previous.start); d < t.now; d = localDay(t, new Date(d.getTime() + DAY + 3 * 3600_000))) out.push(d);
  return out;
}

/** Shop traffic by date: the new kit in late July, Black Friday week, December gifts. */
export function shopWeight(day: Date): number {
  const m = day.getUTCMonth();
  const d = day.getUTCDate();
  let w = 1;
  if (m === 6 && d >= 20) w += 2.5;
  if (m === 7 && d <= 10) w += 1.5;
  if (m === 10 && d >= 22) w += 2;
  if (m === 11 && d <= 30) w += 1.6;
  if (day.getUTCDay() === 6 || day.getUTCDay() === 0) w += 0.5;
  return w;
}

/** A day between two instants, drawn by `shopWeight`. */
export function shopDay(rng: Rng, t: SeasonTimeline, from: Date, to: Date): Date | null {
  if (to <= from) return null;
  for (let i = 0; i < 12; i++) {
    const day = localDay(t, between(rng, from, to));
    if (rng.next() * 4.5 < shopWeight(day)) return day;
  }
  return localDay(t, between(rng, from, to));
}
