// A statement's figures: points issued and taken back (what the partner owes), points redeemed and
// given back (what the coalition reimburses), the balance in words — on screen and on paper.
import type { Translate } from "@/lib/i18n/translate";
import type { SettlementFigures } from "@/lib/settlement/statement";
import type { Formats } from "./analytics/format";

export function balanceText(t: Translate, f: Formats, partner: string, balance: number) {
  if (balance > 0) return t("stmt.pay", { partner, amount: f.money(balance) });
  if (balance < 0) return t("stmt.receive", { partner, amount: f.money(-balance) });
  return t("stmt.settled");
}

export function StatementFigures({ x, partner, f, t }: { x: SettlementFigures; partner: string; f: Formats; t: Translate }) {
  const rows: [string, string, string?, boolean?][] = [
    [t("stmt.issued"), f.num(x.issued)],
    [t("stmt.reclaimed"), f.num(-x.reclaimed)],
    [t("stmt.netIssued"), f.num(x.netIssued), f.money(x.owed), true],
    [t("stmt.redeemed"), f.num(x.redeemed)],
    [t("stmt.refunded"), f.num(-x.refunded)],
    [t("stmt.netRedeemed"), f.num(x.netRedeemed), f.money(-x.reimbursed), true],
  ];
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="statement-figures">
        <caption className="sr-only">{t("stmt.balance")}</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">{t("stmt.title")}</span>
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              {t("stmt.col.points")}
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              {t("stmt.col.money")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map(([label, points, money, strong]) => (
            <tr key={label} className={strong ? "font-semibold text-slate-900" : "text-slate-700"}>
              <th scope="row" className="py-2 text-left font-[inherit]">
                {label}
              </th>
              <td className="py-2 text-right tabular-nums">{points}</td>
              <td className="whitespace-nowrap py-2 pl-2 text-right tabular-nums">{money ?? ""}</td>
            </tr>
          ))}
          <tr className="text-base font-bold text-slate-900">
            <th scope="row" className="py-3 text-left">
              {t("stmt.balance")}
            </th>
            <td className="py-3 text-right" colSpan={2} data-testid="statement-balance">
              <span className="tabular-nums">{f.money(x.balance)}</span>
              <span className="block text-sm font-medium text-slate-600">{balanceText(t, f, partner, x.balance)}</span>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
