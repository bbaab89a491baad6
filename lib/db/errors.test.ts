// Database errors are classified by SQLSTATE or by the connection layer's error type: each
// condition is provoked for real on PostgreSQL, through node-postgres and through Prisma.
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/db/embedded";
import { testDatabaseUrl, testDb } from "@/test/db";
import { createDb } from "./client";
import { constraintOf, DbUnavailableError, dbFailure, isUniqueViolation, retryConflicts, sqlState, SQLSTATE } from "./errors";
import { createPool } from "./pool";
import { rawSql } from "./raw-pool";

const pool = createPool(testDatabaseUrl(), "app", { max: 4 });
afterAll(() => pool.end());

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the statement to fail");
}

describe("SQLSTATE classification", () => {
  it("a unique violation names its index, through pg and through Prisma", async () => {
    const client = await pool.connect();
    try {
      await client.query("create temporary table uq (k int constraint uq_k unique)");
      await client.query("insert into uq values (1)");
      const e = await failure(client.query("insert into uq values (1)"));
      expect(sqlState(e)).toBe(SQLSTATE.uniqueViolation);
      expect(constraintOf(e)).toBe("uq_k");
      expect(isUniqueViolation(e, "uq_k")).toBe(true);
      expect(isUniqueViolation(e, "other")).toBe(false);
    } finally {
      client.release();
    }
    const db = testDb();
    const program = await db.program.findFirst();
    if (program) {
      const e = await failure(db.program.create({ data: { id: `prg_dup${Date.now()}`, code: program.code, name: "dup", kind: "club", timezone: "UTC", currency: "RUB" } }));
      expect(sqlState(e)).toBe(SQLSTATE.uniqueViolation);
      expect(isUniqueViolation(e, "Program_code_key")).toBe(true);
    }
  });

  it("lock_timeout and statement_timeout are 'busy'; a value too large for its column is 'out_of_range'", async () => {
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await a.query("begin");
      await a.query("select pg_advisory_xact_lock(4242)");
      await b.query("set lock_timeout = 100");
      const locked = await failure(b.query("select pg_advisory_xact_lock(4242)"));
      expect(sqlState(locked)).toBe(SQLSTATE.lockNotAvailable);
      expect(dbFailure(locked)).toBe("busy");
      await a.query("rollback");
      await b.query("set statement_timeout = 50");
      const slow = await failure(b.query("select pg_sleep(1)"));
      expect(sqlState(slow)).toBe(SQLSTATE.queryCanceled);
      expect(dbFailure(slow)).toBe("busy");
      await b.query("reset statement_timeout");
      await b.query("reset lock_timeout");
      const big = await failure(b.query("select 3000000000::int"));
      expect(dbFailure(big)).toBe("out_of_range");
    } finally {
      a.release();
      b.release();
    }
    const viaPrisma = await failure(testDb().$queryRaw`select ${3_000_000_000}::bigint::int`);
    expect(dbFailure(viaPrisma)).toBe("out_of_range");
  });

  it("a deadlock is 'retry', and retryConflicts runs the victim again", async () => {
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      await a.query("begin");
      await b.query("begin");
      await a.query("select pg_advisory_xact_lock(1001)");
      await b.query("select pg_advisory_xact_lock(1002)");
      // Each waits for the other: PostgreSQL aborts one of them as the deadlock victim.
      const first = a.query("select pg_advisory_xact_lock(1002)").then(
        () => null,
        (e: unknown) => e,
      );
      const victim = await b.query("select pg_advisory_xact_lock(1001)").then(
        () => first,
        (e: unknown) => e,
      );
      expect(sqlState(victim)).toBe(SQLSTATE.deadlockDetected);
      expect(dbFailure(victim)).toBe("retry");
    } finally {
      await a.query("rollback").catch(() => {});
      await b.query("rollback").catch(() => {});
      a.release();
      b.release();
    }
    let calls = 0;
    const deadlock = Object.assign(new Error("x"), { code: SQLSTATE.deadlockDetected, severity: "ERROR" });
    expect(await retryConflicts(async () => (++calls < 3 ? Promise.reject(deadlock) : "done"))).toBe("done");
    expect(calls).toBe(3);
    // Other errors are not retried.
    calls = 0;
    await expect(
      retryConflicts(async () => {
        calls++;
        throw new Error("bug");
      }),
    ).rejects.toThrow("bug");
    expect(calls).toBe(1);
  });

  it("a server that cannot be reached is 'unavailable' through the raw pool and through Prisma", async () => {
    const closed = `postgresql://tribune:tribune@127.0.0.1:${await freePort()}/nothing`;
    const down = createPool(closed, "pos", { connectionTimeoutMillis: 500 });
    try {
      const e = await failure(rawSql(down).$queryRaw`select 1`);
      expect(e).toBeInstanceOf(DbUnavailableError);
      expect(dbFailure(e)).toBe("unavailable");
      const viaConnect = await failure(down.connect());
      expect(dbFailure(viaConnect)).toBe("unavailable");
    } finally {
      await down.end();
    }
    const prisma = createDb(closed);
    try {
      expect(dbFailure(await failure(prisma.$queryRaw`select 1`))).toBe("unavailable");
      expect(dbFailure(await failure(prisma.program.findFirst()))).toBe("unavailable");
      expect(dbFailure(await failure(prisma.$transaction(async (tx) => tx.program.findFirst())))).toBe("unavailable");
    } finally {
      await prisma.$disconnect();
    }
  });

  it("anything else is a bug", () => {
    expect(dbFailure(new Error("deadlock detected"))).toBe("bug");
    expect(dbFailure(Object.assign(new Error("x"), { code: "42601", severity: "ERROR" }))).toBe("bug");
  });
});
