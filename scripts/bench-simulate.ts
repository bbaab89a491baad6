// npm run bench:simulate [-- --customers N [--fresh] [--build-only] --months 12 --workers N --batch B] — the what-if
// replay (lib/simulation): the version in force against a draft with every earn rate doubled.
// Without --customers: on the database's first program (the demo club after `npm run demo` /
// `db:seed`). With --customers N: on a synthetic data set of N customers with 30 months of receipts
// and visits in its own database (tribune_bench_simulate_N), built once in bulk
// (scripts/lib/bench-simulate-seed.ts; --fresh builds it again) — run it under
// `flock /work/team/bench.lock`. Prints wall time, events per second, the time spent reading pages
// vs replaying them (summed over the worker threads), the CPU seconds of this process (all its
// threads) and of the replay's PostgreSQL backends, peak RSS and the load average; the numbers go
// to docs/benchmarks.md by hand.
import { readFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { dropDatabase, ensureDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { definitionAt } from "@/lib/program/in-force";
import type { ReplayTiming } from "@/lib/simulation/range";
import { defaultWorkers, simulateProgram } from "@/lib/simulation/run";
import { seedSimulation } from "./lib/bench-simulate-seed";
import { openDatabase, runScript } from "./lib/database";

const BENCH_PROGRAM = "bench-simulate";

/** CPU seconds (user + system) of the database's backends, read from /proc while they live: the last reading of each backend counts. */
function backendCpu(url: string) {
  const c = new pg.Client({ connectionString: url });
  const seen = new Map<number, { first: number; last: number }>();
  const tick = Number(process.env.CLK_TCK ?? 100);
  const cpuOf = (pid: number): number | null => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(f[11]) + Number(f[12])) / tick;
    } catch {
      return null;
    }
  };
  let timer: NodeJS.Timeout | null = null;
  const sample = async () => {
    const r = await c.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
    for (const { pid } of r.rows) {
      const v = cpuOf(pid);
      if (v === null) continue;
      const s = seen.get(pid);
      if (s) s.last = v;
      else seen.set(pid, { first: v, last: v });
    }
  };
  return {
    async start() {
      await c.connect();
      await sample();
      timer = setInterval(() => void sample().catch(() => {}), 250);
    },
    async stop(): Promise<number> {
      if (timer) clearInterval(timer);
      await sample().catch(() => {});
      await c.end();
      return [...seen.values()].reduce((s, v) => s + v.last - v.first, 0);
    },
  };
}

await runScript(async () => {
  const { values } = parseArgs({
    options: {
      months: { type: "string", default: "12" },
      workers: { type: "string" },
      batch: { type: "string" },
      customers: { type: "string" },
      fresh: { type: "boolean", default: false },
      "build-only": { type: "boolean", default: false },
    },
  });
  const workers = values.workers ? Number(values.workers) : defaultWorkers();
  const customers = values.customers ? Number(values.customers) : null;
  const database = await openDatabase(customers ? { database: `tribune_bench_simulate_${customers}` } : {});
  let db = createDb(database.url);
  try {
    let program: { id: string; code: string } | null;
    if (customers) {
      if (values.fresh && database.embedded && database.server) {
        await db.$disconnect();
        const admin = database.server.url("postgres");
        await dropDatabase(admin, `tribune_bench_simulate_${customers}`);
        await ensureDatabase(admin, `tribune_bench_simulate_${customers}`);
        db = createDb(database.url);
      }
      await migrate(database.url);
      program = await db.program.findFirst({ where: { code: BENCH_PROGRAM }, select: { id: true, code: true } });
      const have = program ? await db.customer.count({ where: { programId: program.id } }) : 0;
      if (have !== customers) {
        if (have > 0) throw Object.assign(new Error(`The database holds ${have} customers, not ${customers}: run with --fresh`), { expected: true });
        console.log(`Generating ${customers.toLocaleString("en")} customers with 30 months of receipts and visits…`);
        await seedSimulation(database.url, BENCH_PROGRAM, customers, (l) => console.log(l));
        program = await db.program.findFirstOrThrow({ where: { code: BENCH_PROGRAM }, select: { id: true, code: true } });
      } else {
        console.log(`Reusing ${have.toLocaleString("en")} customers (--fresh to rebuild).`);
      }
      if (values["build-only"]) return;
    } else {
      program = await db.program.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true, code: true } });
      if (!program) {
        console.error("No program in the database: run npm run db:seed first (or pass --customers N).");
        return 2;
      }
    }
    if (!program) throw new Error("No program to replay");
    const now = new Date();
    const draft = JSON.parse(JSON.stringify((await definitionAt(db, program.id, now)).definition));
    for (const t of draft.tiers) t.earnRate *= 2;
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const pgCpu = backendCpu(database.url);
    await pgCpu.start();
    const load = os.loadavg();
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    const startedAt = new Date().toISOString();
    const timing: ReplayTiming = { sqlMs: 0, replayMs: 0 };
    let shown = 0;
    const r = await simulateProgram(
      db,
      { programId: program.id, draft, months: Number(values.months), now },
      {
        databaseUrl: database.url,
        workers,
        timing,
        ...(values.batch ? { batch: Number(values.batch) } : {}),
        onProgress: (f) => {
          if (f < shown + 0.1 && f < 1) return;
          shown = f;
          console.log(`  ${(f * 100).toFixed(0).padStart(3)} %  ${((performance.now() - started) / 1000).toFixed(1)} s  RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`);
        },
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(timer);
    const dbCpu = await pgCpu.stop();
    const events = r.receipts + r.visits + r.warmupEvents;
    console.log(
      `started ${startedAt}; program ${program.code}, ${values.months} months: ${r.customers} customers with events, ${r.receipts} receipts, ${r.visits} visits, ${r.warmupEvents} warm-up events`,
    );
    console.log(`wall ${seconds.toFixed(1)} s, ${Math.round(events / seconds)} events/s, peak RSS ${Math.round(peak / 2 ** 20)} MB, ${workers} worker(s)`);
    console.log(`CPU: this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (all threads), PostgreSQL backends ${dbCpu.toFixed(1)} s`);
    console.log(`reading pages ${(timing.sqlMs / 1000).toFixed(1)} s, replaying ${(timing.replayMs / 1000).toFixed(1)} s (summed over the workers)`);
    console.log(`issued: in force ${r.current.issued}, draft ${r.draft.issued}; statuses in force ${JSON.stringify(r.current.statuses)}; draft ${JSON.stringify(r.draft.statuses)}`);
    console.log(
      `load average before ${load.map((x) => x.toFixed(2)).join(" ")}, after ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    await db.$disconnect();
    await database.close();
  }
});
