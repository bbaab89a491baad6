// Wall clocks in IANA time zones: the local date and time of an instant, the instant of a local
// time, and local days (midnights, "YYYY-MM-DD" filters). Programs, stores and periods follow them.
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
export function zonedTimeToInstant(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
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

/** Midnight (in `timeZone`) of the day `at` falls in, shifted by `days`. */
export function localMidnight(at: Date, timeZone: string, days = 0): Date {
  const p = zonedParts(at, timeZone);
  return zonedTimeToInstant(timeZone, p.year, p.month, p.day + days);
}

/** "2026-11-23" → the instant that day starts in the zone (plusDays: 1 gives the exclusive end); undefined when malformed. */
export function dayStart(timeZone: string, ymd: string | undefined | null, plusDays = 0): Date | undefined {
  const m = ymd ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd) : null;
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return zonedTimeToInstant(timeZone, y, mo, d + plusDays);
}
