// Request-side i18n for server components and actions: the locale from the cookie or the program.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE, type Locale } from "./locales";
import { translator } from "./translate";
import type { titlesEn } from "./messages/titles";

export async function requestLocale(fallback: Locale = "ru"): Promise<Locale> {
  const store = await cookies();
  const value = store.get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : fallback;
}

export async function getT(fallback: Locale = "ru") {
  const locale = await requestLocale(fallback);
  return { locale, t: translator(locale) };
}

export type TitleKey = keyof typeof titlesEn;

/**
 * A page's `generateMetadata`: its title in the request's language (the layout's template adds
 * the area and the brand). `export const generateMetadata = pageTitle("title.console.customers");`
 */
export function pageTitle(key: TitleKey, extra: Omit<Metadata, "title"> = {}): () => Promise<Metadata> {
  return async () => {
    const { t } = await getT();
    return { ...extra, title: t(key) };
  };
}
