// Purchases and returns of the period: returned value by reason (chart and table), by product and by store.
import { DataTable } from "@/components/admin/data-table";
import { Panel } from "@/components/ui/card";
import { PlainTable } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/states";
import type { Translate } from "@/lib/i18n/translate";
import type { PartnerReturns, ReturnFigures } from "@/lib/partner/analytics/returns";
import { CategoryBarChart } from "../bar-chart";
import type { Formats } from "./format";
import { NameWithCode } from "./name-with-code";

const KNOWN = new Set(["defect", "wrong_size", "wrong_item", "changed_mind", "not_as_described", "expired", "other"]);

export function reasonLabel(t: Translate, reason: string | null): string {
  if (reason === null) return t("pan.reason.none");
  return KNOWN.has(reason) ? t(`pan.reason.${reason as "defect"}`) : reason;
}

export function ReturnsSection({ r, f, t }: { r: PartnerReturns; f: Formats; t: Translate }) {
  const figureCols = [
    { id: "sold", header: t("pan.col.sold"), align: "right" as const, hideBelow: "md" as const },
    { id: "soldValue", header: t("pan.col.soldValue"), align: "right" as const },
    { id: "returned", header: t("pan.col.returned"), align: "right" as const, hideBelow: "md" as const },
    { id: "returnedValue", header: t("pan.col.returnedValue"), align: "right" as const },
    { id: "rate", header: t("pan.col.rate"), align: "right" as const, hideBelow: "sm" as const },
  ];
  const cells = (x: ReturnFigures) => ({
    sold: <span className="tabular-nums">{f.num(x.sold)}</span>,
    soldValue: <span className="whitespace-nowrap tabular-nums">{f.money(x.soldValue)}</span>,
    returned: <span className="tabular-nums">{f.num(x.returned)}</span>,
    returnedValue: <span className="whitespace-nowrap tabular-nums">{f.money(x.returnedValue)}</span>,
    rate: <span className="tabular-nums">{f.pct(x.rate)}</span>,
  });
  const empty = <EmptyState title={t("pan.noData")} />;
  return (
    <div className="space-y-6">
      <Panel title={t("pan.ret.byReason")} id="returns-reasons">
        {r.byReason.length === 0 ? (
          <EmptyState title={t("pan.ret.empty")} />
        ) : (
          <div className="grid gap-6 lg:grid-cols-2">
            <CategoryBarChart
              title={t("pan.ret.chart")}
              head={t("pan.col.reason")}
              locale={f.locale}
              horizontal
              scale={100}
              unit={f.sign}
              data={r.byReason.map((x) => ({ key: x.reason ?? "-", label: reasonLabel(t, x.reason), values: { v: x.returnedValue } }))}
              series={[{ key: "v", label: t("pan.col.returnedValue"), color: "#f59e0b" }]}
            />
            <PlainTable
              caption={t("pan.ret.byReason")}
              testId="returns-by-reason"
              head="caps"
              rowHeader
              columns={[
                { id: "reason", header: t("pan.col.reason") },
                { id: "count", header: t("pan.col.returnCount"), align: "right" },
                { id: "value", header: t("pan.col.returnedValue"), align: "right" },
              ]}
              rows={r.byReason.map((x) => ({ id: x.reason ?? "-", cells: { reason: reasonLabel(t, x.reason), count: f.num(x.returns), value: f.money(x.returnedValue) } }))}
            />
          </div>
        )}
      </Panel>
      <section aria-labelledby="returns-products" className="space-y-3">
        <h2 id="returns-products" className="text-lg font-semibold text-slate-900">
          {t("pan.ret.byProduct")}
        </h2>
        <DataTable
          caption={t("pan.ret.byProduct")}
          empty={empty}
          columns={[{ id: "product", header: t("pan.col.product") }, ...figureCols]}
          rows={r.byProduct.map((x) => ({
            id: x.sku,
            cells: {
              product: <NameWithCode name={x.name ?? x.sku} code={`${x.sku} · ${x.category}`} />,
              ...cells(x),
            },
          }))}
        />
      </section>
      <section aria-labelledby="returns-stores" className="space-y-3">
        <h2 id="returns-stores" className="text-lg font-semibold text-slate-900">
          {t("pan.ret.byStore")}
        </h2>
        <DataTable
          caption={t("pan.ret.byStore")}
          empty={empty}
          columns={[{ id: "store", header: t("pan.col.store") }, { id: "count", header: t("pan.col.returnCount"), align: "right", hideBelow: "sm" }, ...figureCols]}
          rows={r.byStore.map((x) => ({
            id: x.id,
            cells: {
              store: <NameWithCode name={x.name} code={x.code} />,
              count: <span className="tabular-nums">{f.num(x.returns)}</span>,
              ...cells(x),
            },
          }))}
        />
      </section>
    </div>
  );
}
