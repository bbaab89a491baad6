// The console's frame. Signed-in staff with console access get the shell; everyone else sees
// the bare page (the sign-in page; every other page guards itself with requirePermission).
// Either way the console's client components get their texts from the I18nProvider.
import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/admin-shell";
import { getPrincipal } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { I18nProvider } from "@/lib/i18n/client";
import { getT } from "@/lib/i18n/server";
import { messageBundle } from "@/lib/i18n/bundle";
import { staffHeader } from "@/lib/admin/staff-users";
import { firstProgramBrand, programBrand } from "@/lib/admin/program-info";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: { default: t("title.console"), template: `%s · ${t("title.console")} · Tribune` }, robots: { index: false } };
}

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const principal = await getPrincipal("staff");
  const staff = principal?.kind === "staff" && can(principal.role, "console.access") ? principal : null;
  const [user, program] = staff ? await Promise.all([staffHeader(db(), staff.id), programBrand(db(), staff.programId)]) : [null, await firstProgramBrand(db())];
  const { t, locale } = await getT(program?.defaultLocale === "en" ? "en" : "ru");
  return (
    <I18nProvider locale={locale} messages={messageBundle("console", locale)}>
      {user ? (
        <AdminShell programName={program?.name ?? "Tribune"} brandColor={program?.brandColor ?? "#0f766e"} user={user} locale={locale} t={t}>
          {children}
        </AdminShell>
      ) : (
        children
      )}
    </I18nProvider>
  );
}
