// Request-side i18n for server components and actions: the locale from the cookie or the program.
import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE, type Locale } from "./locales";
import { translator } from "./translate";

export async function requestLocale(fallback: Locale = "ru"): Promise<Locale> {
  const store = await cookies();
  const value = store.get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : fallback;
}

export async function getT(fallback: Locale = "ru") {
  const locale = await requestLocale(fallback);
  return { locale, t: translator(locale) };
}
