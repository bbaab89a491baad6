// npm run profile:confirm — where a confirm's time goes, in-process (no HTTP server, no load):
// a fresh database with the bench's data set (scripts/lib/bench-pos-seed.ts), then N sequential
// confirms on random customers through the real route handler, without and then with the bench's
// active promotions. Prints per confirm: statements (round trips to PostgreSQL), wall time and
// Node CPU, and the statements by total time (each one's calls per confirm and mean ms).
// Options: --customers N (default 2000), --confirms N (default 300), --promotions N (default 200; 0 skips),
// --operation calculate (the same baskets priced by POST /purchases/calculate instead: writes nothing),
// Backend CPU: the user + system time of PostgreSQL's processes over the measured loop, read from
// /proc/<pid>/stat — the backends serving this database (the app's pool; one that connected during
// the loop counts whole), and every process of the server (the same + WAL writer, checkpointer, …).
// --cpu-prof DIR (a V8 CPU profile of each measured loop, warm-up excluded, written to DIR as
// `.cpuprofile` for Chrome DevTools, and its functions and modules by self time printed).
// --sql FILE (SQL run on the fresh database after the seed, before the warm-up: an A/B of a schema
// or trigger change without a migration, e.g. a constraint dropped or a function replaced).
// --ab A.sql,B.sql --rounds N (an A/B in one database and one process: N rounds, each runs A.sql
// then --confirms confirms, then B.sql and as many again — the VM's speed drifts alike for both
// sides; prints backend and Node CPU per confirm of every round and the medians. Each file must
// leave the database in its side's state whatever the other did, e.g. DISABLE / ENABLE TRIGGER;
// a side `env:NAME=VALUE` sets an environment switch of the app instead, e.g. env:POS_GENERIC_WRITE=0;
// the bench's --promotions are applied before the first round, so both sides price with them; --ab-fresh ends the
// app's backends at every switch (the pools connect again), so each side's cached plans — the
// foreign-key checks', PL/pgSQL's — are built anew under that side's settings, at the data's size then;
// --ab-pools gives each side pools of its own for the whole run (DATABASE_URL with application_name=ab<side>),
// so each side keeps the cached plans it built in its first round, as a server's long-lived connections do).
// --perf DIR (Linux `perf record -e cpu-clock --call-graph dwarf` attached to the database's backends
// over each measured loop, warm-up excluded: DIR/<label>.perf.data, then read by
// `npx tsx scripts/perf-phases.ts DIR/<label>.perf.data` — PostgreSQL's CPU by phase; the embedded
// server's binary keeps its symbols. Needs perf and the right to attach, e.g. root).
import path from "node:path";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { dropDatabase, ensureDatabase, startEmbedded } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { benchPromotions } from "./lib/bench-promotions";
import { seedHistory } from "./lib/bench-pos-seed";
import { runScript } from "./lib/database";
import { processCpuMs } from "./lib/process-cpu";
import { median } from "./lib/stats";

const log = (l: string) => console.error(`[profile] ${l}`);

type Stat = { calls: number; ms: number; backendMs: number };
const stats = new Map<string, Stat>();
let statements = 0;

