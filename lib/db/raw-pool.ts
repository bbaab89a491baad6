// The processing API's hot path (calculate, confirm) talks to PostgreSQL through node-postgres
// directly: measured on this machine, a raw query through Prisma's client costs ~0.18 ms of
// Node CPU against ~0.05 ms through pg, and a confirm runs ~15 statements (docs/benchmarks.md).
// A connection is offered as an `Sql` (lib/db/sql.ts) — only the two tagged-template methods,
// with Prisma's parameter and result conventions (int8 → bigint) — so the same domain functions
// run on a Prisma transaction or a pg connection, and an ORM call there fails to type-check.
import { createHash } from "node:crypto";
import pg from "pg";
import { databaseUrl } from "@/lib/db/url";
import { retryConflicts } from "./errors";
import { sharedPool } from "./pool";
import type { Sql } from "./sql";

export const rawTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === 20) return (v: string) => BigInt(v); // int8, as Prisma returns it
    if (oid === 1700) return (v: string) => Number(v); // numeric
    return pg.types.getTypeParser(oid, format as "text");
  },
} as unknown as pg.CustomTypesConfig;

/** The processing API's pool (POS statement and lock timeouts, lib/db/pool.ts). */
export function rawPool(): pg.Pool {
  return sharedPool(databaseUrl(), "pos", { types: rawTypes });
}

function toParam(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return v.map(toParam);
  return v;
}

// Statements are prepared once per connection (named by their text's hash): PostgreSQL then
// skips parsing and planning on every later call, which is most of its work for these small
// statements. A tagged template's `strings` array is the same object on every call, so the
// name is computed once per call site.
const names = new WeakMap<TemplateStringsArray, { text: string; name: string }>();

function compile(strings: TemplateStringsArray, values: unknown[]): { text: string; name: string; params: unknown[] } {
  let hit = names.get(strings);
  if (!hit) {
    let text = strings[0];
    for (let i = 0; i < values.length; i++) text += `$${i + 1}${strings[i + 1]}`;
    hit = { text, name: `tr_${createHash("sha1").update(text).digest("hex").slice(0, 20)}` };
    names.set(strings, hit);
  }
  return { text: hit.text, name: hit.name, params: values.map(toParam) };
}

/** A pg connection (or the pool, for single statements outside a transaction) as an `Sql`. */
export function rawSql(client: pg.PoolClient | pg.Pool): Sql {
  return {
    async $queryRaw<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T> {
      const { text, name, params } = compile(strings, values);
      return (await client.query({ name, text, values: params })).rows as T;
    },
    async $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
      const { text, name, params } = compile(strings, values);
      return (await client.query({ name, text, values: params })).rowCount ?? 0;
    },
  };
}

/**
 * Runs `fn` in one transaction on a pooled connection (READ COMMITTED, like Prisma's). A
 * serialization failure or deadlock runs the whole transaction again (up to 3 attempts), so `fn`
 * must do nothing outside the database that it cannot repeat.
 */
export function withRawTransaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
  return retryConflicts(() => oneRawTransaction(fn));
}

async function oneRawTransaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await rawPool().connect();
  let broken = false;
  try {
    await client.query("begin");
    const result = await fn(rawSql(client));
    await client.query("commit");
    return result;
  } catch (e) {
    try {
      await client.query("rollback");
    } catch {
      broken = true;
    }
    throw e;
  } finally {
    client.release(broken ? true : undefined);
  }
}
