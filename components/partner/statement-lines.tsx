// A statement's lines by store (the portal page and its printable page).
import type { Translate } from "@/lib/i18n/translate";
import type { StatementLine } from "@/lib/settlement/statement";
import type { Formats } from "./analytics/format";

export function StatementLines({ lines, f, t }: { lines: StatementLine[]; f: Formats; t: Translate }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="statement-lines">
        <caption className="sr-only">{t("stmt.byStore")}</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-2 font-medium">
              {t("stmt.col.store")}
            </th>
            <th scope="col" className="hidden py-2 pr-2 text-right font-medium sm:table-cell print:table-cell">
              {t("stmt.col.receipts")}
            </th>
            <th scope="col" className="py-2 pr-2 text-right font-medium">
              {t("stmt.col.issued")}
            </th>
            <th scope="col" className="py-2 pr-2 text-right font-medium">
              {t("stmt.col.redeemed")}
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              {t("stmt.col.balance")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => (
            <tr key={l.id}>
              <th scope="row" className="py-2 pr-2 text-left font-medium text-slate-900">
                {l.name}
                <span className="block text-xs font-normal text-slate-500">{l.code}</span>
              </th>
              <td className="hidden py-2 pr-2 text-right tabular-nums sm:table-cell print:table-cell">{f.num(l.receipts)}</td>
              <td className="py-2 pr-2 text-right tabular-nums">{f.num(l.netIssued)}</td>
              <td className="py-2 pr-2 text-right tabular-nums">{f.num(l.netRedeemed)}</td>
              <td className="py-2 text-right tabular-nums">{f.money(l.balance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
