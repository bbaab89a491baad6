// A legacy import (CONTRACTS.md "Legacy import"): the files of a folder into a program, in one
// transaction on its own connection, serialised per program by an advisory lock.
//
//   stage customers.csv (stage.ts) → check customers → write customers (write.ts)
//   → load points.csv → check lots → write the ledger
//   → load history.csv, achievements.csv → check them → write the history and achievements
//   → statuses (tiers.ts) → reports (report.ts) → commit, or roll back (dry run)
//
// The files after customers.csv are parsed and validated in the background into spool files
// (COPY text on disk, so memory stays flat) while PostgreSQL checks and writes the files before
// them: Node's CPU and the backend's overlap instead of taking turns. Once a row is bad, nothing
// more is written (unless skipBadRows, or a dry run), but every file is still read and checked so
// that every bad row is reported; then the transaction is rolled back.
//
// A dry run does all of it and rolls back, so its reconciliation is exactly what the import will do.
// A rerun of the same files changes nothing: customers are found again by external_id, a customer
// already imported gets no new lots, receipts and achievements are unique and skipped.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { rawTypes } from "@/lib/db/raw-pool";
import { definitionInForce } from "@/lib/program/in-force";
import type { Db } from "@/lib/db/client";
import { checkCustomers, checkHistory, checkLots } from "./checks";
import { FILE_ORDER, type BadRow, type FileName } from "./files";
import { openCsv, writeBadRows, writeReconciliation, type ReconciliationTotals } from "./report";
import { STAGING_SQL, Stager, loadSpool, spoolFiles, stageFiles, type Spool } from "./stage";
import { applyTiers, type TierOutcome } from "./tiers";
import { writeCustomers, writeHistory, writeLedger, type WriteCounts } from "./write";

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
  let spoolDir: string | null = null;
  let spools: Map<FileName, Promise<Spool | null>> | null = null;
  let stopped = false;
  try {
    await client.query("begin");
    // Memory for the big sorts, hashes and index builds of the staging tables, and local buffers for
    // them (temp_buffers only counts before the session's first temporary table).
    await client.query(
      "set local statement_timeout = 0; set local idle_in_transaction_session_timeout = 0; set local lock_timeout = '30s'; set local work_mem = '128MB'; set local maintenance_work_mem = '256MB'; set local temp_buffers = '256MB'",
    );
    await client.query("select pg_advisory_xact_lock(hashtext('legacy-import:' || $1))", [o.programId]);
    await client.query(STAGING_SQL);
    const stager = new Stager(def, { timezone: def.timezone, tiers: new Set(def.tiers.map((t) => t.code)), stores: new Map(stores.map((s) => [s.code, s.id])), now });
    // customers.csv goes straight in (every other check needs it); the other files are parsed into
    // spool files meanwhile, so the Node side reads them while PostgreSQL checks and writes the
    // customers and the ledger, and each is COPYed in when its turn comes.
    const staged = await stageFiles(client, stager, o.dir, ["customers.csv"], (file, f) => progress(`reading ${file}`, f * 0.15));
    spoolDir = await mkdtemp(path.join(os.tmpdir(), "tribune-import-spool-"));
    spools = spoolFiles(stager, o.dir, ["points.csv", "history.csv", "achievements.csv"], spoolDir, () => stopped);
    const load = async (file: FileName) => {
      const spool = await spools!.get(file)!;
      if (!spool) return;
      staged.files[file] = spool.rows;
      await loadSpool(client, spool);
      await rm(spool.data, { force: true });
    };
    const ctx = { programId: o.programId, versionId: inForce.versionId, now };
    const counts: Partial<WriteCounts> = {};
    // Writes go ahead while no row is bad so far (or bad rows are skipped, or it is a dry run); the
    // remaining files are still checked, so the bad rows of every file are reported.
    const writing = (bad: number) => !bad || !!o.skipBadRows || !!o.dryRun;
    progress("checking", 0.15);
    let badRows = await checkCustomers(client, o.programId);
    if (writing(badRows)) {
      progress("customers", 0.2);
      Object.assign(counts, await writeCustomers(client, ctx));
    }
    progress("reading points.csv", 0.25);
    await load("points.csv");
    progress("checking", 0.3);
    badRows = await checkLots(client, o.programId);
    if (writing(badRows)) {
      progress("ledger", 0.35);
      Object.assign(counts, await writeLedger(client, ctx));
    }
    progress("reading history.csv", 0.55);
    await load("history.csv");
    await load("achievements.csv");
    progress("checking", 0.6);
    badRows = await checkHistory(client, o.programId);
    const firstBadRows = (
      await client.query<BadRow & { col: string }>(`select file, line, col, reason from import_bad order by array_position($1::text[], file), line limit 100`, [FILE_ORDER])
    ).rows.map((r) => ({ file: r.file, line: r.line, column: r.col, reason: r.reason }));
    const badRowsPath = badRows ? await writeBadRows(client, path.join(reportDir, `bad-rows-${suffix}.csv`)) : null;
    const result: ImportResult = {
      written: false,
      dryRun: !!o.dryRun,
      rows: Object.fromEntries(FILE_ORDER.filter((f) => f in staged.files).map((f) => [f, staged.files[f]])),
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
    if (!writing(badRows)) {
      await client.query("rollback");
      result.seconds = (Date.now() - started) / 1000;
      return result;
    }
    progress("history", 0.65);
    Object.assign(counts, await writeHistory(client, ctx, (phase, f) => progress(phase, 0.65 + f * 0.15)));
    result.counts = counts as WriteCounts;
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
    stopped = true;
    if (spools) await Promise.allSettled(spools.values());
    if (spoolDir) await rm(spoolDir, { recursive: true, force: true });
    await client.end();
  }
}
