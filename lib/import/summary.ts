// The import's result as lines of text for the command line (English, like the other CLIs).
import type { ImportResult } from "./run";

export function summaryLines(r: ImportResult): string[] {
  const out: string[] = [];
  const rows = Object.entries(r.rows)
    .map(([f, n]) => `${f} ${n}`)
    .join(", ");
  out.push(`Rows read: ${rows || "no files"}.`);
  if (r.badRows) {
    out.push(`${r.badRows} bad row(s)${r.written ? " skipped" : ""}:`);
    for (const b of r.firstBadRows.slice(0, 20)) out.push(`  ${b.file}:${b.line}${b.column ? ` [${b.column}]` : ""} ${b.reason}`);
    if (r.badRows > 20) out.push(`  … all of them in ${r.badRowsPath}`);
    else if (r.badRowsPath) out.push(`  (also in ${r.badRowsPath})`);
  }
  if (!r.counts) {
    out.push("Nothing was written: fix the rows above, or run again with --skip-bad-rows to import the rest.");
    return out;
  }
  const c = r.counts;
  out.push(
    `Customers: ${c.customersCreated} new, ${c.customersMatchedByExternalId} found by external_id, ${c.customersMatchedByPhone} by phone, ${c.customersAlreadyImported} imported before (left as they are); ${c.cards} card(s).`,
  );
  out.push(`Ledger: ${c.lots} lot(s) and ${c.openingLots} opening-balance lot(s), ${c.pointsImported} points in main accounts, ${c.promoPoints} in promo accounts.`);
  out.push(`History: ${c.receipts} receipt(s) (${c.receiptsAlreadyThere} there already), ${c.returns} return(s); achievements: ${c.achievements}.`);
  if (r.tiers) out.push(`Statuses: ${r.tiers.evaluated} evaluated, ${r.tiers.changed} changed.`);
  if (r.tiers && Object.keys(r.tiers.matrix).length) {
    out.push("Legacy status (rows) against the status the history earns (columns):");
    const earned = [...new Set(Object.values(r.tiers.matrix).flatMap((m) => Object.keys(m)))];
    out.push(["", ...earned].map((s) => s.padStart(12)).join(""));
    for (const [legacy, m] of Object.entries(r.tiers.matrix)) out.push([legacy, ...earned.map((e) => String(m[e] ?? 0))].map((s) => s.padStart(12)).join(""));
    if (r.tiersPath) out.push(`Per customer: ${r.tiersPath}`);
  }
  if (r.reconciliation) {
    const t = r.reconciliation;
    out.push(
      `Reconciliation: ${t.customers} customer(s), legacy ${t.legacyBalance} points, imported ${t.importedBalance}; ${t.differing} differ; ` +
        `${t.openingBalanceLots} opening-balance lot(s) (${t.openingBalancePoints} points), ${t.trimmedCustomers} customer(s) with lots over the balance (${t.trimmedPoints} points not imported).`,
    );
    out.push(`Report: ${r.reconciliationPath}`);
  }
  out.push(r.written ? `Imported in ${r.seconds.toFixed(1)} s.` : `Dry run: nothing was written (${r.seconds.toFixed(1)} s).`);
  return out;
}
