// npm run bench:import [-- --customers 1000000 --lots 3 --history 5 --keep]
// Generates legacy CSV files (customers; lots and history rows per customer on average) with
// lib/import/generate.ts, then imports them with lib/import — the same code as `npm run import` —
// into its own database (tribune_bench_import, dropped first). Prints the time of each step, rows
// per second and the peak RSS of this process (sampled every 100 ms). Numbers go to
// docs/benchmarks.md by hand.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createDb } from "@/lib/db/client";
import { dropDatabase, ensureDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { generateLegacyFiles } from "@/lib/import/generate";
import { runImport } from "@/lib/import/run";
import { summaryLines } from "@/lib/import/summary";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { applyProgram } from "@/lib/program/apply-program";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { openDatabase, runScript } from "./lib/database";

const DATABASE = "tribune_bench_import";

await runScript(async () => {
  const { values } = parseArgs({ options: { customers: { type: "string" }, lots: { type: "string" }, history: { type: "string" }, keep: { type: "boolean" }, check: { type: "boolean" } } });
  const customers = Number(values.customers ?? 1_000_000);
  const lots = Number(values.lots ?? 3);
  const historyPer = Number(values.history ?? 5);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const mb = (b: number) => `${Math.round(b / 1048576)} MB`;
  const database = await openDatabase();
  const admin = new URL(database.url);
  admin.pathname = "/postgres";
  await dropDatabase(admin.toString(), DATABASE).catch(() => {});
  await ensureDatabase(admin.toString(), DATABASE);
  const url = new URL(database.url);
  url.pathname = `/${DATABASE}`;
  await migrate(url.toString());
  const db = createDb(url.toString());
  const dir = mkdtempSync(path.join(os.tmpdir(), "tribune-bench-import-"));
  try {
    const json = referenceProgramJson("sportswear-retailer") as { stores: { code: string }[]; tiers: { code: string }[] };
    const { programId } = await applyProgram(db, json, { now: new Date(Date.now() - 400 * 86_400_000) });
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}, ${os.cpus().length} cores`,
    );
    let t0 = performance.now();
    const counts = await generateLegacyFiles({
      dir,
      customers,
      lotsPerCustomer: lots,
      historyPerCustomer: historyPer,
      stores: json.stores.map((s) => s.code),
      tiers: json.tiers.map((t) => t.code),
      now: new Date(),
      achievements: [["club-5", "5 years in the club"]],
    });
    const genSeconds = (performance.now() - t0) / 1000;
    const rows = counts.customers + counts.lots + counts.history + counts.achievements;
    console.log(`generated ${counts.customers} customers, ${counts.lots} lots, ${counts.history} history rows, ${counts.achievements} achievements in ${genSeconds.toFixed(1)} s (${dir})`);
    peak = 0;
    t0 = performance.now();
    let last = "";
    const result = await runImport(db, {
      databaseUrl: url.toString(),
      programId,
      dir,
      reportDir: dir,
      onProgress: (phase, f) => {
        if (phase !== last) {
          console.log(`  ${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s  ${phase} (${Math.round(f * 100)} %, rss ${mb(process.memoryUsage().rss)})`);
          last = phase;
        }
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    for (const line of summaryLines(result)) console.log(line);
    console.log(
      `import: ${seconds.toFixed(1)} s for ${rows} rows = ${Math.round(rows / seconds)} rows/s; peak RSS ${mb(peak)}; load average after ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    if (values.check) {
      t0 = performance.now();
      const { discrepancies } = await checkLedger(db, { programId });
      console.log(`checkLedger: ${discrepancies.length} discrepancies (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
    return result.written ? 0 : 1;
  } finally {
    clearInterval(sampler);
    await db.$disconnect();
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
    await database.close();
  }
});
