// The console frame: the one staff layout (components/shell/staff-shell.tsx) with the sections
// the role may see.
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import type { StaffRole } from "@/lib/auth/principal";
import { can } from "@/lib/auth/permissions";
import { StaffShell } from "@/components/shell/staff-shell";
import type { NavItem } from "@/components/shell/staff-nav";
import { ADMIN_NAV } from "./nav";

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
  return (
    <StaffShell
      area="console"
      home="/admin"
      brandColor={brandColor}
      brand={{ name: programName, caption: t("console.title"), captionClass: "uppercase tracking-wide" }}
      mobileTitle={programName}
      items={navFor(user.role, t)}
      user={{ name: user.name, detail: `${t(`console.role.${user.role}`)} · ${user.email}` }}
      locale={locale}
      t={t}
    >
      {children}
    </StaffShell>
  );
}
