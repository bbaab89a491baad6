// The RFM grid: recency rows (5 at the top) by frequency columns, each cell a link to its customers,
// shaded by how many customers it holds. A plain table, so screen readers read it as it is.
import Link from "next/link";
import { Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import type { Translate } from "@/lib/i18n/translate";
import type { RfmGrid } from "@/lib/partner/analytics/rfm";
import type { Formats } from "./format";

const SHADES = ["bg-white", "bg-teal-50", "bg-teal-100", "bg-teal-200", "bg-teal-300"];

export function RfmSection({ g, asOf, f, t }: { g: RfmGrid; asOf: string; f: Formats; t: Translate }) {
  const max = Math.max(1, ...g.cells.map((c) => c.customers));
  return (
    <Panel title={t("pan.rfm.title")} id="rfm" actions={<span className="text-sm text-slate-600">{t("pan.rfm.total", { customers: f.num(g.customers), revenue: f.money(g.revenue) })}</span>}>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t("pan.rfm.lead", { date: asOf })}</p>
      {g.customers === 0 ? (
        <EmptyState title={t("pan.rfm.empty")} />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] table-fixed border-separate border-spacing-1 text-sm" data-testid="rfm-grid">
            <caption className="sr-only">{t("pan.rfm.title")}</caption>
            <thead>
              <tr>
                <th scope="col" className="w-24 text-left text-xs font-medium text-slate-500">
                  {t("pan.rfm.recency")} ↓ / {t("pan.rfm.frequency")} →
                </th>
                {[1, 2, 3, 4, 5].map((fq) => (
                  <th key={fq} scope="col" className="text-center text-xs font-semibold text-slate-600">
                    F{fq}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[5, 4, 3, 2, 1].map((r) => (
                <tr key={r}>
                  <th scope="row" className="text-left text-xs font-semibold text-slate-600">
                    R{r}
                  </th>
                  {g.cells
                    .filter((c) => c.r === r)
                    .map((c) => {
                      const shade = c.customers === 0 ? SHADES[0] : SHADES[Math.min(4, 1 + Math.floor((c.customers / max) * 3.999))];
                      const label = t("pan.rfm.cell", { r: c.r, f: c.f, customers: f.num(c.customers), revenue: f.money(c.revenue) });
                      return (
                        <td key={c.f} className={`rounded-lg ring-1 ring-slate-200 ${shade}`}>
                          <Link
                            href={`/partner/analytics/rfm?r=${c.r}&f=${c.f}`}
                            aria-label={label}
                            data-testid={`rfm-${c.r}-${c.f}`}
                            className="block rounded-lg px-2 py-3 text-center hover:ring-2 hover:ring-brand-600 focus-visible:ring-2 focus-visible:ring-brand-600"
                          >
                            <span className="block text-base font-bold tabular-nums text-slate-900">{f.num(c.customers)}</span>
                            <span className="block truncate text-xs tabular-nums text-slate-600">{f.money(c.revenue)}</span>
                          </Link>
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
  );
}
