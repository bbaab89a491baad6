// Idempotency of POST calls (CONTRACTS.md), per terminal: the key is claimed by an INSERT inside the same
// transaction as the call's writes, and the response is stored in it before commit. A second
// request with the same key therefore waits on the unique index until the first commits, then
// finds the stored response and replays it: never a second receipt, even at the same moment,
// across any number of server instances. If the first fails, nothing was written (the claim
// rolls back with it) and the retry runs normally.
import { createHash } from "node:crypto";
import type { Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";

type Tx = Sql;

export interface IdempotentRequest {
  storeId: string;
  terminalId: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** SHA-256 of the request body with object keys sorted (key order is not a different body). */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method} ${path}\n${stableStringify(body)}`).digest("hex");
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

export function validateIdempotencyKey(key: string | null): string | null {
  if (key === null) return null;
  if (key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AppError("invalid_request", "Idempotency-Key must be 1 to 255 visible ASCII characters", { details: [{ path: "Idempotency-Key", message: "1-255 visible ASCII characters" }] });
  }
  return key;
}

/** Claims the key, or returns the stored response of the request that claimed it first. */
export async function claimKey(tx: Tx, r: IdempotentRequest): Promise<{ id: string } | { replay: StoredResponse }> {
  const id = createId("idk");
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    insert into "IdempotencyKey" (id, "storeId", "terminalId", key, method, path, "requestHash", state, "createdAt")
    values (${id}, ${r.storeId}, ${r.terminalId}, ${r.key}, ${r.method}, ${r.path}, ${r.requestHash}, 'in_progress', now())
    on conflict ("terminalId", key) do nothing
    returning id`;
  if (inserted.length === 1) return { id };
  const [row] = await tx.$queryRaw<{ requestHash: string; state: string; responseStatus: number | null; responseBody: unknown }[]>`
    select "requestHash", state::text as state, "responseStatus", "responseBody" from "IdempotencyKey" where "terminalId" = ${r.terminalId} and key = ${r.key}`;
  if (!row) throw new AppError("request_in_progress", "A request with this Idempotency-Key is being processed; retry in a moment");
  if (row.requestHash !== r.requestHash) {
    throw new AppError("idempotency_key_reused", "This Idempotency-Key was already used with a different request");
  }
  if (row.state !== "done" || row.responseStatus === null) {
    throw new AppError("request_in_progress", "A request with this Idempotency-Key is being processed; retry in a moment");
  }
  return { replay: { status: row.responseStatus, body: row.responseBody } };
}

export async function completeKey(tx: Tx, id: string, res: StoredResponse) {
  await tx.$executeRaw`
    update "IdempotencyKey" set state = 'done', "responseStatus" = ${res.status}, "responseBody" = ${JSON.stringify(res.body)}::jsonb, "completedAt" = now()
    where id = ${id}`;
}
