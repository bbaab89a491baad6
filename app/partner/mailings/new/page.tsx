// A new mailing of the partner: to all its customers, or the customers of some of its stores.
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { PartnerMailingForm } from "@/components/partner/mailing-form";
import { now } from "@/lib/clock";
import { analyticsDb, db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatNumber } from "@/lib/i18n/translate";
import { countPartnerAudience } from "@/lib/partner/mailings";
import { partnerInfo } from "@/lib/partner/partner-info";
import { listPartnerGroups } from "@/lib/partner/segments";
import { requirePartner } from "@/lib/partner/session";
import { partnerStoreOptions } from "@/lib/partner/stores";

export const generateMetadata = pageTitle("title.partner.mailingNew");

export default async function NewPartnerMailingPage() {
  const me = await requirePartner();
  const [info, stores, audience] = await Promise.all([partnerInfo(db(), me.partnerId), partnerStoreOptions(db(), me.partnerId), countPartnerAudience(analyticsDb(), me, { stores: [] }, now())]);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const groups = await listPartnerGroups(db(), me.partnerId, locale);
  return (
    <>
      <PageHeader title={t("partner.mail.new")} back={{ href: "/partner/mailings", label: t("partner.mail.back") }} />
      <PartnerMailingForm stores={stores} groups={groups.map((g) => ({ id: g.id, name: g.name }))} audience={t("partner.mail.audienceNow", { count: formatNumber(locale, audience) })} />
    </>
  );
}
