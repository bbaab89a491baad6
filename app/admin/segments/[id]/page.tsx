// One saved segment in the builder: edit and save (marketers), or read it and its count (analysts).
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-form";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/admin/page-header";
import { SegmentBuilder } from "@/components/admin/segments/segment-builder";
import { FlashToast } from "@/components/admin/toast";
import { can, requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getT, pageTitle } from "@/lib/i18n/server";
import { getSegment } from "@/lib/segments/segments";
import { previewSegment, removeSegment, saveSegment } from "../actions";
import { builderData } from "../builder-data";

export const generateMetadata = pageTitle("title.console.segment");

export default async function SegmentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePermission("segments.view");
  const { id } = await params;
  const sp = await searchParams;
  const { t, locale } = await getT();
  const segment = await getSegment(db(), staff.programId, id).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const { options } = await builderData(db(), staff.programId, t, locale);
  const canEdit = can(staff.role, "segments.edit");
  return (
    <>
      {sp.created && <FlashToast message={t("seg.created")} />}
      <PageHeader
        title={segment.name}
        back={{ href: "/admin/segments", label: t("seg.title") }}
        actions={
          <>
            <ButtonLink href={`/admin/segments/${segment.id}/members`}>{t("seg.members")}</ButtonLink>
            {can(staff.role, "segments.export") && (
              <a
                href={`/api/admin/segments/${segment.id}/export`}
                download
                className="inline-flex h-10 items-center rounded-lg bg-white px-4 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              >
                {t("seg.export")}
              </a>
            )}
            {canEdit && (
              <ActionButton
                action={removeSegment}
                fields={{ id: segment.id }}
                variant="danger"
                size="md"
                confirm={{ title: t("seg.deleteTitle"), text: t("seg.deleteText"), confirmLabel: t("seg.delete") }}
              >
                {t("seg.delete")}
              </ActionButton>
            )}
          </>
        }
      />
      <SegmentBuilder
        key={segment.updatedAt.toISOString()}
        id={segment.id}
        name={segment.name}
        initial={segment.definition}
        canEdit={canEdit}
        options={options}
        preview={previewSegment}
        save={saveSegment}
      />
    </>
  );
}
