// A statement's lines by store (the portal page and its printable page).
import { PlainTable } from "@/components/ui/table";
import type { Translate } from "@/lib/i18n/translate";
import type { StatementLine } from "@/lib/settlement/statement";
import type { Formats } from "./analytics/format";
import { NameWithCode } from "./analytics/name-with-code";

export function StatementLines({ lines, f, t }: { lines: StatementLine[]; f: Formats; t: Translate }) {
  return (
    <PlainTable
      caption={t("stmt.byStore")}
      testId="statement-lines"
      head="caps"
      rowHeader
      columns={[
        { id: "store", header: t("stmt.col.store") },
        { id: "receipts", header: t("stmt.col.receipts"), align: "right", hideBelow: "sm" },
        { id: "issued", header: t("stmt.col.issued"), align: "right" },
        { id: "issuedSplit", header: t("stmt.col.issuedSplit"), align: "right", hideBelow: "md" },
        { id: "redeemed", header: t("stmt.col.redeemed"), align: "right" },
        { id: "redeemedSplit", header: t("stmt.col.redeemedSplit"), align: "right", hideBelow: "md" },
        { id: "balance", header: t("stmt.col.balance"), align: "right" },
      ]}
      rows={lines.map((l) => ({
        id: l.id,
        cells: {
          store: <NameWithCode name={l.name} code={l.code} />,
          receipts: f.num(l.receipts),
          issued: f.num(l.netIssued),
          issuedSplit: <MainPromo main={l.issuedMain} promo={l.issuedPromo} f={f} />,
          redeemed: f.num(l.netRedeemed),
          redeemedSplit: <MainPromo main={l.redeemedMain} promo={l.redeemedPromo} f={f} />,
          balance: f.money(l.balance),
        },
      }))}
    />
  );
}

/** Gross points of the main account and of the promo account (promotions' points), "main / promo". */
export function MainPromo({ main, promo, f }: { main: number; promo: number; f: Formats }) {
  return (
    <span className="whitespace-nowrap tabular-nums" data-testid="main-promo">
      {f.num(main)} / {f.num(promo)}
    </span>
  );
}
