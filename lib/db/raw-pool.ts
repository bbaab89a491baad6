// The processing API's hot path (calculate, confirm) talks to PostgreSQL through node-postgres
// directly: measured on this machine, a raw query through Prisma's client costs ~0.18 ms of
// Node CPU against ~0.05 ms through pg, and a confirm runs ~15 statements (docs/benchmarks.md).
// A connection is offered as an `Sql` (lib/db/sql.ts) — only the two tagged-template methods,
// with Prisma's parameter and result conventions (int8 → bigint) — so the same domain functions
// run on a Prisma transaction or a pg connection, and an ORM call there fails to type-check.
import { createHash } from "node:crypto";
import pg from "pg";
import { databaseUrl } from "@/lib/db/url";
import { env } from "@/lib/env";
import { retryConflicts, sqlState, SQLSTATE } from "./errors";
import { executeText, UnrenderableValue } from "./literal";
import { sharedPool } from "./pool";
import type { Sql, Statement } from "./sql";

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
  // A frozen array is passed as it is (its literal is kept per array: lib/db/literal.ts); node-postgres renders a bigint in one as text too.
  if (Array.isArray(v)) return Object.isFrozen(v) ? v : v.map(toParam);
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

// The statements prepared on each connection (by node-postgres, at their first run there).
const preparedOn = new WeakMap<pg.ClientBase, Set<string>>();

function prepared(client: pg.ClientBase): Set<string> {
  let names = preparedOn.get(client);
  if (!names) preparedOn.set(client, (names = new Set()));
  return names;
}

async function runPrepared(client: pg.PoolClient | pg.Pool, strings: TemplateStringsArray, values: unknown[]): Promise<pg.QueryResult> {
  const { text, name, params } = compile(strings, values);
  const result = await client.query({ name, text, values: params });
  if (client instanceof pg.Client) prepared(client).add(name);
  return result;
}

/** A pg connection (or the pool, for single statements outside a transaction) as an `Sql`. */
export function rawSql(client: pg.PoolClient | pg.Pool): Sql {
  return {
    async $queryRaw<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T> {
      return (await runPrepared(client, strings, values)).rows as T;
    },
    async $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
      return (await runPrepared(client, strings, values)).rowCount ?? 0;
    },
  };
}

/** What a transaction's `commit` answered: anything but COMMIT (an aborted transaction answers ROLLBACK) kept nothing. */
export class CommitFailed extends Error {
  constructor(command: string | undefined) {
    super(`commit answered ${command ?? "nothing"}: the transaction was rolled back`);
    this.name = "CommitFailed";
  }
}

function checkCommit(r: pg.QueryResult | undefined): void {
  if (r?.command !== "COMMIT") throw new CommitFailed(r?.command);
}

/**
 * One transaction on one connection, in as few round trips as node-postgres allows (it does not
 * pipeline): `begin` is sent with the transaction's first statement, and `commit` with its last
 * one when the caller knows which that is (`last`), as one simple-protocol string
 * (`begin; execute "tr_…"(…)`) — when that statement is already prepared on the connection, so it
 * runs with its cached plan (lib/db/literal.ts). Otherwise (the first use on a connection, or a
 * value a literal cannot carry) each goes in its own round trip, as before.
 * A statement that fails aborts the rest of its string: `commit` never runs after a failed
 * statement, and the caller rolls back. A failed `commit` (a deferred trigger's error, SQLSTATE
 * TR001) rejects the statement it was sent with.
 */
/** Utility statements that answer nothing: a savepoint, a transaction-local setting. */
const SAVEPOINT = /^\s*(?:savepoint [a-z_]+|set local [a-z_]+ = [a-z_]+)\s*$/i;
/** What SQL's `execute` runs: a prepared query (not a utility statement such as `rollback to savepoint`). */
const DML = /^\s*(select|with|insert|update|delete)\b/i;

class RawTransaction {
  /** The transaction has started (`begin` sent, or waiting in `pending` for the first statement). */
  private begun = false;
  /** `commit` was sent with a statement: nothing may run after it. */
  committed = false;
  /** Statements that answer nothing (`begin`, `savepoint x`), sent with the next statement. */
  private pending: string[] = [];
  /** A read sent right after `begin`, with the first statement (`probe`). */
  private probed: { statement: Statement; check: (rows: unknown[]) => void } | null = null;

  constructor(private readonly client: pg.PoolClient) {}

  /** The transaction's statements. */
  readonly sql: Sql = {
    $queryRaw: async <T>(strings: TemplateStringsArray, ...values: unknown[]) => (await this.run(strings, values, false)).rows as T,
    $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => (await this.run(strings, values, false)).rowCount ?? 0,
  };

  /** The transaction's last statement: sent with `commit`; after it the transaction is over. */
  readonly last: Sql = {
    $queryRaw: async <T>(strings: TemplateStringsArray, ...values: unknown[]) => (await this.run(strings, values, true)).rows as T,
    $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => (await this.run(strings, values, true)).rowCount ?? 0,
  };

  /**
   * `statement` goes to the server right after `begin`, in the first statement's round trip, and
   * `check` sees its rows before anything else does: what it throws fails that statement (and the
   * transaction, which the caller rolls back). A commit is never sent before `check` has passed.
   * Only before the transaction's first statement.
   */
  probe(statement: Statement, check: (rows: unknown[]) => void): void {
    if (this.begun) throw new Error("a probe after the transaction's first statement");
    this.probed = { statement, check };
  }

