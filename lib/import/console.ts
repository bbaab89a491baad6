// The console's side of the legacy import (owner only): the upload (CSV files or a zip) becomes a
// dry run; the dry run's "Import" becomes an import of the same files. Both run in the background
// (job "legacy-imports", lib/jobs/registry.ts), which writes the files to a scratch folder, runs
// lib/import/run.ts and keeps progress, summary and reports on the ImportRun row for the page.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import type { Db } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/url";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { FILE_ORDER, type BadRow, type FileName } from "./files";
import { runImport, type ImportResult } from "./run";

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** The known files among the uploads (zips unpacked); anything else is refused by name. */
export function legacyFilesOf(uploads: UploadedFile[]): UploadedFile[] {
  const out = new Map<FileName, Uint8Array>();
  const add = (name: string, bytes: Uint8Array) => {
    const base = path.posix.basename(name.replace(/\\/g, "/")).toLowerCase();
    if (!(FILE_ORDER as string[]).includes(base)) throw new AppError("invalid_request", `"${base}" is not a file of a legacy import (${FILE_ORDER.join(", ")})`);
    if (out.has(base as FileName)) throw new AppError("invalid_request", `"${base}" is there twice`);
    out.set(base as FileName, bytes);
  };
  let total = 0;
  for (const u of uploads) {
    if (u.name.toLowerCase().endsWith(".zip")) {
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(u.bytes, { filter: (f) => !f.name.endsWith("/") && !path.posix.basename(f.name).startsWith(".") && f.originalSize <= MAX_UPLOAD_BYTES });
      } catch {
        throw new AppError("invalid_request", `"${u.name}" is not a zip archive`);
      }
      for (const [name, bytes] of Object.entries(entries)) {
        if (name.startsWith("__MACOSX/")) continue;
        total += bytes.length;
        add(name, bytes);
      }
    } else {
      total += u.bytes.length;
      add(u.name, u.bytes);
    }
    if (total > MAX_UPLOAD_BYTES) throw new AppError("invalid_request", "The files are larger than 50 MB: import them with npm run import");
  }
  if (!out.size) throw new AppError("invalid_request", `Choose the CSV files (${FILE_ORDER.join(", ")}) or a zip of them`);
  return FILE_ORDER.filter((f) => out.has(f)).map((f) => ({ name: f, bytes: out.get(f)! }));
}

/** Saves the upload as a queued dry run; returns its id. */
export async function createDryRun(db: Db, input: { programId: string; staffUserId: string; uploads: UploadedFile[] }): Promise<string> {
  const files = legacyFilesOf(input.uploads);
  const id = createId("imp");
  await db.$transaction([
    db.importRun.create({ data: { id, programId: input.programId, kind: "dry-run", staffUserId: input.staffUserId } }),
    db.importFile.createMany({
      data: files.map((f) => ({ id: createId("imp"), programId: input.programId, runId: id, role: "upload", name: f.name, bytes: Buffer.from(f.bytes), size: f.bytes.length })),
    }),
  ]);
  return id;
}

/** Queues the import of a finished dry run's files. */
export async function startImport(db: Db, input: { programId: string; staffUserId: string; dryRunId: string; skipBadRows: boolean; recomputeTiers: boolean }): Promise<string> {
  const dry = await db.importRun.findFirst({ where: { id: input.dryRunId, programId: input.programId, kind: "dry-run" } });
  if (!dry) throw new AppError("not_found", "No such dry run");
  if (dry.status !== "succeeded") throw new AppError("invalid_state", "The dry run has not finished");
  const bad = Number((dry.summary as { badRows?: number } | null)?.badRows ?? 0);
  if (bad > 0 && !input.skipBadRows) throw new AppError("invalid_state", "The files have bad rows: fix them, or import the rest with “skip bad rows”");
  const id = createId("imp");
  await db.importRun.create({
    data: { id, programId: input.programId, kind: "import", sourceRunId: dry.id, skipBadRows: input.skipBadRows, recomputeTiers: input.recomputeTiers, staffUserId: input.staffUserId },
  });
  return id;
}

export interface RunSummary {
  rows: ImportResult["rows"];
  badRows: number;
  firstBadRows: BadRow[];
  counts: ImportResult["counts"];
  reconciliation: ImportResult["reconciliation"];
  tiers: ImportResult["tiers"];
  written: boolean;
  seconds: number;
}

export interface RunView {
  id: string;
  kind: string;
  status: "queued" | "running" | "succeeded" | "failed";
  phase: string | null;
  /** 0…1000 */
  progress: number;
  summary: RunSummary | null;
  error: string | null;
  sourceRunId: string | null;
  skipBadRows: boolean;
  recomputeTiers: boolean;
  uploads: { name: string; size: number }[];
  reports: { name: string; size: number }[];
  createdAt: Date;
  finishedAt: Date | null;
}

