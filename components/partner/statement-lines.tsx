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
        { id: "redeemed", header: t("stmt.col.redeemed"), align: "right" },
        { id: "balance", header: t("stmt.col.balance"), align: "right" },
      ]}
      rows={lines.map((l) => ({
        id: l.id,
        cells: { store: <NameWithCode name={l.name} code={l.code} />, receipts: f.num(l.receipts), issued: f.num(l.netIssued), redeemed: f.num(l.netRedeemed), balance: f.money(l.balance) },
      }))}
    />
  );
}
