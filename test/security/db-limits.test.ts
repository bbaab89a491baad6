// The database cannot be starved or held: POS statements run with statement_timeout and
// lock_timeout, every pool sets idle_in_transaction_session_timeout, the console's heavy reads
// use their own small pool, and concurrent CSV exports are capped (a further one gets 429).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { analyticsDb } from "@/lib/db/client";
import { createPool, defaultPosPoolMax, poolSettings } from "@/lib/db/pool";
import { rawPool } from "@/lib/db/raw-pool";
import { env, resetEnvCache } from "@/lib/env";
import { openExport } from "@/lib/segments/export";
import { testDatabaseUrl, testDb } from "../db";
import { line, post, receiptNo, setupProgram, useTestDatabase } from "../pos/harness";

beforeAll(() => {
  useTestDatabase();
});

async function show(pool: { query: (q: string) => Promise<{ rows: Record<string, string>[] }> }, name: string) {
  return (await pool.query(`show ${name}`)).rows[0][name];
}

describe("session limits per pool", () => {
  it("POS: short statement and lock timeouts; every pool: idle-in-transaction timeout", async () => {
    const pos = rawPool();
    expect(await show(pos, "statement_timeout")).toBe(`${env().POS_STATEMENT_TIMEOUT_MS / 1000}s`);
    expect(await show(pos, "lock_timeout")).toBe(`${env().POS_LOCK_TIMEOUT_MS / 1000}s`);
    expect(await show(pos, "idle_in_transaction_session_timeout")).toBe("1min");
    const analytics = createPool(testDatabaseUrl(), "analytics");
    try {
      expect(await show(analytics, "statement_timeout")).toBe("20s");
      expect(await show(analytics, "idle_in_transaction_session_timeout")).toBe("1min");
    } finally {
      await analytics.end();
    }
    const rows = await testDb().$queryRaw<{ statement_timeout: string }[]>`show statement_timeout`;
    expect(rows[0].statement_timeout).toBe("30s");
  });

  it("a transaction left idle is ended by the server", async () => {
    process.env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = "1000";
    resetEnvCache();
    const pool = createPool(testDatabaseUrl(), "pos", { max: 1 });
    delete process.env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS;
    resetEnvCache();
    pool.on("error", () => {});
    const client = await pool.connect();
    client.on("error", () => {}); // the server's FATAL 25P03 arrives as an event too
    try {
      await client.query("begin");
      await client.query("select 1");
      await new Promise((r) => setTimeout(r, 2000));
      await expect(client.query("select 1")).rejects.toBeTruthy();
    } finally {
      client.release(true);
      await pool.end();
    }
  });
});

describe("the processing API's pool: about as many connections as the database has cores", () => {
  it("POS_POOL_MAX sizes it apart from DB_POOL_MAX; unset, twice the CPUs and at least 4; a bad value stops with its name", () => {
    expect([1, 2, 3, 8, 32].map((cpus) => defaultPosPoolMax(cpus))).toEqual([4, 4, 6, 16, 64]);
    try {
      vi.stubEnv("DB_POOL_MAX", "20");
      vi.stubEnv("POS_POOL_MAX", undefined);
      resetEnvCache();
      expect(poolSettings("pos").max).toBe(defaultPosPoolMax());
      expect(poolSettings("app").max).toBe(20);
      vi.stubEnv("POS_POOL_MAX", "7");
      resetEnvCache();
      expect(poolSettings("pos").max).toBe(7);
      expect(poolSettings("app").max).toBe(20);
      for (const bad of ["0", "2.5", "many"]) {
        vi.stubEnv("POS_POOL_MAX", bad);
        resetEnvCache();
        expect(() => poolSettings("pos")).toThrow(/POS_POOL_MAX/);
      }
    } finally {
      vi.unstubAllEnvs();
      resetEnvCache();
    }
  });

  it("20 receipts at once queue for its connections in Node and all go through; the pool never opens more than its size", async () => {
    const club = await setupProgram("football-club");
    const pool = rawPool() as unknown as { options: { max: number }; totalCount: number; waitingCount: number };
    const max = pool.options.max;
    expect(max).toBe(poolSettings("pos").max);
    // Sampled on the pool itself: pg_stat_activity would count the other test files' pools too.
    let peakOpen = 0;
    let peakWaiting = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peakOpen = Math.max(peakOpen, pool.totalCount);
        peakWaiting = Math.max(peakWaiting, pool.waitingCount);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const answers = await Promise.all(Array.from({ length: 20 }, () => post("/purchases", club.keys["stadium-shop"], { receipt: { number: receiptNo() }, lines: [line(1, 100, "merch")] })));
    sampling = false;
    await sampler;
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(peakOpen).toBeLessThanOrEqual(max);
    if (max < 20) expect(peakWaiting).toBeGreaterThan(0);
  });
});

describe("the console's heavy work cannot starve the tills", () => {
  it("slow analytics queries queue on their own pool of a few connections while a receipt goes through", async () => {
    const club = await setupProgram("football-club");
    const slow = Array.from({ length: 8 }, () => analyticsDb().$queryRaw`select pg_sleep(1.5)`.catch((e: unknown) => e));
    await new Promise((r) => setTimeout(r, 500));
    const [{ n }] = await testDb().$queryRaw<{ n: bigint }[]>`select count(*) as n from pg_stat_activity where application_name = 'tribune-analytics' and datname = current_database()`;
    expect(Number(n)).toBeLessThanOrEqual(env().ANALYTICS_POOL_MAX);
    const r = await post("/purchases", club.keys["stadium-shop"], { receipt: { number: receiptNo() }, lines: [line(1, 100, "merch")] });
    expect(r.status).toBe(201);
    await Promise.all(slow);
  });

  it(`at most EXPORTS_MAX_CONCURRENT CSV exports run at once; the next gets 429 with Retry-After until one ends`, async () => {
    const max = env().EXPORTS_MAX_CONCURRENT;
    const open = [];
    for (let i = 0; i < max; i++) open.push(await openExport(testDatabaseUrl()));
    await expect(openExport(testDatabaseUrl())).rejects.toMatchObject({ code: "rate_limited", status: 429, retryAfter: 30 });
    await open.pop()!.end();
    const again = await openExport(testDatabaseUrl());
    await Promise.all([...open, again].map((c) => c.end()));
  });
});

afterAll(async () => {
  await analyticsDb().$disconnect();
});
