// CSV of a segment's members: RFC 4180 quoting, and formula-injection safe for spreadsheets.
import type { SegmentMember } from "./run";

export const CSV_HEADER = ["id", "first_name", "last_name", "phone", "email", "birth_date", "tier", "balance", "registration_channel", "email_consent", "sms_consent", "registered_at"];

/** Quotes a cell; a leading = + - @ (a formula in Excel) gets a ' in front. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}

export function memberCsvLine(m: SegmentMember): string {
  return csvLine([
    m.id,
    m.firstName,
    m.lastName,
    m.phone,
    m.email,
    m.birthDate ? m.birthDate.toISOString().slice(0, 10) : null,
    m.tierCode,
    m.balance,
    m.registrationChannel,
    m.emailConsent,
    m.smsConsent,
    m.createdAt,
  ]);
}
