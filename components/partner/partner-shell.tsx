// The portal frame: the program's brand and the partner's name on the left (a menu on phones),
// who is signed in and sign-out at the top; the console's toasts below.
import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { ToastProvider } from "@/components/admin/toast";
import { brandStyle } from "@/components/admin/brand";
import { PartnerMobileNav, PartnerSidebar, PartnerSignOutButton, type PartnerNavItem } from "./partner-nav";

const ICONS = {
  dashboard: "M3 13h8V3H3zM13 21h8V11h-8zM3 21h8v-6H3zM13 3v6h8V3z",
  receipts: "M6 2h12v20l-3-2-3 2-3-2-3 2zM9 7h6M9 11h6M9 15h4",
  stores: "M3 9l1.5-5h15L21 9M3 9h18M3 9v11h18V9M9 20v-6h6v6",
};

export function partnerNav(t: Translate): PartnerNavItem[] {
  return [
    { href: "/partner", label: t("partner.nav.dashboard"), icon: ICONS.dashboard },
    { href: "/partner/receipts", label: t("partner.nav.receipts"), icon: ICONS.receipts },
    { href: "/partner/stores", label: t("partner.nav.stores"), icon: ICONS.stores },
  ];
}

export function PartnerShell({
  programName,
  partnerName,
  brandColor,
  user,
  locale,
  t,
  children,
}: {
  programName: string;
  partnerName: string;
  brandColor: string;
  user: { name: string; email: string };
  locale: Locale;
  t: Translate;
  children: React.ReactNode;
}) {
  const items = partnerNav(t);
  return (
    <ToastProvider>
      <div style={brandStyle(brandColor)} className="min-h-dvh lg:flex">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
          {t("app.skip")}
        </a>
        <aside className="hidden w-60 shrink-0 bg-brand-900 text-white lg:block">
          <div className="sticky top-0 flex h-dvh flex-col">
            <Link href="/partner" className="flex items-center gap-2 px-5 py-4 font-bold tracking-tight">
              <span aria-hidden className="grid size-9 shrink-0 place-items-center rounded-xl bg-white text-lg font-black text-brand-700">
                {partnerName.slice(0, 1)}
              </span>
              <span className="min-w-0">
                <span className="block truncate text-sm" data-testid="partner-name">
                  {partnerName}
                </span>
                <span className="block truncate text-xs font-medium text-white/60">
                  {programName} · {t("partner.title")}
                </span>
              </span>
            </Link>
            <PartnerSidebar items={items} />
            <div className="border-t border-white/10 px-4 py-3">
              <LanguageSwitcher locale={locale} t={t} />
            </div>
          </div>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-30 flex h-14 items-center gap-3 bg-brand-900 px-4 text-white lg:bg-white lg:text-slate-900 lg:shadow-sm lg:ring-1 lg:ring-slate-200">
            <PartnerMobileNav items={items} />
            <span className="truncate font-semibold lg:hidden">{partnerName}</span>
            <div className="ml-auto flex min-w-0 items-center gap-3">
              <div className="hidden min-w-0 text-right sm:block">
                <p className="truncate text-sm font-medium" data-testid="staff-name">
                  {user.name}
                </p>
                <p className="truncate text-xs text-white/70 lg:text-slate-500">
                  {t("partner.role")} · {user.email}
                </p>
              </div>
              <PartnerSignOutButton className="shrink-0 rounded-lg px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-white/30 hover:bg-white/10 lg:ring-slate-300 lg:hover:bg-slate-50" />
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
