// Import from another system (owner only): the upload, and the recent dry runs and imports.
import Link from "next/link";
import { ImportUploadForm } from "@/components/admin/import/upload-form";
import { PageHeader } from "@/components/admin/page-header";
import { Badge, RUN_STATUS_TONE } from "@/components/ui/badge";
import { PlainTable } from "@/components/ui/table";
import { Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { recentImportRuns, type RunSummary } from "@/lib/import/console";
import { getT, pageTitle } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/messages/en";

export const generateMetadata = pageTitle("title.console.import");
export const dynamic = "force-dynamic";

export default async function ImportPage() {
  const staff = await requirePermission("import.run");
  const { t, locale } = await getT();
  const runs = await recentImportRuns(db(), staff.programId);
  const when = (d: Date) => d.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader
        title={t("console.import.title")}
        description={t("console.import.lead")}
        actions={
          <a href="/api/admin/export" download className="inline-flex items-center rounded-lg bg-white px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-brand-600/30 hover:bg-brand-50">
            {t("console.import.export")}
          </a>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <Panel>
          <ImportUploadForm />
        </Panel>
        <Panel title={t("console.import.recent")}>
          {runs.length === 0 ? (
            <EmptyState title={t("console.import.empty")} />
          ) : (
            <PlainTable
              caption={t("console.import.recent")}
              columns={[
                { id: "started", header: t("console.import.col.started") },
                { id: "kind", header: t("console.import.col.kind") },
                { id: "status", header: t("console.import.col.status") },
                { id: "result", header: t("console.import.col.result"), hideBelow: "sm", className: "text-slate-700" },
              ]}
              rows={runs.map((r) => {
                const s = r.summary as RunSummary | null;
                return {
                  id: r.id,
                  cells: {
                    started: (
                      <Link href={`/admin/import/${r.id}`} className="font-medium text-brand-700 hover:underline">
                        {when(r.createdAt)}
                      </Link>
                    ),
                    kind: t(`console.import.kind.${r.kind}` as MessageKey),
                    status: <Badge tone={RUN_STATUS_TONE[r.status]}>{t(`console.import.status.${r.status}`)}</Badge>,
                    result: s ? t("console.import.result", { customers: s.rows["customers.csv"] ?? 0, bad: s.badRows }) : "—",
                  },
                };
              })}
            />
          )}
        </Panel>
      </div>
    </>
  );
}
