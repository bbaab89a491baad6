// The one shape of a processing-API route handler: authenticate the terminal, read and validate
// the request with the operation's schema, run the domain in the operation's kind of transaction
// (with its idempotency claim), answer with the operation's status in the contract's shape.
// Plain Request → Response, so tests call handlers directly.
//   export const POST = posRoute(operations.confirmPurchase, ({ ctx, input }) => confirmPurchase(ctx, input).then(receiptAnswer));
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { db, posDb } from "@/lib/db/client";
import { dbFailure, retryConflicts, sqlState } from "@/lib/db/errors";
import { rawPool, rawSql, withRawTransaction, type RawTx } from "@/lib/db/raw-pool";
import type { Sql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { apiSecurityHeaders } from "@/lib/security/headers";
import { AppError, errorBody, zodDetails } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrmContext, PosContext } from "@/lib/purchases/context";
import { claimKey, completeKey, requestHash, validateIdempotencyKey, type StoredResponse } from "./idempotency";
import type { Operation, Transaction } from "./operations";
import { authenticateTill, rememberedTill, terminalKeyHash, TillChanged, type TillAuth } from "./terminal-auth";
import { claimLookup } from "./rate-limit";

type Params = { params: Promise<Record<string, string | string[]>> };

/** Bodies bigger than this are refused before parsing (a 500-line basket is ~100 KB). */
export const MAX_BODY_BYTES = 512 * 1024;

/** Operations that use the ORM get the Prisma transaction and after-commit steps; the others plain statements. */
export type ContextOf<T extends Transaction> = T extends "orm" ? OrmContext : PosContext;

export interface PosCall<Req extends z.ZodType, T extends Transaction> {
  ctx: ContextOf<T>;
  input: z.infer<Req>;
  /** Path parameters (`id`). */
  params: Record<string, string>;
}

function requestId() {
  return `req_${randomBytes(6).toString("hex")}`;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...apiSecurityHeaders(), "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
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
  const tooBig = () => new AppError("invalid_request", `The body is larger than ${MAX_BODY_BYTES} bytes`);
  if (Number(req.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) throw tooBig();
  let text: string;
  try {
    text = await req.text();
  } catch {
    // The till went away mid-request (the answer cannot reach it anyway): not our error.
    throw new AppError("invalid_request", "The request was aborted by the client");
  }
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooBig();
  if (text.trim() === "") throw new AppError("invalid_json", "The body must be a JSON object");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON");
  }
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("invalid_request", "The request is invalid", { details: zodDetails(parsed.error.issues) });
  return parsed.data;
}

export function posRoute<Req extends z.ZodType, Res extends z.ZodType, T extends Transaction>(operation: Operation<Req, Res, T>, handle: (call: PosCall<Req, T>) => Promise<z.infer<Res>>) {
  return async (req: Request, routeCtx?: Params): Promise<Response> => {
    const rid = requestId();
    const pool = rawSql(rawPool());
    const withStamp = operation.promotions === true;
    // A raw transaction may start from the terminal this process last saw with the key: its row is
    // read again with the transaction's first statement (no round trip of its own) and must match.
    let remembered: ReturnType<typeof rememberedTill> = null;
    let confirmed = false;
    try {
      const now = new Date();
      if (operation.transaction === "sql" && env().POS_REMEMBER_TERMINALS === "1") remembered = rememberedTill(pool, terminalKeyHash(req.headers.get("authorization")), withStamp);
      let auth: TillAuth = remembered ?? (await authenticateTill(pool, req.headers.get("authorization"), withStamp));
      if (operation.rateLimited) await claimLookup(pool, { programId: auth.till.programId, terminalId: auth.till.terminalId }, now);
      const params = await flatParams(routeCtx);
      const path = new URL(req.url).pathname;
      const isPost = operation.method === "post";
      const key = isPost ? validateIdempotencyKey(req.headers.get("idempotency-key")) : null;
      const raw = isPost ? await readJson(req) : Object.fromEntries(new URL(req.url).searchParams);
      const input = parseWith(operation.request, raw);
      const after: (() => Promise<void>)[] = [];
      let replayed = false;

      const answer = async (sql: Sql, orm?: Prisma.TransactionClient, last?: Sql): Promise<StoredResponse> => {
        after.length = 0; // a retried transaction starts over
        const base: PosContext = { db: db(), sql, till: auth.till, now, promotionsStamp: auth.promotionsStamp, last };
        const ctx = (orm ? { ...base, orm, afterCommit: (fn: () => Promise<void>) => after.push(fn) } : base) as ContextOf<T>;
        return { status: operation.status, body: await handle({ ctx, input, params }) };
      };
      // The key is claimed in the same transaction as the operation's writes (lib/pos/idempotency.ts).
      // `tx` (a raw transaction): its last statement can carry the commit — the domain's own when
      // nothing follows it, else the key's completion.
      const once = async (sql: Sql, orm?: Prisma.TransactionClient, tx?: RawTx): Promise<StoredResponse> => {
        const till = auth.till;
        if (!key || !operation.idempotent) return answer(sql, orm, tx?.last);
        const claim = await claimKey(sql, { programId: till.programId, storeId: till.store.id, terminalId: till.terminalId, key, method: "POST", path, requestHash: requestHash("POST", path, raw) });
        if ("replay" in claim) {
          replayed = true;
          return claim.replay;
        }
        const res = await answer(sql, orm);
        await completeKey(tx?.last ?? sql, claim.id, res);
        return res;
      };
      const inRawTransaction = () =>
        withRawTransaction((sql, tx) => {
          const r = remembered;
          if (r) tx.probe(r.probe, (rows) => (r.check(rows), (confirmed = true)));
          return once(sql, undefined, tx);
        });

      let result: StoredResponse;
      if (operation.transaction === "none") result = await answer(pool);
      else if (operation.transaction === "sql") {
        try {
          result = await inRawTransaction();
        } catch (e) {
          if (!(e instanceof TillChanged)) throw e;
          // The key's row changed (revoked, moved, the promotions' stamp): everything again from it.
          remembered = null;
          auth = await authenticateTill(pool, req.headers.get("authorization"), withStamp);
          result = await inRawTransaction();
        }
      } else result = await retryConflicts(() => posDb().$transaction((tx) => once(tx, tx), { maxWait: 5_000, timeout: 15_000 }));

      for (const fn of after) await fn().catch((e) => console.error(`[pos] ${rid} after-commit step failed`, e));
      return json(result.status, result.body, { "x-request-id": rid, ...(replayed ? { "idempotent-replayed": "true" } : {}) });
    } catch (e) {
      // A request that failed before the remembered terminal was confirmed answers as an unknown,
      // revoked or unapproved key would have first.
      if (remembered && !confirmed) {
        try {
          await authenticateTill(pool, req.headers.get("authorization"), withStamp);
        } catch (authError) {
          return errorResponse(toAppError(authError, rid), rid);
        }
      }
      return errorResponse(toAppError(e, rid), rid);
    }
  };
}
