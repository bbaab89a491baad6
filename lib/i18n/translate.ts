// The i18n layer: every user-facing text goes through t(key, values) for the request's locale.
import { en, type MessageKey } from "./messages/en";
import { ru } from "./messages/ru";
import type { Locale } from "./locales";

const CATALOG: Record<Locale, Record<MessageKey, string>> = { en, ru };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const messages = CATALOG[locale];
  return (key, values) => {
    const template = messages[key] ?? en[key] ?? key;
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
  };
}

const INTL_LOCALE: Record<Locale, string> = { ru: "ru-RU", en: "en-GB" };

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** Formats integers with the locale's grouping (12 400 / 12,400). */
export function formatNumber(locale: Locale, n: number): string {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(INTL_LOCALE[locale])));
  return f.format(n);
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

export function formatDate(locale: Locale, d: Date, timeZone: string, opts: Intl.DateTimeFormatOptions = { dateStyle: "long" }) {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, ...opts }).format(d);
}
