import { setLocale } from "@/app/actions/locale";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";

/** Works without JavaScript: each language is a submit button of a server-action form. */
export function LanguageSwitcher({ locale, t, className = "" }: { locale: Locale; t: Translate; className?: string }) {
  return (
    <form action={setLocale} className={`flex items-center gap-1 ${className}`} aria-label={t("lang.label")}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          aria-pressed={l === locale}
          title={t(`lang.${l}`)}
          className={`rounded-md px-2 py-1 text-xs font-semibold uppercase tracking-wide transition ${l === locale ? "bg-white/20 text-white" : "text-white/70 hover:bg-white/10 hover:text-white"}`}
        >
          {l}
        </button>
      ))}
    </form>
  );
}
