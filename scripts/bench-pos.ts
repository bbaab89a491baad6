// npm run bench:pos — the processing API under load, all in one run on this machine:
// builds if needed, creates a fresh database with 100,000 customers with history, starts the
// production server, and measures (a) a trivial route handler with no database work, (b) calculate,
// (c) confirm with unique receipts on random customers, (d) confirm on one hot customer — each at
// saturation (autocannon, 16 connections) and at a fixed 200 requests/s — then checks the ledger.
// The fixed rate is an open loop (scripts/lib/open-loop.ts): requests due at the instants of a Poisson
// process, as independent tills send them, each on a free connection, latency counted from when it
// was due. --burst adds, after each, autocannon's `overallRate` 200 on 8 connections, which is
// what this benchmark measured before 2026-12-05: a per-second quota, each second's 200 requests
// sent back to back (saturation with 8 in flight, then idle) — kept to compare with older numbers.
// Then it applies N active promotions (scripts/lib/bench-promotions.ts) and runs (b) and (c) again,
// so the cost of the promotions engine at the till is measured next to the same run without them:
// first confirm at 200 req/s in the seconds right after the promotions were applied (their tables
// not yet analyzed), then unmeasured load until autovacuum has analyzed them, then (b) and (c).
// The server is the production one (`npm start`, scripts/serve.mjs): --web-workers N processes on the
// port (default: WEB_CONCURRENCY, else 1, as in production; "auto" = one per CPU). Each run also reports the CPU
// of the app's processes per request (primary and workers, /proc), comparable under a busy machine.
// Options: --customers N (default 100000), --seconds S per run (default 10), --connections C (default 16),
// --promotions N (default 200; 0 skips the promotions runs), --skip-jobs (the nightly jobs are timed
// after the runs by default: lot expiry for the ~1/365 of the customers whose lots fall due that
// night, and the season rollover of every customer's status), --keep (keep the database).
// The data set is loaded in bulk (scripts/lib/bench-pos-seed.ts); the report also gives the
// database's size and the app's resident memory (peak during the runs, and at the end).
// Each run also reports the web workers' garbage-collection pauses (per request, the longest) and
// the event loop's longest delay (scripts/lib/gc-probe.cjs, preloaded into the server through
// NODE_OPTIONS), and for the fixed rate each second's: a second whose p99 jumps while the app's
// pauses and delay stay small was not the app's event loop. And for the fixed rate each second's
// CPU busy, steal and iowait shares of the machine, the most backends waiting for a lock, the WAL written (with
// its full-page images) and the database's background work — autovacuum and ANALYZE per table,
// checkpoints (scripts/lib/server-sampler.ts): a slow second's other usual suspects.
// --ab A.sql,B.sql [--rounds N] (an A/B of a database change in one server and one data set, e.g. a
// foreign key dropped): instead of the scenarios above, N rounds (default 3) of confirm on random
// customers — with the promotions if --promotions > 0 — each running A.sql then confirm at 200 req/s
// and at saturation, then B.sql and the same, so the VM's drift falls on both sides alike; prints
// every run (after one unmeasured warm-up run, and with promotions unmeasured load until autovacuum has analyzed their tables), the medians by side, and the MultiXact pages PostgreSQL created (pg_stat_slru) per run.
// Each file must leave the database in its side's state whatever the other did (idempotent DDL).
// A side may instead be env:NAME=VALUE[;NAME=VALUE…]: the app server is restarted with those variables
// before each of that side's runs (e.g. --ab env:DB_POOL_MAX=16,env:DB_POOL_MAX=4).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import autocannon from "autocannon";
import { createDb } from "@/lib/db/client";
import { dropDatabase, ensureDatabase, freePort, runningInstance, startEmbedded, type EmbeddedServer } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { benchPromotions } from "./lib/bench-promotions";
import { seedHistory } from "./lib/bench-pos-seed";
import { buildIfNeeded, SERVE_SCRIPT, waitForHealth } from "./lib/build";
import { runScript } from "./lib/database";
import { serverTreeCpuMs, treeCpuMs } from "./lib/process-cpu";
import { mb, rssSampler } from "./lib/rss";
import { median } from "./lib/stats";
import { GC_PROBE_OPTION, readProbe, type GcSummary } from "./lib/gc-probe-read";
import { secondCell, startSampler } from "./lib/server-sampler";
import { openLoop, type OpenLoopRequest } from "./lib/open-loop";
import { runExpireLots } from "@/lib/jobs/expire-lots";
import { runRolloverPeriods } from "@/lib/jobs/rollover-periods";

