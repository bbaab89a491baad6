// NPS of the survey after a visit: the score, answers 0–10, NPS by week, the written reviews with
// their visit dates, and NPS by place and by event, for a date range (program time).
import { NpsDistributionChart, NpsTrendChart } from "@/components/admin/charts/nps-charts";
import { FilterBar } from "@/components/admin/filter-bar";
import { TextField } from "@/components/admin/form-field";
import { PageHeader } from "@/components/admin/page-header";
import { ReplicaLag } from "@/components/admin/replica-lag";
import { Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { requirePermission } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { analyticsDb } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/i18n/translate";
import { formatNps, type NpsSummary } from "@/lib/surveys/nps-math";
import { npsReport, type NpsGroup } from "@/lib/surveys/nps";
import { npsRange } from "@/lib/surveys/range";
import { surveyProgram } from "@/lib/surveys/settings";
import { programZone } from "@/lib/admin/program-info";

export const generateMetadata = pageTitle("title.console.nps");

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="min-w-0 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <p className="text-sm text-slate-600">{label}</p>
      <p data-testid={testId} className="mt-1 truncate text-2xl font-bold tracking-tight text-slate-900 tabular-nums">
        {value}
      </p>
      {hint && <p className="mt-1 text-xs text-slate-600">{hint}</p>}
    </div>
  );
}

export default async function NpsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePermission("surveys.view");
  const { t, locale } = await getT();
  const sp = await searchParams;
  const at = now();
  const { timezone } = await programZone(analyticsDb(), staff.programId);
  const settings = await surveyProgram(analyticsDb(), staff.programId, at);
  const range = npsRange(timezone, at, typeof sp.from === "string" ? sp.from : undefined, typeof sp.to === "string" ? sp.to : undefined);
  const r = await npsReport(analyticsDb(), { programId: staff.programId, timezone, from: range.start, to: range.end, reviewsLimit: 25 });
  const num = (x: number) => formatNumber(locale, x);
  const npsText = (s: NpsSummary) => (s.nps === null ? "—" : formatNps(locale, s.nps));
  const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : "—");
  const day = (d: Date) => formatDate(locale, d, timezone, { dateStyle: "medium" });
  const weekDay = (ymd: string) => formatDate(locale, new Date(`${ymd}T12:00:00Z`), "UTC", { day: "numeric", month: "short" });

  const groupTable = (title: string, col: string, rows: NpsGroup[], label: (g: NpsGroup) => string, id: string) => (
    <Panel title={title} id={id}>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-slate-600">
            <th scope="col" className="py-1.5 font-medium">
              {col}
            </th>
            <th scope="col" className="py-1.5 text-right font-medium">
              {t("nps.col.answers")}
            </th>
            <th scope="col" className="py-1.5 text-right font-medium">
              {t("nps.col.nps")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.key} className="border-t border-slate-100">
              <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-800">
                {label(g)}
              </th>
              <td className="py-2 text-right text-slate-700 tabular-nums">{num(g.summary.answers)}</td>
              <td className="py-2 text-right font-semibold text-slate-900 tabular-nums">{npsText(g.summary)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );

  return (
    <>
      <PageHeader title={t("nps.title")} description={settings ? t("nps.lead", { hours: settings.nps.afterHours }) : t("nps.notConfigured")} />
      <ReplicaLag />
      <FilterBar action="/admin/nps" applyLabel={t("nps.range.apply")} resetLabel={t("console.common.reset")}>
        <TextField label={t("nps.range.from")} name="from" type="date" defaultValue={range.from} />
        <TextField label={t("nps.range.to")} name="to" type="date" defaultValue={range.to} />
      </FilterBar>

      {r.summary.answers === 0 ? (
        <EmptyState title={t("nps.empty")} />
      ) : (
        <div className="space-y-6">
          <div className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-5">
            <Stat testId="nps-score" label={t("nps.score")} value={npsText(r.summary)} />
            <Stat testId="nps-answers" label={t("nps.answers")} value={num(r.summary.answers)} />
            <Stat label={t("nps.promoters")} value={pct(r.summary.promoters, r.summary.answers)} hint={num(r.summary.promoters)} />
            <Stat label={t("nps.passives")} value={pct(r.summary.passives, r.summary.answers)} hint={num(r.summary.passives)} />
            <Stat label={t("nps.detractors")} value={pct(r.summary.detractors, r.summary.answers)} hint={num(r.summary.detractors)} />
          </div>
          <p className="text-sm text-slate-600">
            {t("nps.responseRate")}: <span className="font-semibold text-slate-900">{pct(r.sentAnswered, r.sent)}</span> —{" "}
            {t("nps.responseRateHint", { answers: num(r.sentAnswered), sent: num(r.sent) })}
          </p>
          <div className="grid gap-6 xl:grid-cols-2">
            <Panel title={t("nps.distribution")} id="nps-distribution">
              <NpsDistributionChart distribution={r.distribution} caption={t("nps.distribution")} scoreLabel={t("nps.col.score")} answersLabel={t("nps.col.answers")} />
            </Panel>
            <Panel title={t("nps.trend")} id="nps-trend">
              <NpsTrendChart
                weeks={r.weeks.map((w) => ({ label: weekDay(w.week), nps: w.summary.nps, answers: w.summary.answers }))}
                caption={t("nps.trend")}
                weekLabel={t("nps.col.week")}
                npsLabel={t("nps.score")}
              />
            </Panel>
          </div>
          <div className="grid gap-6 xl:grid-cols-2">
            {groupTable(t("nps.byPlace"), t("nps.col.place"), r.byPlace, (g) => g.label ?? t("nps.unknownPlace"), "nps-places")}
            {groupTable(t("nps.byEvent"), t("nps.col.event"), r.byEvent, (g) => g.key, "nps-events")}
          </div>
          <Panel title={t("nps.reviews")} id="nps-reviews">
            {r.reviews.length === 0 ? (
              <p className="text-sm text-slate-600">{t("nps.reviews.empty")}</p>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="nps-reviews">
                {r.reviews.map((rv) => (
                  <li key={rv.id} className="py-3">
                    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                      <span
                        className={`rounded-md px-2 py-0.5 font-bold tabular-nums ${rv.score >= 9 ? "bg-emerald-50 text-emerald-800" : rv.score >= 7 ? "bg-amber-50 text-amber-900" : "bg-red-50 text-red-800"}`}
                      >
                        {rv.score}/10
                      </span>
                      <span className="font-medium text-slate-800">{t("nps.reviews.visit", { date: day(rv.visitAt) })}</span>
                      <span className="text-slate-600">{t("nps.reviews.written", { date: day(rv.reviewedAt) })}</span>
                      {rv.place && <span className="text-slate-600">· {rv.place}</span>}
                    </div>
                    <p className="mt-1 whitespace-pre-wrap text-slate-900">{rv.review}</p>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </div>
      )}
    </>
  );
}
