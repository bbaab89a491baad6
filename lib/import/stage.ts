// Step 1 of an import: every file streamed row by row into the staging tables of the import's
// run, each row validated on the way; a bad row goes to "import_bad" with its file, line
// and column. Good rows travel by COPY … FROM STDIN in COPY's text format, CHUNK rows per COPY,
// one chunk in flight while the next is parsed (memory stays flat: at most two chunks of text).
// customers.csv goes straight in (stageFiles); the files after it are parsed in the background
// into spool files of the same COPY text (spoolFiles) while the import's connection checks and
// writes the customers, and are COPYed in from there when their turn comes
// (loadSpool): the parsing (Node) and the database work overlap on the two cores.
// The staging tables are UNLOGGED tables (never WAL-logged, never autovacuumed) in the run's own
// schema (run.ts), not temporary ones: the import's second connection writes the history from
// them. They have no index while they load: checks.ts indexes and analyses them once they are full.
import { createReadStream, existsSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { createId } from "@/lib/ids";
import { metricBucket } from "@/lib/tiers/metrics";
import type { Period } from "@/lib/time/periods";
import type { ProgramDefinition } from "@/lib/program/definition";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { insertRows, type Column } from "@/lib/seed/season/write";
import { CsvSyntaxError, readCsvBatches } from "./csv-parse";
import { FILES, FILE_ORDER, RowError, achievementRow, customerRow, historyRow, lotRow, type FileName, type ValueContext } from "./files";
import { randomBytes } from "node:crypto";

export const STAGING_SQL = `
  create unlogged table import_bad (file text not null, line int not null, col text not null, reason text not null) with (autovacuum_enabled = off);
  create unlogged table import_rejected (external_id text not null, line int not null) with (autovacuum_enabled = off);
  create unlogged table import_customer (
    line int not null, external_id text not null, phone text not null, email text, first_name text, last_name text,
    birth_date date, registered_at timestamptz, card_number text, tier text, tier_since timestamptz, legacy_balance int not null,
    consent_sms bool not null, consent_email bool not null,
    new_id text not null, card_id text not null, qr text not null, main_acc text not null, promo_acc text not null,
    open_lot text not null, open_entry text not null,
    bad bool not null default false, customer_id text, matched text, fresh bool not null default false, imported_at timestamptz
  ) with (autovacuum_enabled = off);
  create unlogged table import_lot (line int not null, external_id text not null, points int not null, earned_at timestamptz not null,
    expires_at timestamptz, account text not null, lot_id text not null, entry_id text not null, bad bool not null default false) with (autovacuum_enabled = off);
  create unlogged table import_history (line int not null, external_id text not null, number text not null, store_id text not null,
    at timestamptz not null, amount int not null, kind text not null, points_earned int not null, points_spent int not null,
    period_key text not null, period_start timestamptz not null, period_end timestamptz, row_id text not null,
    bad bool not null default false, purchase_id text) with (autovacuum_enabled = off);
  create unlogged table import_achievement (line int not null, external_id text not null, code text not null, name text not null,
    achieved_at timestamptz not null, id text not null, bad bool not null default false) with (autovacuum_enabled = off);`;

const CUSTOMER_COLS: Column[] = [
  ["line", "int"],
  ["external_id", "text"],
  ["phone", "text"],
  ["email", "text"],
  ["first_name", "text"],
  ["last_name", "text"],
  ["birth_date", "date"],
  ["registered_at", "timestamptz"],
  ["card_number", "text"],
  ["tier", "text"],
  ["tier_since", "timestamptz"],
  ["legacy_balance", "int"],
  ["consent_sms", "bool"],
  ["consent_email", "bool"],
  ["new_id", "text"],
  ["card_id", "text"],
  ["qr", "text"],
  ["main_acc", "text"],
  ["promo_acc", "text"],
  ["open_lot", "text"],
  ["open_entry", "text"],
];
const LOT_COLS: Column[] = [
  ["line", "int"],
  ["external_id", "text"],
  ["points", "int"],
  ["earned_at", "timestamptz"],
  ["expires_at", "timestamptz"],
  ["account", "text"],
  ["lot_id", "text"],
  ["entry_id", "text"],
];
const HISTORY_COLS: Column[] = [
  ["line", "int"],
  ["external_id", "text"],
  ["number", "text"],
  ["store_id", "text"],
  ["at", "timestamptz"],
  ["amount", "int"],
  ["kind", "text"],
  ["points_earned", "int"],
  ["points_spent", "int"],
  ["period_key", "text"],
  ["period_start", "timestamptz"],
  ["period_end", "timestamptz"],
  ["row_id", "text"],
];
const ACHIEVEMENT_COLS: Column[] = [
  ["line", "int"],
  ["external_id", "text"],
  ["code", "text"],
  ["name", "text"],
  ["achieved_at", "timestamptz"],
  ["id", "text"],
];
const BAD_COLS: Column[] = [
  ["file", "text"],
  ["line", "int"],
  ["col", "text"],
  ["reason", "text"],
];

const TABLE: Record<FileName, [string, Column[]]> = {
  "customers.csv": ["import_customer", CUSTOMER_COLS],
  "points.csv": ["import_lot", LOT_COLS],
  "history.csv": ["import_history", HISTORY_COLS],
  "achievements.csv": ["import_achievement", ACHIEVEMENT_COLS],
};

/** Rows per COPY (a few MB of text). */
const CHUNK = 10_000;

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One value in COPY's text format (\N is null; backslash, tab and line breaks escaped). */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "boolean") return v ? "t" : "f";
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : s;
}

