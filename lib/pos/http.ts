// The thin HTTP shell of the processing API: authenticate the terminal, read and validate the
// body, run the operation in ONE short transaction (with its idempotency claim), answer in
// the contract's shape. Plain Request → Response, so tests can call handlers directly.
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { db, posDb, type Db } from "@/lib/db/client";
import { dbFailure, retryConflicts, sqlState } from "@/lib/db/errors";
import { rawPool, rawSql, withRawTransaction } from "@/lib/db/raw-pool";
import type { Sql } from "@/lib/db/sql";
import { AppError, errorBody, zodDetails } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { claimKey, completeKey, requestHash, validateIdempotencyKey, type StoredResponse } from "./idempotency";
import { authenticateTerminal, type PosTerminal } from "./terminal-auth";

type Orm = Prisma.TransactionClient;
type Params = { params: Promise<Record<string, string | string[]>> };

/** Bodies bigger than this are refused before parsing (a 500-line basket is ~100 KB). */
export const MAX_BODY_BYTES = 512 * 1024;

export interface PosCall<B> {
  db: Db;
  /** Queries outside the transaction, on the raw pool (the hot path's reads). */
  q: Sql;
  /** The transaction's raw statements (a pg connection, or the Prisma transaction below). */
  tx: Sql;
  /** The Prisma transaction, for the operations that use the ORM (registration, codes); absent on the raw path. */
  orm?: Orm;
  terminal: PosTerminal;
  body: B;
  params: Record<string, string>;
  /** Work to do once the transaction committed (sending an SMS). */
  afterCommit(fn: () => Promise<void>): void;
}

export interface PosResult {
  status?: number;
  body: unknown;
}

function requestId() {
  return `req_${randomBytes(6).toString("hex")}`;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/**
 * Everything a handler did not turn into an AppError itself: database failures by SQLSTATE or by
 * the connection layer's error type (lib/db/errors.ts), never by message text.
 */
function toAppError(e: unknown, rid: string): AppError {
  if (e instanceof AppError) return e;
  switch (dbFailure(e)) {
    case "retry":
    case "busy":
      return new AppError("unavailable", "The loyalty service is busy; retry in a moment", { retryAfter: 1 });
    case "unavailable":
      console.error(`[pos] ${rid} database unavailable (${sqlState(e) ?? (e as Error)?.name ?? "unknown"})`);
      return new AppError("unavailable", "The loyalty service is unavailable; retry in a moment", { retryAfter: 5 });
    case "out_of_range":
      return new AppError("invalid_request", "A number in the request is too large to be stored");
    default:
      console.error(`[pos] ${rid} internal error`, e);
      return new AppError("internal_error", "Internal error; the request changed nothing");
  }
}

function errorResponse(err: AppError, rid: string) {
  const headers: Record<string, string> = { "x-request-id": rid };
  if (err.retryAfter) headers["retry-after"] = String(err.retryAfter);
  return json(err.status, errorBody(err, rid), headers);
}

async function flatParams(ctx?: Params): Promise<Record<string, string>> {
  const raw = ctx ? await ctx.params : {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) out[k] = Array.isArray(v) ? v.join("/") : v;
  return out;
}

async function readJson(req: Request): Promise<unknown> {
  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) throw new AppError("invalid_request", `The body is larger than ${MAX_BODY_BYTES} bytes`);
  let text: string;
  try {
    text = await req.text();
  } catch {
    // The till went away mid-request (the answer cannot reach it anyway): not our error.
    throw new AppError("invalid_request", "The request was aborted by the client");
  }
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("invalid_request", `The body is larger than ${MAX_BODY_BYTES} bytes`);
  if (text.trim() === "") throw new AppError("invalid_json", "The body must be a JSON object");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON");
  }
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("invalid_request", "The request is invalid", { details: zodDetails(parsed.error.issues) });
  return parsed.data;
}

