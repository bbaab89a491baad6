// npm run bench:simulate [-- --months 12] — the what-if replay (lib/simulation) on the database's
// program (the demo club after `npm run demo` / `db:seed`): the version in force against a draft
// with every earn rate doubled. Prints wall time, events per second, peak RSS and the load
// average; the numbers go to docs/benchmarks.md by hand.
import os from "node:os";
import { parseArgs } from "node:util";
import { definitionAt } from "@/lib/program/in-force";
import { simulateProgram } from "@/lib/simulation/run";
import { runScript, withDb } from "./lib/database";

await runScript(async () => {
  const { values } = parseArgs({ options: { months: { type: "string", default: "12" } } });
  return withDb(async (db) => {
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
    const r = await simulateProgram(db, { programId: program.id, draft, months: Number(values.months), now });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);
    const events = r.receipts + r.visits + r.warmupEvents;
    console.log(`program ${program.code}, ${values.months} months: ${r.customers} customers, ${r.receipts} receipts, ${r.visits} visits, ${r.warmupEvents} warm-up events`);
    console.log(`wall ${seconds.toFixed(1)} s, ${Math.round(events / seconds)} events/s, peak RSS ${Math.round(peak / 2 ** 20)} MB`);
    console.log(
      `load average before ${load.map((x) => x.toFixed(2)).join(" ")}, after ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
    );
  });
});
