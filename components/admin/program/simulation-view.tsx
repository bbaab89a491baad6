"use client";
// One what-if replay, polled every second until it finishes (the shared run progress of the
// console's background runs), then the draft against the version in force: points issued,
// redeemed and the change in liability, customers per status (bars + their table), the most
// affected customers (links to Customer 360) and how the replay counts.
import Link from "next/link";
import { CategoryBarChart } from "@/components/partner/bar-chart";
import { RunProgress, usePolledRun } from "@/components/admin/run-progress";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { useLocale, useT } from "@/lib/i18n/client";
import { localized } from "@/lib/i18n/localized";
import type { SimulationView } from "@/lib/simulation/store";

type Run = Omit<SimulationView, "createdAt" | "finishedAt"> & { createdAt: string | Date; finishedAt: string | Date | null };

const STATUS_TONE = { queued: "neutral", running: "blue", succeeded: "green", failed: "red" } as const;
const finished = (r: Run) => r.status === "succeeded" || r.status === "failed";

export function SimulationRunView({ initial, names }: { initial: Run; names: Record<string, string> }) {
  const t = useT();
  const locale = useLocale();
  const run = usePolledRun<Run>(initial, `/api/admin/simulations/${initial.id}`, finished);
  const n = (v: number) => v.toLocaleString(locale);
  const signed = (v: number) => (v > 0 ? `+${n(v)}` : n(v));
  const r = run.result;
  const tierName = (code: string) => {
    const tier = r?.tiers.find((x) => x.code === code);
    return tier ? localized(tier.name, locale) || code : code;
  };
  const day = (iso: string) => new Date(iso).toLocaleDateString(locale, { dateStyle: "medium" });
  return (
    <div className="space-y-6">
      <Panel
        title={
          <span className="flex items-center gap-2">
            {t("prog.tab.simulate")} <Badge tone={STATUS_TONE[run.status]}>{t(`prog.sim.status.${run.status}`)}</Badge>
          </span>
        }
      >
        {!finished(run) && <RunProgress id="simulation-progress-label" label={run.status === "queued" ? t("prog.sim.waiting") : t("prog.sim.replaying")} progress={run.progress} />}
        {run.status === "failed" && (
          <p role="alert" className="text-sm font-medium text-red-700">
            {t("prog.sim.failed", { error: run.error ?? "" })}
          </p>
        )}
        {r && (
          <p role="status" className="text-sm text-slate-800">
            {t("prog.sim.window", { from: day(r.window.from), to: day(r.window.to), customers: n(r.customers), receipts: n(r.receipts), visits: n(r.visits), seconds: r.seconds.toFixed(1) })}
          </p>
        )}
      </Panel>

      {r && (
        <>
          <Panel title={t("prog.sim.compare")}>
            <div className="overflow-x-auto">
              <table className="min-w-full text-left text-sm" data-testid="simulation-totals">
                <caption className="sr-only">{t("prog.sim.compare")}</caption>
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      {t("prog.sim.col.metric")}
                    </th>
                    <th scope="col" className="py-2 pr-4 text-right font-medium">
                      {t("prog.sim.col.current", { version: r.currentVersion })}
                    </th>
                    <th scope="col" className="py-2 pr-4 text-right font-medium">
                      {t("prog.sim.col.draft")}
                    </th>
                    <th scope="col" className="py-2 text-right font-medium">
                      {t("prog.sim.col.change")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {(
                    [
                      ["issued", t("prog.sim.issued"), r.current.issued, r.draft.issued],
                      ["redeemed", t("prog.sim.redeemed"), r.current.redeemed, r.draft.redeemed],
                      ["liability", t("prog.sim.liability"), r.current.liabilityChange, r.draft.liabilityChange],
                    ] as const
                  ).map(([key, label, a, b]) => (
                    <tr key={key}>
                      <th scope="row" className="py-2 pr-4 font-medium text-slate-800">
                        {label}
                      </th>
                      <td className="py-2 pr-4 text-right tabular-nums">{n(a)}</td>
                      <td className="py-2 pr-4 text-right tabular-nums">{n(b)}</td>
                      <td className={`py-2 text-right font-semibold tabular-nums ${b - a > 0 ? "text-amber-800" : b - a < 0 ? "text-green-800" : "text-slate-700"}`}>{signed(b - a)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="mt-3 text-xs text-slate-600">{t("prog.sim.recorded", { issued: n(r.recorded.issued), redeemed: n(r.recorded.redeemed) })}</p>
          </Panel>

          <Panel title={t("prog.sim.statuses")}>
            <CategoryBarChart
              title={t("prog.sim.statuses")}
              head={t("prog.sim.statusHead")}
              locale={locale}
              series={[
                { key: "current", label: t("prog.sim.col.current", { version: r.currentVersion }), color: "#64748b" },
                { key: "draft", label: t("prog.sim.col.draft"), color: "#0f766e" },
              ]}
              data={r.tiers.map((tier) => ({ key: tier.code, label: tierName(tier.code), values: { current: r.current.statuses[tier.code] ?? 0, draft: r.draft.statuses[tier.code] ?? 0 } }))}
            />
            <p className="mt-3 text-sm text-slate-700">{t("prog.sim.statusChanged", { n: n(r.statusChanged) })}</p>
          </Panel>

          <Panel title={t("prog.sim.affected")}>
            {r.mostAffected.length === 0 ? (
              <p className="text-sm text-slate-700">{t("prog.sim.affected.none")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="min-w-full text-left text-sm" data-testid="simulation-affected">
                  <caption className="sr-only">{t("prog.sim.affected")}</caption>
                  <thead className="border-b border-slate-200 text-slate-600">
                    <tr>
                      <th scope="col" className="py-2 pr-4 font-medium">
                        {t("prog.sim.col.customer")}
                      </th>
                      <th scope="col" className="py-2 pr-4 font-medium">
                        {t("prog.sim.col.status")}
                      </th>
                      <th scope="col" className="py-2 pr-4 text-right font-medium">
                        {t("prog.sim.col.pointsCurrent")}
                      </th>
                      <th scope="col" className="py-2 pr-4 text-right font-medium">
                        {t("prog.sim.col.pointsDraft")}
                      </th>
                      <th scope="col" className="py-2 text-right font-medium">
                        {t("prog.sim.col.change")}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {r.mostAffected.map((a) => (
                      <tr key={a.customerId}>
                        <td className="py-2 pr-4">
                          <Link href={`/admin/customers/${a.customerId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                            {names[a.customerId] || a.customerId}
                          </Link>
                        </td>
                        <td className="py-2 pr-4 text-slate-800">{a.current.tier === a.draft.tier ? tierName(a.current.tier) : `${tierName(a.current.tier)} → ${tierName(a.draft.tier)}`}</td>
                        <td className="py-2 pr-4 text-right tabular-nums">{n(a.current.issued - a.current.redeemed)}</td>
                        <td className="py-2 pr-4 text-right tabular-nums">{n(a.draft.issued - a.draft.redeemed)}</td>
                        <td className="py-2 text-right font-semibold tabular-nums">{signed(a.delta)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Panel>

          <Panel title={t("prog.sim.assumptions")}>
            <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
              {(Object.keys(r.assumptions) as (keyof typeof r.assumptions)[]).map((k) => (
                <li key={k}>{t(`prog.sim.assume.${k}`)}</li>
              ))}
            </ul>
          </Panel>
        </>
      )}
    </div>
  );
}
