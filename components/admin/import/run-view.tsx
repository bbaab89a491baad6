"use client";
// One legacy import run, polled every second until it finishes: the progress bar, then the
// summary — bad rows by file/line/column, reconciliation totals, status matrix, reports — and,
// for a finished dry run, the form that imports the same files.
import Link from "next/link";
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { CheckboxField } from "@/components/admin/form-field";
import { RunProgress, usePolledRun } from "@/components/admin/run-progress";
import { Badge, RUN_STATUS_TONE } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { PlainTable } from "@/components/ui/table";
import type { FormAction } from "@/components/admin/action-form";
import type { RunView } from "@/lib/import/console";
import { useLocale, useT } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/messages/en";

type Run = Omit<RunView, "createdAt" | "finishedAt"> & { createdAt: string | Date; finishedAt: string | Date | null };

const finished = (r: { status: string }) => r.status === "succeeded" || r.status === "failed";

export function ImportRunView({ initial, startAction }: { initial: Run; startAction: FormAction }) {
  const t = useT();
  const locale = useLocale();
  const run = usePolledRun<Run>(initial, `/api/admin/import/${initial.id}`, finished);
  const done = finished(run);
  const n = (v: number) => v.toLocaleString(locale);
  const s = run.summary;
  const phase = run.phase ?? "starting";
  const phaseText = phase.startsWith("reading ") ? t("console.import.phase.reading", { file: phase.slice(8) }) : t(`console.import.phase.${phase}` as MessageKey);
  return (
    <div className="space-y-6">
      <Panel
        title={
          <span className="flex items-center gap-2">
            {t(`console.import.kind.${run.kind}` as MessageKey)} <Badge tone={RUN_STATUS_TONE[run.status]}>{t(`console.import.status.${run.status}`)}</Badge>
          </span>
        }
      >
        {!done && <RunProgress id="import-progress-label" label={run.status === "queued" ? t("console.import.queued") : phaseText} progress={run.progress} />}
        {run.status === "failed" && (
          <p role="alert" className="text-sm font-medium text-red-700">
            {t("console.import.failed", { error: run.error ?? "" })}
          </p>
        )}
        {run.status === "succeeded" && s && (
          <p className="text-sm text-slate-800" role="status">
            {run.kind === "dry-run" ? t("console.import.done.dry", { seconds: s.seconds.toFixed(1) }) : t("console.import.done.import", { seconds: s.seconds.toFixed(1) })}
          </p>
        )}
        <h3 className="mt-4 text-sm font-semibold text-slate-900">{t("console.import.files")}</h3>
        <ul className="mt-1 flex flex-wrap gap-2 text-sm text-slate-700">
          {run.uploads.map((f) => (
            <li key={f.name} className="rounded-lg bg-slate-50 px-2 py-1 ring-1 ring-slate-200">
              <span className="font-mono">{f.name}</span>
              {s?.rows[f.name as keyof typeof s.rows] !== undefined && <span className="ml-2 text-slate-500">{t("console.import.rows", { n: n(s.rows[f.name as keyof typeof s.rows]!) })}</span>}
            </li>
          ))}
        </ul>
      </Panel>

      {s && (
        <>
          <Panel title={t("console.import.bad.title")}>
            {s.badRows === 0 ? (
              <p className="text-sm text-slate-700">{t("console.import.bad.none")}</p>
            ) : (
              <>
                <p className="mb-3 text-sm font-medium text-red-700">{t("console.import.bad.count", { n: n(s.badRows) })}</p>
                <PlainTable
                  caption={t("console.import.bad.title")}
                  columns={[
                    { id: "file", header: t("console.import.col.file"), className: "font-mono" },
                    { id: "line", header: t("console.import.col.line"), align: "right" },
                    { id: "column", header: t("console.import.col.column"), className: "font-mono" },
                    { id: "reason", header: t("console.import.col.reason"), className: "text-slate-800" },
                  ]}
                  rows={s.firstBadRows.map((b) => ({ id: `${b.file}:${b.line}:${b.column}`, cells: { file: b.file, line: b.line, column: b.column || "—", reason: b.reason } }))}
                />
                {s.badRows > s.firstBadRows.length && <p className="mt-2 text-xs text-slate-500">{t("console.import.bad.more", { shown: s.firstBadRows.length, n: n(s.badRows) })}</p>}
              </>
            )}
          </Panel>

          {s.reconciliation && (
            <Panel title={t("console.import.rec.title")}>
              <dl className="grid gap-4 text-sm sm:grid-cols-3">
                {[
                  [t("console.import.rec.customers"), n(s.reconciliation.customers)],
                  [t("console.import.rec.legacy"), n(s.reconciliation.legacyBalance)],
                  [t("console.import.rec.imported"), n(s.reconciliation.importedBalance)],
                  [t("console.import.rec.differing"), n(s.reconciliation.differing)],
                  [t("console.import.rec.opening"), t("console.import.rec.openingValue", { n: n(s.reconciliation.openingBalanceLots), points: n(s.reconciliation.openingBalancePoints) })],
                  [t("console.import.rec.trimmed"), t("console.import.rec.openingValue", { n: n(s.reconciliation.trimmedCustomers), points: n(s.reconciliation.trimmedPoints) })],
                ].map(([k, v]) => (
                  <div key={k} className="rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200">
                    <dt className="text-slate-600">{k}</dt>
                    <dd className="mt-1 text-lg font-semibold tabular-nums text-slate-900">{v}</dd>
                  </div>
                ))}
              </dl>
              {s.counts && (
                <>
                  <h3 className="mt-5 text-sm font-semibold text-slate-900">{t("console.import.counts.title")}</h3>
                  <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-700">
                    <li>
                      {t("console.import.counts.customers", {
                        created: n(s.counts.customersCreated),
                        ext: n(s.counts.customersMatchedByExternalId),
                        phone: n(s.counts.customersMatchedByPhone),
                        already: n(s.counts.customersAlreadyImported),
                      })}
                    </li>
                    <li>{t("console.import.counts.ledger", { lots: n(s.counts.lots), opening: n(s.counts.openingLots), points: n(s.counts.pointsImported), promo: n(s.counts.promoPoints) })}</li>
                    <li>
                      {t("console.import.counts.history", {
                        receipts: n(s.counts.receipts),
                        there: n(s.counts.receiptsAlreadyThere),
                        returns: n(s.counts.returns),
                        achievements: n(s.counts.achievements),
                      })}
                    </li>
                    {s.tiers && <li>{t("console.import.counts.tiers", { evaluated: n(s.tiers.evaluated), changed: n(s.tiers.changed) })}</li>}
                  </ul>
                </>
              )}
              {s.tiers && Object.keys(s.tiers.matrix).length > 0 && <TierMatrix matrix={s.tiers.matrix} />}
            </Panel>
          )}

          {run.reports.length > 0 && (
            <Panel title={t("console.import.downloads")}>
              <ul className="flex flex-wrap gap-3">
                {run.reports.map((r) => (
                  <li key={r.name}>
                    <a
                      href={`/api/admin/import/${run.id}/reports/${r.name}`}
                      download
                      className="inline-flex items-center rounded-lg bg-white px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-brand-600/30 hover:bg-brand-50"
                    >
                      {t(`console.import.download.${r.name}` as MessageKey)}
                    </a>
                  </li>
                ))}
              </ul>
            </Panel>
          )}

          {run.kind === "dry-run" && run.status === "succeeded" && (
            <Panel title={t("console.import.start.title")}>
              <ActionForm action={startAction} className="space-y-3">
                <input type="hidden" name="dryRunId" value={run.id} />
                {s.badRows > 0 && <p className="text-sm text-amber-800">{t("console.import.start.needSkip")}</p>}
                {s.badRows > 0 && <CheckboxField name="skipBadRows" label={t("console.import.start.skip")} />}
                <CheckboxField name="recomputeTiers" label={t("console.import.start.recompute")} />
                <SubmitButton>{t("console.import.start.submit")}</SubmitButton>
              </ActionForm>
            </Panel>
          )}
        </>
      )}
      {run.sourceRunId && (
        <p className="text-sm">
          <Link href={`/admin/import/${run.sourceRunId}`} className="text-brand-700 hover:underline">
            {t("console.import.kind.dry-run")}
          </Link>
        </p>
      )}
    </div>
  );
}

function TierMatrix({ matrix }: { matrix: Record<string, Record<string, number>> }) {
  const t = useT();
  const earned = [...new Set(Object.values(matrix).flatMap((m) => Object.keys(m)))];
  return (
    <div className="mt-5 overflow-x-auto">
      <table className="text-sm">
        <caption className="mb-2 text-left font-semibold text-slate-900">{t("console.import.matrix.title")}</caption>
        <thead>
          <tr>
            <th scope="col" className="py-1 pr-4 text-left font-medium text-slate-600">
              {t("console.import.matrix.corner")}
            </th>
            {earned.map((e) => (
              <th key={e} scope="col" className="px-3 py-1 text-right font-mono font-medium text-slate-700">
                {e}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Object.entries(matrix).map(([legacy, row]) => (
            <tr key={legacy} className="border-t border-slate-100">
              <th scope="row" className="py-1 pr-4 text-left font-mono font-medium text-slate-700">
                {legacy}
              </th>
              {earned.map((e) => (
                <td key={e} className="px-3 py-1 text-right tabular-nums text-slate-900">
                  {row[e] ?? 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
