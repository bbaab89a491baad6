// Statements as CSV (money in minor units, points as integers; RFC 4180, formula-safe cells).
import { csvLine } from "@/lib/segments/csv";
import type { PartnerSettlementRow, SettlementFigures, StatementLine } from "./statement";

const FIGURES = [
  "receipts",
  "points_issued",
  "points_issued_main",
  "points_issued_promo",
  "points_reclaimed",
  "net_points_issued",
  "owed_minor",
  "points_redeemed",
  "points_redeemed_main",
  "points_redeemed_promo",
  "points_refunded",
  "net_points_redeemed",
  "reimbursed_minor",
  "balance_minor",
] as const;

function figures(x: SettlementFigures) {
  return [x.receipts, x.issued, x.issuedMain, x.issuedPromo, x.reclaimed, x.netIssued, x.owed, x.redeemed, x.redeemedMain, x.redeemedPromo, x.refunded, x.netRedeemed, x.reimbursed, x.balance];
}

/** A partner's statement: a line per store, then the total. */
export function partnerStatementCsv(input: { month: string; currency: string; lines: StatementLine[]; totals: SettlementFigures }): string {
  const head = csvLine(["month", "currency", "store_code", "store", ...FIGURES]);
  const body = input.lines.map((l) => csvLine([input.month, input.currency, l.code, l.name, ...figures(l)])).join("");
  return `\uFEFF${head}${body}${csvLine([input.month, input.currency, "TOTAL", "", ...figures(input.totals)])}`;
}

/** Every partner's statement for the month, the own stores' row (partner_code empty) and the total. */
export function programSettlementCsv(input: { month: string; currency: string; rows: PartnerSettlementRow[]; totals: SettlementFigures }): string {
  const head = csvLine(["month", "currency", "partner_code", "partner", ...FIGURES]);
  const body = input.rows.map((r) => csvLine([input.month, input.currency, r.code ?? "", r.name ?? "own stores", ...figures(r)])).join("");
  return `\uFEFF${head}${body}${csvLine([input.month, input.currency, "TOTAL", "", ...figures(input.totals)])}`;
}

export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
