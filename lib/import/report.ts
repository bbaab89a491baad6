// The import's reports, streamed to CSV files page by page (memory stays flat): the reconciliation
// of every customer's legacy and imported balance, the bad rows, and the status recomputation.
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { csvLine } from "@/lib/segments/csv";

export const RECONCILIATION_HEADER = ["external_id", "legacy_balance", "imported_balance", "difference", "note"];

export interface ReconciliationTotals {
  customers: number;
  legacyBalance: number;
  importedBalance: number;
  /** Customers whose imported balance differs from the legacy one. */
  differing: number;
  openingBalanceLots: number;
  openingBalancePoints: number;
  trimmedCustomers: number;
  trimmedPoints: number;
}

export interface CsvFile {
  write(values: unknown[]): void;
  close(): Promise<string>;
}

export function openCsv(file: string, header: string[]): CsvFile {
  mkdirSync(path.dirname(file), { recursive: true });
  const out: WriteStream = createWriteStream(file, { encoding: "utf8" });
  out.write(csvLine(header));
  return {
    write: (values) => void out.write(csvLine(values)),
    close: () =>
      new Promise((resolve, reject) => {
        out.on("error", reject);
        out.end(() => resolve(file));
      }),
  };
}

const PAGE = 5000;

/**
 * One line per good customer row: what the legacy system said, what the main account got from the
 * import (the entries of reason "import" — the same on a rerun), and why they differ, if they do.
 */
export async function writeReconciliation(client: pg.ClientBase, file: string): Promise<{ path: string; totals: ReconciliationTotals }> {
  await client.query(`
    create unlogged table import_recon with (autovacuum_enabled = off) as
    select c.line, c.external_id, c.legacy_balance, c.matched, c.fresh, c.imported_at,
      coalesce(e.imported, 0) as imported, coalesce(e.opening, 0) as opening, coalesce(l.main_total, 0) as main_total,
      coalesce(l.promo_total, 0) as promo_total
    from import_customer c
    left join "Account" a on a."customerId" = c.customer_id and a.kind = 'main'
    left join lateral (
      select sum(x."deltaAvailable")::int as imported, sum(x."deltaAvailable") filter (where x.note = 'legacy opening balance')::int as opening
      from "LedgerEntry" x where x."refType" = 'legacy-import' and x."refId" = c.external_id and x."accountId" = a.id) e on true
    left join (select customer_id, sum(points) filter (where account = 'main')::int as main_total, sum(points) filter (where account = 'promo')::int as promo_total
      from import_lot where not bad group by customer_id) l on l.customer_id = c.customer_id
    where not c.bad`);
  await client.query(`create index on import_recon (line); analyze import_recon`);
  const csv = openCsv(file, RECONCILIATION_HEADER);
  const totals: ReconciliationTotals = {
    customers: 0,
    legacyBalance: 0,
    importedBalance: 0,
    differing: 0,
    openingBalanceLots: 0,
    openingBalancePoints: 0,
    trimmedCustomers: 0,
    trimmedPoints: 0,
  };
  type Rec = {
    line: number;
    external_id: string;
    legacy_balance: number;
    matched: string;
    fresh: boolean;
    imported_at: Date | null;
    imported: number;
    opening: number;
    main_total: number;
    promo_total: number;
  };
  let after = 0;
  for (;;) {
    const { rows } = await client.query<Rec>(`select * from import_recon where line > $1 order by line limit ${PAGE}`, [after]);
    if (!rows.length) break;
    after = rows[rows.length - 1].line;
    for (const r of rows) {
      const notes: string[] = [];
      if (!r.fresh) notes.push(`already imported ${r.imported_at ? r.imported_at.toISOString() : ""}: nothing changed`.replace(" :", ":"));
      if (r.matched === "phone") notes.push("matched by phone");
      if (r.fresh && r.opening > 0) {
        notes.push(`opening balance lot ${r.opening} (lots sum to ${r.main_total})`);
        totals.openingBalanceLots++;
        totals.openingBalancePoints += r.opening;
      }
      if (r.fresh && r.main_total > r.legacy_balance) {
        notes.push(`lots sum to ${r.main_total}: ${r.main_total - r.legacy_balance} points of the newest lots not imported`);
        totals.trimmedCustomers++;
        totals.trimmedPoints += r.main_total - r.legacy_balance;
      }
      if (r.promo_total > 0) notes.push(`${r.promo_total} promo points`);
      const difference = r.imported - r.legacy_balance;
      if (difference !== 0) {
        totals.differing++;
        if (r.fresh || r.imported === 0) notes.push("imported balance differs from the legacy balance");
      }
      totals.customers++;
      totals.legacyBalance += r.legacy_balance;
      totals.importedBalance += r.imported;
      csv.write([r.external_id, r.legacy_balance, r.imported, difference, notes.join("; ")]);
    }
  }
  return { path: await csv.close(), totals };
}

export async function writeBadRows(client: pg.ClientBase, file: string): Promise<string> {
  const csv = openCsv(file, ["file", "line", "column", "reason"]);
  const { rows } = await client.query<{ file: string; line: number; col: string; reason: string }>(
    `select file, line, col, reason from import_bad order by array_position(array['customers.csv','points.csv','history.csv','achievements.csv'], file), line`,
  );
  for (const r of rows) csv.write([r.file, r.line, r.col, r.reason]);
  return csv.close();
}