// Every statement the app sends over node-postgres, timed from send to answer, with the CPU its
// backend used meanwhile (/proc/<pid>/stat of the connection's backend: clock ticks, so exact only
// as a sum over many statements).
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client & { processID?: number }, ...args: unknown[]) {
  const cfg = args[0] as string | { text: string };
  // A prepared statement sent with `begin`/`commit` (lib/db/raw-pool.ts) carries its values as literals: one row for all.
  const text = (typeof cfg === "string" ? cfg.replace(/ ?E?'(?:[^']|'')*'/g, "?") : cfg.text).replace(/\s+/g, " ").trim().slice(0, 110);
  const started = performance.now();
  const backend = this.processID;
  const backendBefore = backend ? (processCpuMs(backend, 100)?.ms ?? 0) : 0;
  const done = () => {
    const s = stats.get(text) ?? { calls: 0, ms: 0, backendMs: 0 };
    s.calls++;
    s.ms += performance.now() - started;
    if (backend) s.backendMs += (processCpuMs(backend, 100)?.ms ?? backendBefore) - backendBefore;
    stats.set(text, s);
  };
  // pg.Pool#query (a statement outside a transaction: the terminal key) passes a callback.
  const cb = args.findIndex((a) => typeof a === "function");
  if (cb >= 0) {
    statements++;
    const fn = args[cb] as (...a: unknown[]) => void;
    args[cb] = (...a: unknown[]) => {
      done();
      fn(...a);
    };
  }
  const out = query.apply(this, args);
  if (cb < 0 && out && typeof (out as Promise<unknown>).then === "function") {
    statements++;
    (out as Promise<unknown>).then(done, done);
  }
  return out;
} as typeof pg.Client.prototype.query;

