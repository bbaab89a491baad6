// The cabinet's frame: brand header with the sections (desktop), a bottom tab bar (phones),
// language and sign-out. Server component; the active link is marked by NavLink.
import Link from "next/link";
import type { ReactNode } from "react";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import { Icon, type IconName } from "./icons";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

const SECTIONS: { href: string; key: Parameters<Translate>[0]; icon: IconName; tab?: boolean }[] = [
  { href: "/cabinet", key: "cabinet.nav.home", icon: "home", tab: true },
  { href: "/cabinet/card", key: "cabinet.nav.card", icon: "card", tab: true },
  { href: "/cabinet/history", key: "cabinet.nav.history", icon: "history", tab: true },
  { href: "/cabinet/status", key: "cabinet.nav.status", icon: "status" },
  { href: "/cabinet/catalog", key: "cabinet.nav.catalog", icon: "catalog", tab: true },
  { href: "/cabinet/offers", key: "cabinet.nav.offers", icon: "offers" },
  { href: "/cabinet/feedback", key: "cabinet.nav.feedback", icon: "feedback" },
  { href: "/cabinet/profile", key: "cabinet.nav.profile", icon: "profile", tab: true },
];

export function CabinetShell({ programName, fanName, locale, t, children }: { programName: string; fanName: string; locale: Locale; t: Translate; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-30 bg-brand-900 text-white shadow-sm">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
          {t("app.skip")}
        </a>
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4 sm:h-16">
          <Link href="/cabinet" className="flex min-w-0 items-center gap-2 font-bold tracking-tight">
            <Crest className="size-8 shrink-0 sm:size-9" />
            <span className="truncate text-sm sm:text-base">{programName}</span>
          </Link>
          <nav aria-label={t("cabinet.nav.main")} className="ml-6 hidden items-center gap-0.5 lg:flex">
            {SECTIONS.map((s) => (
              <NavLink
                key={s.href}
                href={s.href}
                exact={s.href === "/cabinet"}
                className="rounded-lg px-2.5 py-2 text-sm font-medium text-white/80 hover:bg-white/10 hover:text-white"
                activeClassName="!bg-white/15 !text-white"
              >
                {t(s.key)}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-1 sm:gap-2">
            <span className="hidden max-w-40 truncate text-sm text-white/80 xl:inline">{fanName}</span>
            <LanguageSwitcher locale={locale} t={t} />
            <SignOutButton className="hidden rounded-lg px-3 py-2 text-sm font-medium text-white/85 ring-1 ring-white/25 hover:bg-white/10 sm:inline-flex" />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 pb-28 pt-5 sm:pt-8 lg:pb-16">
        {children}
      </main>
      <nav aria-label={t("cabinet.nav.main")} className="fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur lg:hidden">
        <ul className="mx-auto grid max-w-lg grid-cols-5">
          {SECTIONS.filter((s) => s.tab).map((s) => (
            <li key={s.href}>
              <NavLink href={s.href} exact={s.href === "/cabinet"} className="flex flex-col items-center gap-0.5 px-1 py-2 text-[11px] font-medium text-slate-500" activeClassName="!text-brand-700">
                <Icon name={s.icon} className="size-6" />
                <span className="max-w-full truncate">{t(s.key)}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

/** The club crest: a shield with the program's initial-free emblem (a ball on a stripe). */
export function Crest({ className = "size-9" }: { className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 40 40" className={className}>
      <path d="M20 2 5 7v11c0 9.5 6.3 16.4 15 20 8.7-3.6 15-10.5 15-20V7z" fill="#fff" />
      <path d="M20 5.2 8 9.2V18c0 7.9 5 13.7 12 16.8 7-3.1 12-8.9 12-16.8V9.2z" fill="var(--brand)" />
      <path d="M8 15h24v5H8z" fill="#fff" opacity=".9" />
      <circle cx="20" cy="17.5" r="6" fill="#fff" stroke="var(--brand)" strokeWidth="1.4" />
      <path d="m20 14.3 2.6 1.9-1 3h-3.2l-1-3z" fill="var(--brand)" />
    </svg>
  );
}
