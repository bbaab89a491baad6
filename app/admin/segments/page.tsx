// Saved segments: name, size of the rule, when and by whom saved; a button to build a new one.
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/admin/data-table";
import { PageHeader } from "@/components/admin/page-header";
import { EmptyState } from "@/components/ui/states";
import { FlashToast } from "@/components/admin/toast";
import { can, requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/i18n/translate";
import { listSegments } from "@/lib/segments/segments";
import type { SegmentNode } from "@/lib/segments/definition";
import { programZone } from "@/lib/admin/program-info";
import { staffNames } from "@/lib/admin/customer-360";

export const generateMetadata = pageTitle("title.console.segments");

function conditions(n: SegmentNode): number {
  return n.kind === "group" ? n.children.reduce((s, c) => s + conditions(c), 0) : 1;
}

export default async function SegmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePermission("segments.view");
  const { t, locale } = await getT();
  const sp = await searchParams;
  const [segments, program] = await Promise.all([listSegments(db(), staff.programId), programZone(db(), staff.programId)]);
  const authors = new Map([
    ...(await staffNames(
      db(),
      segments.map((s) => s.updatedById ?? s.createdById),
    )),
  ]);
  const canEdit = can(staff.role, "segments.edit");
  return (
    <>
      {sp.deleted && <FlashToast message={t("seg.deleted")} />}
      <PageHeader
        title={t("seg.title")}
        description={t("seg.lead")}
        actions={
          canEdit ? (
            <ButtonLink href="/admin/segments/new" variant="primary">
              + {t("seg.new")}
            </ButtonLink>
          ) : undefined
        }
      />
      {segments.length === 0 ? (
        <EmptyState
          title={t("seg.empty")}
          text={t("seg.emptyText")}
          action={
            canEdit ? (
              <ButtonLink href="/admin/segments/new" variant="primary">
                {t("seg.new")}
              </ButtonLink>
            ) : undefined
          }
        />
      ) : (
        <DataTable
          caption={t("seg.title")}
          columns={[
            { id: "name", header: t("seg.col.name") },
            { id: "conditions", header: t("seg.col.conditions"), align: "right", hideBelow: "sm" },
            { id: "by", header: t("seg.col.by"), hideBelow: "md" },
            { id: "updated", header: t("seg.col.updated"), hideBelow: "sm" },
            { id: "actions", header: "", align: "right" },
          ]}
          rows={segments.map((s) => ({
            id: s.id,
            href: `/admin/segments/${s.id}`,
            cells: {
              name: (
                <Link href={`/admin/segments/${s.id}`} className="font-medium text-slate-900 hover:underline">
                  {s.name}
                </Link>
              ),
              conditions: formatNumber(locale, conditions(s.definition)),
              by: authors.get(s.updatedById ?? s.createdById ?? "") ?? "—",
              updated: formatDate(locale, s.updatedAt, program.timezone, { dateStyle: "medium", timeStyle: "short" }),
              actions: (
                <Link href={`/admin/segments/${s.id}/members`} className="text-sm font-medium text-brand-700 hover:underline">
                  {t("seg.members")}
                </Link>
              ),
            },
          }))}
        />
      )}
    </>
  );
}
