// Repeat-purchase cohorts: the share of each month's new customers who bought again 1, 2, … months
// later, as a shaded table, and the share over all cohorts by month since the first receipt as bars.
import { Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import type { Translate } from "@/lib/i18n/translate";
import type { Cohort } from "@/lib/partner/analytics/cohorts";
import { CategoryBarChart } from "../bar-chart";
import type { Formats } from "./format";

function shade(share: number) {
  if (share <= 0) return "";
  if (share < 0.1) return "bg-teal-50";
  if (share < 0.2) return "bg-teal-100";
  if (share < 0.35) return "bg-teal-200";
  return "bg-teal-300";
}

/** Over the cohorts that have reached month k: returning customers / cohort customers. */
export function retentionCurve(cohorts: Cohort[]) {
  const span = Math.max(0, ...cohorts.map((c) => c.returning.length));
  return Array.from({ length: Math.max(0, span - 1) }, (_, i) => {
    const k = i + 1;
    const reached = cohorts.filter((c) => c.returning.length > k);
    const base = reached.reduce((s, c) => s + c.customers, 0);
    return { k, share: base ? reached.reduce((s, c) => s + c.returning[k], 0) / base : 0 };
  });
}

export function CohortsSection({ cohorts, f, t }: { cohorts: Cohort[]; f: Formats; t: Translate }) {
  const span = Math.max(0, ...cohorts.map((c) => c.returning.length));
  const total = cohorts.reduce((s, c) => s + c.customers, 0);
  const month = (ym: string) => new Intl.DateTimeFormat(f.locale === "en" ? "en-GB" : "ru-RU", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${ym}-01T00:00:00Z`));
  return (
    <div className="space-y-6">
      <Panel title={t("pan.coh.chart")} id="cohorts-chart">
        <CategoryBarChart
          title={t("pan.coh.chart")}
          head={t("pan.coh.cohort")}
          locale={f.locale}
          percent
          data={retentionCurve(cohorts).map((p) => ({ key: String(p.k), label: t("pan.coh.month", { k: p.k }), values: { share: p.share } }))}
          series={[{ key: "share", label: t("pan.coh.share"), color: "#0f766e" }]}
        />
      </Panel>
      <Panel title={t("pan.coh.title")} id="cohorts">
        <p className="mb-4 max-w-3xl text-sm text-slate-600">{t("pan.coh.lead")}</p>
        {total === 0 ? (
          <EmptyState title={t("pan.coh.empty")} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[48rem] text-sm" data-testid="cohorts-table">
              <caption className="sr-only">{t("pan.coh.title")}</caption>
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-2 text-left font-medium">
                    {t("pan.coh.cohort")}
                  </th>
                  <th scope="col" className="py-2 pr-2 text-right font-medium">
                    {t("pan.coh.size")}
                  </th>
                  {Array.from({ length: Math.max(0, span - 1) }, (_, i) => (
                    <th key={i} scope="col" className="px-1 py-2 text-center font-medium">
                      {t("pan.coh.month", { k: i + 1 })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {cohorts.map((c) => (
                  <tr key={c.month} className="border-t border-slate-100">
                    <th scope="row" className="whitespace-nowrap py-1.5 pr-2 text-left font-medium text-slate-900">
                      {month(c.month)}
                    </th>
                    <td className="py-1.5 pr-2 text-right tabular-nums">{f.num(c.customers)}</td>
                    {Array.from({ length: Math.max(0, span - 1) }, (_, i) => {
                      const k = i + 1;
                      if (k >= c.returning.length) return <td key={k} />;
                      const share = c.customers ? c.returning[k] / c.customers : 0;
                      return (
                        <td key={k} className={`px-1 py-1.5 text-center tabular-nums text-slate-900 ${shade(share)}`}>
                          {c.customers ? f.pct(share) : "—"}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </div>
  );
}
