// Reporting periods of the partner portal: the last N days in the program's time zone.
import { zonedParts, zonedTimeToInstant } from "@/lib/tiers/periods";

export const PARTNER_PERIODS = { "7d": 7, "30d": 30, "90d": 90, "365d": 365 } as const;
export type PartnerPeriod = keyof typeof PARTNER_PERIODS;
export const DEFAULT_PERIOD: PartnerPeriod = "30d";

export function parsePeriod(v: unknown): PartnerPeriod {
  return typeof v === "string" && v in PARTNER_PERIODS ? (v as PartnerPeriod) : DEFAULT_PERIOD;
}

/** Midnight (in `timeZone`) of the day `at` falls in, shifted by `days`. */
export function localMidnight(at: Date, timeZone: string, days = 0): Date {
  const p = zonedParts(at, timeZone);
  return zonedTimeToInstant(timeZone, p.year, p.month, p.day + days);
}

/** [from, to): from midnight N-1 days ago to now. */
export function periodRange(period: PartnerPeriod, timeZone: string, now = new Date()) {
  return { from: localMidnight(now, timeZone, -(PARTNER_PERIODS[period] - 1)), to: now };
}

/** A YYYY-MM-DD day in `timeZone` → its midnight instant (null when malformed). */
export function dayStart(day: string | undefined, timeZone: string, plusDays = 0): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? "");
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return zonedTimeToInstant(timeZone, y, mo, d + plusDays);
}
