// Build a new segment: conditions on the left, the live count and "save with a name" on the right.
import { PageHeader } from "@/components/admin/page-header";
import { SegmentBuilder } from "@/components/admin/segments/segment-builder";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { EMPTY_SEGMENT } from "@/lib/segments/definition";
import { previewSegment, saveSegment } from "../actions";
import { builderData } from "../builder-data";

export const generateMetadata = pageTitle("title.console.newSegment");

export default async function NewSegmentPage() {
  const staff = await requirePermission("segments.edit");
  const { t, locale } = await getT();
  const { options } = await builderData(db(), staff.programId, t, locale);
  return (
    <>
      <PageHeader title={t("seg.newTitle")} description={t("seg.lead")} back={{ href: "/admin/segments", label: t("seg.title") }} />
      <SegmentBuilder name="" initial={EMPTY_SEGMENT} canEdit options={options} preview={previewSegment} save={saveSegment} />
    </>
  );
}
