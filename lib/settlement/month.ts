// Statement months: "YYYY-MM" in the program's time zone, as instants [from, to).
import { zonedParts, zonedTimeToInstant } from "@/lib/time";

export interface StatementMonth {
  month: string;
  from: Date;
  to: Date;
}

function key(year: number, month: number) {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** The month `v` names, or (malformed, or later than the current month) the last finished month. */
export function statementMonth(v: unknown, tz: string, now = new Date()): StatementMonth {
  const p = zonedParts(now, tz);
  const current = key(p.year, p.month);
  const m = typeof v === "string" ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(v) : null;
  const month = m && v! <= current && Number(m[1]) >= 2000 ? (v as string) : key(p.year, p.month - 1);
  const [y, mo] = month.split("-").map(Number);
  return { month, from: zonedTimeToInstant(tz, y, mo, 1), to: zonedTimeToInstant(tz, y, mo + 1, 1) };
}

/** The current month and the `count - 1` before it, newest first (the month picker). */
export function recentMonths(tz: string, now = new Date(), count = 13): string[] {
  const p = zonedParts(now, tz);
  return Array.from({ length: count }, (_, i) => key(p.year, p.month - i));
}
