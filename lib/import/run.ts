// A legacy import (CONTRACTS.md "Legacy import"): the files of a folder into a program, in one
// transaction on its own connection, serialised per program by an advisory lock.
//
//   stage (stage.ts) → check (checks.ts) → [stop here when a row is bad, unless skipBadRows]
//   → write (write.ts) → statuses (tiers.ts) → reports (report.ts) → commit, or roll back (dry run)
//
// A dry run does all of it and rolls back, so its reconciliation is exactly what the import will do.
// A rerun of the same files changes nothing: customers are found again by external_id, a customer
// already imported gets no new lots, receipts and achievements are unique and skipped.
import path from "node:path";
import pg from "pg";
import { rawTypes } from "@/lib/db/raw-pool";
import { definitionInForce } from "@/lib/program/in-force";
import type { Db } from "@/lib/db/client";
import { checkStaged } from "./checks";
import { FILE_ORDER, type BadRow, type FileName } from "./files";
import { openCsv, writeBadRows, writeReconciliation, type ReconciliationTotals } from "./report";
import { STAGING_SQL, stageFiles } from "./stage";
import { applyTiers, type TierOutcome } from "./tiers";
import { writeStaged, type WriteCounts } from "./write";

export interface ImportOptions {
  databaseUrl: string;
  programId: string;
  dir: string;
  dryRun?: boolean;
  skipBadRows?: boolean;
  recomputeTiers?: boolean;
  /** Where the reports go (default: `dir`). */
  reportDir?: string;
  now?: Date;
  onProgress?: (phase: string, fraction: number) => void;
}

export interface ImportResult {
  /** True when the changes were committed. */
  written: boolean;
  dryRun: boolean;
  rows: Partial<Record<FileName, number>>;
  badRows: number;
  /** The first bad rows (all of them are in badRowsPath). */
  firstBadRows: BadRow[];
  badRowsPath: string | null;
  counts: WriteCounts | null;
  reconciliation: ReconciliationTotals | null;
  reconciliationPath: string | null;
  tiers: TierOutcome | null;
  tiersPath: string | null;
  seconds: number;
}

/** The application_name of the import's own connection (pg_stat_activity). */
export const IMPORT_APPLICATION_NAME = "tribune-legacy-import";

export class ImportSetupError extends Error {
  readonly expected = true;
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");

export async function runImport(db: Db, o: ImportOptions): Promise<ImportResult> {
  const started = Date.now();
  const now = o.now ?? new Date();
  const progress = o.onProgress ?? (() => {});
  const inForce = await definitionInForce(db, o.programId, now);
  if (!inForce) throw new ImportSetupError("The program has no version in force: apply a program definition first.");
  const def = inForce.definition;
  const stores = await db.store.findMany({ where: { programId: o.programId }, select: { id: true, code: true } });
  const reportDir = o.reportDir ?? o.dir;
  const suffix = `${o.dryRun ? "dry-run-" : ""}${stamp(now)}`;

  // Named so that monitoring (and the bench, which reads the backend's CPU time) can find it.
  const client = new pg.Client({ connectionString: o.databaseUrl, types: rawTypes, application_name: IMPORT_APPLICATION_NAME });
  await client.connect();
  try {
    await client.query("begin");
    // Memory for the big sorts, hashes and index builds of the staging tables, and local buffers for
    // them (temp_buffers only counts before the session's first temporary table).
    await client.query("set local statement_timeout = 0; set local lock_timeout = '30s'; set local work_mem = '128MB'; set local maintenance_work_mem = '256MB'; set local temp_buffers = '256MB'");
    await client.query("select pg_advisory_xact_lock(hashtext('legacy-import:' || $1))", [o.programId]);
    await client.query(STAGING_SQL);
    const staged = await stageFiles(client, o.dir, def, { timezone: def.timezone, tiers: new Set(def.tiers.map((t) => t.code)), stores: new Map(stores.map((s) => [s.code, s.id])), now }, (file, f) =>
      progress(`reading ${file}`, f * 0.4),
    );
    progress("checking", 0.4);
    const badRows = await checkStaged(client, o.programId);
    const firstBadRows = (
      await client.query<BadRow & { col: string }>(`select file, line, col, reason from import_bad order by array_position($1::text[], file), line limit 100`, [FILE_ORDER])
    ).rows.map((r) => ({ file: r.file, line: r.line, column: r.col, reason: r.reason }));
    const badRowsPath = badRows ? await writeBadRows(client, path.join(reportDir, `bad-rows-${suffix}.csv`)) : null;
    const result: ImportResult = {
      written: false,
      dryRun: !!o.dryRun,
      rows: staged.files,
      badRows,
      firstBadRows,
      badRowsPath,
      counts: null,
      reconciliation: null,
      reconciliationPath: null,
      tiers: null,
      tiersPath: null,
      seconds: 0,
    };
    if (badRows && !o.skipBadRows && !o.dryRun) {
      await client.query("rollback");
      result.seconds = (Date.now() - started) / 1000;
      return result;
    }
    result.counts = await writeStaged(client, { programId: o.programId, versionId: inForce.versionId, now }, (phase, f) => progress(phase, 0.45 + f * 0.4));
    progress("statuses", 0.8);
    const tierCsv = o.recomputeTiers ? openCsv(path.join(reportDir, `tiers-${suffix}.csv`), ["external_id", "legacy_tier", "earned_tier", "applied_tier"]) : null;
    result.tiers = await applyTiers(
      client,
      def,
      { programId: o.programId, now, recompute: !!o.recomputeTiers },
      (r) => tierCsv?.write([r.externalId, r.legacy, r.earned, r.applied]),
      (f) => progress("statuses", 0.8 + f * 0.1),
    );
    if (tierCsv) result.tiersPath = await tierCsv.close();
    progress("reconciliation", 0.9);
    const rec = await writeReconciliation(client, path.join(reportDir, `reconciliation-${suffix}.csv`));
    result.reconciliation = rec.totals;
    result.reconciliationPath = rec.path;
    if (o.dryRun || (badRows && !o.skipBadRows)) await client.query("rollback");
    else {
      await client.query("commit");
      result.written = true;
    }
    progress("done", 1);
    result.seconds = (Date.now() - started) / 1000;
    return result;
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
