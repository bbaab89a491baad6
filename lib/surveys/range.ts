// The NPS page's date range: local days (program time zone) from the URL, 12 weeks by default.
import { dayStart, zonedParts } from "@/lib/time";

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (at: Date, tz: string) => {
  const p = zonedParts(at, tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
};

export interface NpsRange {
  from: string;
  to: string;
  /** [start, end) instants. */
  start: Date;
  end: Date;
}

/** `from`/`to` (inclusive local days) when valid, else the last 12 weeks up to today; at most 2 years. */
export function npsRange(tz: string, now: Date, from?: string, to?: string): NpsRange {
  const today = ymd(now, tz);
  const toDay = to && dayStart(tz, to) ? to : today;
  const end = dayStart(tz, toDay, 1)!;
  const fallbackFrom = ymd(dayStart(tz, toDay, -83)!, tz);
  let fromDay = from && dayStart(tz, from) ? from : fallbackFrom;
  if (fromDay > toDay || dayStart(tz, fromDay)!.getTime() < end.getTime() - 731 * 86_400_000) fromDay = fallbackFrom;
  return { from: fromDay, to: toDay, start: dayStart(tz, fromDay)!, end };
}
