"use client";
// Client-side i18n: each layout wraps its pages in an I18nProvider with the locale and only the
// messages its client components use (lib/i18n/bundle.ts); those components call useT(), typed
// by the same MessageKey union and filled like the server's translator (lib/i18n/format.ts).
import { createContext, useContext, useMemo } from "react";
import type { MessageKey } from "./messages/en";
import type { Locale } from "./locales";
import type { Messages } from "./bundle";
import { interpolate, type Values } from "./format";
import type { Translate } from "./translate";

interface I18n {
  locale: Locale;
  t: Translate;
}

function clientTranslator(locale: Locale, messages: Messages): Translate {
  return (key: MessageKey, values?: Values) => interpolate(locale, messages[key] ?? key, values);
}

const Ctx = createContext<I18n>({ locale: "ru", t: clientTranslator("ru", {}) });

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, t: clientTranslator(locale, messages) }), [locale, messages]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The translator of the nearest I18nProvider: `t("console.common.save")`, `t("seg.count", { n })`. */
export function useT(): Translate {
  return useContext(Ctx).t;
}

export function useLocale(): Locale {
  return useContext(Ctx).locale;
}
