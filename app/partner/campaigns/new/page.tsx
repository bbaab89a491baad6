// A new campaign of the partner: the form with the rewards the owner allows and the partner's stores.
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { PartnerCampaignForm } from "@/components/partner/campaign-form";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { campaignBounds } from "@/lib/partner/campaigns/bounds";
import { partnerInfo } from "@/lib/partner/partner-info";
import { requirePartner } from "@/lib/partner/session";
import { partnerStoreOptions } from "@/lib/partner/stores";

export const generateMetadata = pageTitle("title.partner.campaignNew");

export default async function NewPartnerCampaignPage() {
  const me = await requirePartner();
  const [info, bounds, stores] = await Promise.all([partnerInfo(db(), me.partnerId), campaignBounds(db(), me.partnerId), partnerStoreOptions(db(), me.partnerId)]);
  if (!info) notFound();
  const { t } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  return (
    <>
      <PageHeader title={t("partner.cmp.new")} back={{ href: "/partner/campaigns", label: t("partner.cmp.back") }} />
      <PartnerCampaignForm effects={bounds.effectTypes} stores={stores} currency={info.program.currency} requireApproval={bounds.requireApproval} />
    </>
  );
}