/**
 * A POST of the processing API: authenticated, validated, idempotent, one transaction. With
 * `raw`, the transaction runs on the node-postgres pool (lib/db/raw-pool.ts) — for operations
 * whose code uses only $queryRaw / $executeRaw inside the transaction (confirm).
 */
export function posPost<S extends z.ZodType>(schema: S, run: (call: PosCall<z.infer<S>>) => Promise<PosResult>, opts: { raw?: boolean } = {}) {
  return async (req: Request, ctx?: Params): Promise<Response> => {
    const rid = requestId();
    try {
      const database = db();
      const q = rawSql(rawPool());
      const terminal = await authenticateTerminal(q, req.headers.get("authorization"));
      const key = validateIdempotencyKey(req.headers.get("idempotency-key"));
      const raw = await readJson(req);
      const body = parseWith(schema, raw);
      const params = await flatParams(ctx);
      const path = new URL(req.url).pathname;
      const after: (() => Promise<void>)[] = [];
      let replayed = false;
      const inTransaction = async (tx: Sql, orm?: Orm): Promise<StoredResponse> => {
          after.length = 0;
          let claimId: string | null = null;
          if (key) {
            const claim = await claimKey(tx, { storeId: terminal.store.id, key, method: "POST", path, requestHash: requestHash("POST", path, raw) });
            if ("replay" in claim) {
              replayed = true;
              return claim.replay;
            }
            claimId = claim.id;
          }
          const out = await run({ db: database, q, tx, orm, terminal, body, params, afterCommit: (fn) => after.push(fn) });
          const res = { status: out.status ?? 200, body: out.body };
          if (claimId) await completeKey(tx, claimId, res);
          return res;
      };
      const result = opts.raw
        ? await withRawTransaction((sql) => inTransaction(sql))
        : await retryConflicts(() => posDb().$transaction((tx) => inTransaction(tx, tx), { maxWait: 5_000, timeout: 15_000 }));
      for (const fn of after) await fn().catch((e) => console.error(`[pos] ${rid} after-commit step failed`, e));
      return json(result.status, result.body, { "x-request-id": rid, ...(replayed ? { "idempotent-replayed": "true" } : {}) });
    } catch (e) {
      return errorResponse(toAppError(e, rid), rid);
    }
  };
}

/** A GET of the processing API: authenticated, query validated, no transaction. */
export function posGet<S extends z.ZodType>(schema: S, run: (call: { db: Db; q: Sql; terminal: PosTerminal; query: z.infer<S>; params: Record<string, string> }) => Promise<PosResult>) {
  return async (req: Request, ctx?: Params): Promise<Response> => {
    const rid = requestId();
    try {
      const database = db();
      const q = rawSql(rawPool());
      const terminal = await authenticateTerminal(q, req.headers.get("authorization"));
      const query = parseWith(schema, Object.fromEntries(new URL(req.url).searchParams));
      const out = await run({ db: database, q, terminal, query, params: await flatParams(ctx) });
      return json(out.status ?? 200, out.body, { "x-request-id": rid });
    } catch (e) {
      return errorResponse(toAppError(e, rid), rid);
    }
  };
}

/** A POST that writes nothing (calculate): authenticated and validated, no transaction, no idempotency record. */
export function posPostReadOnly<S extends z.ZodType>(schema: S, run: (call: { db: Db; q: Sql; terminal: PosTerminal; body: z.infer<S> }) => Promise<PosResult>) {
  return async (req: Request): Promise<Response> => {
    const rid = requestId();
    try {
      const database = db();
      const q = rawSql(rawPool());
      const terminal = await authenticateTerminal(q, req.headers.get("authorization"));
      validateIdempotencyKey(req.headers.get("idempotency-key"));
      const body = parseWith(schema, await readJson(req));
      const out = await run({ db: database, q, terminal, body });
      return json(out.status ?? 200, out.body, { "x-request-id": rid });
    } catch (e) {
      return errorResponse(toAppError(e, rid), rid);
    }
  };
}
