// The console's dashboard: members, points, revenue and statuses over a chosen period.
import Link from "next/link";
import { DistributionChart } from "@/components/admin/charts/distribution-chart";
import { TrendChart } from "@/components/admin/charts/trend-chart";
import { PageHeader } from "@/components/admin/page-header";
import { ReplicaLag } from "@/components/admin/replica-lag";
import { Panel } from "@/components/ui/card";
import { DASHBOARD_PERIODS, loadDashboard, type DashboardPeriod } from "@/lib/analytics/dashboard";
import { programInfo } from "@/lib/admin/program-info";
import { requirePermission } from "@/lib/auth/permissions";
import { analyticsDb, db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatMoney, formatNumber } from "@/lib/i18n/translate";
import { giftCardLiability } from "@/lib/giftcards/console";
import { definitionInForce } from "@/lib/program/in-force";

export const generateMetadata = pageTitle("title.console.dashboard");

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="min-w-0 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <p className="text-sm text-slate-600">{label}</p>
      <p data-testid={testId} className="mt-1 truncate text-2xl font-bold tabular-nums tracking-tight text-slate-900">
        {value}
      </p>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePermission("dashboard.view");
  const { t, locale } = await getT();
  const sp = await searchParams;
  const period: DashboardPeriod = typeof sp.period === "string" && sp.period in DASHBOARD_PERIODS ? (sp.period as DashboardPeriod) : "30d";
  const [program, version, giftCards] = await Promise.all([programInfo(db(), staff.programId, locale), definitionInForce(db(), staff.programId), giftCardLiability(analyticsDb(), staff.programId)]);
  const def = version?.definition;
  const tierColor = new Map((def?.tiers ?? []).map((x) => [x.code, x.color]));
  const d = await loadDashboard(analyticsDb(), {
    programId: staff.programId,
    timeZone: program.timezone,
    period,
    entryTier: program.tiers[0]?.code ?? null,
    pointValue: def?.pointValue ?? 100,
  });
  const money = (minor: number) => formatMoney(locale, minor, program.currency);
  const num = (x: number) => formatNumber(locale, x);
  const pct = (x: number) => new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { style: "percent", maximumFractionDigits: 1 }).format(x);
  const tierName = new Map(program.tiers.map((x) => [x.code, x.name]));
  const order = new Map(program.tiers.map((x, i) => [x.code, i]));
  const tiers = [...d.tiers].sort((a, b) => (order.get(a.code) ?? 99) - (order.get(b.code) ?? 99));
  const currencySign = formatMoney(locale, 0, program.currency).replace(/[\d\s.,]/g, "");

  return (
    <>
      <PageHeader
        title={t("dash.title")}
        description={t("dash.lead")}
        actions={
          <nav aria-label={t("dash.period")} className="inline-flex rounded-lg bg-white p-1 shadow-sm ring-1 ring-slate-200">
            {(Object.keys(DASHBOARD_PERIODS) as DashboardPeriod[]).map((p) => (
              <Link
                key={p}
                href={p === "30d" ? "/admin" : `/admin?period=${p}`}
                aria-current={p === period ? "page" : undefined}
                className={`rounded-md px-3 py-1.5 text-sm font-medium ${p === period ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {t(`dash.period.${p}`)}
              </Link>
            ))}
          </nav>
        }
      />
      <ReplicaLag />

      <h2 className="sr-only">{t("dash.members")}</h2>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Stat testId="dash-members-total" label={t("dash.members.total")} value={num(d.members.total)} hint={t("dash.members.period", { count: num(d.members.newInPeriod) })} />
        <Stat label={t("dash.members.active")} value={num(d.members.active90)} hint={t("dash.members.activeHint", { share: pct(d.members.total ? d.members.active90 / d.members.total : 0) })} />
        <Stat label={t("dash.members.week")} value={num(d.members.newThisWeek)} />
        <Stat label={t("dash.points.outstanding")} value={money(d.points.liability)} hint={t("dash.points.outstandingHint", { points: num(d.points.outstanding), pending: num(d.points.pending) })} />
      </div>

      <h2 className="sr-only">{t("dash.points")}</h2>
      <div className="mt-4 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Stat label={`${t("dash.points.earned")} · ${t("dash.inPeriod")}`} value={num(d.points.earned)} />
        <Stat label={`${t("dash.points.spent")} · ${t("dash.inPeriod")}`} value={num(d.points.spent)} />
        <Stat label={`${t("dash.points.expired")} · ${t("dash.inPeriod")}`} value={num(d.points.expired)} />
        <Stat testId="dash-giftcards-liability" label={t("dash.giftCards.liability")} value={money(giftCards.amount)} hint={t("dash.giftCards.hint", { count: num(giftCards.cards) })} />
      </div>

      <h2 className="sr-only">{t("dash.revenue")}</h2>
      <div className="mt-4 grid gap-4 sm:grid-cols-3">
        <Stat label={t("dash.revenue.members")} value={money(d.revenue.members)} hint={t("dash.revenue.share", { share: pct(d.revenue.share), all: money(d.revenue.all) })} />
        <Stat label={t("dash.revenue.avgMember")} value={d.revenue.memberReceipts ? money(d.revenue.avgMember) : "—"} hint={t("dash.revenue.receipts", { count: num(d.revenue.memberReceipts) })} />
        <Stat
          label={t("dash.revenue.avgAnonymous")}
          value={d.revenue.anonymousReceipts ? money(d.revenue.avgAnonymous) : "—"}
          hint={t("dash.revenue.receipts", { count: num(d.revenue.anonymousReceipts) })}
        />
      </div>

      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <Panel title={t("dash.chart.revenue")} id="chart-revenue">
          {d.revenue.all === 0 && <p className="mb-2 text-sm text-slate-500">{t("dash.noData")}</p>}
          <TrendChart
            title={t("dash.chart.revenue")}
            locale={locale}
            data={d.series.map((p) => ({ day: p.day, m: p.memberRevenue, a: p.anonymousRevenue }))}
            series={[
              { key: "a", label: t("dash.series.anonymous"), color: "#94a3b8" },
              { key: "m", label: t("dash.series.members"), color: "#0f766e" },
            ]}
            scale={100}
            unit={currencySign}
          />
        </Panel>
        <Panel title={t("dash.chart.points")} id="chart-points">
          <TrendChart
            title={t("dash.chart.points")}
            locale={locale}
            kind="bar"
            data={d.series.map((p) => ({ day: p.day, e: p.earned, s: p.spent }))}
            series={[
              { key: "e", label: t("dash.series.earned"), color: "#14b8a6" },
              { key: "s", label: t("dash.series.spent"), color: "#f59e0b" },
            ]}
            unit={t("dash.pts")}
          />
        </Panel>
        <Panel title={t("dash.chart.members")} id="chart-members">
          <TrendChart
            title={t("dash.chart.members")}
            locale={locale}
            kind="bar"
            data={d.series.map((p) => ({ day: p.day, n: p.newMembers }))}
            series={[{ key: "n", label: t("dash.series.new"), color: "#0ea5e9" }]}
          />
        </Panel>
        <Panel title={t("dash.chart.tiers")} id="chart-tiers">
          <DistributionChart title={t("dash.chart.tiers")} locale={locale} items={tiers.map((x) => ({ label: tierName.get(x.code) ?? x.code, value: x.customers, color: tierColor.get(x.code) }))} />
        </Panel>
      </div>
    </>
  );
}