const log = (l: string) => console.error(`[bench] ${l}`);

/**
 * The web workers' garbage-collection pauses and event-loop delay (scripts/lib/gc-probe.cjs,
 * preloaded into the app server by startApp), read back per run: whether a run's tail was the
 * app's collector or its blocked event loop, or neither.
 */
const GC_PROBE_FILE = path.join(tmpdir(), `tribune-bench-gc-${process.pid}.jsonl`);

interface Run {
  name: string;
  mode: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  requests: number;
  /** CPU ms of the app's processes (primary and web workers) per request answered. */
  appCpuMs: number;
  /** CPU ms of the embedded PostgreSQL (postmaster and its children) per request answered; null on an external server. */
  dbCpuMs: number | null;
  /** CPU ms of this process (the load generator) per request answered. */
  genCpuMs: number;
  /** The web workers' GC pauses and event-loop delay over the run (null without the probe's file). */
  gc: GcSummary | null;
}

/** One row of the --ab table: a run of one side, or a side's medians. */
type AbRow = Pick<Run, "mode" | "rps" | "p50" | "p99" | "max" | "appCpuMs" | "dbCpuMs"> & {
  /** GC pause ms per request and the event loop's longest delay (ms) in the run; NaN without the probe. */
  gcMs: number;
  delayMaxMs: number;
  side: string;
  round: number | string;
  multixactPages: number;
  /** Errors, timeouts and non-2xx answers. */
  failed: number;
};

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** "200 rps": open loop, Poisson arrivals (scripts/lib/open-loop.ts); "200 rps burst": autocannon's per-second quota, as before 2026-12-05 (--burst). */
type Mode = "saturation" | "200 rps" | "200 rps burst";