/** Rows (as COPY text lines) into `table` by one COPY … FROM STDIN. */
async function copyRows(client: pg.ClientBase, table: string, columns: Column[], text: string) {
  if (!text) return;
  const stream = client.query(copyFrom(`copy ${table} (${columns.map(([n]) => n).join(", ")}) from stdin`));
  await pipeline(Readable.from([text]), stream);
}

/** Rows as COPY text lines. */
function copyText(rows: unknown[][]): string {
  let text = "";
  for (const values of rows) {
    let line = "";
    for (let i = 0; i < values.length; i++) line += (i ? "\t" : "") + copyValue(values[i]);
    text += line + "\n";
  }
  return text;
}

/**
 * metricBucket (time-zone arithmetic, the costliest part of a history row) once per bucket: the
 * buckets met so far, listed by the UTC days they touch; a row takes the one that contains it.
 */
export function bucketCache(def: ProgramDefinition): (at: Date) => Period {
  const byDay = new Map<number, Period[]>();
  return (at) => {
    const t = at.getTime();
    const day = Math.floor(t / 86_400_000);
    const list = byDay.get(day);
    if (list) for (const b of list) if (b.start.getTime() <= t && (b.end === null || t < b.end.getTime())) return b;
    const b = metricBucket(def, at);
    if (byDay.size > 100_000) byDay.clear();
    if (list) list.push(b);
    else byDay.set(day, [b]);
    return b;
  };
}

/** Where the parsed rows of a file go, a chunk at a time: good rows as COPY text, bad rows, rejected customers. */
type Flush = (text: string, bad: unknown[][], rejected: unknown[][]) => Promise<void>;

const REJECTED_COLS: Column[] = [
  ["external_id", "text"],
  ["line", "int"],
];

/** Straight into the staging tables of the import's session. */
function copySink(client: pg.ClientBase, file: FileName): Flush {
  const [table, cols] = TABLE[file];
  return async (text, bad, rejected) => {
    await copyRows(client, table, cols, text);
    await insertRows(client, "import_bad", BAD_COLS, bad, CHUNK);
    await insertRows(client, "import_rejected", REJECTED_COLS, rejected, CHUNK);
  };
}

/** A file parsed ahead into spool files of COPY text (loadSpool copies them into the staging tables). */
export interface Spool {
  file: FileName;
  rows: number;
  data: string;
  bad: string;
  rejected: string;
}

/**
 * Parses and validates the rows of legacy files: one Stager per import, so the pool of random bytes
 * and the cache of metric buckets serve every file.
 */
export class Stager {
  private qrPool = Buffer.alloc(0);
  private qrAt = 0;
  private readonly bucketOf: (at: Date) => Period;