  private async run(strings: TemplateStringsArray, values: unknown[], commit: boolean): Promise<pg.QueryResult> {
    if (this.committed) throw new Error("a statement after the transaction's commit");
    if (!this.begun) {
      this.begun = true;
      this.pending.push("begin");
    }
    // A savepoint or `set local` answers nothing: it goes with the next statement (its failure fails that one).
    if (!commit && values.length === 0 && SAVEPOINT.test(strings[0])) {
      this.pending.push(strings[0].trim());
      return { command: "SAVEPOINT", rowCount: 0, rows: [] } as unknown as pg.QueryResult;
    }
    const probe = this.probed;
    // The probe's check comes before any commit: the commit then goes in a round trip of its own.
    const withCommit = commit && !probe;
    const combined = this.combined(strings, values, withCommit);
    if (combined !== null) {
      const head = this.pending.length + (probe ? 1 : 0);
      this.pending = [];
      this.probed = null;
      if (withCommit) this.committed = true;
      let results: pg.QueryResult[];
      try {
        results = (await this.client.query(combined)) as unknown as pg.QueryResult[];
      } catch (e) {
        // Did the statement fail (then `commit` never ran, the transaction is open but aborted,
        // and the caller may roll back to a savepoint) or the commit (then there is none)?
        if (withCommit) this.committed = !(await this.stillOpen());
        throw e;
      }
      if (probe) probe.check(results[1].rows);
      if (withCommit) checkCommit(results[head + 1]);
      else if (commit) await this.commit();
      return results[head];
    }
    if (this.pending.length) {
      const pending = this.pending.join("; ");
      this.pending = [];
      await this.client.query(pending);
    }
    if (probe) await this.runProbe();
    const result = await runPrepared(this.client, strings, values);
    if (commit) await this.commit();
    return result;
  }

  /** The probe in a round trip of its own (its statement not yet prepared here, or no statement followed). */
  private async runProbe(): Promise<void> {
    const probe = this.probed!;
    this.probed = null;
    probe.check((await runPrepared(this.client, probe.statement.strings, probe.statement.values)).rows);
  }

  /**
   * After a string with `commit` failed: true when the transaction is still open (aborted). Asked
   * of the server — node-postgres reports an error before the ReadyForQuery that carries the
   * transaction status — with a statement that fails only in an aborted transaction (SQLSTATE
   * 25P02) and changes nothing outside one. One round trip, on this failure path only.
   */
  private async stillOpen(): Promise<boolean> {
    try {
      await this.client.query("select 1");
      return false;
    } catch (e) {
      return sqlState(e) === SQLSTATE.inFailedTransaction;
    }
  }

  /** `[begin; savepoint …; ]execute …[; commit]` when it saves a round trip, else null. */
  private combined(strings: TemplateStringsArray, values: unknown[], commit: boolean): string | null {
    if ((!this.pending.length && !commit) || !DML.test(strings[0]) || env().POS_COMBINED_ROUND_TRIPS === "0") return null;
    const statement = this.executeText(strings, values);
    if (statement === null) return null;
    if (!this.probed) return [...this.pending, statement, ...(commit ? ["commit"] : [])].join("; ");
    // The probe goes right after `begin` (the first entry of `pending` while it waits).
    const probe = this.executeText(this.probed.statement.strings, this.probed.statement.values);
    if (probe === null) return null;
    return [this.pending[0], probe, ...this.pending.slice(1), statement, ...(commit ? ["commit"] : [])].join("; ");
  }

  /** `execute "tr_…"(literals)` of a statement prepared on this connection, else null. */
  private executeText(strings: TemplateStringsArray, values: unknown[]): string | null {
    const { name, params } = compile(strings, values);
    if (!prepared(this.client).has(name)) return null;
    try {
      return executeText(name, params);
    } catch (e) {
      if (e instanceof UnrenderableValue) return null; // the bind parameter fails as it always did
      throw e;
    }
  }

  /** `begin` reached the server: the transaction must end with commit or rollback. */
  get open(): boolean {
    return this.begun && this.pending[0] !== "begin";
  }

  /** Ends a transaction that is still open (one that ran no statement has nothing to end). */
  async commit(): Promise<void> {
    // No statement carried the probe: it runs alone (outside the transaction when none began).
    if (this.probed) await this.runProbe();
    if (!this.open || this.committed) return;
    this.committed = true;
    this.pending = []; // savepoints no statement followed
    checkCommit(await this.client.query("commit"));
  }
}

/** The request's transaction: its statements, and its last statement sent with `commit`. */
export interface RawTx {
  sql: Sql;
  /** Only for a statement after which the caller runs none in this transaction: it commits it. */
  last: Sql;
  /** A read sent with the transaction's first statement, whose rows `check` sees first (RawTransaction#probe). */
  probe(statement: Statement, check: (rows: unknown[]) => void): void;
}

/**
 * Runs `fn` in one transaction on a pooled connection (READ COMMITTED, like Prisma's). A
 * serialization failure or deadlock runs the whole transaction again (up to 3 attempts), so `fn`
 * must do nothing outside the database that it cannot repeat.
 */
export function withRawTransaction<T>(fn: (sql: Sql, tx: RawTx) => Promise<T>): Promise<T> {
  return retryConflicts(() => oneRawTransaction(fn));
}

async function oneRawTransaction<T>(fn: (sql: Sql, tx: RawTx) => Promise<T>): Promise<T> {
  const client = await rawPool().connect();
  const tx = new RawTransaction(client);
  let broken = false;
  try {
    const result = await fn(tx.sql, tx);
    await tx.commit();
    return result;
  } catch (e) {
    if (tx.open) {
      try {
        // After a failed commit there is no transaction left: PostgreSQL answers with a warning.
        await client.query("rollback");
      } catch {
        broken = true;
      }
    }
    throw e;
  } finally {
    client.release(broken ? true : undefined);
  }
}
