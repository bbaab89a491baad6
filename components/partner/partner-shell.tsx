// The portal frame: the one staff layout (components/shell/staff-shell.tsx) with the program's
// brand and the partner's name, and the portal's sections.
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import { StaffShell } from "@/components/shell/staff-shell";
import type { NavItem } from "@/components/shell/staff-nav";

const ICONS = {
  dashboard: "M3 13h8V3H3zM13 21h8V11h-8zM3 21h8v-6H3zM13 3v6h8V3z",
  receipts: "M6 2h12v20l-3-2-3 2-3-2-3 2zM9 7h6M9 11h6M9 15h4",
  stores: "M3 9l1.5-5h15L21 9M3 9h18M3 9v11h18V9M9 20v-6h6v6",
  campaigns: "M20.6 13.4l-7.2 7.2a2 2 0 01-2.8 0L3 13V3h10l7.6 7.6a2 2 0 010 2.8zM7.5 7.5h.01",
  calendar: "M4 5h16v16H4zM4 10h16M8 3v4M16 3v4",
  mailings: "M3 5h18v14H3zM3 6l9 7 9-7",
  analytics: "M3 3v18h18M7 15l4-4 3 3 5-6",
  statements: "M4 7h16M4 7l3-3M4 7l3 3M20 17H4M20 17l-3-3M20 17l-3 3",
  customers: "M16 19v-1a4 4 0 00-4-4H6a4 4 0 00-4 4v1M9 10a4 4 0 100-8 4 4 0 000 8M22 19v-1a4 4 0 00-3-3.87M16 2.13a4 4 0 010 7.75",
  contacts: "M4 4h16v16H4zM9 10a2 2 0 104 0 2 2 0 00-4 0M7 17a4 4 0 018 0M17 8h2M17 12h2",
  rate: "M19 5L5 19M6.5 9a2.5 2.5 0 100-5 2.5 2.5 0 000 5zM17.5 20a2.5 2.5 0 100-5 2.5 2.5 0 000 5z",
};

export function partnerNav(t: Translate): NavItem[] {
  return [
    { href: "/partner", label: t("partner.nav.dashboard"), icon: ICONS.dashboard },
    { href: "/partner/receipts", label: t("partner.nav.receipts"), icon: ICONS.receipts },
    { href: "/partner/customers", label: t("partner.nav.customers"), icon: ICONS.customers },
    { href: "/partner/stores", label: t("partner.nav.stores"), icon: ICONS.stores },
    { href: "/partner/campaigns", label: t("partner.nav.campaigns"), icon: ICONS.campaigns },
    { href: "/partner/calendar", label: t("partner.nav.calendar"), icon: ICONS.calendar },
    { href: "/partner/mailings", label: t("partner.nav.mailings"), icon: ICONS.mailings },
    { href: "/partner/analytics", label: t("partner.nav.analytics"), icon: ICONS.analytics },
    { href: "/partner/statements", label: t("partner.nav.statements"), icon: ICONS.statements },
    { href: "/partner/contacts", label: t("partner.nav.contacts"), icon: ICONS.contacts },
    { href: "/partner/rate", label: t("partner.nav.rate"), icon: ICONS.rate },
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
  return (
    <StaffShell
      area="portal"
      home="/partner"
      brandColor={brandColor}
      brand={{ name: partnerName, caption: `${programName} · ${t("partner.title")}`, testId: "partner-name" }}
      mobileTitle={partnerName}
      items={partnerNav(t)}
      user={{ name: user.name, detail: `${t("partner.role")} · ${user.email}` }}
      locale={locale}
      t={t}
    >
      {children}
    </StaffShell>
  );
}
