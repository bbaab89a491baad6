// Reporting periods of the partner portal: the last N days in the program's time zone.
import { localMidnight, zonedParts } from "@/lib/time";

export const PARTNER_PERIODS = { "7d": 7, "30d": 30, "90d": 90, "365d": 365 } as const;
export type PartnerPeriod = keyof typeof PARTNER_PERIODS;
export const DEFAULT_PERIOD: PartnerPeriod = "30d";

export function parsePeriod(v: unknown): PartnerPeriod {
  return typeof v === "string" && v in PARTNER_PERIODS ? (v as PartnerPeriod) : DEFAULT_PERIOD;
}

/** [from, to): from midnight N-1 days ago to now. */
export function periodRange(period: PartnerPeriod, timeZone: string, now = new Date()) {
  return { from: localMidnight(now, timeZone, -(PARTNER_PERIODS[period] - 1)), to: now };
}

/** The days (or weeks, from Monday) of [from, to) as YYYY-MM-DD in the zone: one chart point each. */
export function bucketDays(from: Date, to: Date, tz: string, bucket: "day" | "week"): string[] {
  const start = zonedParts(from, tz);
  const end = zonedParts(new Date(to.getTime() - 1), tz);
  const cursor = new Date(Date.UTC(start.year, start.month - 1, start.day));
  if (bucket === "week") cursor.setUTCDate(cursor.getUTCDate() - ((cursor.getUTCDay() + 6) % 7));
  const last = Date.UTC(end.year, end.month - 1, end.day);
  const out: string[] = [];
  while (cursor.getTime() <= last) {
    out.push(cursor.toISOString().slice(0, 10));
    cursor.setUTCDate(cursor.getUTCDate() + (bucket === "week" ? 7 : 1));
  }
  return out;
}