export async function importRun(db: Db, programId: string, id: string): Promise<RunView | null> {
  const run = await db.importRun.findFirst({ where: { id, programId } });
  if (!run) return null;
  const files = await db.importFile.findMany({ where: { runId: { in: [run.id, run.sourceRunId ?? run.id] } }, select: { name: true, size: true, role: true, runId: true }, orderBy: { name: "asc" } });
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    phase: run.phase,
    progress: run.progress,
    summary: run.summary as RunSummary | null,
    error: run.error,
    sourceRunId: run.sourceRunId,
    skipBadRows: run.skipBadRows,
    recomputeTiers: run.recomputeTiers,
    uploads: files.filter((f) => f.role === "upload").map((f) => ({ name: f.name, size: f.size })),
    reports: files.filter((f) => f.role === "report" && f.runId === run.id).map((f) => ({ name: f.name, size: f.size })),
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
  };
}

export async function recentImportRuns(db: Db, programId: string, take = 20) {
  return db.importRun.findMany({
    where: { programId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, kind: true, status: true, progress: true, createdAt: true, finishedAt: true, summary: true },
  });
}

/** A report a run wrote (reconciliation, bad rows, statuses). */
export async function importReport(db: Db, programId: string, runId: string, name: string): Promise<Uint8Array | null> {
  const f = await db.importFile.findFirst({ where: { runId, role: "report", name, run: { programId } }, select: { bytes: true } });
  return f ? new Uint8Array(f.bytes) : null;
}

/** The job: runs queued dry runs and imports one at a time (a conditional UPDATE claims each). */
export async function runQueuedImports(db: Db, now: Date, opts: { url?: string; max?: number } = {}): Promise<Record<string, number>> {
  const out = { ran: 0, failed: 0 };
  for (let i = 0; i < (opts.max ?? 5); i++) {
    const claimed = await db.$queryRaw<{ id: string }[]>`
      update "ImportRun" set status = 'running', phase = 'starting', progress = 0
      where id = (select id from "ImportRun" where status = 'queued' order by "createdAt" limit 1 for update skip locked)
      returning id`;
    if (!claimed.length) break;
    const ok = await runOne(db, claimed[0].id, now, opts.url ?? databaseUrl());
    out.ran++;
    if (!ok) out.failed++;
  }
  return out;
}

async function runOne(db: Db, id: string, now: Date, url: string): Promise<boolean> {
  const run = await db.importRun.findUniqueOrThrow({ where: { id } });
  const dir = mkdtempSync(path.join(os.tmpdir(), "tribune-import-"));
  const reportDir = path.join(dir, "reports");
  let last = 0;
  let pending: Promise<unknown> = Promise.resolve();
  try {
    const files = await db.importFile.findMany({ where: { runId: run.sourceRunId ?? run.id, role: "upload" } });
    for (const f of files) writeFileSync(path.join(dir, f.name), f.bytes);
    const result = await runImport(db, {
      databaseUrl: url,
      programId: run.programId,
      dir,
      reportDir,
      dryRun: run.kind === "dry-run",
      skipBadRows: run.skipBadRows,
      recomputeTiers: run.recomputeTiers,
      now,
      onProgress: (phase, f) => {
        const t = Date.now();
        if (t - last < 400 && f < 1) return;
        last = t;
        pending = pending.then(() => db.importRun.update({ where: { id }, data: { phase, progress: Math.round(f * 1000) } })).catch(() => {});
      },
    });
    await pending;
    const reports = readdirSync(reportDir).map((name) => {
      const bytes = readFileSync(path.join(reportDir, name));
      const kind = name.startsWith("reconciliation") ? "reconciliation.csv" : name.startsWith("bad-rows") ? "bad-rows.csv" : "tiers.csv";
      return { id: createId("imp"), programId: run.programId, runId: id, role: "report", name: kind, bytes, size: bytes.length };
    });
    const summary: RunSummary = {
      rows: result.rows,
      badRows: result.badRows,
      firstBadRows: result.firstBadRows,
      counts: result.counts,
      reconciliation: result.reconciliation,
      tiers: result.tiers,
      written: result.written,
      seconds: result.seconds,
    };
    await db.$transaction([
      db.importFile.createMany({ data: reports }),
      db.importRun.update({
        where: { id },
        data: {
          status: run.kind === "import" && !result.written ? "failed" : "succeeded",
          error: run.kind === "import" && !result.written ? "bad rows: nothing was written" : null,
          phase: "done",
          progress: 1000,
          summary: JSON.parse(JSON.stringify(summary)),
          finishedAt: new Date(),
        },
      }),
    ]);
    return true;
  } catch (err) {
    await pending;
    await db.importRun.update({ where: { id }, data: { status: "failed", error: (err as Error).message.slice(0, 500), finishedAt: new Date() } });
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
