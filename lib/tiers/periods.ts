// Qualification periods (season, calendar year, rolling window, lifetime) in the program's
// time zone: which period an instant falls in, its key, its bounds, and the one before it.
import type { QualificationPeriod } from "@/lib/program/definition";

export interface Period {
  /** "2026/27" (season), "2026" (calendar year or a season starting January 1), "lifetime", "rolling-12m". */
  key: string;
  /** Inclusive. */
  start: Date;
  /** Exclusive; null for lifetime. */
  end: Date | null;
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function exactParts(at: Date, timeZone: string): ZonedParts {
  const out: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(timeZone).formatToParts(at)) {
    if (p.type in out) out[p.type as keyof ZonedParts] = Number(p.value);
  }
  return out;
}

// formatToParts is slow (tens of µs) and receipts ask for wall-clock parts many times, so the
// zone's UTC offset is cached per 15-minute slice: every time-zone transition since 1970 falls on
// a quarter hour, so the offset is constant inside a slice. Earlier instants take the exact path.
const SLICE_MS = 15 * 60_000;
const offsets = new Map<string, Map<number, number>>();

function cachedOffset(ms: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const slice = Math.floor(ms / SLICE_MS);
  let off = zone.get(slice);
  if (off === undefined) {
    const start = slice * SLICE_MS;
    const p = exactParts(new Date(start), timeZone);
    off = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - start;
    if (zone.size > 50_000) zone.clear();
    zone.set(slice, off);
  }
  return off;
}

/** The wall-clock date and time of `at` in `timeZone`. */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const ms = at.getTime();
  if (!(ms >= 0)) return exactParts(at, timeZone);
  const local = new Date(Math.floor(ms / 1000) * 1000 + cachedOffset(ms, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** Milliseconds to add to UTC to get the wall clock of `timeZone` at `at`. */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const p = zonedParts(new Date(whole), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

/**
 * The instant a wall clock in `timeZone` shows the given local time. In a daylight-saving gap
 * the clock is read with the offset from before the gap (so it lands just after the gap).
 */
export function zonedTimeToInstant(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): Date {
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  let guess = local - offsetAt(local, timeZone);
  const offset = offsetAt(guess, timeZone);
  if (local - offset !== guess) {
    const retry = local - offset;
    // Use the adjusted guess only if it really shows the requested wall time (not in a gap).
    if (offsetAt(retry, timeZone) === offset) guess = retry;
  }
  return new Date(guess);
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

function yearPeriod(timeZone: string, year: number, month: number, day: number): Period {
  const key = month === 1 && day === 1 ? String(year) : `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
  return { key, start: zonedTimeToInstant(timeZone, year, month, day), end: zonedTimeToInstant(timeZone, year + 1, month, day) };
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
