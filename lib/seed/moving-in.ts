// The demo's move-in and what-if replay, through the console's own paths so the pages show real
// runs on first start: the owner uploads the legacy sample (programs/legacy-sample, the old fan
// card's customers of the club) — a dry run, then the import of its files, each run by the
// "legacy-imports" job's code (lib/import/console.ts) — and the marketer simulates a draft of the
// club's rules over the last 12 months, run by the "program-simulations" job's code
// (lib/simulation/store.ts). Both run here, to the end, before the server starts (on the 20,000-fan
// demo about 2 s and 9 s, README): nothing is left queued for the job worker, whose next run — the
// e2e specs' too — then finds only what the console queues. Each is skipped when the program
// already has one (idempotent).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { createDryRun, runQueuedImports, startImport, type RunSummary } from "@/lib/import/console";
import { FILE_ORDER } from "@/lib/import/files";
import type { ProgramDefinition } from "@/lib/program/definition";
import { definitionAt } from "@/lib/program/in-force";
import { defaultWorkers } from "@/lib/simulation/run";
import { createSimulation, runQueuedSimulations } from "@/lib/simulation/store";

/** The legacy files the demo imports (the same folder the console's e2e uploads). */
export const DEMO_LEGACY_DIR = "programs/legacy-sample";
/** Months of history the demo's simulation replays. */
export const DEMO_SIMULATION_MONTHS = 12;

interface Options {
  programId: string;
  databaseUrl: string;
  now: Date;
  log: (line: string) => void;
}

async function staffOf(db: Db, programId: string, role: "owner" | "marketer") {
  return db.staffUser.findFirstOrThrow({ where: { programId, role, partnerId: null }, orderBy: { email: "asc" }, select: { id: true } });
}

async function runImportJob(db: Db, id: string, opts: Options): Promise<RunSummary> {
  await runQueuedImports(db, opts.now, { url: opts.databaseUrl, max: 1 });
  const run = await db.importRun.findUniqueOrThrow({ where: { id } });
  if (run.status !== "succeeded") throw new Error(`The demo's legacy ${run.kind} ${id} did not succeed (${run.status}): ${run.error ?? "not run"}`);
  return run.summary as unknown as RunSummary;
}

/** The owner's upload of the legacy sample: its dry run, then its import (bad rows skipped if the dry run found any). Returns the import's id, or null when the program has one already. */
export async function seedLegacyImport(db: Db, opts: Options): Promise<string | null> {
  const { programId, log } = opts;
  if (await db.importRun.findFirst({ where: { programId, kind: "import" }, select: { id: true } })) return null;
  const owner = await staffOf(db, programId, "owner");
  const dir = path.resolve(process.cwd(), DEMO_LEGACY_DIR);
  const uploads = FILE_ORDER.filter((f) => existsSync(path.join(dir, f))).map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(dir, name))) }));
  const dryRunId = await createDryRun(db, { programId, staffUserId: owner.id, uploads });
  const dry = await runImportJob(db, dryRunId, opts);
  const importId = await startImport(db, { programId, staffUserId: owner.id, dryRunId, skipBadRows: dry.badRows > 0, recomputeTiers: false });
  const done = await runImportJob(db, importId, opts);
  const rec = done.reconciliation;
  log(
    `legacy import of ${DEMO_LEGACY_DIR}: ${done.rows["customers.csv"] ?? 0} customers, ${done.badRows} bad rows, ${rec?.differing ?? "?"} balances differing (${rec?.importedBalance ?? 0} points imported)`,
  );
  return importId;
}

/**
 * The draft the demo simulates: the rules in force with Regular's cashback up from 5 % to 6 % and
 * Supporter reached one match visit sooner — the kind of change a club weighs before a season.
 */
export function demoDraft(current: ProgramDefinition): ProgramDefinition {
  const draft = structuredClone(current);
  for (const tier of draft.tiers) {
    if (tier.code === "regular") tier.earnRate += 1;
    if (tier.code === "supporter" && tier.qualify?.visits) tier.qualify.visits -= 1;
  }
  return draft;
}

/** The marketer's simulation of demoDraft over the last 12 months, run to the end. Returns its id, or null when the program has one already. */
export async function seedSimulation(db: Db, opts: Options): Promise<string | null> {
  const { programId, log } = opts;
  if (await db.programSimulation.findFirst({ where: { programId }, select: { id: true } })) return null;
  const marketer = await staffOf(db, programId, "marketer");
  const { definition } = await definitionAt(db, programId, opts.now);
  const id = await createSimulation(db, { programId, staffUserId: marketer.id, draft: demoDraft(definition), months: DEMO_SIMULATION_MONTHS });
  await runQueuedSimulations(db, opts.now, { max: 1, databaseUrl: opts.databaseUrl, workers: defaultWorkers() });
  const row = await db.programSimulation.findUniqueOrThrow({ where: { id } });
  if (row.status !== "succeeded") throw new Error(`The demo's simulation ${id} did not succeed (${row.status}): ${row.error ?? "not run"}`);
  const result = row.result as { customers: number; current: { issued: number }; draft: { issued: number } };
  log(`simulation of a draft over ${DEMO_SIMULATION_MONTHS} months: ${result.customers} customers, ${result.current.issued} → ${result.draft.issued} points issued`);
  return id;
}
