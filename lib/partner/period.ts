// Reporting periods of the partner portal: the last N days in the program's time zone.
import { localMidnight } from "@/lib/time";

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
