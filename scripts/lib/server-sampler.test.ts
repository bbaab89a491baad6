import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchDatabase } from "@/test/db";
import { cpuShares, dbEvents, parseProcStat, secondCell, startSampler, type DbReading } from "./server-sampler";

describe("the machine's CPU from /proc/stat", () => {
  // user nice system idle iowait irq softirq steal guest guest_nice
  const a = parseProcStat("cpu  1000 10 300 5000 100 0 20 50 0 0\ncpu0 500 5 150 2500 50 0 10 25 0 0\nintr 1 2 3\n");
  const b = parseProcStat("cpu  1100 10 340 5100 120 0 30 90 0 0\ncpu0 1 1 1 1 1 1 1 1 0 0\n");

  it("reads the all-CPUs line, not a single CPU's", () => {
    expect(a).toEqual({ busy: 1330, idle: 5000, iowait: 100, steal: 50 });
  });

  it("shares a second's ticks between busy, steal and iowait", () => {
    // busy +150, idle +100, iowait +20, steal +40: 310 ticks.
    const s = cpuShares(a, b);
    expect(s.busy).toBeCloseTo(150 / 310);
    expect(s.steal).toBeCloseTo(40 / 310);
    expect(s.iowait).toBeCloseTo(20 / 310);
    expect(cpuShares(a, a)).toEqual({ busy: 0, steal: 0, iowait: 0 });
  });

  it("refuses a text without the cpu line", () => {
    expect(() => parseProcStat("intr 1 2 3\n")).toThrow(/no cpu line/);
  });
});

describe("the database's background work between two readings", () => {
  const reading = (checkpoints: number, tables: [string, number, number][]): DbReading => ({
    lockWaiters: 0,
    autovacuum: [],
    checkpoints,
    walBytes: 0,
    walFpi: 0,
    tables: new Map(tables.map(([t, vacuums, analyzes]) => [t, { vacuums, analyzes }])),
  });

  it("names the tables autovacuumed or analyzed meanwhile, and a checkpoint", () => {
    const before = reading(3, [["Promotion", 2, 1]]);
    const after = reading(4, [
      ["Promotion", 3, 1],
      ["PromotionCustomerUse", 0, 1],
    ]);
    expect(dbEvents(before, after)).toEqual(["vacuum Promotion", "analyze PromotionCustomerUse", "checkpoint"]);
    expect(dbEvents(after, after)).toEqual([]);
  });

  it("prints a second as CPU busy % / steal % / iowait % / lock waiters / WAL MB (full-page images) [events]", () => {
    const cell = secondCell({ busy: 0.9, steal: 0.126, iowait: 0.01, lockWaitersMax: 3, walBytes: 3 * 1048576, walFpi: 120, events: ["vacuum Promotion", "vacuum Promotion"] });
    expect(cell).toBe("90/13/1/3/3.0(120) [vacuum Promotion]");
    expect(secondCell({ busy: 0, steal: 0, iowait: 0, lockWaitersMax: 0, walBytes: 0, walFpi: 0, events: [] })).toBe("0/0/0/0/0.0(0)");
  });
});

describe("startSampler on a real PostgreSQL", () => {
  let scratch: { url: string; drop: () => Promise<void> };
  const clients: pg.Client[] = [];
  const connect = async () => {
    const c = new pg.Client({ connectionString: scratch.url });
    await c.connect();
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    scratch = await scratchDatabase();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await scratch.drop();
  });

  it("samples nothing, and says why, where the statistics cannot be read", async () => {
    const u = new URL(scratch.url);
    const owner = await connect();
    await owner.query("drop role if exists sampler_no_views");
    await owner.query("create role sampler_no_views login password 'x'");
    await owner.query("revoke execute on function pg_current_wal_insert_lsn() from public");
    try {
      u.username = "sampler_no_views";
      u.password = "x";
      const errors: string[] = [];
      const original = console.error;
      console.error = (m: string) => void errors.push(m);
      try {
        const sampler = await startSampler(u.toString());
        expect(await sampler.stop()).toEqual([]);
      } finally {
        console.error = original;
      }
      expect(errors).toEqual([expect.stringMatching(/^\[sampler\] off for this run: permission denied/)]);
    } finally {
      await owner.query("grant execute on function pg_current_wal_insert_lsn() to public");
      await owner.query("drop role sampler_no_views");
    }
  });

  it("sees a row lock's waiter, the WAL written and a checkpoint, second by second", async () => {
    const holder = await connect();
    const waiter = await connect();
    await holder.query("create table sampled (id int primary key, note text)");
    await holder.query("insert into sampled select g, repeat('x', 200) from generate_series(1, 2000) g");
    const sampler = await startSampler(scratch.url);
    await holder.query("begin");
    await holder.query("update sampled set note = 'held' where id = 1");
    const waiting = waiter.query("update sampled set note = 'waited' where id = 1");
    await new Promise((r) => setTimeout(r, 700));
    await holder.query("commit");
    await waiting;
    await holder.query("update sampled set note = repeat('y', 200)");
    await holder.query("checkpoint");
    // The checkpointer's and the backends' counters are flushed within about a second.
    await new Promise((r) => setTimeout(r, 2300));
    const seconds = await sampler.stop();
    expect(seconds.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...seconds.map((s) => s.lockWaitersMax))).toBe(1);
    expect(seconds.reduce((sum, s) => sum + s.walBytes, 0)).toBeGreaterThan(400_000);
    expect(seconds.flatMap((s) => s.events)).toContain("checkpoint");
    for (const s of seconds) {
      expect(s.busy + s.steal + s.iowait).toBeLessThanOrEqual(1.000001);
      expect(s.steal).toBeGreaterThanOrEqual(0);
    }
  }, 20_000);
});
