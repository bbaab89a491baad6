// What VisitKey adds to a visit's write: the server's CPU per visit (the backend's utime + stime from
// /proc) for the statement lib/purchases/visits.ts runs today (the key and the visit in one statement,
// into the partitioned "Visit") against the statement it ran before (one insert ON CONFLICT into an
// unpartitioned table holding the unique (customerId, eventCode), rebuilt here as "VisitBefore" with
// the same indexes, foreign key and activity trigger). Same database, alternating A/B rounds.
//   npm run bench:visit-key -- [--visits 10000] [--rounds 2]
// Run under `flock /work/team/bench.lock` on a shared machine.
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import path from "node:path";
import pg from "pg";
import { dropDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "./lib/database";
import { processCpuMs } from "./lib/process-cpu";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const VISITS = arg("visits", 10_000);
const ROUNDS = arg("rounds", 2);
const CUSTOMERS = 2_000;

/** CPU seconds (user + system) of a server backend (100 clock ticks a second, as Linux reports them). */
const backendCpu = (pid: number): number => processCpuMs(pid, 100)!.ms / 1000;

const BEFORE = `insert into "VisitBefore" (id, "programId", "customerId", "eventCode", at, "storeId", "purchaseId", "purchaseLineNo", "periodKey", "createdAt")
  values ($1, $2, $3, $4, $5, null, null, null, 'p', $5) on conflict ("customerId", "eventCode") do nothing returning id`;
const NOW_SQL = `with k as (
    insert into "VisitKey" ("customerId", "eventCode", "programId", "visitId", "visitAt") values ($3, $4, $2, $1, $5)
    on conflict ("customerId", "eventCode") do nothing returning *)
  insert into "Visit" (id, "programId", "customerId", "eventCode", at, "storeId", "purchaseId", "purchaseLineNo", "periodKey", "createdAt")
  select k."visitId", k."programId", k."customerId", k."eventCode", k."visitAt", null, null, null, 'p', $5 from k returning id`;

async function main() {
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(" / ");
  const name = `tribune_bench_${Date.now().toString(36)}_${randomBytes(2).toString("hex")}`;
  const database = await openDatabase({ dataDir: path.resolve(process.env.TRIBUNE_DATA_DIR || ".data", "postgres-bench"), database: name });
  if (!database.server) throw new Error("bench:visit-key adds a table of its own: it runs on the embedded bench server only (unset DATABASE_URL)");
  const u = new URL(database.url);
  const c = new pg.Client({ connectionString: u.toString() });
  try {
    await migrate(u.toString());
    await c.connect();
    await c.query(`insert into "Program" (id, code, name, kind, timezone, currency, "updatedAt") values ('prg_bench', 'bench', 'Bench', 'retailer', 'UTC', 'RUB', now())`);
    await c.query(
      `insert into "Customer" (id, "programId", "registrationChannel", "createdAt", "updatedAt") select 'cus_b' || g, 'prg_bench', 'pos', now(), now() from generate_series(1, ${CUSTOMERS}) g`,
    );
    // The table and statement of before the partitioning (migrations loyalty_core, segment_indexes, customer_activity).
    await c.query(`create table "VisitBefore" (like "Visit" including defaults)`);
    await c.query(`alter table "VisitBefore" add primary key (id)`);
    await c.query(`create unique index on "VisitBefore" ("customerId", "eventCode")`);
    await c.query(`create index on "VisitBefore" ("programId", at)`);
    await c.query(`create index on "VisitBefore" ("programId", at) include ("customerId") where "customerId" is not null`);
    await c.query(`alter table "VisitBefore" add foreign key ("customerId") references "Customer"(id) on delete restrict on update cascade`);
    await c.query(`create trigger "VisitBefore_activity_insert" after insert on "VisitBefore" referencing new table as new_rows for each statement execute function "customer_activity_add_visits"()`);
    const [{ pid }] = (await c.query<{ pid: number }>(`select pg_backend_pid() as pid`)).rows;
    const results: Record<"before" | "now", { cpu: number; wall: number }[]> = { before: [], now: [] };
    const at = new Date();
    let seq = 0;
    for (let r = 0; r < ROUNDS; r++) {
      for (const variant of ["before", "now"] as const) {
        const sql = variant === "before" ? BEFORE : NOW_SQL;
        const name = `visit_${variant}`;
        const cpu0 = backendCpu(pid);
        const t0 = performance.now();
        for (let i = 0; i < VISITS; i++) {
          seq++;
          await c.query({ name, text: sql, values: [`vis_b${seq}`, "prg_bench", `cus_b${1 + (seq % CUSTOMERS)}`, `EV-${seq}`, at] });
        }
        results[variant].push({ cpu: backendCpu(pid) - cpu0, wall: performance.now() - t0 });
      }
    }
    const [{ visits, keys }] = (await c.query<{ visits: number; keys: number }>(`select (select count(*)::int from "Visit") as visits, (select count(*)::int from "VisitKey") as keys`)).rows;
    if (visits !== VISITS * ROUNDS || keys !== visits) throw new Error(`expected ${VISITS * ROUNDS} visits and keys, have ${visits} / ${keys}`);
    const us = (x: { cpu: number }) => ((x.cpu / VISITS) * 1e6).toFixed(0);
    const ms = (x: { wall: number }) => (x.wall / VISITS).toFixed(3);
    console.log(`bench:visit-key — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, load ${load()}, ${VISITS} visits per round, ${ROUNDS} rounds A/B`);
    console.log(`| round | before: server CPU µs/visit | now: server CPU µs/visit | before: wall ms/visit | now: wall ms/visit |`);
    console.log(`| --- | --- | --- | --- | --- |`);
    for (let r = 0; r < ROUNDS; r++) console.log(`| ${r + 1} | ${us(results.before[r])} | ${us(results.now[r])} | ${ms(results.before[r])} | ${ms(results.now[r])} |`);
    const sum = (xs: { cpu: number }[]) => xs.reduce((s, x) => s + x.cpu, 0);
    const b = sum(results.before),
      n = sum(results.now);
    console.log(`all rounds: before ${((b / (VISITS * ROUNDS)) * 1e6).toFixed(0)} µs/visit, now ${((n / (VISITS * ROUNDS)) * 1e6).toFixed(0)} µs/visit (${(((n - b) / b) * 100).toFixed(0)} %)`);
  } finally {
    await c.end().catch(() => {});
    await dropDatabase(database.server.url("postgres"), name).catch(() => {});
    await database.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
