// The console's frame. Signed-in staff with console access get the shell; everyone else sees
// the bare page (the sign-in page; every other page guards itself with requirePermission).
import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/admin-shell";
import { getPrincipal } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/server";
import { staffHeader } from "@/lib/admin/staff-users";
import { programBrand } from "@/lib/admin/program-info";

export const metadata: Metadata = { title: { default: "Console", template: "%s · Console · Tribune" }, robots: { index: false } };

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const principal = await getPrincipal("staff");
  if (!principal || principal.kind !== "staff" || !can(principal.role, "console.access")) return children;
  const [user, program] = await Promise.all([staffHeader(db(), principal.id), programBrand(db(), principal.programId)]);
  if (!user) return children;
  const { t, locale } = await getT(program?.defaultLocale === "en" ? "en" : "ru");
  return (
    <AdminShell programName={program?.name ?? "Tribune"} brandColor={program?.brandColor ?? "#0f766e"} user={user} locale={locale} t={t}>
      {children}
    </AdminShell>
  );
}
