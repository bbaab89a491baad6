// The partner's dashboard: receipts, revenue from members vs anonymous, points issued and
// redeemed at its stores, average receipt, returns, daily charts and top stores.
import Link from "next/link";
import { notFound } from "next/navigation";
import { TrendChart } from "@/components/admin/charts/trend-chart";
import { DataTable } from "@/components/admin/data-table";
import { PageHeader } from "@/components/admin/page-header";
import { ReplicaLag } from "@/components/admin/replica-lag";
import { Panel } from "@/components/ui/card";
import { analyticsDb, db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { loadPartnerDashboard } from "@/lib/partner/dashboard";
import { partnerInfo } from "@/lib/partner/partner-info";
import { PARTNER_PERIODS, parsePeriod, type PartnerPeriod } from "@/lib/partner/period";
import { requirePartner } from "@/lib/partner/session";

export const generateMetadata = pageTitle("title.partner.dashboard");

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="min-w-0 rounded-2xl bg-white p-3 shadow-sm sm:p-4 ring-1 ring-slate-200">
      <p className="text-sm text-slate-600">{label}</p>
      <p data-testid={testId} className="mt-1 truncate text-xl sm:text-2xl font-bold tabular-nums tracking-tight text-slate-900">
        {value}
      </p>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

export default async function PartnerDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requirePartner();
  const info = await partnerInfo(db(), me.partnerId);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const period = parsePeriod((await searchParams).period);
  const tz = info.program.timezone;
  const d = await loadPartnerDashboard(analyticsDb(), { partnerId: me.partnerId, timeZone: tz, period });
  const money = (minor: number) => formatMoney(locale, minor, info.program.currency);
  const num = (x: number) => formatNumber(locale, x);
  const pct = new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { style: "percent", maximumFractionDigits: 1 });
  const currencySign = formatMoney(locale, 0, info.program.currency).replace(/[\d\s.,]/g, "");
  const day = (x: Date) => formatDate(locale, x, tz, { day: "numeric", month: "short", year: "numeric" });

  return (
    <>
      <PageHeader
        title={t("partner.dash.title", { partner: info.name })}
        description={t("partner.dash.lead", { program: info.program.name, from: day(d.from), to: day(d.to) })}
        actions={
          <nav aria-label={t("partner.dash.period")} className="inline-flex rounded-lg bg-white p-1 shadow-sm ring-1 ring-slate-200">
            {(Object.keys(PARTNER_PERIODS) as PartnerPeriod[]).map((p) => (
              <Link
                key={p}
                href={p === "30d" ? "/partner" : `/partner?period=${p}`}
                aria-current={p === period ? "page" : undefined}
                className={`rounded-md px-3 py-1.5 text-sm font-medium ${p === period ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {t(`partner.dash.period.${p}`)}
              </Link>
            ))}
          </nav>
        }
      />
      <ReplicaLag />

      <div className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
        <Stat
          testId="partner-receipts"
          label={t("partner.dash.receipts")}
          value={num(d.receipts.all)}
          hint={t("partner.dash.receiptsHint", { members: num(d.receipts.members), anonymous: num(d.receipts.anonymous) })}
        />
        <Stat testId="partner-revenue" label={t("partner.dash.revenue")} value={money(d.revenue.all)} hint={t("partner.dash.revenueHint", { share: pct.format(d.revenue.share) })} />
        <Stat label={t("partner.dash.memberRevenue")} value={money(d.revenue.members)} hint={t("partner.dash.memberRevenueHint", { customers: num(d.receipts.customers) })} />
        <Stat label={t("partner.dash.anonRevenue")} value={money(d.revenue.anonymous)} />
      </div>
      <div className="mt-3 grid grid-cols-2 gap-3 sm:mt-4 sm:gap-4 xl:grid-cols-4">
        <Stat label={t("partner.dash.average")} value={money(d.revenue.average)} />
        <Stat testId="partner-issued" label={t("partner.dash.issued")} value={num(d.points.issued)} hint={t("partner.dash.settleHint")} />
        <Stat testId="partner-redeemed" label={t("partner.dash.redeemed")} value={num(d.points.redeemed)} hint={t("partner.dash.settleHint")} />
        <Stat
          label={t("partner.dash.returns")}
          value={num(d.returns.count)}
          hint={t("partner.dash.returnsHint", { amount: money(d.returns.amount), reclaimed: num(d.returns.pointsReclaimed), refunded: num(d.returns.pointsRefunded) })}
        />
      </div>

      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <Panel title={d.bucket === "week" ? t("partner.dash.chartRevenueWeek") : t("partner.dash.chartRevenue")} id="chart-revenue">
          {d.receipts.all === 0 && <p className="mb-2 text-sm text-slate-500">{t("partner.dash.noData")}</p>}
          <TrendChart
            title={t("partner.dash.chartRevenue")}
            locale={locale}
            data={d.series.map((p) => ({ day: p.day, m: p.memberRevenue, a: p.anonymousRevenue }))}
            series={[
              { key: "a", label: t("partner.dash.series.anonymous"), color: "#94a3b8" },
              { key: "m", label: t("partner.dash.series.members"), color: "#0f766e" },
            ]}
            scale={100}
            unit={currencySign}
          />
        </Panel>
        <Panel title={d.bucket === "week" ? t("partner.dash.chartPointsWeek") : t("partner.dash.chartPoints")} id="chart-points">
          <TrendChart
            title={t("partner.dash.chartPoints")}
            locale={locale}
            kind="bar"
            data={d.series.map((p) => ({ day: p.day, e: p.pointsIssued, r: p.pointsRedeemed }))}
            series={[
              { key: "e", label: t("partner.dash.series.issued"), color: "#14b8a6" },
              { key: "r", label: t("partner.dash.series.redeemed"), color: "#f59e0b" },
            ]}
            unit={t("partner.dash.pts")}
          />
        </Panel>
      </div>

      <section className="mt-6" aria-labelledby="top-stores">
        <div className="mb-3 flex items-center justify-between gap-3">
          <h2 id="top-stores" className="text-lg font-semibold text-slate-900">
            {t("partner.dash.topStores")}
          </h2>
          <Link href="/partner/receipts" className="text-sm font-medium text-brand-700 hover:underline">
            {t("partner.dash.allReceipts")} →
          </Link>
        </div>
        <DataTable
          caption={t("partner.dash.topStores")}
          columns={[
            { id: "store", header: t("partner.col.store") },
            { id: "receipts", header: t("partner.col.receipts"), align: "right" },
            { id: "revenue", header: t("partner.col.revenue"), align: "right" },
            { id: "issued", header: t("partner.col.issued"), align: "right", hideBelow: "sm" },
            { id: "redeemed", header: t("partner.col.redeemed"), align: "right", hideBelow: "sm" },
          ]}
          rows={d.topStores.map((s) => ({
            id: s.id,
            href: `/partner/receipts?store=${s.id}`,
            cells: {
              store: (
                <Link href={`/partner/receipts?store=${s.id}`} className="font-medium text-slate-900 hover:underline">
                  {s.name}
                  <span className="block text-xs font-normal text-slate-500">{s.code}</span>
                </Link>
              ),
              receipts: <span className="tabular-nums">{num(s.receipts)}</span>,
              revenue: <span className="tabular-nums">{money(s.revenue)}</span>,
              issued: <span className="tabular-nums">{num(s.pointsIssued)}</span>,
              redeemed: <span className="tabular-nums">{num(s.pointsRedeemed)}</span>,
            },
          }))}
        />
      </section>
    </>
  );
}