async function load(
  name: string,
  mode: Mode,
  opts: { url: string; seconds: number; connections: number; request: autocannon.Request; appPid: number; dbPid: number | null; dbUrl: string },
): Promise<Run> {
  const latencies: number[] = [];
  // Each response's second of the run, to tell a steady tail from a stall (printed for the fixed rate).
  const perSecond: number[][] = [];
  const t0 = performance.now();
  const wallFrom = Date.now();
  const cpuBefore = treeCpuMs(opts.appPid);
  const dbBefore = opts.dbPid ? serverTreeCpuMs(opts.dbPid) : 0;
  const genBefore = process.cpuUsage();
  const sampler = mode === "saturation" ? null : await startSampler(opts.dbUrl);
  let total: { requests: number; errors: number; non2xx: number };
  let extra = "";
  if (mode === "200 rps") {
    // Requests due at a Poisson process's instants, each latency from when it was due.
    const r = await openLoop({
      url: opts.url,
      rate: 200,
      seconds: opts.seconds,
      seed: 2026,
      request: opts.request as OpenLoopRequest,
      onResponse: (_status, latency, due) => {
        latencies.push(latency);
        (perSecond[Math.floor(due / 1000)] ??= []).push(latency);
      },
    });
    total = { requests: r.answered, errors: r.errors, non2xx: r.non2xx };
    extra = `, ${r.sent} sent on ${r.connections} connections, send lag ≤ ${r.maxSendLagMs.toFixed(1)} ms`;
  } else {
    const instance = autocannon({
      url: opts.url,
      duration: opts.seconds,
      connections: mode === "saturation" ? opts.connections : 8,
      ...(mode === "200 rps burst" ? { overallRate: 200 } : {}),
      requests: [opts.request],
    });
    instance.on("response", (_client: unknown, _status: number, _bytes: number, time: number) => {
      latencies.push(time);
      (perSecond[Math.floor((performance.now() - t0) / 1000)] ??= []).push(time);
    });
    const result = await instance;
    total = { requests: result.requests.total, errors: result.errors + result.timeouts, non2xx: result.non2xx };
  }
  const appCpu = treeCpuMs(opts.appPid) - cpuBefore;
  const dbCpu = opts.dbPid ? serverTreeCpuMs(opts.dbPid) - dbBefore : null;
  const gen = process.cpuUsage(genBefore);
  const machine = (await sampler?.stop()) ?? [];
  // The probe flushes every quarter second: wait for the run's last window, then read the run's span.
  const wallTo = Date.now();
  await sleep(300);
  const gc = readProbe(GC_PROBE_FILE, wallFrom, wallTo);
  latencies.sort((a, b) => a - b);
  const n = total.requests;
  const run: Run = {
    name,
    mode,
    rps: Math.round(n / opts.seconds),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
    errors: total.errors,
    non2xx: total.non2xx,
    requests: n,
    appCpuMs: n ? appCpu / n : 0,
    dbCpuMs: dbCpu === null ? null : n ? dbCpu / n : 0,
    genCpuMs: n ? (gen.user + gen.system) / 1000 / n : 0,
    gc,
  };
  if (mode !== "saturation") {
    const bySecond = Array.from(perSecond, (l = []) => {
      l.sort((a, b) => a - b);
      return `${l.length}:${percentile(l, 50).toFixed(0)}/${percentile(l, 99).toFixed(0)}/${(l.at(-1) ?? 0).toFixed(0)}`;
    });
    log(`${name} @ ${mode}, each second's responses: count:p50/p99/max ms — ${bySecond.join(" ")}`);
    if (gc) log(`${name} @ ${mode}, each second's longest GC pause / event-loop delay of the app, ms — ${gc.perSecond.map((x) => `${x.pauseMaxMs.toFixed(0)}/${x.delayMaxMs.toFixed(0)}`).join(" ")}`);
    log(
      `${name} @ ${mode}, each second's CPU busy % / steal % / iowait % of the machine, lock waiters, WAL MB (full-page images) [the database's background work] — ${machine.map(secondCell).join(" ")}`,
    );
  }
  const gcText = gc
    ? `, app GC ${fixed(gcMsPerRequest(run), 2)} ms/req (${gc.scavenges} scavenges, ${gc.majors} mark-compact, longest pause ${gc.longestMs.toFixed(1)} ms${gc.longestKind ? ` ${gc.longestKind}` : ""}), event-loop delay ≤ ${gc.delayMaxMs.toFixed(1)} ms`
    : "";
  log(
    `${name} @ ${mode}: ${run.rps} req/s, p50 ${run.p50.toFixed(1)} ms, p95 ${run.p95.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, app CPU ${run.appCpuMs.toFixed(2)} ms/req, PostgreSQL CPU ${run.dbCpuMs?.toFixed(2) ?? "n/a"} ms/req, load generator CPU ${run.genCpuMs.toFixed(2)} ms/req${gcText}, errors ${run.errors}, non-2xx ${run.non2xx}${extra}`,
  );
  return run;
}

/** The web workers' GC pauses per request answered; NaN without the probe (or without requests). */
const gcMsPerRequest = (r: Run) => (r.gc && r.requests ? r.gc.pauseMs / r.requests : Number.NaN);

/** A number for a table cell; "n/a" when it was not measured (NaN). */
const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : "n/a");

/** The GC probe's cells of a run: GC ms per request, the longest pause, the event loop's longest delay. */
const gcCells = (r: Run) => (r.gc ? `${fixed(gcMsPerRequest(r), 2)} | ${r.gc.longestMs.toFixed(1)} | ${r.gc.delayMaxMs.toFixed(1)}` : "n/a | n/a | n/a");

/** The tables a receipt's promotions write that are new (empty, without statistics) when the bench applies them. */
const PROMOTION_TABLES = ["PurchasePromotion", "PromotionCustomerUse"];

/**
 * Runs `unmeasured` (a few seconds of load) again and again until autovacuum has analyzed every one
 * of `tables` since `since` — the server's own next round, not an ANALYZE of ours — at most 3 minutes.
 */
async function settle(url: string, since: Date, tables: string[], unmeasured: () => Promise<unknown>) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const t0 = performance.now();
    for (;;) {
      const { rows } = await c.query<{ relname: string }>(`select relname from pg_stat_user_tables where relname = any($1::text[]) and coalesce(last_autoanalyze, '-infinity') < $2`, [tables, since]);
      if (rows.length === 0) return log(`autovacuum analyzed ${tables.join(", ")} after ${((performance.now() - t0) / 1000).toFixed(0)} s of unmeasured load`);
      if (performance.now() - t0 > 180_000) return log(`autovacuum had not analyzed ${rows.map((r) => r.relname).join(", ")} after 3 minutes: measuring anyway`);
      await unmeasured();
    }
  } finally {
    await c.end();
  }
}

