// Change one of the partner's campaigns: the form filled from the newest version (the one waiting
// for approval, else the one in force). Another partner's code is a 404.
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { PartnerCampaignForm } from "@/components/partner/campaign-form";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { campaignBounds } from "@/lib/partner/campaigns/bounds";
import { listPartnerCampaigns } from "@/lib/partner/campaigns/campaigns";
import { formOf } from "@/lib/partner/campaigns/form";
import { campaignName } from "@/lib/partner/campaigns/words";
import { partnerInfo } from "@/lib/partner/partner-info";
import { requirePartner } from "@/lib/partner/session";
import { partnerStoreOptions } from "@/lib/partner/stores";

export const generateMetadata = pageTitle("title.partner.campaign");

export default async function EditPartnerCampaignPage({ params }: { params: Promise<{ code: string }> }) {
  const me = await requirePartner();
  const { code } = await params;
  const [info, bounds, stores, rows] = await Promise.all([
    partnerInfo(db(), me.partnerId),
    campaignBounds(db(), me.partnerId),
    partnerStoreOptions(db(), me.partnerId),
    listPartnerCampaigns(db(), { partnerId: me.partnerId, now: now(), code }),
  ]);
  const row = rows[0];
  if (!info || !row || row.def.status === "ended") notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const def = row.pending?.def ?? row.def;
  // The form offers the types allowed now, and keeps the campaign's own.
  const effects = bounds.effectTypes.includes(def.effect.type as never) ? bounds.effectTypes : [...bounds.effectTypes, def.effect.type as (typeof bounds.effectTypes)[number]];
  return (
    <>
      <PageHeader title={t("partner.cmp.editTitle", { name: campaignName(def, locale) })} back={{ href: `/partner/campaigns/${row.code}`, label: campaignName(def, locale) }} />
      <PartnerCampaignForm code={row.code} effects={effects} stores={stores} currency={info.program.currency} requireApproval={bounds.requireApproval} initial={formOf(def, info.program.timezone)} />
    </>
  );
}
