// The processing API's hot path (calculate, confirm) talks to PostgreSQL through node-postgres
// directly: measured on this machine, a raw query through Prisma's client costs ~0.18 ms of
// Node CPU against ~0.05 ms through pg, and a confirm runs ~15 statements (docs/benchmarks.md).
// `RawTx` offers exactly the two tagged-template methods the ledger, tier and purchase code use
// ($queryRaw / $executeRaw), with Prisma's parameter and result conventions (int8 → bigint), so
// the same domain functions run on either a Prisma transaction or a pg connection.
import { createHash } from "node:crypto";
import pg from "pg";
import { env } from "@/lib/env";
import { databaseUrl } from "@/lib/db/url";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export const rawTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === 20) return (v: string) => BigInt(v); // int8, as Prisma returns it
    if (oid === 1700) return (v: string) => Number(v); // numeric
    return pg.types.getTypeParser(oid, format as "text");
  },
} as unknown as pg.CustomTypesConfig;

const holder = globalThis as unknown as { __tribuneRawPool?: { url: string; pool: pg.Pool } };

export function rawPool(): pg.Pool {
  const url = databaseUrl();
  if (!holder.__tribuneRawPool || holder.__tribuneRawPool.url !== url) {
    const e = env();
    const pool = new pg.Pool({ connectionString: url, max: e.DB_POOL_MAX, connectionTimeoutMillis: e.DB_CONNECT_TIMEOUT_MS, idleTimeoutMillis: 30_000, types: rawTypes });
    pool.on("error", (err) => console.error("[db] idle connection error", err.message));
    holder.__tribuneRawPool = { url, pool };
  }
  return holder.__tribuneRawPool.pool;
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

/** A pg connection seen through the part of Prisma's transaction client the domain uses. */
export function rawTx(client: pg.PoolClient | pg.Pool): Tx {
  const shim = {
    async $queryRaw<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T> {
      const { text, name, params } = compile(strings, values);
      return (await client.query({ name, text, values: params })).rows as T;
    },
    async $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
      const { text, name, params } = compile(strings, values);
      return (await client.query({ name, text, values: params })).rowCount ?? 0;
    },
  };
  // Any other client method is a programming error on this path: fail loudly.
  return new Proxy(shim, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (prop === "then") return undefined;
      throw new Error(`rawTx supports only $queryRaw and $executeRaw (called ${String(prop)})`);
    },
  }) as unknown as Tx;
}

/** Runs `fn` in one transaction on a pooled connection (READ COMMITTED, like Prisma's). */
export async function withRawTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await rawPool().connect();
  let broken = false;
  try {
    await client.query("begin");
    const result = await fn(rawTx(client));
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
