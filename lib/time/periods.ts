// Qualification periods (season, calendar year, rolling window, lifetime) in the program's
// time zone: which period an instant falls in, its key, its bounds, and the one before it.
import type { QualificationPeriod } from "@/lib/program/definition";
import { zonedParts, zonedTimeToInstant } from "./zoned";

export interface Period {
  /** "2026/27" (season), "2026" (calendar year or a season starting January 1), "lifetime", "rolling-12m". */
  key: string;
  /** Inclusive. */
  start: Date;
  /** Exclusive; null for lifetime. */
  end: Date | null;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The same wall-clock time `months` earlier (day clamped to the month's length). */
function monthsBefore(at: Date, months: number, timeZone: string): Date {
  const p = zonedParts(at, timeZone);
  const index = p.year * 12 + (p.month - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(p.day, daysIn(year, month));
  return zonedTimeToInstant(timeZone, year, month, day, p.hour, p.minute, p.second, at.getUTCMilliseconds());
}

/** The year-long period starting at local midnight of (year, month, day), computed (no cache). */
function yearPeriodUncached(timeZone: string, year: number, month: number, day: number): Period {
  const key = month === 1 && day === 1 ? String(year) : `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
  return { key, start: zonedTimeToInstant(timeZone, year, month, day), end: zonedTimeToInstant(timeZone, year + 1, month, day) };
}

// Every receipt asks for its season's or year's bounds several times (the receipt's period key,
// status metrics, earning, expiry), and each computation is two zonedTimeToInstant of two to three
// offset look-ups: 0.18 ms per confirm in the server's profile (docs/benchmarks.md). The bounds are
// a pure function of (zone, start year, month, day), so they are kept per that key; fresh Dates
// are handed out, so a caller can never change a cached answer. Bounded: a new map past the limit.
const YEAR_PERIODS_MAX = 1_000;
const yearPeriods = new Map<string, { key: string; start: number; end: number }>();

function yearPeriod(timeZone: string, year: number, month: number, day: number): Period {
  const k = `${timeZone}|${year}|${month}|${day}`;
  let hit = yearPeriods.get(k);
  if (!hit) {
    const p = yearPeriodUncached(timeZone, year, month, day);
    if (yearPeriods.size >= YEAR_PERIODS_MAX) yearPeriods.clear();
    yearPeriods.set(k, (hit = { key: p.key, start: p.start.getTime(), end: p.end!.getTime() }));
  }
  return { key: hit.key, start: new Date(hit.start), end: new Date(hit.end) };
}

export const LIFETIME: Period = { key: "lifetime", start: new Date(0), end: null };

/** The qualification period `at` falls in. For a rolling window: the window ending at `at` (inclusive). */
export function periodAt(period: QualificationPeriod, timeZone: string, at: Date): Period {
  if (period === "lifetime") return LIFETIME;
  if (period === "calendar-year") return yearPeriod(timeZone, zonedParts(at, timeZone).year, 1, 1);
  if ("season" in period) {
    const { startMonth, startDay = 1 } = period.season;
    const p = zonedParts(at, timeZone);
    const started = p.month > startMonth || (p.month === startMonth && p.day >= startDay);
    return yearPeriod(timeZone, started ? p.year : p.year - 1, startMonth, startDay);
  }
  const end = new Date(at.getTime() + 1);
  return { key: `rolling-${period.rollingMonths}m`, start: monthsBefore(at, period.rollingMonths, timeZone), end };
}

/**
 * The period before the one `at` falls in (the one whose status is carried now); null for
 * lifetime. For a rolling window, the window of the same length just before it.
 */
export function previousPeriod(period: QualificationPeriod, timeZone: string, at: Date): Period | null {
  if (period === "lifetime") return null;
  const current = periodAt(period, timeZone, at);
  if (typeof period === "object" && "rollingMonths" in period) {
    const start = monthsBefore(current.start, period.rollingMonths, timeZone);
    return { key: `rolling-${period.rollingMonths}m-previous`, start, end: current.start };
  }
  return periodAt(period, timeZone, new Date(current.start.getTime() - 1));
}
