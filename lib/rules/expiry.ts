// When earned points become spendable and when they expire, in the program's time zone.
import type { Activation, ProgramDefinition } from "@/lib/program/definition";
import { periodAt, zonedParts, zonedTimeToInstant } from "@/lib/time";

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Local midnight of the calendar day `months` after `at`'s day (day clamped to the month's length). */
export function startOfDayMonthsLater(at: Date, months: number, timeZone: string): Date {
  const p = zonedParts(at, timeZone);
  const index = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return zonedTimeToInstant(timeZone, year, month, Math.min(p.day, daysIn(year, month)));
}

/** The same wall-clock time `days` calendar days later in `timeZone` (DST-safe). */
export function sameTimeDaysLater(at: Date, days: number, timeZone: string): Date {
  const p = zonedParts(at, timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return zonedTimeToInstant(timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), p.hour, p.minute, p.second, at.getUTCMilliseconds());
}

/**
 * Expiry of points earned at `at`: `{months: N}` → they are gone from local midnight of the same
 * day N months later (earned 2025-03-10 → expire on 2026-03-10); `{endOfPeriod: true}` → at the
 * end of the qualification period; null → never.
 */
export function lotExpiresAt(def: ProgramDefinition, at: Date): Date | null {
  const expiry = def.expiry;
  if (!expiry) return null;
  if ("months" in expiry) return startOfDayMonthsLater(at, expiry.months, def.timezone);
  return periodAt(def.qualification.period, def.timezone, at).end;
}

/** When a line's earned points become spendable (`afterDays`: the same time N days later, e.g. the
 * end of a return window); null while they wait for a ticket validation. */
export function lotAvailableAt(def: ProgramDefinition, activation: Activation, at: Date): Date | null {
  if ("on" in activation) return null;
  return activation.afterDays > 0 ? sameTimeDaysLater(at, activation.afterDays, def.timezone) : at;
}
