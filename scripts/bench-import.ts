// npm run bench:import [-- --customers 1000000 --lots 3 --history 5 --keep]
// Generates legacy CSV files (customers; lots and history rows per customer on average) with
// lib/import/generate.ts, then imports them with lib/import — the same code as `npm run import` —
// into its own database (tribune_bench_import, dropped first). Prints the time of each step, rows
// per second and the peak RSS of this process (sampled every 100 ms), and a table of the phases
// with their wall time and the CPU seconds of this process and of the import's PostgreSQL backends
// (read from /proc when the server runs on this machine): on a shared machine the wall time
// measures the load, the CPU time the code. Numbers go to docs/benchmarks.md by hand.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createDb } from "@/lib/db/client";
import { dropDatabase, ensureDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { generateLegacyFiles } from "@/lib/import/generate";
import { IMPORT_APPLICATION_NAME, runImport } from "@/lib/import/run";
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
    // Per phase: wall seconds, CPU seconds of Node and of the import's backend, peak RSS of Node.
    // The import's backends (two: the ledger and the history run at once on their own connections).
    const backendPids = new Set<number>();
    const lastPg = new Map<number, number>();
    const backendCpu = () => {
      let total = 0;
      for (const pid of backendPids) {
        // A backend is gone once the import has closed its connection: its last reading stands.
        if (existsSync(`/proc/${pid}/stat`)) {
          const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
          lastPg.set(pid, (Number(f[11]) + Number(f[12])) / 100); // utime + stime, clock ticks (USER_HZ 100)
        }
        total += lastPg.get(pid) ?? 0;
      }
      return total;
    };
    const backendHwm = () => {
      let max = 0;
      for (const pid of backendPids) if (existsSync(`/proc/${pid}/status`)) max = Math.max(max, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024);
      return max;
    };
    const findBackends = () =>
      db
        .$queryRawUnsafe<{ pid: number }[]>(`select pid from pg_stat_activity where application_name = $1 and datname = current_database()`, IMPORT_APPLICATION_NAME)
        .then((r) => r.forEach((x) => backendPids.add(x.pid)));
    const phases: { name: string; wall: number; node: number; pg: number; rss: number }[] = [];
    let mark = { at: performance.now(), cpu: process.cpuUsage(), pg: 0 };
    let phasePeak = 0;
    let backendPeak = 0;
    const phaseSampler = setInterval(() => {
      phasePeak = Math.max(phasePeak, process.memoryUsage().rss);
      backendPeak = Math.max(backendPeak, backendHwm());
    }, 100);
    const closePhase = () => {
      if (!last) return;
      const cpu = process.cpuUsage(mark.cpu);
      const pg = backendCpu();
      phases.push({ name: last, wall: (performance.now() - mark.at) / 1000, node: (cpu.user + cpu.system) / 1e6, pg: pg - mark.pg, rss: phasePeak });
      mark = { at: performance.now(), cpu: process.cpuUsage(), pg };
      phasePeak = process.memoryUsage().rss;
    };
    const result = await runImport(db, {
      databaseUrl: url.toString(),
      programId,
      dir,
      reportDir: dir,
      onProgress: (phase, f) => {
        if (phase !== last) {
          void findBackends();
          closePhase();
          console.log(`  ${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s  ${phase} (${Math.round(f * 100)} %, rss ${mb(process.memoryUsage().rss)})`);
          last = phase;
        }
      },
    });
    closePhase();
    clearInterval(phaseSampler);
    const seconds = (performance.now() - t0) / 1000;
    const phaseName = (n: string) => n.replace(/^reading .*/, "staging (read, validate, COPY)");
    const merged = new Map<string, { wall: number; node: number; pg: number; rss: number }>();
    for (const p of phases) {
      const m = merged.get(phaseName(p.name)) ?? { wall: 0, node: 0, pg: 0, rss: 0 };
      merged.set(phaseName(p.name), { wall: m.wall + p.wall, node: m.node + p.node, pg: m.pg + p.pg, rss: Math.max(m.rss, p.rss) });
    }
    console.log("| phase | wall s | Node CPU s | PostgreSQL backends' CPU s | Node peak RSS |");
    console.log("| --- | --- | --- | --- | --- |");
    for (const [name, p] of merged) console.log(`| ${name} | ${p.wall.toFixed(1)} | ${p.node.toFixed(1)} | ${backendPids.size ? p.pg.toFixed(1) : "—"} | ${mb(p.rss)} |`);
    const tot = [...merged.values()].reduce((a, p) => ({ node: a.node + p.node, pg: a.pg + p.pg }), { node: 0, pg: 0 });
    console.log(`| total | ${seconds.toFixed(1)} | ${tot.node.toFixed(1)} | ${backendPids.size ? tot.pg.toFixed(1) : "—"} | ${mb(peak)} |`);
    if (backendPids.size) console.log(`import backends' peak RSS (VmHWM, the larger; includes the shared buffers it touched): ${mb(backendPeak)}`);
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