  constructor(
    def: ProgramDefinition,
    private readonly ctx: ValueContext,
  ) {
    this.bucketOf = bucketCache(def);
  }

  /** A card's QR token: 18 random bytes, drawn from a pool (one randomBytes call per customer cost a sixth of the staging's CPU). */
  private qr() {
    if (this.qrAt + 18 > this.qrPool.length) {
      this.qrPool = randomBytes(18 * 1024);
      this.qrAt = 0;
    }
    this.qrAt += 18;
    return this.qrPool.toString("base64url", this.qrAt - 18, this.qrAt);
  }

  /**
   * Reads one file, validating each row; hands CHUNK rows at a time to `sink`, one flush in flight
   * while the next chunk is parsed. Returns the number of data rows; `progress` gets bytes read.
   */
  async stageFile(file: FileName, full: string, sink: Flush, progress: (bytes: number) => void = () => {}, aborted: () => boolean = () => false): Promise<number> {
    const ctx = this.ctx;
    const spec = FILES[file];
    let text = "";
    let rows = 0;
    let bad: unknown[][] = [];
    let rejected: unknown[][] = [];
    let index: Map<string, number> | null = null;
    let n = 0;
    let approxBytes = 0;
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      await inFlight;
      const job = sink(text, bad, rejected);
      text = "";
      rows = 0;
      bad = [];
      rejected = [];
      job.catch(() => {}); // awaited by the next flush; this only keeps it from counting as unhandled meanwhile
      inFlight = job;
    };
    const push = (values: unknown[]) => {
      let line = "";
      for (let i = 0; i < values.length; i++) line += (i ? "\t" : "") + copyValue(values[i]);
      text += line + "\n";
      rows++;
    };
    try {
      reading: for await (const batch of readCsvBatches(full)) {
        if (aborted()) throw new Error("the import stopped");
        for (const rec of batch) {
          for (const f of rec.fields) approxBytes += f.length + 1;
          if (!index) {
            index = new Map(rec.fields.map((h, i) => [h.trim().toLowerCase(), i]));
            for (const c of spec.required) if (!index.has(c)) bad.push([file, rec.line, c, "the header has no such column"]);
            if (bad.length) break reading;
            continue;
          }
          const fields = rec.fields;
          if (fields.length !== index.size) {
            bad.push([file, rec.line, "", `has ${fields.length} fields, the header ${index.size}`]);
            continue;
          }
          const ix = index;
          const get = (c: string) => {
            const i = ix.get(c);
            return i === undefined ? undefined : fields[i];
          };
          n++;
          try {
            if (file === "customers.csv") {
              const r = customerRow(get, ctx);
              push([
                rec.line,
                r.externalId,
                r.phone,
                r.email,
                r.firstName,
                r.lastName,
                r.birthDate,
                r.registeredAt,
                r.cardNumber,
                r.tier,
                r.tierSince,
                r.legacyBalance,
                r.consentSms,
                r.consentEmail,
                createId("cus"),
                createId("crd"),
                this.qr(),
                createId("acc"),
                createId("acc"),
                createId("lot"),
                createId("pts"),
              ]);
            } else if (file === "points.csv") {
              const r = lotRow(get, ctx);
              push([rec.line, r.externalId, r.points, r.earnedAt, r.expiresAt, r.account, createId("lot"), createId("pts")]);
            } else if (file === "history.csv") {
              const r = historyRow(get, ctx);
              const b = this.bucketOf(r.at);
              push([rec.line, r.externalId, r.receiptNumber, r.storeId, r.at, r.amount, r.kind, r.pointsEarned, r.pointsSpent, b.key, b.start, b.end, createId(r.kind === "purchase" ? "rcp" : "ret")]);
            } else {
              const r = achievementRow(get, ctx);
              push([rec.line, r.externalId, r.code, r.name, r.achievedAt, createId("ach")]);
            }
          } catch (err) {
            if (!(err instanceof RowError)) throw err;
            bad.push([file, rec.line, err.column, err.reason]);
            const ext = get("external_id")?.trim();
            if (file === "customers.csv" && ext) rejected.push([ext, rec.line]);
          }
          if (rows >= CHUNK || bad.length >= CHUNK) {
            await flush();
            progress(approxBytes);
          }
        }
      }
    } catch (err) {
      if (!(err instanceof CsvSyntaxError)) throw err;
      bad.push([file, err.line, "", err.message]);
    }
    if (!index) bad.push([file, 1, "", "the file is empty (no header row)"]);
    await flush();
    await inFlight;
    return n;
  }

  /** Parses `file` into three spool files in `spoolDir` (good rows, bad rows, rejected customers). */
  async spoolFile(file: FileName, full: string, spoolDir: string, aborted: () => boolean): Promise<Spool> {
    const base = path.join(spoolDir, file.replace(/\.csv$/, ""));
    const spool: Spool = { file, rows: 0, data: `${base}.copy`, bad: `${base}.bad.copy`, rejected: `${base}.rejected.copy` };
    const handles = await Promise.all([spool.data, spool.bad, spool.rejected].map((p) => open(p, "w")));
    try {
      const [data, bad, rejected] = handles;
      spool.rows = await this.stageFile(
        file,
        full,
        async (text, badRows, rejectedRows) => {
          if (text) await data.write(text);
          if (badRows.length) await bad.write(copyText(badRows));
          if (rejectedRows.length) await rejected.write(copyText(rejectedRows));
        },
        undefined,
        aborted,
      );
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
    return spool;
  }
}