await runScript(async () => {
  const { values } = parseArgs({
    options: {
      customers: { type: "string" },
      confirms: { type: "string" },
      promotions: { type: "string" },
      "cpu-prof": { type: "string" },
      operation: { type: "string" },
      sql: { type: "string" },
      ab: { type: "string" },
      rounds: { type: "string" },
      perf: { type: "string" },
      "ab-fresh": { type: "boolean" },
      "ab-pools": { type: "boolean" },
      wal: { type: "boolean" },
    },
  });
  const operation = values.operation ?? "confirm";
  if (operation !== "confirm" && operation !== "calculate") throw new Error(`--operation must be confirm or calculate, not ${operation}`);
  const profileDir = values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : null;
  const perfDir = values.perf ? path.resolve(values.perf) : null;
  if (perfDir) mkdirSync(perfDir, { recursive: true });
  const inspector = profileDir ? new Session() : null;
  if (inspector) {
    mkdirSync(profileDir!, { recursive: true });
    inspector.connect();
    await inspector.post("Profiler.enable");
    await inspector.post("Profiler.setSamplingInterval", { interval: 200 });
  }
  const customers = Number(values.customers ?? 2000);
  const confirms = Number(values.confirms ?? 300);
  const promotions = Number(values.promotions ?? 200);
  const server = await startEmbedded({ dataDir: path.resolve(process.env.TRIBUNE_DATA_DIR || ".data", "postgres-profile"), ifRunning: "reuse", log });
  const admin = server.url("postgres");
  const name = `tribune_profile_${Date.now().toString(36)}_${randomBytes(2).toString("hex")}`;
  await ensureDatabase(admin, name);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const dbUrl = u.toString();
  try {
    await migrate(dbUrl);
    const { key } = await seedHistory(dbUrl, customers, log);
    if (values.sql) {
      const c = new pg.Client({ connectionString: dbUrl });
      c.on("error", () => {});
      await c.connect();
      try {
        await c.query(readFileSync(values.sql, "utf8"));
      } finally {
        await c.end();
      }
      log(`ran ${values.sql}`);
    }
    Object.assign(process.env, { DATABASE_URL: dbUrl, AUTH_SECRET: "profile-secret-profile-secret-pro", MESSAGES_TO_OUTBOX: "1", POS_POOL_MAX: "4" });
    const { resetEnvCache } = await import("@/lib/env");
    resetEnvCache();
    const { POST } = operation === "confirm" ? await import("@/app/api/pos/v1/purchases/route") : await import("@/app/api/pos/v1/purchases/calculate/route");
    const url = `http://pos.test/api/pos/v1/purchases${operation === "confirm" ? "" : "/calculate"}`;
    const expected = operation === "confirm" ? 201 : 200;
    let seq = 0;
    const confirm = async () => {
      const card = `29${String(1 + Math.floor(Math.random() * customers)).padStart(11, "0")}`;
      const body = JSON.stringify({
        customer: { card },
        receipt: { number: `P-${process.pid}-${++seq}` },
        lines: [
          { lineNo: 1, sku: "JERSEY-HOME", category: "merch", quantity: 1, price: 790000 },
          { lineNo: 2, sku: "SCARF", category: "merch", quantity: 2, price: 150000 },
          { lineNo: 3, sku: "TICKET-N12", category: "ticket", quantity: 1, price: 250000 },
        ],
      });
      const res = await POST(new Request(url, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body }));
      if (res.status !== expected) throw new Error(`${operation} answered ${res.status}: ${await res.text()}`);
      return res.json();
    };
    const backendCpu = await backendCpuReader(admin, name);
    const measure = async (label: string) => {
      for (let i = 0; i < 30; i++) await confirm(); // warm-up: JIT, prepared statements, caches
      stats.clear();
      statements = 0;
      const seqBefore = await seqScans(admin, name);
      const walFrom = values.wal ? await walLsn(admin, name) : null;
      const pgBefore = await backendCpu();
      const perf = perfDir ? await startPerf([...pgBefore.backends.keys()], path.join(perfDir, `${operation}-${label.replace(/\W+/g, "-")}.perf.data`)) : null;
      if (inspector) await inspector.post("Profiler.start");
      const cpu = process.cpuUsage();
      const started = performance.now();
      let applied = 0;
      for (let i = 0; i < confirms; i++) applied += ((await confirm()) as { appliedPromotions: unknown[] }).appliedPromotions.length;
      const wall = (performance.now() - started) / confirms;
      const used = process.cpuUsage(cpu);
      const pgAfter = await backendCpu();
      if (perf) await stopPerf(perf);
      const seqAfter = await seqScans(admin, name);
      const walTo = walFrom ? await walLsn(admin, name) : null;
      const profile = inspector ? (await inspector.post("Profiler.stop")).profile : null;
      const nodeCpu = (used.user + used.system) / 1000 / confirms;
      const systemCpu = used.system / 1000 / confirms;
      const dbMs = [...stats.values()].reduce((s, x) => s + x.ms, 0) / confirms;
      console.log(`\n### ${label}: ${confirms} sequential ${operation}s, ${(applied / confirms).toFixed(1)} promotions applied per receipt\n`);
      const ofDb = [...pgAfter.backends].reduce((s, [pid, ms]) => s + ms - (pgBefore.backends.get(pid) ?? 0), 0) / confirms;
      const ofServer = (pgAfter.server - pgBefore.server) / confirms;
      console.log(
        `statements per ${operation} ${(statements / confirms).toFixed(1)}, wall ${wall.toFixed(2)} ms, Node CPU ${nodeCpu.toFixed(2)} ms (of it in the kernel ${systemCpu.toFixed(2)} ms), waiting on PostgreSQL ${dbMs.toFixed(2)} ms\n`,
      );
      console.log(
        `backend CPU per ${operation} ${ofDb.toFixed(2)} ms (the database's backends), ${ofServer.toFixed(2)} ms (every process of the server); Node + backends ${(nodeCpu + ofDb).toFixed(2)} ms\n`,
      );
      console.log(
        `sequential scans per ${operation} ${((seqAfter.scans - seqBefore.scans) / confirms).toFixed(2)} reading ${((seqAfter.rows - seqBefore.rows) / confirms).toFixed(0)} rows (pg_stat_user_tables; its counters lag up to ~1 s)${seqScansByTable(seqBefore, seqAfter, confirms)}\n`,
      );
      if (walFrom && walTo) await printWal(admin, name, walFrom, walTo, confirms, operation);
      console.log(`| statement | per ${operation} | mean ms | ms per ${operation} | backend CPU ms per ${operation} |\n| --- | ---: | ---: | ---: | ---: |`);
      for (const [text, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
        console.log(
          `| \`${text.replace(/\|/g, "\\|")}\` | ${(s.calls / confirms).toFixed(2)} | ${(s.ms / s.calls).toFixed(3)} | ${(s.ms / confirms).toFixed(3)} | ${(s.backendMs / confirms).toFixed(3)} |`,
        );
      }
      if (profile && profileDir) {
        const file = path.join(profileDir, `${operation}-${label.replace(/\W+/g, "-")}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        printProfile(profile, confirms, file);
      }
    };
    const applyBenchPromotions = async () => {
      const db = createDb(dbUrl);
      await applyPromotionsFile(db, { program: "fc-tribune", promotions: benchPromotions(promotions) });
      await db.$disconnect();
    };
    if (values.ab) {
      // Both sides with the bench's promotions (--promotions 0: none), applied before the first round.
      if (promotions > 0) await applyBenchPromotions();
      const files = values.ab.split(",");
      const sides = files.map((f) => (f.startsWith("env:") ? f : readFileSync(f, "utf8")));
      const run = async (text: string, side: number) => {
        if (values["ab-pools"]) {
          const u = new URL(dbUrl);
          u.searchParams.set("application_name", `ab${side}`);
          process.env.DATABASE_URL = u.toString();
          resetEnvCache();
        }
        if (text.startsWith("env:")) {
          const [k, v] = text.slice(4).split("=");
          process.env[k] = v;
          resetEnvCache();
        } else {
          const c = new pg.Client({ connectionString: dbUrl });
          c.on("error", () => {});
          await c.connect();
          try {
            await c.query(text);
          } finally {
            await c.end();
          }
        }
        if (values["ab-fresh"]) {
          const c = new pg.Client({ connectionString: admin });
          await c.connect();
          try {
            await c.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [name]);
          } finally {
            await c.end();
          }
          await new Promise((r) => setTimeout(r, 300)); // the pools see their idle connections end
        }
      };
      const rows: { side: number; pg: number; node: number }[] = [];
      for (let i = 0; i < 30; i++) await confirm();
      for (let round = 0; round < Number(values.rounds ?? 6); round++) {
        for (let side = 0; side < sides.length; side++) {
          await run(sides[side], side);
          for (let i = 0; i < 20; i++) await confirm(); // the plans again after the DDL
          const before = await backendCpu();
          const cpu = process.cpuUsage();
          for (let i = 0; i < confirms; i++) await confirm();
          const used = process.cpuUsage(cpu);
          const after = await backendCpu();
          const pgMs = [...after.backends].reduce((s, [pid, ms]) => s + ms - (before.backends.get(pid) ?? 0), 0) / confirms;
          const nodeMs = (used.user + used.system) / 1000 / confirms;
          rows.push({ side, pg: pgMs, node: nodeMs });
          console.log(
            `round ${round + 1} ${files[side]}: PostgreSQL ${pgMs.toFixed(3)} ms, Node ${nodeMs.toFixed(3)} ms per ${operation} (load ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")})`,
          );
        }
      }
      for (let side = 0; side < sides.length; side++) {
        const r = rows.filter((x) => x.side === side);
        console.log(`median ${files[side]}: PostgreSQL ${median(r.map((x) => x.pg)).toFixed(3)} ms, Node ${median(r.map((x) => x.node)).toFixed(3)} ms`);
        if (side === 0) continue;
        // Each round's difference to the first side (the drift of the VM's speed cancels in a pair).
        const base = rows.filter((x) => x.side === 0);
        const pg = r.map((x, i) => x.pg - base[i].pg);
        const node = r.map((x, i) => x.node - base[i].node);
        console.log(
          `  ${files[side]} − ${files[0]}, median of the rounds' differences: PostgreSQL ${median(pg).toFixed(3)} ms (lower in ${pg.filter((d) => d < 0).length} of ${pg.length}), Node ${median(node).toFixed(3)} ms`,
        );
      }
      return 0;
    }
    await measure("no promotions");
    if (promotions > 0) {
      await applyBenchPromotions();
      await measure(`${promotions} promotions`);
    }
    return 0;
  } finally {
    await dropDatabase(admin, name).catch(() => {});
    await server.stop();
  }
});

