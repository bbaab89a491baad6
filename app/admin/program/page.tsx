// Program rules: the forms (owners and marketers edit, analysts read) and the version history
// with who saved each version, their note and a readable diff against the version before.
import { DiffList } from "@/components/admin/definition-diff";
import { PageHeader } from "@/components/admin/page-header";
import { Badge, RUN_STATUS_TONE } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { ProgramEditor } from "@/components/admin/program/program-editor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { diffDefinitions, type DefinitionChange } from "@/lib/program/definition";
import { saveProgram, simulateProgram } from "./actions";
import Link from "next/link";
import { recentSimulations } from "@/lib/simulation/store";
import { programVersions, programZone } from "@/lib/admin/program-info";
import { staffNames } from "@/lib/admin/customer-360";

export const generateMetadata = pageTitle("title.console.program");
const HISTORY = 20;
const SHOWN_CHANGES = 12;

function safeDiff(a: unknown, b: unknown): DefinitionChange[] | null {
  try {
    return diffDefinitions(a, b);
  } catch {
    return null;
  }
}

export default async function ProgramPage() {
  const staff = await requirePermission("program.view");
  const { t, locale } = await getT();
  const program = await programZone(db(), staff.programId);
  // One more than shown, so the oldest shown version has something to diff against.
  const versions = await programVersions(db(), staff.programId, HISTORY + 1);
  const authors = new Map([
    ...(await staffNames(
      db(),
      versions.map((v) => v.createdById),
    )),
  ]);
  const current = versions[0];
  const date = (d: Date) => formatDate(locale, d, program.timezone, { dateStyle: "medium", timeStyle: "short" });
  const simulations = await recentSimulations(db(), staff.programId);
  const recent = (
    <div className="mt-4">
      <h3 className="text-sm font-semibold text-slate-900">{t("prog.sim.recent")}</h3>
      {simulations.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">{t("prog.sim.none")}</p>
      ) : (
        <ul className="mt-1 space-y-1 text-sm" data-testid="program-simulations">
          {simulations.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-2">
              <Link href={`/admin/program/simulations/${s.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {t("prog.sim.item", { date: date(s.createdAt), months: s.months })}
              </Link>
              <Badge tone={RUN_STATUS_TONE[s.status]}>{t(`prog.sim.status.${s.status}`)}</Badge>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  const canEdit = can(staff.role, "program.edit");

  return (
    <>
      <PageHeader
        title={t("prog.title")}
        description={
          current
            ? `${t("prog.current", { version: current.version, date: date(current.effectiveFrom) })} · ${current.createdById ? t("prog.by", { name: authors.get(current.createdById) ?? "?" }) : t("prog.system")}`
            : t("prog.lead")
        }
      />
      <div className="grid gap-6 2xl:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="min-w-0">
          {current && (
            <ProgramEditor
              key={current.id}
              initial={current.definition as Record<string, unknown>}
              canEdit={canEdit}
              save={saveProgram}
              currencyLabel={program.currency}
              simulate={simulateProgram}
              simulations={recent}
            />
          )}
        </div>
        <Panel title={t("prog.history")} id="history" className="self-start">
          {versions.length === 0 && <p className="text-sm text-slate-500">{t("prog.history.empty")}</p>}
          <ol className="space-y-5">
            {versions.slice(0, HISTORY).map((v, i) => {
              const prev = versions[i + 1];
              const changes = prev ? safeDiff(prev.definition, v.definition) : null;
              return (
                <li key={v.id} data-testid="program-version" className="border-l-2 border-slate-200 pl-4">
                  <p className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-semibold text-slate-900">{t("prog.history.version", { version: v.version })}</span>
                    {i === 0 && <Badge tone="green">✓</Badge>}
                    <span className="text-slate-500">{date(v.effectiveFrom)}</span>
                  </p>
                  <p className="text-xs text-slate-500">{v.createdById ? t("prog.by", { name: authors.get(v.createdById) ?? "?" }) : t("prog.system")}</p>
                  {v.note && <p className="mt-1 text-sm text-slate-700">“{v.note}”</p>}
                  {!prev && <p className="mt-1 text-xs text-slate-500">{t("prog.history.first")}</p>}
                  {prev && changes && changes.length === 0 && <p className="mt-1 text-xs text-slate-500">{t("prog.history.noChanges")}</p>}
                  {changes && changes.length > 0 && (
                    <DiffList
                      changes={changes}
                      max={SHOWN_CHANGES}
                      labels={{ added: t("prog.history.added"), removed: t("prog.history.removed"), more: (count) => t("prog.history.more", { count }) }}
                    />
                  )}
                </li>
              );
            })}
          </ol>
        </Panel>
      </div>
    </>
  );
}
