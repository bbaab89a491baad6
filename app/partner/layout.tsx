// The partner portal's frame. A signed-in partner manager gets the shell; everyone else sees the
// bare page (the sign-in page; every other page guards itself with requirePartner()).
import type { Metadata } from "next";
import { PartnerShell } from "@/components/partner/partner-shell";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/server";
import { partnerInfo } from "@/lib/partner/partner-info";
import { asPartner } from "@/lib/partner/session";
import { staffHeader } from "@/lib/admin/staff-users";

export const metadata: Metadata = { title: { default: "Partner portal", template: "%s · Partner portal · Tribune" }, robots: { index: false } };

export default async function PartnerLayout({ children }: { children: React.ReactNode }) {
  const partner = asPartner(await getPrincipal("staff"));
  if (!partner) return children;
  const [user, info] = await Promise.all([staffHeader(db(), partner.id), partnerInfo(db(), partner.partnerId)]);
  if (!user || !info) return children;
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  return (
    <PartnerShell programName={info.program.name} partnerName={info.name} brandColor={info.program.brandColor} user={user} locale={locale} t={t}>
      {children}
    </PartnerShell>
  );
}