/** A client of the profile's database (the embedded server's superuser), for one query. */
async function onDatabase<T>(adminUrl: string, database: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** Where the server's WAL is being inserted now. */
function walLsn(adminUrl: string, database: string): Promise<string> {
  return onDatabase(adminUrl, database, async (c) => (await c.query<{ lsn: string }>("select pg_current_wal_insert_lsn()::text as lsn")).rows[0].lsn);
}

/**
 * --wal: the WAL the loop wrote, per operation — by resource manager (heap, btree, transactions…) and
 * by relation (the blocks' data and full-page images of each table and index), read back with
 * pg_walinspect. Everything the server wrote meanwhile counts (the loop is the only writer; the
 * checkpointer's and autovacuum's records too, if they ran).
 */
async function printWal(adminUrl: string, database: string, from: string, to: string, n: number, operation: string) {
  await onDatabase(adminUrl, database, async (c) => {
    await c.query("create extension if not exists pg_walinspect");
    const total = (await c.query<{ bytes: string }>("select ($2::pg_lsn - $1::pg_lsn)::bigint::text as bytes", [from, to])).rows[0].bytes;
    const kinds = await c.query<{ kind: string; records: string; bytes: string; fpi: string }>(
      `select "resource_manager/record_type" as kind, sum(count)::text as records, sum(record_size + fpi_size)::text as bytes, sum(fpi_size)::text as fpi
       from pg_get_wal_stats($1::pg_lsn, $2::pg_lsn) where count > 0 group by 1 order by sum(record_size + fpi_size) desc`,
      [from, to],
    );
    const rels = await c.query<{ rel: string; blocks: string; data: string; fpi: string }>(
      `select coalesce(pg_filenode_relation(case when b.reltablespace = d.dattablespace then 0 else b.reltablespace end, b.relfilenode)::text, b.relfilenode::text) as rel,
         count(*)::text as blocks, sum(b.block_data_length)::text as data, sum(b.block_fpi_length)::text as fpi
       from pg_get_wal_block_info($1::pg_lsn, $2::pg_lsn) b, pg_database d where d.datname = current_database() and b.reldatabase = d.oid
       group by 1 order by sum(b.block_data_length + b.block_fpi_length) desc limit 20`,
      [from, to],
    );
    const per = (x: string) => (Number(x) / n).toFixed(1);
    console.log(`WAL per ${operation}: ${(Number(total) / n / 1024).toFixed(1)} kB\n`);
    console.log(`| resource manager | records per ${operation} | bytes per ${operation} | of them full-page images |\n| --- | ---: | ---: | ---: |`);
    for (const k of kinds.rows) console.log(`| ${k.kind} | ${per(k.records)} | ${per(k.bytes)} | ${per(k.fpi)} |`);
    console.log(`\n| relation | block references per ${operation} | block data bytes | full-page image bytes |\n| --- | ---: | ---: | ---: |`);
    for (const r of rels.rows) console.log(`| ${r.rel} | ${per(r.blocks)} | ${per(r.data)} | ${per(r.fpi)} |`);
    console.log("");
  });
}

/** Sequential scans of the database's tables and the rows they read, so far (the statistics each backend flushes about once a second). */
type SeqScans = { scans: number; rows: number; tables: Map<string, { scans: number; rows: number }> };
function seqScans(adminUrl: string, database: string): Promise<SeqScans> {
  return onDatabase(adminUrl, database, async (c) => {
    const r = await c.query<{ table: string; scans: string; rows: string }>(`select relname as table, coalesce(seq_scan, 0) as scans, coalesce(seq_tup_read, 0) as rows from pg_stat_user_tables`);
    const tables = new Map(r.rows.map((t) => [t.table, { scans: Number(t.scans), rows: Number(t.rows) }]));
    const all = [...tables.values()];
    return { scans: all.reduce((sum, t) => sum + t.scans, 0), rows: all.reduce((sum, t) => sum + t.rows, 0), tables };
  });
}

/** "; Table scans reading rows" per operation for each table scanned between two readings, most rows first. */
function seqScansByTable(before: SeqScans, after: SeqScans, n: number): string {
  return [...after.tables]
    .map(([table, t]) => ({ table, scans: t.scans - (before.tables.get(table)?.scans ?? 0), rows: t.rows - (before.tables.get(table)?.rows ?? 0) }))
    .filter((t) => t.scans > 0)
    .sort((a, b) => b.rows - a.rows)
    .map((t) => `; ${t.table} ${(t.scans / n).toFixed(2)} reading ${(t.rows / n).toFixed(0)}`)
    .join("");
}

/** `perf record` attached to the backends (sampling the CPU clock, stacks unwound from DWARF: the server has no frame pointers). */
async function startPerf(pids: number[], file: string): Promise<{ child: ChildProcess; file: string }> {
  const child = spawn("perf", ["record", "-e", "cpu-clock", "-F", "2000", "--call-graph", "dwarf,16384", "-p", pids.join(","), "-o", file], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d));
  // perf prints nothing when attached; give it a moment, and fail if it already ended.
  await new Promise((r) => setTimeout(r, 1500));
  if (child.exitCode !== null) throw new Error(`perf record ended: ${err}`);
  log(`perf record on backends ${pids.join(",")} → ${file}`);
  return { child, file };
}

