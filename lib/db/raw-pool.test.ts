import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { scratchDatabase, testDatabaseUrl, testDb } from "@/test/db";
import { CommitFailed, rawPool, rawSql, rawTypes, withRawTransaction, type RawTx } from "./raw-pool";
import type { Sql } from "./sql";

const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2, types: rawTypes });
afterAll(() => pool.end());

describe("rawSql: Prisma's raw-query conventions on node-postgres", () => {
  it("returns what Prisma's $queryRaw returns for the same statement", async () => {
    const raw = rawSql(pool);
    const at = new Date("2026-11-22T09:00:00.123Z");
    const q = (sql: Sql) => sql.$queryRaw<Record<string, unknown>[]>`
      select ${42}::int as i, ${BigInt("9007199254740993")}::bigint as big, count(*) as n, ${at}::timestamptz as t,
        ${["a", "b"]}::text[] as arr, ${JSON.stringify({ k: 1 })}::jsonb as j, ${null}::text as nothing, ${true}::boolean as flag`;
    const [viaRaw] = await q(raw);
    // A Prisma client is an Sql too: the same domain code runs on both.
    const [viaPrisma] = await q(testDb());
    expect(viaRaw).toEqual(viaPrisma);
    expect(viaRaw).toEqual({ i: 42, big: BigInt("9007199254740993"), n: BigInt(1), t: at, arr: ["a", "b"], j: { k: 1 }, nothing: null, flag: true });
  });

  it("$executeRaw returns the affected row count; an Sql has no ORM methods (a type error, not a run-time surprise)", async () => {
    const raw = rawSql(pool);
    expect(await raw.$executeRaw`select 1 from generate_series(1, 3)`).toBe(3);
    // @ts-expect-error — the raw path offers no ORM calls; this line would not compile without the directive.
    expect(raw.customer).toBeUndefined();
    expect(Object.keys(raw).sort()).toEqual(["$executeRaw", "$queryRaw"]);
  });
});

