// The analytics page's sections (links that keep the period) and its period: presets or dates.
import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";
import { PARTNER_PERIODS, type PartnerPeriod } from "@/lib/partner/period";
import type { AnalyticsRange } from "@/lib/partner/analytics/range";
import { controlClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";

export const ANALYTICS_TABS = ["sales", "rfm", "returns", "cohorts"] as const;
export type AnalyticsTab = (typeof ANALYTICS_TABS)[number];

const pill = (on: boolean) => `rounded-md px-3 py-1.5 text-sm font-medium ${on ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`;

function query(tab: AnalyticsTab, range: AnalyticsRange) {
  const q = new URLSearchParams({ tab });
  if (range.period) q.set("period", range.period);
  else {
    q.set("from", range.fromDay);
    q.set("to", range.toDay);
  }
  return `/partner/analytics?${q.toString()}`;
}

export function AnalyticsTabs({ tab, range, t }: { tab: AnalyticsTab; range: AnalyticsRange; t: Translate }) {
  return (
    <nav aria-label={t("pan.tabs")} className="mb-4 flex flex-wrap gap-1 rounded-lg bg-white p-1 shadow-sm ring-1 ring-slate-200">
      {ANALYTICS_TABS.map((x) => (
        <Link key={x} href={query(x, range)} aria-current={x === tab ? "page" : undefined} className={pill(x === tab)} data-testid={`tab-${x}`}>
          {t(`pan.tab.${x}`)}
        </Link>
      ))}
    </nav>
  );
}

export function AnalyticsPeriod({ tab, range, t }: { tab: AnalyticsTab; range: AnalyticsRange; t: Translate }) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <nav aria-label={t("pan.period")} className="inline-flex rounded-lg bg-white p-1 shadow-sm ring-1 ring-slate-200">
        {(Object.keys(PARTNER_PERIODS) as PartnerPeriod[]).map((p) => (
          <Link key={p} href={`/partner/analytics?tab=${tab}&period=${p}`} aria-current={p === range.period ? "page" : undefined} className={pill(p === range.period)}>
            {t(`partner.dash.period.${p}`)}
          </Link>
        ))}
      </nav>
      {/* Keyed by the range: after a preset link the date fields show the new period, not the old one. */}
      <form key={`${range.fromDay}:${range.toDay}`} method="get" action="/partner/analytics" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="tab" value={tab} />
        <label className="text-sm text-slate-700">
          <span className="mb-1 block">{t("pan.from")}</span>
          <input type="date" name="from" defaultValue={range.fromDay} className={controlClass("md")} />
        </label>
        <label className="text-sm text-slate-700">
          <span className="mb-1 block">{t("pan.to")}</span>
          <input type="date" name="to" defaultValue={range.toDay} className={controlClass("md")} />
        </label>
        <Button type="submit" variant="secondary" size="sm">
          {t("pan.apply")}
        </Button>
      </form>
    </div>
  );
}
