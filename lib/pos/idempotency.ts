// Idempotency of POST calls (CONTRACTS.md), per terminal: the key is claimed by an INSERT inside the same
// transaction as the call's writes, and the response is stored in it before commit. A second
// request with the same key therefore waits on the unique index until the first commits, then
// finds the stored response and replays it: never a second receipt, even at the same moment,
// across any number of server instances. If the first fails, nothing was written (the claim
// rolls back with it) and the retry runs normally.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { Sql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";

type Tx = Sql;

export interface IdempotentRequest {
  programId: string;
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
  return createHash("sha256")
    .update(`${method} ${path}\n${stableStringify(body)}`)
    .digest("hex");
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
    insert into "IdempotencyKey" (id, "programId", "storeId", "terminalId", key, method, path, "requestHash", state, "createdAt")
    values (${id}, ${r.programId}, ${r.storeId}, ${r.terminalId}, ${r.key}, ${r.method}, ${r.path}, ${r.requestHash}, 'in_progress', now())
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
  return { replay: { status: row.responseStatus, body: unsealSecrets(row.responseBody) } };
}

export async function completeKey(tx: Tx, id: string, res: StoredResponse) {
  await tx.$executeRaw`
    update "IdempotencyKey" set state = 'done', "responseStatus" = ${res.status}, "responseBody" = ${JSON.stringify(sealSecrets(res.body))}::jsonb, "completedAt" = now()
    where id = ${id}`;
}

// Secrets an answer shows once (a new gift certificate's PIN) are kept for the replay only
// encrypted (AES-256-GCM, key derived from AUTH_SECRET): the stored answer never holds them in clear.
const SEALED_FIELDS = ["pin"] as const;

function sealKey(): Buffer {
  return createHash("sha256")
    .update(`tribune:idempotency-seal:${env().AUTH_SECRET ?? "tribune-development-secret-not-for-production"}`)
    .digest();
}

export function sealSecrets(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const f of SEALED_FIELDS) {
    if (typeof out[f] !== "string") continue;
    const iv = randomBytes(12);
    const c = createCipheriv("aes-256-gcm", sealKey(), iv);
    const enc = Buffer.concat([c.update(out[f] as string, "utf8"), c.final()]);
    out[f] = { $sealed: Buffer.concat([iv, c.getAuthTag(), enc]).toString("base64") };
  }
  return out;
}

export function unsealSecrets(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const f of SEALED_FIELDS) {
    const v = out[f] as { $sealed?: unknown } | undefined;
    if (!v || typeof v !== "object" || typeof v.$sealed !== "string") continue;
    try {
      const raw = Buffer.from(v.$sealed, "base64");
      const d = createDecipheriv("aes-256-gcm", sealKey(), raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      out[f] = Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString("utf8");
    } catch {
      // AUTH_SECRET changed since the first answer: the secret cannot be shown again.
      out[f] = null;
    }
  }
  return out;
}
