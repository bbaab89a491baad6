// The partner's analytics: sales by day, store and category; the RFM grid of its customers;
// purchases and returns by product, store and reason; repeat-purchase cohorts. One section at a
// time (?tab=), for a preset period or chosen dates (?period= or ?from=&to=).
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { ReplicaLag } from "@/components/admin/replica-lag";
import { AnalyticsPeriod, AnalyticsTabs, ANALYTICS_TABS, type AnalyticsTab } from "@/components/partner/analytics-nav";
import { CohortsSection } from "@/components/partner/analytics/cohorts-section";
import { formats } from "@/components/partner/analytics/format";
import { ReturnsSection } from "@/components/partner/analytics/returns-section";
import { RfmSection } from "@/components/partner/analytics/rfm-section";
import { SalesSection } from "@/components/partner/analytics/sales-section";
import { param, type SearchParams } from "@/lib/admin/table-params";
import { analyticsDb, db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { loadCohorts } from "@/lib/partner/analytics/cohorts";
import { analyticsRange } from "@/lib/partner/analytics/range";
import { loadPartnerReturns } from "@/lib/partner/analytics/returns";
import { loadRfmGrid } from "@/lib/partner/analytics/rfm";
import { loadPartnerSales } from "@/lib/partner/analytics/sales";
import { partnerInfo } from "@/lib/partner/partner-info";
import { requirePartner } from "@/lib/partner/session";

export const generateMetadata = pageTitle("title.partner.analytics");

export default async function PartnerAnalyticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requirePartner();
  const info = await partnerInfo(db(), me.partnerId);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const sp = await searchParams;
  const tabParam = param(sp, "tab");
  const tab: AnalyticsTab = ANALYTICS_TABS.find((x) => x === tabParam) ?? "sales";
  const tz = info.program.timezone;
  const range = analyticsRange({ period: param(sp, "period"), from: param(sp, "from"), to: param(sp, "to") }, tz);
  const f = formats(locale, info.program.currency);
  const day = (x: Date) => formatDate(locale, x, tz, { day: "numeric", month: "short", year: "numeric" });
  const scope = { partnerId: me.partnerId, timeZone: tz, range };

  let body: React.ReactNode;
  if (tab === "sales") body = <SalesSection s={await loadPartnerSales(analyticsDb(), scope)} bucket={range.bucket} f={f} t={t} />;
  else if (tab === "rfm") {
    const g = await loadRfmGrid(analyticsDb(), { partnerId: me.partnerId });
    body = <RfmSection g={g} asOf={day(g.asOf)} f={f} t={t} />;
  } else if (tab === "returns") body = <ReturnsSection r={await loadPartnerReturns(analyticsDb(), scope)} f={f} t={t} />;
  else body = <CohortsSection cohorts={await loadCohorts(analyticsDb(), { partnerId: me.partnerId, timeZone: tz })} f={f} t={t} />;

  const periodless = tab === "rfm" || tab === "cohorts";
  return (
    <>
      <PageHeader
        title={t("pan.title")}
        description={periodless ? undefined : t("pan.lead", { from: day(range.from), to: day(new Date(range.to.getTime() - 1)) })}
        actions={periodless ? undefined : <AnalyticsPeriod tab={tab} range={range} t={t} />}
      />
      <ReplicaLag />
      <AnalyticsTabs tab={tab} range={range} t={t} />
      {body}
    </>
  );
}
