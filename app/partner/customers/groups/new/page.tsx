// A new group of the partner's customers: the segment builder in the partner's scope.
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { PartnerGroupBuilder } from "@/components/partner/group-builder";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { partnerGroupOptions } from "@/lib/partner/group-options";
import { partnerInfo } from "@/lib/partner/partner-info";
import { PARTNER_CONDITION_KINDS } from "@/lib/partner/segments";
import { requirePartner } from "@/lib/partner/session";
import { EMPTY_SEGMENT } from "@/lib/segments/definition";
import { previewPartnerGroup, savePartnerGroup } from "../../actions";

export const generateMetadata = pageTitle("title.partner.group");

export default async function NewPartnerGroupPage() {
  const me = await requirePartner();
  const info = await partnerInfo(db(), me.partnerId);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const options = await partnerGroupOptions(db(), me, locale);
  return (
    <>
      <PageHeader title={t("partner.groups.newTitle")} description={t("partner.groups.lead")} back={{ href: "/partner/customers", label: t("partner.groups.back") }} />
      <PartnerGroupBuilder name="" initial={EMPTY_SEGMENT} canEdit options={options} kinds={PARTNER_CONDITION_KINDS} preview={previewPartnerGroup} save={savePartnerGroup} />
    </>
  );
}
