// Number formats the analytics sections share, in the reader's language and the program's currency.
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney, formatNumber } from "@/lib/i18n/translate";

export interface Formats {
  locale: Locale;
  money: (minor: number) => string;
  /** Rounded to whole currency units (summary cards). */
  whole: (minor: number) => string;
  num: (x: number) => string;
  pct: (share: number) => string;
  /** The currency's sign ("₽"), for chart tooltips. */
  sign: string;
}

export function formats(locale: Locale, currency: string): Formats {
  const pct = new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { style: "percent", maximumFractionDigits: 1 });
  return {
    locale,
    money: (minor) => formatMoney(locale, minor, currency),
    whole: (minor) => formatMoney(locale, Math.round(minor / 100) * 100, currency),
    num: (x) => formatNumber(locale, x),
    pct: (share) => pct.format(share),
    sign: formatMoney(locale, 0, currency).replace(/[\d\s.,]/g, ""),
  };
}
