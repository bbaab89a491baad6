// Members of a saved segment, 50 per page in id order (keyset paging: fast at any depth).
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass, ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/admin/data-table";
import { PageHeader } from "@/components/admin/page-header";
import { EmptyState } from "@/components/ui/states";
import { programInfo } from "@/lib/admin/program-info";
import { can, requirePermission } from "@/lib/auth/permissions";
import { analyticsDb, db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/i18n/translate";
import { countSegment, segmentContext, segmentMembers } from "@/lib/segments/run";
import { getSegment } from "@/lib/segments/segments";

export const generateMetadata = pageTitle("title.console.segmentMembers");
const PAGE = 50;
/** Deeper than this, the CSV export is the way (offset paging gets slow). */
const MAX_PAGE = 200;

export default async function SegmentMembersPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePermission("segments.view");
  const { id } = await params;
  const sp = await searchParams;
  const page = Math.min(MAX_PAGE, Math.max(1, Math.trunc(Number(sp.page)) || 1));
  const { t, locale } = await getT();
  const segment = await getSegment(db(), staff.programId, id).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const ctx = await segmentContext(db(), staff.programId);
  const [program, count, rows] = await Promise.all([
    programInfo(db(), staff.programId, locale),
    countSegment(analyticsDb(), ctx, segment.definition).catch(() => null),
    segmentMembers(analyticsDb(), ctx, segment.definition, { offset: (page - 1) * PAGE, limit: PAGE + 1 }),
  ]);
  const members = rows.slice(0, PAGE);
  const tierName = new Map(program.tiers.map((x) => [x.code, x.name]));
  return (
    <>
      <PageHeader
        title={t("seg.membersTitle", { name: segment.name })}
        description={count !== null ? t("seg.membersLead", { count: formatNumber(locale, count) }) : undefined}
        back={{ href: `/admin/segments/${segment.id}`, label: segment.name }}
        actions={
          can(staff.role, "segments.export") ? (
            <a href={`/api/admin/segments/${segment.id}/export`} download className={buttonClass("primary")}>
              {t("seg.export")}
            </a>
          ) : undefined
        }
      />
      {members.length === 0 ? (
        <EmptyState title={t("seg.sampleEmpty")} action={<ButtonLink href={`/admin/segments/${segment.id}`}>{segment.name}</ButtonLink>} />
      ) : (
        <DataTable
          caption={t("seg.membersTitle", { name: segment.name })}
          columns={[
            { id: "name", header: t("seg.col.customer") },
            { id: "contacts", header: t("seg.col.contacts"), hideBelow: "sm" },
            { id: "tier", header: t("seg.col.tier"), hideBelow: "md" },
            { id: "balance", header: t("seg.col.balance"), align: "right" },
            { id: "registered", header: t("seg.col.registered"), hideBelow: "lg" },
          ]}
          page={page}
          pageSize={PAGE}
          total={count ?? undefined}
          hasNext={rows.length > PAGE && page < MAX_PAGE}
          rows={members.map((m) => ({
            id: m.id,
            href: `/admin/customers/${m.id}`,
            cells: {
              name: (
                <Link href={`/admin/customers/${m.id}`} className="font-medium text-slate-900 hover:underline">
                  {[m.firstName, m.lastName].filter(Boolean).join(" ") || m.id}
                </Link>
              ),
              contacts: (
                <span className="text-slate-600">
                  {m.phone}
                  {m.email && <span className="block text-xs text-slate-500">{m.email}</span>}
                </span>
              ),
              tier: m.tierCode ? (tierName.get(m.tierCode) ?? m.tierCode) : "—",
              balance: formatNumber(locale, m.balance),
              registered: formatDate(locale, m.createdAt, program.timezone, { dateStyle: "medium" }),
            },
          }))}
        />
      )}
    </>
  );
}
