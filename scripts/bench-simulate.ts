// npm run bench:simulate [-- --months 12 --workers N --batch B] — the what-if replay (lib/simulation)
// on the database's program (the demo club after `npm run demo` / `db:seed`): the version in force
// against a draft with every earn rate doubled. Prints wall time, events per second, the time spent
// reading pages vs replaying them (summed over the worker threads), peak RSS of the main thread's
// process and the load average; the numbers go to docs/benchmarks.md by hand.
import os from "node:os";
import { parseArgs } from "node:util";
import { definitionAt } from "@/lib/program/in-force";
import type { ReplayTiming } from "@/lib/simulation/range";
import { defaultWorkers, simulateProgram } from "@/lib/simulation/run";
import { runScript, withDb } from "./lib/database";

await runScript(async () => {
  const { values } = parseArgs({ options: { months: { type: "string", default: "12" }, workers: { type: "string" }, batch: { type: "string" } } });
  const workers = values.workers ? Number(values.workers) : defaultWorkers();
  return withDb(async (db, url) => {
    const program = await db.program.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true, code: true } });
    if (!program) {
      console.error("No program in the database: run npm run db:seed first.");
      return 2;
    }
    const now = new Date();
    const draft = JSON.parse(JSON.stringify((await definitionAt(db, program.id, now)).definition));
    for (const t of draft.tiers) t.earnRate *= 2;
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const load = os.loadavg();
    const started = performance.now();
    const timing: ReplayTiming = { sqlMs: 0, replayMs: 0 };
    const r = await simulateProgram(
      db,
      { programId: program.id, draft, months: Number(values.months), now },
      { databaseUrl: url, workers, timing, ...(values.batch ? { batch: Number(values.batch) } : {}) },
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);
    const events = r.receipts + r.visits + r.warmupEvents;
    console.log(`program ${program.code}, ${values.months} months: ${r.customers} customers, ${r.receipts} receipts, ${r.visits} visits, ${r.warmupEvents} warm-up events`);
    console.log(`wall ${seconds.toFixed(1)} s, ${Math.round(events / seconds)} events/s, peak RSS ${Math.round(peak / 2 ** 20)} MB, ${workers} worker(s)`);
    console.log(`reading pages ${(timing.sqlMs / 1000).toFixed(1)} s, replaying ${(timing.replayMs / 1000).toFixed(1)} s (summed over the workers)`);
    console.log(
      `load average before ${load.map((x) => x.toFixed(2)).join(" ")}, after ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
    );
  });
});
