// What the machine and PostgreSQL were doing in each second of a benchmark run (bench:pos): a
// second whose p99 jumps while the app's GC and event loop stay quiet (scripts/lib/gc-probe.cjs) was
// waiting for something else — the hypervisor (CPU steal), the disk (iowait), a row lock, or the
// database's own background work (autovacuum, ANALYZE and the plans it invalidates, a checkpoint
// and the full-page images in WAL after it). Four times a second the sampler reads /proc/stat and
// one statement of PostgreSQL's statistics views; each second's line says which of them happened.
import { readFileSync } from "node:fs";
import pg from "pg";

/** The machine's CPU time so far, in clock ticks, from /proc/stat's first line (all CPUs). */
export interface CpuTicks {
  busy: number;
  idle: number;
  iowait: number;
  steal: number;
}

/** Parses /proc/stat's "cpu" line: user nice system idle iowait irq softirq steal (guest time is inside user). */
export function parseProcStat(text: string): CpuTicks {
  const line = text.split("\n").find((l) => l.startsWith("cpu "));
  if (!line) throw new Error("/proc/stat has no cpu line");
  const [user, nice, system, idle, iowait, irq, softirq, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return { busy: user + nice + system + irq + softirq, idle, iowait, steal };
}

/** Shares (0…1) of the machine's time between two readings: busy, steal and iowait of all the CPUs' time. */
export function cpuShares(a: CpuTicks, b: CpuTicks): { busy: number; steal: number; iowait: number } {
  const d = (k: keyof CpuTicks) => Math.max(0, b[k] - a[k]);
  const total = d("busy") + d("idle") + d("iowait") + d("steal");
  if (total === 0) return { busy: 0, steal: 0, iowait: 0 };
  return { busy: d("busy") / total, steal: d("steal") / total, iowait: d("iowait") / total };
}

/** One reading of PostgreSQL's statistics. */
export interface DbReading {
  /** This database's backends waiting for a lock (heavyweight: a row's transaction, a relation) right now. */
  lockWaiters: number;
  /** Autovacuum workers running on this database right now, with what each is doing ("VACUUM public.\"Promotion\"", …). */
  autovacuum: string[];
  checkpoints: number;
  /** Where WAL is inserted now, in bytes from the start: exact at once. */
  walBytes: number;
  /** Full-page images in WAL so far (pg_stat_wal: each backend flushes its counts about once a second). */
  walFpi: number;
  /** Per table: finished autovacuums and autoanalyzes so far. */
  tables: Map<string, { vacuums: number; analyzes: number }>;
}

/** What changed between two readings a second apart, with the most seen within the second. */
export interface SecondSample {
  busy: number;
  steal: number;
  iowait: number;
  lockWaitersMax: number;
  walBytes: number;
  walFpi: number;
  /** "vacuum Promotion", "analyze PromotionCustomerUse", "autovacuum running: …": what the database did besides the requests. */
  events: string[];
}

/** The second's events between two readings: finished autovacuums / autoanalyzes per table, checkpoints. */
export function dbEvents(a: DbReading, b: DbReading): string[] {
  const out: string[] = [];
  for (const [table, t] of b.tables) {
    const before = a.tables.get(table) ?? { vacuums: 0, analyzes: 0 };
    if (t.vacuums > before.vacuums) out.push(`vacuum ${table}`);
    if (t.analyzes > before.analyzes) out.push(`analyze ${table}`);
  }
  if (b.checkpoints > a.checkpoints) out.push("checkpoint");
  return out;
}

/** A second's cell for the per-second line: CPU busy % / steal % / iowait % / lock waiters / WAL MB (full-page images) [events]. */
export function secondCell(s: SecondSample): string {
  const pct = (x: number) => (x * 100).toFixed(0);
  const events = s.events.length ? ` [${[...new Set(s.events)].join(", ")}]` : "";
  return `${pct(s.busy)}/${pct(s.steal)}/${pct(s.iowait)}/${s.lockWaitersMax}/${(s.walBytes / 1048576).toFixed(1)}(${s.walFpi})${events}`;
}

const READ = `
  select
    (select count(*)::int from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock') as "lockWaiters",
    (select coalesce(json_agg(regexp_replace(query, '^autovacuum: ', '')), '[]') from pg_stat_activity where datname = current_database() and backend_type = 'autovacuum worker') as autovacuum,
    (select (num_timed + num_requested)::int from pg_stat_checkpointer) as checkpoints,
    (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint::text as "walBytes",
    (select wal_fpi::bigint::text from pg_stat_wal) as "walFpi",
    (select coalesce(json_agg(json_build_array(relname, autovacuum_count, autoanalyze_count)), '[]') from pg_stat_user_tables where autovacuum_count + autoanalyze_count > 0) as tables`;

async function readDb(c: pg.Client): Promise<DbReading> {
  const r = (await c.query(READ)).rows[0] as { lockWaiters: number; autovacuum: string[]; checkpoints: number; walBytes: string; walFpi: string; tables: [string, number, number][] };
  return {
    lockWaiters: r.lockWaiters,
    autovacuum: r.autovacuum,
    checkpoints: r.checkpoints,
    walBytes: Number(r.walBytes),
    walFpi: Number(r.walFpi),
    tables: new Map(r.tables.map(([t, v, a]) => [t, { vacuums: Number(v), analyzes: Number(a) }])),
  };
}

const readCpu = () => parseProcStat(readFileSync("/proc/stat", "utf8"));

/**
 * Samples the machine and the database four times a second from now until `stop()`, which returns
 * one sample per whole second. The WAL's bytes are its insert position, exact; PostgreSQL's
 * cumulative counters (full-page images, autovacuum counts, checkpoints) are flushed by each
 * process about once a second, so they may land a second late; the running autovacuum workers and
 * the lock waiters are read as they are. PostgreSQL 17 or later (pg_stat_checkpointer); on an older
 * server it says so and samples nothing.
 */
export async function startSampler(url: string): Promise<{ stop: () => Promise<SecondSample[]> }> {
  const client = new pg.Client({ connectionString: url, application_name: "bench-sampler" });
  await client.connect();
  const seconds: SecondSample[] = [];
  let first: DbReading;
  try {
    first = await readDb(client);
  } catch (e) {
    // A server without these views (pg_stat_checkpointer is PostgreSQL 17's): no per-second line, the run goes on.
    await client.end();
    console.error(`[sampler] off for this run: ${(e as Error).message}`);
    return { stop: async () => [] };
  }
  let secondStart = { cpu: readCpu(), db: first };
  let lockMax = 0;
  let running = new Set<string>();
  const t0 = performance.now();
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();
  const tick = async () => {
    const db = await readDb(client);
    lockMax = Math.max(lockMax, db.lockWaiters);
    for (const a of db.autovacuum) running.add(a);
    // A second closes at the first reading after its end (readings can lag under load).
    if (performance.now() - t0 < (seconds.length + 1) * 1000) return;
    const cpu = readCpu();
    seconds.push({
      ...cpuShares(secondStart.cpu, cpu),
      lockWaitersMax: lockMax,
      walBytes: db.walBytes - secondStart.db.walBytes,
      walFpi: db.walFpi - secondStart.db.walFpi,
      events: [...[...running].map((a) => `autovacuum running: ${a.replace(/public\./g, "").replace(/"/g, "")}`), ...dbEvents(secondStart.db, db)],
    });
    secondStart = { cpu, db };
    lockMax = 0;
    running = new Set();
  };
  const timer = setInterval(() => {
    if (stopped) return;
    busy = busy.then(tick).catch(() => {});
  }, 250);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await busy;
      await client.end();
      return seconds;
    },
  };
}
