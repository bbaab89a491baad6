// A legacy import (CONTRACTS.md "Legacy import"): the files of a folder into a program, on two
// connections, serialised per program by a session advisory lock held by the first one.
//
//   transaction 1 (connection A): stage customers.csv (stage.ts) → check customers → write customers
//     (write.ts, importedAt left null) → load points.csv → check lots → load history.csv,
//     achievements.csv → check them → commit (or, when a row is bad, roll back: nothing written)
//   then at the same time, each in its own transaction:
//     connection A: write the ledger (accounts, lots, entries; importedAt set) → reconciliation (report.ts)
//     connection B: write the history and achievements (receipts, returns, TierMetric)
//   → commit B → statuses on A (tiers.ts, reading B's committed metrics) → commit A
//
// The ledger and the history write disjoint tables once the customers exist, so they run on the
// machine's two cores at once. For the second connection to see the staged rows they are UNLOGGED
// tables in a schema of the run's own ("legacy_import_<program's lock key>_<random>", first on both
// connections' search_path), dropped at the end, failed or not; a run that died leaves its schema,
// which the next import (of any program) drops once that program's lock is free.
//
// The files after customers.csv are parsed and validated in the background into spool files
// (COPY text on disk, so memory stays flat) while PostgreSQL checks and writes the customers: Node's
// CPU and the backend's overlap instead of taking turns. Every file is checked before anything is
// committed, so a bad row (without skipBadRows) still means nothing written, and every bad row of
// every file is reported.
//
// Crash safety instead of one transaction: a run that dies after the customers' commit is finished
// by a rerun of the same files. The mark that a customer's ledger is imported (importedAt) is set
// in the ledger's transaction, so a customer committed without it is still fresh for the rerun and
// gets its lots then; A commits after B, so the ledger and statuses are never committed without
// the history; receipts and achievements are unique and skipped on a rerun, and TierMetric grows
// only by the receipts actually inserted. A fresh customer's statuses are written in A's
// transaction, with its mark. The committed customers are visible before their ledger: a till
// that opens a new customer's accounts meanwhile makes the ledger's INSERT of them fail (unique), so
// the run fails, and its rerun finishes it (the customer is then found by external_id, still fresh).
//
// A dry run does all of it on connection A in transaction 1, one step after the other, and rolls
// back (the run's schema with it), so its reconciliation is exactly what the import will do.
// A rerun of the same files changes nothing: customers are found again by external_id, a customer
// already imported gets no new lots, receipts and achievements are unique and skipped.
import { mkdtemp, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
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
  /**
   * Tests only (crash safety): called at each step of a real run once it is reached; a throw
   * stops the run there, as a crash would, with what was committed so far left committed.
   */
  interrupt?: (step: ImportStep) => void | Promise<void>;
}

/** Where a real run can be stopped by ImportOptions.interrupt. */
export type ImportStep = "customers committed" | "ledger written" | "history written" | "history committed";

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

/** Session settings of both connections: memory for the big sorts, hashes and index builds of the staging tables. */
const SESSION_SQL = "set statement_timeout = 0; set idle_in_transaction_session_timeout = 0; set lock_timeout = '30s'; set work_mem = '128MB'; set maintenance_work_mem = '256MB'";

/** The prefix of every run's schema; the program's lock key (hex) and a random part follow. */
const RUN_SCHEMA_PREFIX = "legacy_import_";

