// Runs a what-if replay (replay.ts) of a draft program definition against the version in force
// over the last N months of a program's receipts and visits. Read-only: the program's customers
// are split into key ranges, each replayed (range.ts: keyset pages of customers, each customer's
// events in time order, flat memory) on a worker thread with its own connection or, for one
// range, in this thread; the ranges' totals are merged exactly. Nothing of the ledger, lots,
// receipts or statuses is written.
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { validateDefinition } from "@/lib/program/apply-program";
import type { ProgramDefinition } from "@/lib/program/definition";
import { definitionAt } from "@/lib/program/in-force";
import { evalPeriod } from "@/lib/tiers/metrics";
import { env } from "@/lib/env";
import { replayRange, type CustomerRange, type ReplayContext, type ReplayTiming } from "./range";
import { mergeTotals, type ReplayHooks, type ReplayTotals } from "./replay";
import type { WorkerInput } from "./worker";

export const MIN_MONTHS = 1;
export const MAX_MONTHS = 36;
const BATCH = 1000;

/** How the replay counts (the console shows them translated, by key: prog.sim.assume.*). */
export const ASSUMPTIONS = {
  promotions: "promotions: discounts as recorded on each line; promotion bonus points and promo-account points left out",
  redemptions: "redemptions: the main-account points the member redeemed on each receipt, capped by the simulated balance and the version's limits",
  balance: "balance: recorded at the window's start, then + issued − redeemed (no expiry, adjustments, catalog or returns)",
  statuses: "statuses: receipts and visits since the qualification period before the window count (warm-up, no points); returns and manual statuses left out",
} as const;

export interface SimulationInput {
  programId: string;
  draft: unknown;
  months: number;
  now: Date;
}

export interface SimulationResult extends ReplayTotals {
  window: { from: string; to: string; warmupFrom: string | null };
  currentVersion: number;
  tiers: { code: string; name: ProgramDefinition["tiers"][number]["name"]; current: boolean; draft: boolean }[];
  assumptions: typeof ASSUMPTIONS;
  seconds: number;
  /** Threads the replay ran on (one per key range of customers; 1: the caller's own thread). */
  threads: number;
}

/** The draft parsed and checked against the program (same code); throws AppError("invalid_request") listing every problem. */
export function checkDraft(draft: unknown, programCode: string): ProgramDefinition {
  const def = validateDefinition(draft);
  if (def.code !== programCode) {
    throw new AppError("invalid_request", `The draft is for program "${def.code}", not "${programCode}"`, { details: [{ path: "code", message: `must be "${programCode}"` }] });
  }
  return def;
}

export function checkMonths(months: number): number {
  if (!Number.isInteger(months) || months < MIN_MONTHS || months > MAX_MONTHS) {
    throw new AppError("invalid_request", `Months must be a whole number from ${MIN_MONTHS} to ${MAX_MONTHS}`, {
      details: [{ path: "months", message: `from ${MIN_MONTHS} to ${MAX_MONTHS}` }],
    });
  }
  return months;
}

/** `now` minus whole calendar months (UTC), the day clamped to the month's length. */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const dim = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, dim));
  return d;
}

/** Where the status bookkeeping must start so the window's first receipt sees the statuses it had: the previous qualification period's start. */
function warmupStart(def: ProgramDefinition, from: Date): Date | null {
  const p = evalPeriod(def, from);
  if (p.rolling || p.prev) return p.prev?.start ?? p.start;
  return p.key === "lifetime" ? null : p.start;
}

export interface SimulationOptions {
  onProgress?: (fraction: number) => void | Promise<void>;
  /** Hooks see every receipt and customer: the replay then runs in this thread, as one range. */
  hooks?: ReplayHooks;
  /** Customers per page. */
  batch?: number;
  /** Worker threads, each replaying one key range of customers on its own connection (needs `databaseUrl`); 1: this thread. */
  workers?: number;
  databaseUrl?: string;
  /** Filled with the time spent reading pages and replaying them (summed over the ranges). */
  timing?: ReplayTiming;
}

/**
 * Worker threads by default: TRIBUNE_SIMULATION_WORKERS, else one per core — in the CLI, in
 * `npm run worker` and in the Next.js server alike (the demo's in-process job worker runs the
 * console's "Simulate"): each thread loads the TypeScript sources through tsx (worker-entry.mjs).
 */
export function defaultWorkers(): number {
  return env().TRIBUNE_SIMULATION_WORKERS ?? os.availableParallelism();
}

type Parallel = {
  replayOnWorkers(input: WorkerInput & { threads: number }, ranges: CustomerRange[], onCustomers: (i: number, n: number) => void, timing?: ReplayTiming): Promise<ReplayTotals[]>;
};

/** Key ranges per thread: threads take them one at a time, so ranges with more events than others even out. */
const RANGES_PER_THREAD = 4;

/**
 * The threads' spawner (parallel.mjs), loaded at run time from its file in the project (the
 * working directory): a bundler neither follows nor rewrites it, so the Next.js server runs the
 * same file as the CLI.
 */
