// The console frame: brand and sections on the left (a menu on phones), who is signed in and
// sign-out at the top, toasts for every client component below (their texts: the layout's I18nProvider).
import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import type { StaffRole } from "@/lib/auth/principal";
import { can } from "@/lib/auth/permissions";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { ToastProvider } from "./toast";
import { ADMIN_NAV } from "./nav";
import { brandStyle } from "./brand";
import { MobileNav, Sidebar, SignOutButton, type NavItem } from "./sidebar";

export function navFor(role: StaffRole, t: Translate): NavItem[] {
  return ADMIN_NAV.filter((n) => can(role, n.permission)).map((n) => ({ href: n.href, label: t(n.key), icon: n.icon }));
}

export function AdminShell({
  programName,
  brandColor,
  user,
  locale,
  t,
  children,
}: {
  programName: string;
  brandColor: string;
  user: { name: string; email: string; role: StaffRole };
  locale: Locale;
  t: Translate;
  children: React.ReactNode;
}) {
  const items = navFor(user.role, t);
  return (
    <ToastProvider>
      <div style={brandStyle(brandColor)} className="min-h-dvh lg:flex">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
          {t("app.skip")}
        </a>
        <aside className="hidden w-60 shrink-0 bg-brand-900 text-white lg:block">
          <div className="sticky top-0 flex h-dvh flex-col">
            <Brand name={programName} console={t("console.title")} />
            <Sidebar items={items} />
            <div className="border-t border-white/10 px-4 py-3">
              <LanguageSwitcher locale={locale} t={t} />
            </div>
          </div>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-30 flex h-14 items-center gap-3 bg-brand-900 px-4 text-white lg:bg-white lg:text-slate-900 lg:shadow-sm lg:ring-1 lg:ring-slate-200">
            <MobileNav items={items} />
            <span className="truncate font-semibold lg:hidden">{programName}</span>
            <div className="ml-auto flex min-w-0 items-center gap-3">
              <div className="hidden min-w-0 text-right sm:block">
                <p className="truncate text-sm font-medium" data-testid="staff-name">
                  {user.name}
                </p>
                <p className="truncate text-xs text-white/70 lg:text-slate-500">
                  {t(`console.role.${user.role}`)} · {user.email}
                </p>
              </div>
              <SignOutButton className="rounded-lg px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-white/30 hover:bg-white/10 lg:ring-slate-300 lg:hover:bg-slate-50" />
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

function Brand({ name, console }: { name: string; console: string }) {
  return (
    <Link href="/admin" className="flex items-center gap-2 px-5 py-4 font-bold tracking-tight">
      <span aria-hidden className="grid size-9 shrink-0 place-items-center rounded-xl bg-white text-lg font-black text-brand-700">
        {name.slice(0, 1)}
      </span>
      <span className="min-w-0">
        <span className="block truncate text-sm">{name}</span>
        <span className="block text-xs font-medium uppercase tracking-wide text-white/60">{console}</span>
      </span>
    </Link>
  );
}
