// Import from another system (owner only): the upload, and the recent dry runs and imports.
import Link from "next/link";
import { ImportUploadForm } from "@/components/admin/import/upload-form";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { recentImportRuns, type RunSummary } from "@/lib/import/console";
import { getT, pageTitle } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/messages/en";

export const generateMetadata = pageTitle("title.console.import");
export const dynamic = "force-dynamic";

const STATUS_TONE = { queued: "neutral", running: "blue", succeeded: "green", failed: "red" } as const;

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
            <div className="overflow-x-auto">
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">{t("console.import.recent")}</caption>
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      {t("console.import.col.started")}
                    </th>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      {t("console.import.col.kind")}
                    </th>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      {t("console.import.col.status")}
                    </th>
                    <th scope="col" className="hidden py-2 font-medium sm:table-cell">
                      {t("console.import.col.result")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {runs.map((r) => {
                    const s = r.summary as RunSummary | null;
                    return (
                      <tr key={r.id}>
                        <td className="py-2 pr-4">
                          <Link href={`/admin/import/${r.id}`} className="font-medium text-brand-700 hover:underline">
                            {when(r.createdAt)}
                          </Link>
                        </td>
                        <td className="py-2 pr-4">{t(`console.import.kind.${r.kind}` as MessageKey)}</td>
                        <td className="py-2 pr-4">
                          <Badge tone={STATUS_TONE[r.status]}>{t(`console.import.status.${r.status}`)}</Badge>
                        </td>
                        <td className="hidden py-2 text-slate-700 sm:table-cell">{s ? t("console.import.result", { customers: s.rows["customers.csv"] ?? 0, bad: s.badRows }) : "—"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Panel>
      </div>
    </>
  );
}