function loadParallel(): Promise<Parallel> {
  const file = pathToFileURL(path.resolve(process.cwd(), "lib/simulation/parallel.mjs")).href;
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ file) as Promise<Parallel>;
}

/** `n` consecutive key ranges of the program's customers with about as many customers each, and how many there are. */
async function customerRanges(db: Db, programId: string, n: number): Promise<{ customers: number; ranges: CustomerRange[] }> {
  const fractions = Array.from({ length: n - 1 }, (_, i) => (i + 1) / n);
  const [row] = await db.$queryRaw<{ customers: number; bounds: string[] | null }[]>`
    select count(*)::int as customers, percentile_disc(${fractions}::float8[]) within group (order by id) as bounds
    from "Customer" where "programId" = ${programId}`;
  const bounds = n > 1 && row.bounds ? row.bounds : [];
  const ranges: CustomerRange[] = [];
  let after = "";
  for (const b of bounds) {
    if (b === after) continue; // fewer customers than ranges
    ranges.push({ after, upTo: b });
    after = b;
  }
  ranges.push({ after, upTo: null });
  return { customers: row.customers, ranges };
}

export async function simulateProgram(db: Db, input: SimulationInput, opts: SimulationOptions = {}): Promise<SimulationResult> {
  const started = Date.now();
  const program = await db.program.findUnique({ where: { id: input.programId }, select: { code: true } });
  if (!program) throw new AppError("not_found", "No such program");
  const draft = checkDraft(input.draft, program.code);
  const months = checkMonths(input.months);
  const inForce = await definitionAt(db, input.programId, input.now);
  const version = await db.programVersion.findUnique({ where: { id: inForce.versionId }, select: { version: true } });
  const current = inForce.definition;
  const to = input.now;
  const from = monthsBefore(to, months);
  const starts = [warmupStart(current, from), warmupStart(draft, from)];
  const warmupFrom = starts.includes(null) ? null : new Date(Math.min(...starts.map((d) => d!.getTime()), from.getTime()));
  const lo = warmupFrom ?? new Date(0);

  const storeRows = await db.$queryRaw<{ id: string; code: string; tags: string[]; partnerCode: string | null }[]>`
    select s.id, s.code, s.tags, p.code as "partnerCode" from "Store" s left join "Partner" p on p.id = s."partnerId" where s."programId" = ${input.programId}`;
  const ctx: ReplayContext = {
    programId: input.programId,
    // Plain copies: the definitions go to the worker threads as they are (structured clone).
    current: structuredClone(current),
    draft,
    from: from.getTime(),
    to: to.getTime(),
    lo: lo.getTime(),
    stores: storeRows.map((s) => [s.id, { code: s.code, partnerCode: s.partnerCode, tags: s.tags }]),
  };
  const batch = opts.batch ?? BATCH;
  const parallel = !opts.hooks && opts.databaseUrl !== undefined ? Math.max(1, Math.floor(opts.workers ?? 1)) : 1;
  const { customers, ranges } = await customerRanges(db, input.programId, parallel > 1 ? parallel * RANGES_PER_THREAD : 1);
  const threads = Math.min(parallel, ranges.length);
  // Progress: customers read (every range's pages) out of the program's customers; only ever grows.
  const read = new Array<number>(ranges.length).fill(0);
  let reported = 0;
  const progress = async () => {
    const f = customers ? Math.min(1, read.reduce((a, b) => a + b, 0) / customers) : 1;
    if (f <= reported) return;
    reported = f;
    await opts.onProgress?.(f);
  };
  let totals: ReplayTotals;
  if (threads === 1) {
    totals = await replayRange(db, ctx, ranges[0], {
      batch,
      hooks: opts.hooks,
      timing: opts.timing,
      onPage: (n) => {
        read[0] = n;
        return progress();
      },
    });
  } else {
    const { replayOnWorkers } = await loadParallel();
    let chain = Promise.resolve();
    const parts = await replayOnWorkers(
      { databaseUrl: opts.databaseUrl!, ctx, batch, threads },
      ranges,
      (i, n) => {
        read[i] = n;
        chain = chain.then(progress);
      },
      opts.timing,
    );
    await chain;
    totals = mergeTotals(parts);
  }
  const codes = [...new Set([...current.tiers.map((t) => t.code), ...draft.tiers.map((t) => t.code)])];
  return {
    ...totals,
    window: { from: from.toISOString(), to: to.toISOString(), warmupFrom: warmupFrom?.toISOString() ?? null },
    currentVersion: version?.version ?? 0,
    tiers: codes.map((code) => ({
      code,
      name: (draft.tiers.find((t) => t.code === code) ?? current.tiers.find((t) => t.code === code))!.name,
      current: current.tiers.some((t) => t.code === code),
      draft: draft.tiers.some((t) => t.code === code),
    })),
    assumptions: ASSUMPTIONS,
    seconds: (Date.now() - started) / 1000,
    threads,
  };
}
