import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import { LanguageSwitcher } from "./language-switcher";

export interface ShellProgram {
  name: string;
  brandColor: string;
}

const NAV = [
  { href: "/cabinet", key: "nav.cabinet" },
  { href: "/admin", key: "nav.console" },
  { href: "/partner", key: "nav.partner" },
] as const;

/** The public header: brand, the three entry points, language. The menu folds into <details> on phones. */
export function SiteHeader({ program, locale, t }: { program: ShellProgram | null; locale: Locale; t: Translate }) {
  const name = program?.name ?? "Tribune";
  return (
    <header className="sticky top-0 z-30 bg-brand-900/95 text-white backdrop-blur supports-[backdrop-filter]:bg-brand-900/85">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
        {t("app.skip")}
      </a>
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4">
        <Link href="/" className="flex min-w-0 items-center gap-2 font-bold tracking-tight" aria-label={t("nav.home")}>
          <span aria-hidden className="grid size-9 shrink-0 place-items-center rounded-xl bg-white text-lg font-black text-brand-700">
            {name.slice(0, 1)}
          </span>
          <span className="truncate text-base sm:text-lg">{name}</span>
        </Link>
        <nav className="ml-auto hidden items-center gap-1 md:flex" aria-label="Main">
          {NAV.map((n) => (
            <Link key={n.href} href={n.href} className="rounded-lg px-3 py-2 text-sm font-medium text-white/85 hover:bg-white/10 hover:text-white">
              {t(n.key)}
            </Link>
          ))}
          <LanguageSwitcher locale={locale} t={t} className="ml-2 border-l border-white/20 pl-3" />
        </nav>
        <details className="group relative ml-auto md:hidden">
          <summary className="flex cursor-pointer list-none items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium hover:bg-white/10 [&::-webkit-details-marker]:hidden">
            <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M4 7h16M4 12h16M4 17h16" />
            </svg>
            {t("nav.menu")}
          </summary>
          <div className="absolute right-0 mt-2 w-64 rounded-2xl bg-brand-900 p-2 shadow-xl ring-1 ring-white/10">
            {NAV.map((n) => (
              <Link key={n.href} href={n.href} className="block rounded-lg px-3 py-3 text-sm font-medium hover:bg-white/10">
                {t(n.key)}
              </Link>
            ))}
            <LanguageSwitcher locale={locale} t={t} className="mt-1 border-t border-white/10 px-1 pt-2" />
          </div>
        </details>
      </div>
    </header>
  );
}
