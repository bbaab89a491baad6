// The partner portal's frame. A signed-in partner manager gets the shell; everyone else sees the
// bare page (the sign-in page; every other page guards itself with requirePartner()). Either way
// the portal's client components get their texts from the I18nProvider.
import type { Metadata } from "next";
import { PartnerShell } from "@/components/partner/partner-shell";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { I18nProvider } from "@/lib/i18n/client";
import { getT } from "@/lib/i18n/server";
import { messageBundle } from "@/lib/i18n/bundle";
import { partnerInfo } from "@/lib/partner/partner-info";
import { asPartner } from "@/lib/partner/session";
import { staffHeader } from "@/lib/admin/staff-users";
import { firstProgramBrand } from "@/lib/admin/program-info";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: { default: t("title.partner"), template: `%s · ${t("title.partner")} · Tribune` }, robots: { index: false } };
}

export default async function PartnerLayout({ children }: { children: React.ReactNode }) {
  const partner = asPartner(await getPrincipal("staff"));
  const [user, info] = partner ? await Promise.all([staffHeader(db(), partner.id), partnerInfo(db(), partner.partnerId)]) : [null, null];
  const program = info?.program ?? (await firstProgramBrand(db()));
  const { t, locale } = await getT(program?.defaultLocale === "en" ? "en" : "ru");
  return (
    <I18nProvider locale={locale} messages={messageBundle("partner", locale)}>
      {user && info ? (
        <PartnerShell programName={info.program.name} partnerName={info.name} brandColor={info.program.brandColor} user={user} locale={locale} t={t}>
          {children}
        </PartnerShell>
      ) : (
        children
      )}
    </I18nProvider>
  );
}
