// Campaigns of the program: name, segment, status, when, and how they did — targeted, delivered of
// sent (and its share), opened and clicked (shares of delivered), not sent: stopped by a gate, held out.
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/admin/data-table";
import { PageHeader } from "@/components/admin/page-header";
import { EmptyState } from "@/components/ui/states";
import { programZone } from "@/lib/admin/program-info";
import { can, requirePermission } from "@/lib/auth/permissions";
import { campaignSummaries, share } from "@/lib/campaigns/stats";
import { listCampaigns } from "@/lib/campaigns/store";
import { analyticsDb, db } from "@/lib/db/client";
import { formatNumber } from "@/lib/i18n/format";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { StatusBadge } from "./status-badge";

export const generateMetadata = pageTitle("title.console.campaigns");

export default async function CampaignsPage() {
  const staff = await requirePermission("campaigns.view");
  const { t, locale } = await getT();
  const [campaigns, summaries, program] = await Promise.all([listCampaigns(db(), staff.programId), campaignSummaries(analyticsDb(), staff.programId), programZone(db(), staff.programId)]);
  const canEdit = can(staff.role, "campaigns.edit");
  const newButton = canEdit ? (
    <ButtonLink href="/admin/campaigns/new" variant="primary">
      + {t("cmp.new")}
    </ButtonLink>
  ) : undefined;
  const pct = (n: number, of: number) => {
    const f = share(n, of);
    return f === null ? "" : ` · ${formatNumber(locale, Math.round(f * 1000) / 10)} %`;
  };
  return (
    <>
      <PageHeader title={t("cmp.title")} description={t("cmp.lead")} actions={newButton} />
      {campaigns.length === 0 ? (
        <EmptyState title={t("cmp.empty")} text={t("cmp.emptyText")} action={newButton} />
      ) : (
        <DataTable
          caption={t("cmp.title")}
          columns={[
            { id: "name", header: t("cmp.col.name") },
            { id: "status", header: t("cmp.col.status") },
            { id: "when", header: t("cmp.col.when"), hideBelow: "md" },
            { id: "targeted", header: t("cmp.col.targeted"), align: "right", hideBelow: "sm" },
            { id: "delivered", header: t("cmp.col.delivered"), align: "right", hideBelow: "lg" },
            { id: "opened", header: t("cmp.col.opened"), align: "right", hideBelow: "sm" },
            { id: "clicked", header: t("cmp.col.clicked"), align: "right", hideBelow: "lg" },
            { id: "notSent", header: t("cmp.col.notSent"), align: "right", hideBelow: "lg" },
          ]}
          rows={campaigns.map((c) => {
            const s = summaries.get(c.id) ?? { sent: 0, delivered: 0, opened: 0, clicked: 0, suppressed: 0, holdout: 0 };
            const when = c.startedAt ?? c.scheduledAt;
            return {
              id: c.id,
              href: `/admin/campaigns/${c.id}`,
              cells: {
                name: (
                  <div className="min-w-0">
                    <Link href={`/admin/campaigns/${c.id}`} className="font-medium text-slate-900 hover:underline">
                      {c.name}
                    </Link>
                    <div className="text-xs text-slate-500">
                      {t(`cmp.channel.${c.channel}`)} · {c.segmentName ?? "—"}
                    </div>
                  </div>
                ),
                status: <StatusBadge status={c.status} label={t(`cmp.status.${c.status}`)} />,
                when: when ? formatDate(locale, when, program.timezone, { dateStyle: "medium", timeStyle: "short" }) : "—",
                targeted: c.startedAt ? formatNumber(locale, c.audienceCount - c.holdoutCount) : "—",
                delivered: c.startedAt ? `${t("cmp.deliveredOf", { n: formatNumber(locale, s.delivered), sent: formatNumber(locale, s.sent) })}${pct(s.delivered, s.sent)}` : "—",
                opened: c.startedAt ? `${formatNumber(locale, s.opened)}${pct(s.opened, s.delivered)}` : "—",
                clicked: c.startedAt ? `${formatNumber(locale, s.clicked)}${pct(s.clicked, s.delivered)}` : "—",
                notSent: c.startedAt ? (
                  <span className="whitespace-nowrap text-xs text-slate-600">
                    {t("cmp.notSent.gates", { n: formatNumber(locale, s.suppressed) })}
                    <span className="block">{t("cmp.notSent.holdout", { n: formatNumber(locale, s.holdout) })}</span>
                  </span>
                ) : (
                  "—"
                ),
              },
            };
          })}
        />
      )}
    </>
  );
}
