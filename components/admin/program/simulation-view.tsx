"use client";
// One what-if replay, polled every second until it finishes (the shared run progress of the
// console's background runs), then the draft against the version in force: points issued,
// redeemed and the change in liability, customers per status (bars + their table), the most
// affected customers (links to Customer 360) and how the replay counts.
import Link from "next/link";
import { CategoryBarChart } from "@/components/partner/bar-chart";
import { RunProgress, usePolledRun } from "@/components/admin/run-progress";
import { Badge, RUN_STATUS_TONE } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { PlainTable } from "@/components/ui/table";
import { useLocale, useT } from "@/lib/i18n/client";
import { localized } from "@/lib/i18n/localized";
import type { SimulationView } from "@/lib/simulation/store";

type Run = Omit<SimulationView, "createdAt" | "finishedAt"> & { createdAt: string | Date; finishedAt: string | Date | null };

const finished = (r: Run) => r.status === "succeeded" || r.status === "failed";

export function SimulationRunView({ initial }: { initial: Run }) {
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
            {t("prog.tab.simulate")} <Badge tone={RUN_STATUS_TONE[run.status]}>{t(`prog.sim.status.${run.status}`)}</Badge>
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
            <PlainTable
              caption={t("prog.sim.compare")}
              testId="simulation-totals"
              rowHeader
              columns={[
                { id: "metric", header: t("prog.sim.col.metric"), className: "text-slate-800" },
                { id: "current", header: t("prog.sim.col.current", { version: r.currentVersion }), align: "right" },
                { id: "draft", header: t("prog.sim.col.draft"), align: "right" },
                { id: "change", header: t("prog.sim.col.change"), align: "right", className: "font-semibold" },
              ]}
              rows={(
                [
                  ["issued", t("prog.sim.issued"), r.current.issued, r.draft.issued],
                  ["redeemed", t("prog.sim.redeemed"), r.current.redeemed, r.draft.redeemed],
                  ["liability", t("prog.sim.liability"), r.current.liabilityChange, r.draft.liabilityChange],
                ] as const
              ).map(([key, label, a, b]) => ({
                id: key,
                cells: { metric: label, current: n(a), draft: n(b), change: signed(b - a) },
                cellClass: { change: b - a > 0 ? "text-amber-800" : b - a < 0 ? "text-green-800" : "text-slate-700" },
              }))}
            />
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
              <PlainTable
                caption={t("prog.sim.affected")}
                testId="simulation-affected"
                columns={[
                  { id: "customer", header: t("prog.sim.col.customer") },
                  { id: "status", header: t("prog.sim.col.status"), className: "text-slate-800" },
                  { id: "current", header: t("prog.sim.col.pointsCurrent"), align: "right" },
                  { id: "draft", header: t("prog.sim.col.pointsDraft"), align: "right" },
                  { id: "change", header: t("prog.sim.col.change"), align: "right", className: "font-semibold" },
                ]}
                rows={r.mostAffected.map((a) => ({
                  id: a.customerId,
                  cells: {
                    customer: (
                      <Link href={`/admin/customers/${a.customerId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {run.names[a.customerId] || a.customerId}
                      </Link>
                    ),
                    status: a.current.tier === a.draft.tier ? tierName(a.current.tier) : `${tierName(a.current.tier)} → ${tierName(a.draft.tier)}`,
                    current: n(a.current.issued - a.current.redeemed),
                    draft: n(a.draft.issued - a.draft.redeemed),
                    change: signed(a.delta),
                  },
                }))}
              />
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
