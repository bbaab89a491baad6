// The period an analytics page reads: a preset (last 7/30/90/365 days) or chosen dates, in the
// program's time zone; charts use days up to 92 days and weeks beyond.
import { dayStart, zonedParts } from "@/lib/time";
import { parsePeriod, periodRange, PARTNER_PERIODS, type PartnerPeriod } from "../period";

export interface AnalyticsRange {
  from: Date;
  /** Exclusive. */
  to: Date;
  /** The preset, or null for chosen dates. */
  period: PartnerPeriod | null;
  /** Chosen dates as given (YYYY-MM-DD, `to` inclusive), for the form. */
  fromDay: string;
  toDay: string;
  bucket: "day" | "week";
}

const MAX_DAYS = 366;
const DAY = 86_400_000;

function ymd(at: Date, tz: string) {
  const p = zonedParts(at, tz);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** Chosen dates win when both parse, are in order and span at most a year; otherwise the preset. */
export function analyticsRange(input: { period?: unknown; from?: unknown; to?: unknown }, tz: string, now = new Date()): AnalyticsRange {
  const from = typeof input.from === "string" ? dayStart(tz, input.from) : undefined;
  const to = typeof input.to === "string" ? dayStart(tz, input.to, 1) : undefined;
  if (from && to && from < to && to.getTime() - from.getTime() <= MAX_DAYS * DAY + 2 * 3_600_000) {
    const days = Math.round((to.getTime() - from.getTime()) / DAY);
    return { from, to, period: null, fromDay: input.from as string, toDay: input.to as string, bucket: days > 92 ? "week" : "day" };
  }
  const period = parsePeriod(input.period);
  const r = periodRange(period, tz, now);
  return { ...r, period, fromDay: ymd(r.from, tz), toDay: ymd(now, tz), bucket: PARTNER_PERIODS[period] > 92 ? "week" : "day" };
}