async function connect(databaseUrl: string): Promise<pg.Client> {
  // Named so that monitoring (and the bench, which reads the backends' CPU time) can find it.
  const client = new pg.Client({ connectionString: databaseUrl, types: rawTypes, application_name: IMPORT_APPLICATION_NAME });
  await client.connect();
  try {
    await client.query(SESSION_SQL);
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  return client;
}

/** The run's schema first on the connection's search path (the program's tables stay where they are). */
async function searchSchemaFirst(client: pg.ClientBase, schema: string) {
  await client.query("select set_config('search_path', $1 || ', ' || current_setting('search_path'), false)", [schema]);
}

/**
 * Drops the schemas of runs that died: a schema whose program's lock is free has no live run
 * (a live run holds its lock until its schema is dropped). Our own program's lock is held by us, and
 * re-entrant, so its schemas (dead runs of ours) are dropped too.
 */
async function sweepDeadRuns(client: pg.ClientBase) {
  const { rows } = await client.query<{ name: string }>(`select nspname as name from pg_namespace where nspname like $1`, [`${RUN_SCHEMA_PREFIX.replace(/_/g, "\\_")}%`]);
  for (const { name } of rows) {
    const hex = /^legacy_import_([0-9a-f]{1,8})_[0-9a-f]+$/.exec(name)?.[1];
    if (!hex) continue;
    const key = parseInt(hex, 16) | 0;
    const free = (await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1::bigint) as ok", [key])).rows[0].ok;
    if (!free) continue;
    try {
      await client.query(`drop schema if exists ${name} cascade`);
    } finally {
      await client.query("select pg_advisory_unlock($1::bigint)", [key]);
    }
  }
}

export async function runImport(db: Db, o: ImportOptions): Promise<ImportResult> {
  const started = Date.now();
  const now = o.now ?? new Date();
  const progress = o.onProgress ?? (() => {});
  const interrupt = o.interrupt ?? (() => {});
  const inForce = await definitionInForce(db, o.programId, now);
  if (!inForce) throw new ImportSetupError("The program has no version in force: apply a program definition first.");
  const def = inForce.definition;
  const stores = await db.store.findMany({ where: { programId: o.programId }, select: { id: true, code: true } });
  const reportDir = o.reportDir ?? o.dir;
  const suffix = `${o.dryRun ? "dry-run-" : ""}${stamp(now)}`;

  const client = await connect(o.databaseUrl);
  let second: pg.Client | null = null;
  /** The run's schema once committed (dropped at the end). */
  let committedSchema: string | null = null;
  let spoolDir: string | null = null;
  let spools: Map<FileName, Promise<Spool | null>> | null = null;
  let stopped = false;
  let reconciliationPath: string | null = null;
  let written = false;
  try {
    const key = (await client.query<{ key: number }>("select hashtext('legacy-import:' || $1) as key", [o.programId])).rows[0].key;
    await client.query("select pg_advisory_lock($1::bigint)", [key]);
    await sweepDeadRuns(client);
    const schema = `${RUN_SCHEMA_PREFIX}${(key >>> 0).toString(16)}_${randomBytes(6).toString("hex")}`;
    await client.query("begin");
    await client.query(`create schema ${schema}`);
    await searchSchemaFirst(client, schema);
    await client.query(STAGING_SQL);
    const stager = new Stager(def, { timezone: def.timezone, tiers: new Set(def.tiers.map((t) => t.code)), stores: new Map(stores.map((s) => [s.code, s.id])), now });
    // customers.csv goes straight in (every other check needs it); the other files are parsed into
    // spool files meanwhile, so the Node side reads them while PostgreSQL checks and writes the
    // customers, and each is COPYed in when its turn comes.
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
    // The customers are written while no row is bad so far (or bad rows are skipped, or it is a dry
    // run); the remaining files are still checked, so the bad rows of every file are reported.
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
    progress("reading history.csv", 0.35);
    await load("history.csv");
    await load("achievements.csv");
    progress("checking", 0.4);
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
    const tierCsv = o.recomputeTiers ? openCsv(path.join(reportDir, `tiers-${suffix}.csv`), ["external_id", "legacy_tier", "earned_tier", "applied_tier"]) : null;
    const statuses = () =>
      applyTiers(
        client,
        def,
        { programId: o.programId, now, recompute: !!o.recomputeTiers },
        (r) => tierCsv?.write([r.externalId, r.legacy, r.earned, r.applied]),
        (f) => progress("statuses", 0.8 + f * 0.2),
      );
    const reconcile = async () => {
      reconciliationPath = path.join(reportDir, `reconciliation-${suffix}.csv`);
      const rec = await writeReconciliation(client, reconciliationPath);
      result.reconciliation = rec.totals;
      result.reconciliationPath = rec.path;
    };

    if (o.dryRun) {
      // One step after the other in transaction 1, then rolled back.
      progress("ledger", 0.45);
      Object.assign(counts, await writeLedger(client, ctx));
      progress("history", 0.6);
      Object.assign(counts, await writeHistory(client, ctx, (phase, f) => progress(phase, 0.6 + f * 0.2)));
      progress("reconciliation", 0.75);
      await reconcile();
      progress("statuses", 0.8);
      result.tiers = await statuses();
      await client.query("rollback");
    } else {
      await client.query("commit");
      committedSchema = schema;
      await interrupt("customers committed");
      second = await connect(o.databaseUrl);
      await searchSchemaFirst(second, schema);
      const b = second;
      progress("ledger-history", 0.45);
      await client.query("begin");
      // The summary rows' copies of the statuses and main balances (migration
      // customer_activity_status_balance) are written for the whole program just before A commits,
      // not by their triggers: those would upsert the same customers' summary rows as B's receipts
      // do, and each connection would wait for the other's uncommitted rows while the run waits for
      // both — a hang no deadlock check sees.
      await client.query("select set_config('tribune.activity_status', 'deferred', true)");
      await b.query("begin");
      // B's new summary rows (first receipts and visits) skip their copy of the customer's consents
      // and birth date (migration customer_activity_profile): one UPDATE per new row, where A's
      // refresh below writes every row of the program set-based after B has committed.
      await b.query("select set_config('tribune.activity_status', 'deferred', true)");
      // The ledger (then the reconciliation, which reads it) on A, the history on B, at once.
      const [ledger, history] = await Promise.allSettled([
        (async () => {
          Object.assign(counts, await writeLedger(client, ctx));
          await interrupt("ledger written");
          await reconcile();
        })(),
        (async () => {
          Object.assign(counts, await writeHistory(b, ctx, (_, f) => progress("ledger-history", 0.45 + f * 0.35)));
          await interrupt("history written");
        })(),
      ]);
      if (ledger.status === "rejected" || history.status === "rejected") {
        await b.query("rollback").catch(() => {});
        throw ledger.status === "rejected" ? ledger.reason : (history as PromiseRejectedResult).reason;
      }
      await b.query("commit");
      await interrupt("history committed");
      progress("statuses", 0.8);
      result.tiers = await statuses();
      await client.query(`select "customer_activity_status_refresh"($1)`, [ctx.programId]);
      await client.query("commit");
      written = true;
      result.written = true;
    }
    result.counts = counts as WriteCounts;
    if (tierCsv) result.tiersPath = await tierCsv.close();
    progress("done", 1);
    result.seconds = (Date.now() - started) / 1000;
    return result;
  } catch (err) {
    await client.query("rollback").catch(() => {});
    // The reconciliation of a run that did not commit would describe what is not there.
    if (reconciliationPath && !written) await rm(reconciliationPath, { force: true });
    throw err;
  } finally {
    stopped = true;
    if (spools) await Promise.allSettled(spools.values());
    if (spoolDir) await rm(spoolDir, { recursive: true, force: true });
    if (second) await second.end().catch(() => {});
    // The run's schema goes with the run; the lock goes with the connection.
    if (committedSchema) await client.query(`drop schema if exists ${committedSchema} cascade`).catch(() => {});
    await client.end();
  }
}
