// The i18n layer: every user-facing text goes through t(key, values) for the request's locale.
import { en, type MessageKey } from "./messages/en";
import { ru } from "./messages/ru";
import type { Locale } from "./locales";

const CATALOG: Record<Locale, Record<MessageKey, string>> = { en, ru };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const INTL_LOCALE: Record<Locale, string> = { ru: "ru-RU", en: "en-GB" };

const pluralRules = new Map<Locale, Intl.PluralRules>();

// `{n, plural, one {# балл} few {# балла} many {# баллов} other {# балла}}` (ICU's plural form):
// the branch is chosen by the language's plural rules and `#` is the number, grouped.
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

function plural(locale: Locale, template: string, values: Record<string, string | number>): string {
  return template.replace(PLURAL, (m, name: string, body: string) => {
    const n = Number(values[name]);
    if (!(name in values) || !Number.isFinite(n)) return m;
    let rules = pluralRules.get(locale);
    if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(INTL_LOCALE[locale])));
    const branches = new Map([...body.matchAll(BRANCH)].map((b) => [b[1], b[2]] as const));
    const text = branches.get(`=${n}`) ?? branches.get(rules.select(n)) ?? branches.get("other") ?? "";
    return text.replace(/#/g, formatNumber(locale, n));
  });
}

export function translator(locale: Locale): Translate {
  const messages = CATALOG[locale];
  return (key, values) => {
    const template = messages[key] ?? en[key] ?? key;
    if (!values) return template;
    const withPlurals = template.includes(", plural,") ? plural(locale, template, values) : template;
    return withPlurals.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
  };
}

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