/** A spooled file into the staging tables: three COPYs from the spool files. */
export async function loadSpool(client: pg.ClientBase, spool: Spool): Promise<void> {
  const [table, cols] = TABLE[spool.file];
  for (const [target, columns, source] of [
    [table, cols, spool.data],
    ["import_bad", BAD_COLS, spool.bad],
    ["import_rejected", REJECTED_COLS, spool.rejected],
  ] as const) {
    if (!statSync(source).size) continue;
    await pipeline(createReadStream(source), client.query(copyFrom(`copy ${target} (${columns.map(([c]) => c).join(", ")}) from stdin`)));
  }
}

export interface StageCounts {
  files: Partial<Record<FileName, number>>;
}

/** The files of `dir` that exist, in FILE_ORDER. */
export function presentFiles(dir: string, files: FileName[] = FILE_ORDER): FileName[] {
  return files.filter((f) => existsSync(path.join(dir, f)));
}

/** Streams `files` of `dir` straight into the staging tables; reports bytes read against their total. */
export async function stageFiles(client: pg.ClientBase, stager: Stager, dir: string, files: FileName[], progress: (file: FileName, fraction: number) => void): Promise<StageCounts> {
  const present = presentFiles(dir, files);
  const total = present.reduce((s, f) => s + statSync(path.join(dir, f)).size, 0) || 1;
  let doneBytes = 0;
  const counts: StageCounts = { files: {} };
  for (const file of present) {
    const full = path.join(dir, file);
    const size = statSync(full).size;
    counts.files[file] = await stager.stageFile(file, full, copySink(client, file), (bytes) => progress(file, (doneBytes + Math.min(size, bytes)) / total));
    doneBytes += size;
    progress(file, doneBytes / total);
  }
  return counts;
}

/**
 * Parses `files` of `dir` one after the other into spool files in `spoolDir`, in the background,
 * while the import's connection checks and writes what came before them: each file's promise
 * resolves once its spool is complete (null for a missing file). `aborted` stops the parsing.
 */
export function spoolFiles(stager: Stager, dir: string, files: FileName[], spoolDir: string, aborted: () => boolean): Map<FileName, Promise<Spool | null>> {
  const out = new Map<FileName, Promise<Spool | null>>();
  let previous: Promise<unknown> = Promise.resolve();
  for (const file of files) {
    const full = path.join(dir, file);
    const job = previous.then(() => (existsSync(full) ? stager.spoolFile(file, full, spoolDir, aborted) : null));
    job.catch(() => {}); // awaited by the import; a failure also stops the files after it
    out.set(file, job);
    previous = job;
  }
  return out;
}
