// A new campaign: the form (segment, channel, holdout, variants with texts per language and preview).
import { PageHeader } from "@/components/admin/page-header";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { listSegments } from "@/lib/segments/segments";
import { CampaignForm } from "../campaign-form";

export const generateMetadata = pageTitle("title.console.campaignNew");

export default async function NewCampaignPage({ searchParams }: { searchParams: Promise<{ segment?: string }> }) {
  const staff = await requirePermission("campaigns.edit");
  const { t } = await getT();
  const sp = await searchParams;
  const segments = await listSegments(db(), staff.programId);
  return (
    <>
      <PageHeader title={t("cmp.new")} back={{ href: "/admin/campaigns", label: t("cmp.title") }} />
      <CampaignForm segments={segments.map((s) => ({ id: s.id, name: s.name }))} initial={sp.segment ? { segmentId: sp.segment } : undefined} />
    </>
  );
}
