// The node-postgres pools of the process, one per kind of work, each with its own session limits:
//   app       — Prisma's client (console, cabinet, partner portal, jobs);
//   pos       — the processing API's raw statements (lib/db/raw-pool.ts): short statement and lock
//               timeouts, so a till gets a fast 503 rather than waiting behind a stuck query, and
//               about as many connections as the database has cores to run them (POS_POOL_MAX);
//   analytics — the console's and the partner portal's analytics reads (dashboards, reports, segment
//               counts, previews, members): a few connections only, so analysts can never take the
//               tills' connections; on DATABASE_REPLICA_URL when set (lib/db/client.ts), and read-only
//               everywhere, so a write slipped onto it fails on the primary just as on a hot standby.
// Every pool sets idle_in_transaction_session_timeout: a transaction left open by a crashed
// request cannot hold its row locks for long. Failures below SQL (no connection in time, a
// refused or dropped connection) surface as DbUnavailableError, so callers classify errors by
// type and SQLSTATE (lib/db/errors.ts), never by message text.
import { availableParallelism } from "node:os";
import pg from "pg";
import { env } from "@/lib/env";
import { DbUnavailableError } from "./errors";

export type PoolRole = "app" | "pos" | "analytics";

/** pg's DatabaseError (the server answered with a SQLSTATE) passes through; anything else is a connection failure. */
function translate(where: "connect" | "query", e: unknown): unknown {
  if (e && typeof e === "object" && typeof (e as { code?: unknown }).code === "string" && typeof (e as { severity?: unknown }).severity === "string") return e;
  // A bad parameter is our bug, not an outage.
  if (e instanceof TypeError || e instanceof RangeError) return e;
  return new DbUnavailableError(where, e);
}

/**
 * A client whose promise-style queries reject with DatabaseError or DbUnavailableError only, and
 * which never crashes the process when the server goes away while it is checked out (the error
 * event has a listener; the next query on it fails and the pool replaces it).
 */
class TribuneClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on("error", (err) => console.error(`[db] connection lost (${(err as { code?: string }).code ?? "no code"})`));
  }

  override query(...args: any[]): any {
    const result = (super.query as (...a: any[]) => any)(...args);
    if (result && typeof result.then === "function") return result.catch((e: unknown) => Promise.reject(translate("query", e)));
    return result;
  }
}

/** A pool whose connect() rejects with DbUnavailableError when it cannot hand out a connection. */
export class TribunePool extends pg.Pool {
  override connect(callback?: any): any {
    if (typeof callback === "function") {
      return super.connect((err, client, done) => callback(err ? translate("connect", err) : err, client, done));
    }
    return super.connect().catch((e: unknown) => Promise.reject(translate("connect", e)));
  }
}

export interface PoolSettings {
  max: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionMs: number;
}

/**
 * The processing API's pool when POS_POOL_MAX is unset: twice the CPUs, at least 4. A confirm is a
 * few milliseconds of PostgreSQL CPU with no waits on disk, so connections beyond what the cores can
 * run at once only queue inside PostgreSQL — on shared counter and customer rows, in MultiXact
 * pages — where a wait in the pool's queue in Node costs nothing (docs/benchmarks.md, "The POS pool").
 */
export function defaultPosPoolMax(cpus: number = availableParallelism()): number {
  return Math.max(4, 2 * Math.max(1, Math.floor(cpus)));
}

export function poolSettings(role: PoolRole): PoolSettings {
  const e = env();
  switch (role) {
    case "pos":
      return {
        max: e.POS_POOL_MAX ?? defaultPosPoolMax(),
        statementTimeoutMs: e.POS_STATEMENT_TIMEOUT_MS,
        lockTimeoutMs: e.POS_LOCK_TIMEOUT_MS,
        idleInTransactionMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      };
    case "analytics":
      return { max: e.ANALYTICS_POOL_MAX, statementTimeoutMs: e.ANALYTICS_STATEMENT_TIMEOUT_MS, lockTimeoutMs: e.DB_LOCK_TIMEOUT_MS, idleInTransactionMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS };
    default:
      return { max: e.DB_POOL_MAX, statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS, lockTimeoutMs: e.DB_LOCK_TIMEOUT_MS, idleInTransactionMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS };
  }
}

export function createPool(url: string, role: PoolRole, extra: Partial<pg.PoolConfig> = {}): TribunePool {
  const s = poolSettings(role);
  const pool = new TribunePool({
    connectionString: url,
    max: s.max,
    // Fail fast when the pool is exhausted or the server is down: a till must not hang.
    connectionTimeoutMillis: env().DB_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    statement_timeout: s.statementTimeoutMs,
    ...(s.lockTimeoutMs > 0 ? { lock_timeout: s.lockTimeoutMs } : {}),
    idle_in_transaction_session_timeout: s.idleInTransactionMs,
    application_name: `tribune-${role}`,
    ...(role === "analytics" ? { options: "-c default_transaction_read_only=on" } : {}),
    Client: TribuneClient,
    ...extra,
  });
  // An idle connection dropped by the server (restart, idle timeout) is simply replaced later.
  pool.on("error", (err) => console.error(`[db] ${role} pool: idle connection lost (${(err as { code?: string }).code ?? "no code"})`));
  return pool;
}

const holder = globalThis as unknown as { __tribunePools?: Map<string, TribunePool> };

/** The process's pool for a role and URL, created on first use. */
export function sharedPool(url: string, role: Exclude<PoolRole, "app">, extra: Partial<pg.PoolConfig> = {}): TribunePool {
  holder.__tribunePools ??= new Map();
  const key = `${role} ${url}`;
  let pool = holder.__tribunePools.get(key);
  if (!pool) {
    pool = createPool(url, role, extra);
    holder.__tribunePools.set(key, pool);
  }
  return pool;
}