async function stopPerf(p: { child: ChildProcess; file: string }): Promise<void> {
  const exited = once(p.child, "exit");
  p.child.kill("SIGINT");
  await exited;
  log(`perf record written: ${p.file}`);
}

/**
 * CPU ms of the backends connected to `database` (by pid) and of every child of the postmaster,
 * read from /proc (the embedded server runs on this machine). Clock ticks are 100 per second.
 */
async function backendCpuReader(adminUrl: string, database: string) {
  const tick = 100;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const self = (await client.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0].pid;
  const postmaster = processCpuMs(self, tick)!.ppid;
  await client.end();
  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    const pids = (await c.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1", [database])).rows.map((r) => r.pid);
    await c.end();
    const backends = new Map<number, number>();
    for (const pid of pids) {
      const p = processCpuMs(pid, tick);
      if (p) backends.set(pid, p.ms);
    }
    let server = 0;
    for (const d of readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      const p = processCpuMs(Number(d), tick);
      if (p && (p.ppid === postmaster || Number(d) === postmaster)) server += p.ms;
    }
    return { backends, server };
  };
}

type CpuProfile = { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[]; timeDeltas?: number[] };

/** Self time per function and per module (a package of node_modules, a file of the app, a Node internal), in ms per confirm. */
function printProfile(profile: CpuProfile, confirms: number, file: string) {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  const root = process.cwd() + "/";
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const f = frames.get(samples[i])!;
    const us = deltas[i] ?? 0;
    const url = f.url.replace(/^file:\/\//, "").replace(root, "");
    const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
    const where = pkg ? `${pkg}` : url || "(native)";
    const fn = `${f.functionName || "(anonymous)"} ${url ? `${url}:${f.lineNumber + 1}` : ""}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byModule.set(where, (byModule.get(where) ?? 0) + us);
  }
  const table = (title: string, m: Map<string, number>, n: number) => {
    console.log(`\n| ${title} | self ms per confirm |\n| --- | ---: |`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`| \`${k.replace(/\|/g, "\\|")}\` | ${(us / 1000 / confirms).toFixed(3)} |`);
  };
  console.log(`\nCPU profile: ${file}`);
  table("module", byModule, 20);
  table("function", byFunction, 40);
}
