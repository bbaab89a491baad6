import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl, testDb } from "@/test/db";
import { rawSql, rawTypes } from "./raw-pool";
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
