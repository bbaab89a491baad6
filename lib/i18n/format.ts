// Filling a text's placeholders: `{name}` and ICU plural forms. Shared by the server's translator
// (lib/i18n/translate.ts) and the client's useT() (lib/i18n/client.tsx); it imports no catalogue.
import type { Locale } from "./locales";

export type Values = Record<string, string | number>;

export const INTL_LOCALE: Record<Locale, string> = { ru: "ru-RU", en: "en-GB" };

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** Formats integers with the locale's grouping (12 400 / 12,400). */
export function formatNumber(locale: Locale, n: number): string {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(INTL_LOCALE[locale])));
  return f.format(n);
}

// `{n, plural, one {# балл} few {# балла} many {# баллов} other {# балла}}` (ICU's plural form):
// the branch is chosen by the language's plural rules and `#` is the number, grouped.
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

function plural(locale: Locale, template: string, values: Values): string {
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

/** The template with its plural forms chosen and `{name}` placeholders filled from `values`. */
export function interpolate(locale: Locale, template: string, values?: Values): string {
  if (!values) return template;
  const withPlurals = template.includes(", plural,") ? plural(locale, template, values) : template;
  return withPlurals.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}
