// One dry run or import: progress while it runs, then bad rows, reconciliation and reports.
import { notFound } from "next/navigation";
import { ImportRunView } from "@/components/admin/import/run-view";
import { PageHeader } from "@/components/admin/page-header";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { importRun } from "@/lib/import/console";
import { getT, pageTitle } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { startImportAction } from "../actions";

export const generateMetadata = pageTitle("title.console.importRun");
export const dynamic = "force-dynamic";

export default async function ImportRunPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePermission("import.run");
  const { t, locale } = await getT();
  const run = await importRun(db(), staff.programId, (await params).id);
  if (!run) notFound();
  return (
    <>
      <PageHeader
        title={t("console.import.runTitle", { kind: t(`console.import.kind.${run.kind}` as MessageKey), date: run.createdAt.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" }) })}
        back={{ href: "/admin/import", label: t("console.import.back") }}
      />
      <ImportRunView initial={JSON.parse(JSON.stringify(run))} startAction={startImportAction} />
    </>
  );
}