/** Stops the app server (SIGTERM) and waits for it to exit; nothing when it already has. */
async function stopApp(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}

async function databaseSize(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ s: string }>(`select pg_size_pretty(pg_database_size(current_database())) as s`)).rows[0].s;
  } finally {
    await c.end();
  }
}

await runScript(async () => {
  const { values } = parseArgs({
    options: {
      customers: { type: "string" },
      seconds: { type: "string" },
      connections: { type: "string" },
      promotions: { type: "string" },
      keep: { type: "boolean" },
      "skip-jobs": { type: "boolean" },
      "web-workers": { type: "string" },
      ab: { type: "string" },
      rounds: { type: "string" },
      burst: { type: "boolean" },
    },
  });
  const abFiles = values.ab?.split(",").map((f) => f.trim());
  if (abFiles && (abFiles.length !== 2 || abFiles.some((f) => !f)))
    throw Object.assign(new Error("--ab takes two sides, each a SQL file or env:NAME=VALUE[;NAME=VALUE…]: --ab A.sql,B.sql"), { expected: true });
  // A side is a SQL file, or env:NAME=VALUE[;NAME=VALUE…] — the app server restarted with those
  // variables (e.g. env:DB_POOL_MAX=16,env:DB_POOL_MAX=4), on the same database and data set.
  const abSides = abFiles?.map((f): { sql: string } | { env: Record<string, string> } => {
    if (f.startsWith("env:")) {
      const pairs = f
        .slice(4)
        .split(";")
        // Split at the first "=" only: a value may hold one (env:NODE_OPTIONS=--max-semi-space-size=64).
        .map((kv) => (kv.includes("=") ? [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)] : [kv]));
      if (pairs.some((kv) => kv.length !== 2 || !/^[A-Z_][A-Z0-9_]*$/.test(kv[0]))) throw Object.assign(new Error(`--ab: ${f} is not env:NAME=VALUE[;NAME=VALUE…]`), { expected: true });
      return { env: Object.fromEntries(pairs) };
    }
    try {
      return { sql: readFileSync(f, "utf8") };
    } catch (e) {
      throw Object.assign(new Error(`--ab: cannot read ${f} (${(e as NodeJS.ErrnoException).code ?? String(e)})`), { expected: true });
    }
  });
  const rounds = Number(values.rounds ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1) throw Object.assign(new Error("--rounds must be a whole number from 1"), { expected: true });
  const customers = Number(values.customers ?? 100_000);
  const seconds = Number(values.seconds ?? 10);
  const connections = Number(values.connections ?? 16);
  const promotions = Number(values.promotions ?? 200);
  const workersOption = values["web-workers"] ?? (process.env.WEB_CONCURRENCY || "1");
  const webWorkers = workersOption === "auto" ? availableParallelism() : Number(workersOption);
  await buildIfNeeded(log);
  const loadAverage = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(" / ");

  let server: EmbeddedServer | undefined;
  let admin: string;
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = "/postgres";
    admin = u.toString();
  } else {
    server = await startEmbedded({ dataDir: path.resolve(process.env.TRIBUNE_DATA_DIR || ".data", "postgres-bench"), ifRunning: "reuse", log });
    admin = server.url("postgres");
  }
  const name = `tribune_bench_${Date.now().toString(36)}_${randomBytes(2).toString("hex")}`;
  await ensureDatabase(admin, name);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const dbUrl = u.toString();
  let app: ChildProcess | undefined;
  try {
    await migrate(dbUrl);
    const seeded = Date.now();
    const { key } = await seedHistory(dbUrl, customers, log);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const startApp = async (extraEnv: Record<string, string> = {}) => {
      const child = spawn(process.execPath, [SERVE_SCRIPT, "-p", String(port)], {
        stdio: ["ignore", "ignore", "inherit"],
        env: {
          ...process.env,
          WEB_CONCURRENCY: String(webWorkers),
          DATABASE_URL: dbUrl,
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          AUTH_SECRET: "bench-secret-bench-secret-bench",
          DB_POOL_MAX: process.env.DB_POOL_MAX ?? "16",
          APP_URL: base,
          MESSAGES_TO_OUTBOX: "1",
          ...extraEnv,
          // The GC probe in the web workers, after whatever NODE_OPTIONS the run has (an --ab side's too).
          NODE_OPTIONS: [extraEnv.NODE_OPTIONS ?? process.env.NODE_OPTIONS, GC_PROBE_OPTION].filter(Boolean).join(" "),
          TRIBUNE_GC_PROBE: GC_PROBE_FILE,
        },
      });
      await waitForHealth(base);
      return child;
    };
    app = await startApp();
    // The embedded server's postmaster: its CPU and its children's (backends, WAL writer, …) per request.
    const dbPid = server ? (runningInstance(server.dataDir)?.pid ?? null) : null;
    const rss = rssSampler(app.pid!);
    const sizeBefore = await databaseSize(dbUrl);
    log(`database size after the load: ${sizeBefore}`);
    const loadBefore = loadAverage();
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const card = (i: number) => `29${String(i).padStart(11, "0")}`;
    const randomCard = () => card(1 + Math.floor(Math.random() * customers));
    const basket = (c: string, number?: string) =>
      JSON.stringify({
        customer: { card: c },
        receipt: { number: number ?? "CALC" },
        lines: [
          { lineNo: 1, sku: "JERSEY-HOME", category: "merch", quantity: 1, price: 790000 },
          { lineNo: 2, sku: "SCARF", category: "merch", quantity: 2, price: 150000 },
          { lineNo: 3, sku: "TICKET-N12", category: "ticket", quantity: 1, price: 250000 },
        ],
      });
    let seq = 0;
    const receipt = () => `B-${process.pid}-${++seq}`;
    const hot = card(1);

    // Warm up every path (JIT, pools, caches) before measuring.
    for (const [p, b] of [
      ["/api/pos/v1/purchases/calculate", basket(hot)],
      ["/api/pos/v1/purchases", basket(randomCard(), receipt())],
    ] as const) {
      for (let i = 0; i < 50; i++) await fetch(base + p, { method: "POST", headers, body: b === basket(hot) ? b : basket(randomCard(), receipt()) });
    }
    await load("warm-up", "saturation", { url: base, seconds: 3, connections, request: { method: "GET", path: "/api/pos/v1/ping" }, appPid: app.pid!, dbPid, dbUrl });

    const scenarios: [string, autocannon.Request][] = [
      ["(a) trivial handler", { method: "GET", path: "/api/pos/v1/ping" }],
      ["(b) calculate", { method: "POST", path: "/api/pos/v1/purchases/calculate", headers, setupRequest: (r) => ({ ...r, body: basket(randomCard()) }) }],
      ["(c) confirm, random customers", { method: "POST", path: "/api/pos/v1/purchases", headers, setupRequest: (r) => ({ ...r, body: basket(randomCard(), receipt()) }) }],
      ["(d) confirm, one hot customer", { method: "POST", path: "/api/pos/v1/purchases", headers, setupRequest: (r) => ({ ...r, body: basket(hot, receipt()) }) }],
    ];
    const applyPromotions = async () => {
      const db = createDb(dbUrl);
      await applyPromotionsFile(db, { program: "fc-tribune", promotions: benchPromotions(promotions) });
      await db.$disconnect();
      log(`${promotions} promotions applied`);
    };
    // Unmeasured requests (20 unless said): the plans built again after promotions, DDL or a restart.
    const warm = async (request: autocannon.Request, times = 20) => {
      for (let i = 0; i < times; i++) await fetch(base + request.path, { method: "POST", headers, body: basket(randomCard(), receipt()) });
    };
    if (abFiles && abSides) {
      const applied = new Date();
      if (promotions > 0) await applyPromotions();
      const request = scenarios[2][1];
      const abRuns: AbRow[] = [];
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      const multixactPages = async () => Number((await client.query<{ n: string }>(`select coalesce(sum(blks_zeroed), 0) as n from pg_stat_slru where name ilike 'multi%'`)).rows[0].n);
      try {
        // Brings a side into force: its SQL, or the app restarted with its variables (then warmed up).
        const enter = async (i: number) => {
          const side = abSides[i];
          if ("env" in side) {
            await stopApp(app!);
            app = await startApp(side.env);
            await warm(request, 100);
            await load("warm-up", "saturation", { url: base, seconds: 3, connections, request, appPid: app.pid!, dbPid, dbUrl });
            return;
          }
          // DDL beside the app's writes (the in-process job worker's too) may deadlock: let the last
          // run's abandoned requests finish first (autocannon does not wait for them), then try again.
          await sleep(3000);
          for (let attempt = 1; ; attempt++) {
            try {
              await client.query(side.sql);
              return;
            } catch (e) {
              if ((e as { code?: string }).code !== "40P01" || attempt === 5) throw e;
            }
          }
        };
        // One unmeasured run first: the first minutes after the promotions are applied (autovacuum,
        // the plans' first builds) are slower for whichever side would come first.
        await enter(0);
        await load("A/B warm-up", "200 rps", { url: base, seconds, connections, request, appPid: app.pid!, dbPid, dbUrl });
        const appPid = app.pid!;
        if (promotions > 0)
          await settle(dbUrl, applied, PROMOTION_TABLES, () =>
            load("settling: unmeasured confirms until autovacuum has analyzed the promotions' tables", "200 rps", { url: base, seconds: 5, connections, request, appPid, dbPid, dbUrl }),
          );
        for (let round = 1; round <= rounds; round++) {
          for (const [i, side] of ["A", "B"].entries()) {
            await enter(i);
            await warm(request);
            for (const mode of ["200 rps", "saturation"] as const) {
              await client.query("select pg_stat_reset_shared('slru')");
              const run = await load(`${side} (${abFiles[i]}) round ${round}`, mode, { url: base, seconds, connections, request, appPid: app.pid!, dbPid, dbUrl });
              abRuns.push({
                ...run,
                side,
                round,
                multixactPages: await multixactPages(),
                failed: run.errors + run.non2xx,
                gcMs: gcMsPerRequest(run),
                delayMaxMs: run.gc?.delayMaxMs ?? Number.NaN,
              });
            }
          }
        }
      } finally {
        await client.end();
      }
      const line = (r: AbRow) =>
        `| ${r.side} | ${r.round} | ${r.mode} | ${r.rps} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(0)} | ${r.appCpuMs.toFixed(2)} | ${r.dbCpuMs?.toFixed(2) ?? "n/a"} | ${fixed(r.gcMs, 2)} | ${fixed(r.delayMaxMs, 1)} | ${r.multixactPages} | ${r.failed} |`;
      const medians = ["A", "B"].flatMap((side) =>
        (["200 rps", "saturation"] as const).map((mode) => {
          const rs = abRuns.filter((r) => r.side === side && r.mode === mode);
          const m = (f: (r: (typeof rs)[number]) => number) => median(rs.map(f));
          return line({
            side,
            round: "**median**",
            mode,
            rps: m((r) => r.rps),
            p50: m((r) => r.p50),
            p99: m((r) => r.p99),
            max: m((r) => r.max),
            appCpuMs: m((r) => r.appCpuMs),
            dbCpuMs: dbPid ? m((r) => r.dbCpuMs ?? 0) : null,
            gcMs: m((r) => r.gcMs),
            delayMaxMs: m((r) => r.delayMaxMs),
            multixactPages: m((r) => r.multixactPages),
            failed: rs.reduce((a, r) => a + r.failed, 0),
          });
        }),
      );
      const db = createDb(dbUrl);
      const ledger = await checkLedger(db);
      await db.$disconnect();
      console.log(
        [
          `## POS API A/B — ${new Date().toISOString().slice(0, 16)}Z, ${customers.toLocaleString("en")} customers, confirm on random customers${promotions > 0 ? ` with ${promotions} promotions` : ""}, ${seconds} s per run, ${rounds} rounds; A = ${abFiles[0]}, B = ${abFiles[1]}`,
          "",
          "| side | round | load | req/s | p50 ms | p99 ms | max ms | app CPU ms/req | PostgreSQL CPU ms/req | app GC ms/req | event-loop delay max ms | MultiXact pages | errors |",
          "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
          ...abRuns.map(line),
          ...medians,
          "",
          `Load average (1 / 5 / 15 min) before the runs: ${loadBefore}; after: ${loadAverage()}. ledger:check over ${ledger.accounts.toLocaleString("en")} accounts: ${ledger.discrepancies.length === 0 ? "clean" : `${ledger.discrepancies.length} discrepancies`}.`,
        ].join("\n"),
      );
      return ledger.discrepancies.length === 0 && abRuns.every((r) => r.failed === 0) ? 0 : 1;
    }
    const runs: Run[] = [];
    for (const [label, request] of scenarios) {
      runs.push(await load(label, "saturation", { url: base, seconds, connections, request, appPid: app.pid!, dbPid, dbUrl }));
      runs.push(await load(label, "200 rps", { url: base, seconds, connections, request, appPid: app.pid!, dbPid, dbUrl }));
      if (values.burst) runs.push(await load(label, "200 rps burst", { url: base, seconds, connections, request, appPid: app.pid!, dbPid, dbUrl }));
    }
    if (promotions > 0) {
      const applied = new Date();
      await applyPromotions();
      // Right after the promotions are applied their tables are new to the database: PostgreSQL has
      // no statistics of PurchasePromotion and PromotionCustomerUse, which grow by hundreds of rows a
      // second, until autovacuum's next round (within autovacuum_naptime, a minute) analyzes them.
      // That first minute is measured on its own; the runs after it are a server that has run
      // its promotions for a while, like the runs without promotions (after the seed's VACUUM ANALYZE).
      const confirmRequest = scenarios[2][1];
      await warm(confirmRequest);
      runs.push(
        await load(`(c)+ confirm, random customers, ${promotions} promotions, the first seconds after they were applied`, "200 rps", {
          url: base,
          seconds,
          connections,
          request: confirmRequest,
          appPid: app.pid!,
          dbPid,
          dbUrl,
        }),
      );
      const appPid = app.pid!;
      await settle(dbUrl, applied, PROMOTION_TABLES, () =>
        load("settling: unmeasured confirms until autovacuum has analyzed the promotions' tables", "200 rps", { url: base, seconds: 5, connections, request: confirmRequest, appPid, dbPid, dbUrl }),
      );
      for (const [label, request] of scenarios.slice(1, 3)) {
        const name = `${label.slice(0, 3)}+ ${label.slice(4)}, ${promotions} promotions`;
        await warm(request);
        runs.push(await load(name, "saturation", { url: base, seconds, connections, request, appPid: app.pid!, dbPid, dbUrl }));
        runs.push(await load(name, "200 rps", { url: base, seconds, connections, request, appPid: app.pid!, dbPid, dbUrl }));
        if (values.burst) runs.push(await load(name, "200 rps burst", { url: base, seconds, connections, request, appPid: app.pid!, dbPid, dbUrl }));
      }
    }
    const sat = (prefix: string) => runs.find((r) => r.name.startsWith(prefix) && r.mode === "saturation")!;
    const ratioB = sat("(b)").rps / sat("(a)").rps;
    const ratioC = sat("(c)").rps / sat("(a)").rps;
    const promoRatios =
      promotions > 0
        ? ` With ${promotions} promotions: calculate ${((sat("(b)+").rps / sat("(b)").rps) * 100).toFixed(0)} % and confirm ${((sat("(c)+").rps / sat("(c)").rps) * 100).toFixed(0)} % of their throughput without.`
        : "";

    const memory = rss.read();
    rss.stop();
    // Logged now as well: the jobs and the check after them take minutes at millions of members.
    log(`app resident memory: peak ${mb(memory.peak)} during the runs, ${mb(memory.last)} after them; database ${await databaseSize(dbUrl)}`);
    const jobs: string[] = [];
    if (!values["skip-jobs"]) {
      const jdb = createDb(dbUrl);
      // The lots of customers with g mod 365 = 0 fall due a day after the load (bench-pos-seed.ts).
      let t0 = performance.now();
      const expired = await runExpireLots(jdb, new Date(seeded + 36 * 3_600_000));
      const expiry = performance.now() - t0;
      jobs.push(
        `| lot expiry (\`expire-lots\`, the night ~1/365 of the customers' lots fall due) | ${(expiry / 1000).toFixed(1)} s | ${expired.accounts.toLocaleString("en")} accounts, ${expired.points.toLocaleString("en")} points |`,
      );
      log(`expire-lots: ${expired.accounts} accounts, ${expired.points} points in ${(expiry / 1000).toFixed(1)} s`);
      // The night the season ends: every status row of 2026/27 is re-evaluated for 2027/28.
      t0 = performance.now();
      const rolled = await runRolloverPeriods(jdb, new Date("2027-07-01T12:00:00Z"));
      const rollover = performance.now() - t0;
      jobs.push(
        `| season rollover (\`rollover-periods\`, every status) | ${(rollover / 1000).toFixed(1)} s | ${rolled.customers.toLocaleString("en")} customers, ${rolled.changed.toLocaleString("en")} changed |`,
      );
      log(`rollover-periods: ${rolled.customers} customers, ${rolled.changed} changed in ${(rollover / 1000).toFixed(1)} s`);
      await jdb.$disconnect();
    }

    const db = createDb(dbUrl);
    const t1 = performance.now();
    const ledger = await checkLedger(db);
    const checkS = (performance.now() - t1) / 1000;
    log(`ledger:check over ${ledger.accounts} accounts: ${ledger.discrepancies.length} discrepancies in ${checkS.toFixed(1)} s`);
    // The benchmark's receipts are dated from its first run on: the month partitions of the history are not read.
    const receipts = await db.purchase.count({ where: { number: { startsWith: "B-" }, at: { gte: new Date(seeded) } } });
    await db.$disconnect();

    const rows = runs.map(
      (r) =>
        `| ${r.name} | ${r.mode} | ${r.rps} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(0)} | ${r.appCpuMs.toFixed(2)} | ${r.dbCpuMs?.toFixed(2) ?? "n/a"} | ${r.genCpuMs.toFixed(2)} | ${gcCells(r)} | ${r.errors + r.non2xx} |`,
    );
    console.log(
      [
        `## POS API benchmark — ${new Date().toISOString().slice(0, 16)}Z, ${customers.toLocaleString("en")} customers, ${seconds} s per run, ${connections} connections at saturation, ${webWorkers} web worker${webWorkers === 1 ? "" : "s"}`,
        "",
        "| scenario | load | req/s | p50 ms | p95 ms | p99 ms | max ms | app CPU ms/req | PostgreSQL CPU ms/req | load generator CPU ms/req | app GC ms/req | longest GC pause ms | event-loop delay max ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ...rows,
        "",
        `Load average (1 / 5 / 15 min) before the runs: ${loadBefore}; after: ${loadAverage()} (2 CPUs shared by the server, PostgreSQL and the load generator). "200 rps": open loop, Poisson arrivals, latency from when each request was due${values.burst ? `; "200 rps burst": autocannon's per-second quota on 8 connections (each second's 200 requests sent at once)` : ""}.`,
        "",
        `Ratios at saturation (same run): calculate / trivial = ${(ratioB * 100).toFixed(0)} %, confirm / trivial = ${(ratioC * 100).toFixed(0)} %.${promoRatios}`,
        `Receipts written by the benchmark: ${receipts.toLocaleString("en")}. ledger:check over ${ledger.accounts.toLocaleString("en")} accounts${jobs.length ? " (after the jobs)" : ""}: ${ledger.discrepancies.length === 0 ? "clean" : `${ledger.discrepancies.length} discrepancies`} in ${checkS.toFixed(1)} s.`,
        `Database size: ${sizeBefore} after the load, ${await databaseSize(dbUrl)} at the end. App (${webWorkers} web worker${webWorkers === 1 ? "" : "s"} and the primary, together) resident memory: peak ${mb(memory.peak)} during the runs, ${mb(memory.last)} after them.`,
        ...(jobs.length ? ["", "| nightly job | time | work |", "| --- | ---: | --- |", ...jobs] : []),
      ].join("\n"),
    );
    return ledger.discrepancies.length === 0 && runs.every((r) => r.errors === 0 && r.non2xx === 0) ? 0 : 1;
  } finally {
    if (app) await stopApp(app);
    rmSync(GC_PROBE_FILE, { force: true });
    if (!values.keep) await dropDatabase(admin, name).catch(() => {});
    await server?.stop();
  }
});
