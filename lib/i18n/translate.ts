// The i18n layer: every user-facing text goes through t(key, values) for the request's locale.
import { en, type MessageKey } from "./messages/en";
import { ru } from "./messages/ru";
import type { Locale } from "./locales";
import { formatNumber, interpolate, INTL_LOCALE, type Values } from "./format";

export { formatNumber };

const CATALOG: Record<Locale, Record<MessageKey, string>> = { en, ru };

export type Translate = (key: MessageKey, values?: Values) => string;

export function translator(locale: Locale): Translate {
  const messages = CATALOG[locale];
  return (key, values) => interpolate(locale, messages[key] ?? en[key] ?? key, values);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Money in minor units → "12 400 ₽" (whole units when there are no kopecks). */
export function formatMoney(locale: Locale, minor: number, currency: string): string {
  const major = minor / 100;
  const whole = Number.isInteger(major);
  const key = `${locale}|${currency}|${whole}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency, maximumFractionDigits: whole ? 0 : 2, minimumFractionDigits: whole ? 0 : 2 });
    moneyFormats.set(key, f);
  }
  return f.format(major);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDate(locale: Locale, d: Date, timeZone: string, opts: Intl.DateTimeFormatOptions = { dateStyle: "long" }) {
  const key = `${locale}|${timeZone}|${JSON.stringify(opts)}`;
  let f = dateFormats.get(key);
  if (!f) {
    if (dateFormats.size > 500) dateFormats.clear();
    dateFormats.set(key, (f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, ...opts })));
  }
  return f.format(d);
}
