// Sales of the period: totals, sales and returns by day (or week), net sales by store and by category.
import { TrendChart } from "@/components/admin/charts/trend-chart";
import { DataTable } from "@/components/admin/data-table";
import { Panel } from "@/components/ui/card";
import type { Translate } from "@/lib/i18n/translate";
import type { PartnerSales } from "@/lib/partner/analytics/sales";
import { CategoryBarChart } from "../bar-chart";
import type { Formats } from "./format";
import { NameWithCode } from "./name-with-code";
import { Stat } from "./stat";

export function SalesSection({ s, bucket, f, t }: { s: PartnerSales; bucket: "day" | "week"; f: Formats; t: Translate }) {
  const cols = [
    { id: "receipts", header: t("pan.col.receipts"), align: "right" as const, hideBelow: "sm" as const },
    { id: "sales", header: t("pan.col.sales"), align: "right" as const },
    { id: "returns", header: t("pan.col.returns"), align: "right" as const, hideBelow: "sm" as const },
    { id: "net", header: t("pan.col.net"), align: "right" as const },
  ];
  const money = (x: number) => <span className="whitespace-nowrap tabular-nums">{f.money(x)}</span>;
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-3 2xl:grid-cols-5">
        <Stat testId="an-receipts" label={t("pan.receipts")} value={f.num(s.totals.receipts)} />
        <Stat testId="an-sales" label={t("pan.sales")} value={f.whole(s.totals.sales)} />
        <Stat testId="an-returns" label={t("pan.returns")} value={f.whole(s.totals.returns)} hint={t("pan.returnsHint", { count: f.num(s.totals.returnCount) })} />
        <Stat testId="an-net" label={t("pan.net")} value={f.whole(s.totals.net)} />
        <Stat label={t("pan.average")} value={f.money(s.totals.average)} />
      </div>
      <Panel title={bucket === "week" ? t("pan.chart.weeks") : t("pan.chart.days")} id="chart-sales">
        {s.totals.receipts === 0 && <p className="mb-2 text-sm text-slate-500">{t("pan.noData")}</p>}
        <TrendChart
          title={bucket === "week" ? t("pan.chart.weeks") : t("pan.chart.days")}
          locale={f.locale}
          kind="bar"
          data={s.byDay.map((d) => ({ day: d.day, s: d.sales, r: d.returns }))}
          series={[
            { key: "s", label: t("pan.series.sales"), color: "#0f766e" },
            { key: "r", label: t("pan.series.returns"), color: "#f59e0b" },
          ]}
          scale={100}
          unit={f.sign}
        />
      </Panel>
      <div className="grid gap-6 xl:grid-cols-2">
        <Panel title={t("pan.chart.stores")} id="chart-stores">
          <CategoryBarChart
            title={t("pan.chart.stores")}
            head={t("pan.col.store")}
            locale={f.locale}
            horizontal
            scale={100}
            unit={f.sign}
            data={s.byStore.map((x) => ({ key: x.id, label: x.name, values: { net: x.net } }))}
            series={[{ key: "net", label: t("pan.series.net"), color: "#0f766e" }]}
          />
        </Panel>
        <Panel title={t("pan.chart.categories")} id="chart-categories">
          <CategoryBarChart
            title={t("pan.chart.categories")}
            head={t("pan.col.category")}
            locale={f.locale}
            horizontal
            scale={100}
            unit={f.sign}
            data={s.byCategory.map((x) => ({ key: x.category, label: x.category, values: { net: x.net } }))}
            series={[{ key: "net", label: t("pan.series.net"), color: "#14b8a6" }]}
          />
        </Panel>
      </div>
      <DataTable
        caption={t("pan.chart.stores")}
        columns={[{ id: "store", header: t("pan.col.store") }, ...cols]}
        rows={s.byStore.map((x) => ({
          id: x.id,
          cells: {
            store: <NameWithCode name={x.name} code={x.code} />,
            receipts: <span className="tabular-nums">{f.num(x.receipts)}</span>,
            sales: money(x.sales),
            returns: money(x.returns),
            net: money(x.net),
          },
        }))}
      />
      <DataTable
        caption={t("pan.chart.categories")}
        columns={[{ id: "category", header: t("pan.col.category") }, { id: "qty", header: t("pan.col.sold"), align: "right", hideBelow: "sm" }, ...cols.slice(1)]}
        rows={s.byCategory.map((x) => ({
          id: x.category,
          cells: {
            category: <span className="font-medium text-slate-900">{x.category}</span>,
            qty: <span className="tabular-nums">{f.num(x.quantity)}</span>,
            sales: money(x.sales),
            returns: money(x.returns),
            net: money(x.net),
          },
        }))}
      />
    </div>
  );
}
