// The frame of the console and of the partner portal (one layout for both): the brand and the
// sections on the left (a menu on phones), who is signed in and sign-out at the top, and the
// toasts every client component below uses (their texts: the layout's I18nProvider).
import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { ToastProvider } from "@/components/admin/toast";
import { brandStyle } from "@/components/admin/brand";
import { StaffMobileNav, StaffSidebar, StaffSignOutButton, type NavItem, type StaffAreaName } from "./staff-nav";

export interface StaffShellProps {
  area: StaffAreaName;
  home: string;
  brandColor: string;
  /** The big name in the sidebar (its first letter is the mark), and the line under it. */
  brand: { name: string; caption: string; testId?: string; captionClass?: string };
  /** What the top bar shows on phones. */
  mobileTitle: string;
  items: NavItem[];
  user: { name: string; detail: string };
  locale: Locale;
  t: Translate;
  children: React.ReactNode;
}

export function StaffShell({ area, home, brandColor, brand, mobileTitle, items, user, locale, t, children }: StaffShellProps) {
  return (
    <ToastProvider>
      <div style={brandStyle(brandColor)} className="min-h-dvh lg:flex">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
          {t("app.skip")}
        </a>
        <aside className="hidden w-60 shrink-0 bg-brand-900 text-white lg:block print:hidden">
          <div className="sticky top-0 flex h-dvh flex-col">
            <Link href={home} className="flex items-center gap-2 px-5 py-4 font-bold tracking-tight">
              <span aria-hidden className="grid size-9 shrink-0 place-items-center rounded-xl bg-white text-lg font-black text-brand-700">
                {brand.name.slice(0, 1)}
              </span>
              <span className="min-w-0">
                <span className="block truncate text-sm" data-testid={brand.testId}>
                  {brand.name}
                </span>
                <span className={`block truncate text-xs font-medium text-white/60 ${brand.captionClass ?? ""}`}>{brand.caption}</span>
              </span>
            </Link>
            <StaffSidebar area={area} items={items} />
            <div className="border-t border-white/10 px-4 py-3">
              <LanguageSwitcher locale={locale} t={t} />
            </div>
          </div>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-30 flex h-14 items-center gap-3 bg-brand-900 px-4 print:hidden text-white lg:bg-white lg:text-slate-900 lg:shadow-sm lg:ring-1 lg:ring-slate-200">
            <StaffMobileNav area={area} items={items} />
            <span className="truncate font-semibold lg:hidden">{mobileTitle}</span>
            <div className="ml-auto flex min-w-0 items-center gap-3">
              <div className="hidden min-w-0 text-right sm:block">
                <p className="truncate text-sm font-medium" data-testid="staff-name">
                  {user.name}
                </p>
                <p className="truncate text-xs text-white/70 lg:text-slate-500">{user.detail}</p>
              </div>
              <StaffSignOutButton
                area={area}
                className="shrink-0 rounded-lg px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-white/30 hover:bg-white/10 lg:ring-slate-300 lg:hover:bg-slate-50"
              />
            </div>
          </header>
          <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:px-6 lg:px-8">
            {children}
          </main>
        </div>
      </div>
    </ToastProvider>
  );
}