describe("withRawTransaction: begin with the first statement, commit with the last", () => {
  // Every string the POS pool's connections are sent, one per round trip.
  const sent: string[] = [];
  const original = pg.Client.prototype.query;
  // The table, trigger and function these tests make live in a scratch database of their own:
  // left in the shared test database they would be drift to the schema test (and were, in CI).
  let pool: pg.Pool;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const scratch = await scratchDatabase();
    drop = scratch.drop;
    pool = new pg.Pool({ connectionString: scratch.url, max: 2, types: rawTypes });
    process.env.DATABASE_URL = scratch.url;
    resetEnvCache();
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      sent.push(typeof first === "string" ? first : `(prepared) ${first?.text ?? ""}`);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
    // A deferred foreign key fails at commit, as the promotions' counter trigger does (TR001).
    await pool.query(`create table if not exists raw_tx_test (id int primary key, note text, parent int references raw_tx_test (id) deferrable initially deferred)`);
  });
  afterAll(async () => {
    pg.Client.prototype.query = original;
    await rawPool().end();
    await pool.end();
    await drop();
  });
  const rows = async (id: number) => (await pool.query(`select note from raw_tx_test where id = $1`, [id])).rows;
  const insert = (sql: Sql, id: number, note: string, parent: number | null = null) => sql.$executeRaw`insert into raw_tx_test (id, note, parent) values (${id}, ${note}, ${parent})`;
  // Warm every connection of the pool: a statement goes with `begin`/`commit` only where it is prepared.
  const warm = () => Promise.all(Array.from({ length: 45 }, (_, i) => withRawTransaction((sql) => sql.$queryRaw`select ${i}::int as i, ${"x"}::text as n`)));
  const lastOf = <T>(fn: (sql: Sql, tx: RawTx) => Promise<T>) =>
    withRawTransaction(async (sql, tx) => {
      sent.length = 0;
      return fn(sql, tx);
    });

  it("a prepared statement shares its round trip with begin, and the last one with commit: two round trips for three statements", async () => {
    const base = 1000 + Math.floor(Math.random() * 1e6);
    const first = (sql: Sql) => sql.$queryRaw<{ n: bigint }[]>`select count(*) as n from raw_tx_test where id >= ${base}`;
    for (let i = 0; i < 60; i++) await withRawTransaction(async (sql, tx) => (await first(sql), insert(tx.last, base + 100 + i, "warm")));
    sent.length = 0;
    const id = base + 1;
    const note = "it's \\ a 'note' — ünï 🎄";
    const [n] = await withRawTransaction(async (sql, tx) => {
      const r = await first(sql);
      await insert(tx.last, id, note);
      return r;
    });
    expect(n.n).toBe(BigInt(60));
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^begin; execute "tr_[0-9a-f]+"\('\d+'\)$/);
    expect(sent[1]).toMatch(/^execute "tr_[0-9a-f]+"\(.*\); commit$/);
    expect(await rows(id)).toEqual([{ note }]);
  });

  it("an error in the first statement: nothing after it runs, the transaction rolls back", async () => {
    await warm();
    const id = 2_000_000 + Math.floor(Math.random() * 1e6);
    await withRawTransaction((sql) => insert(sql, id, "first"));
    sent.length = 0;
    const err = await withRawTransaction(async (sql) => {
      await insert(sql, id, "again"); // a unique violation
      return "unreachable";
    }).catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe("23505");
    expect(sent.at(-1)).toBe("rollback");
    expect(await rows(id)).toEqual([{ note: "first" }]);
  });

  it("a commit that fails (a deferred constraint) rejects the statement it was sent with, and keeps nothing", async () => {
    await warm();
    const id = 3_000_000 + Math.floor(Math.random() * 1e6);
    let attempts = 0;
    const err = await lastOf(async (sql, tx) => {
      attempts++;
      await insert(sql, id, "kept?");
      return insert(tx.last, id + 1, "orphan", -1);
    }).catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe("23503");
    expect(attempts).toBe(1);
    expect(sent.some((s) => s.endsWith("; commit"))).toBe(true);
    expect(await rows(id)).toEqual([]);
    expect(await rows(id + 1)).toEqual([]);
  });

  it("a failed commit that retryConflicts retries (SQLSTATE TR001) runs the whole transaction again", async () => {
    await warm();
    await pool.query(`create or replace function raw_tx_test_refuse() returns trigger language plpgsql as $$
      begin if new.note = 'refuse' then raise exception 'refused at commit' using errcode = 'TR001'; end if; return null; end $$`);
    await pool.query(`drop trigger if exists raw_tx_test_refuse on raw_tx_test`);
    await pool.query(`create constraint trigger raw_tx_test_refuse after insert on raw_tx_test deferrable initially deferred for each row execute function raw_tx_test_refuse()`);
    const id = 4_000_000 + Math.floor(Math.random() * 1e6);
    let attempts = 0;
    await withRawTransaction(async (sql, tx) => {
      attempts++;
      await sql.$queryRaw`select 1 as one`;
      return insert(tx.last, id, attempts === 1 ? "refuse" : "second");
    });
    expect(attempts).toBe(2);
    expect(await rows(id)).toEqual([{ note: "second" }]);
  });

  it("a statement that fails where it was sent with commit leaves the transaction open: back to a savepoint, then the last statement again", async () => {
    await warm();
    const id = 7_000_000 + Math.floor(Math.random() * 1e6);
    await withRawTransaction((sql) => insert(sql, id, "taken"));
    sent.length = 0;
    const note = await withRawTransaction(async (sql, tx) => {
      await sql.$queryRaw`select 1 as one`;
      await sql.$executeRaw`savepoint receipt_write`;
      const failed = await insert(tx.last, id, "duplicate").catch((e: { code?: string }) => e.code);
      expect(failed).toBe("23505");
      await sql.$executeRaw`rollback to savepoint receipt_write`;
      await insert(tx.last, id + 1, "second try");
      return "done";
    });
    expect(note).toBe("done");
    expect(sent.some((s) => s.startsWith("savepoint receipt_write; execute") && s.endsWith("; commit"))).toBe(true);
    expect(await rows(id + 1)).toEqual([{ note: "second try" }]);
  });

  it("a statement after the commit is refused; a commit of an aborted transaction is an error, never success", async () => {
    await warm();
    const id = 5_000_000 + Math.floor(Math.random() * 1e6);
    await expect(
      withRawTransaction(async (sql, tx) => {
        await insert(tx.last, id, "committed");
        return sql.$queryRaw`select 1 as one`;
      }),
    ).rejects.toThrow(/after the transaction's commit/);
    expect(await rows(id)).toEqual([{ note: "committed" }]);
    // An error swallowed inside the transaction leaves it aborted: PostgreSQL answers the commit with ROLLBACK.
    await expect(
      withRawTransaction(async (sql) => {
        await insert(sql, id + 1, "lost");
        await insert(sql, id, "duplicate").catch(() => null);
        return "looks fine";
      }),
    ).rejects.toBeInstanceOf(CommitFailed);
    expect(await rows(id + 1)).toEqual([]);
  });

  it("POS_COMBINED_ROUND_TRIPS=0: begin, each statement and commit in round trips of their own", async () => {
    await warm();
    process.env.POS_COMBINED_ROUND_TRIPS = "0";
    resetEnvCache();
    try {
      const id = 8_000_000 + Math.floor(Math.random() * 1e6);
      await lastOf(async (sql, tx) => {
        await sql.$queryRaw`select ${1}::int as i, ${"x"}::text as n`;
        return insert(tx.last, id, "apart");
      });
      expect(sent.map((s) => s.split(" ")[0])).toEqual(["begin", "(prepared)", "(prepared)", "commit"]);
      expect(await rows(id)).toEqual([{ note: "apart" }]);
    } finally {
      delete process.env.POS_COMBINED_ROUND_TRIPS;
      resetEnvCache();
    }
  });

  it("a value a literal cannot carry (NUL) goes as a bind parameter, which fails as it always did", async () => {
    await warm();
    const err = await withRawTransaction((sql, tx) => insert(tx.last, 6_000_000, "a\0b")).catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe("22021");
  });
});
