// One-time codes (phone confirmation, redemption, sign-in, phone change): 6 digits, stored as an
// HMAC keyed with AUTH_SECRET, valid 5 minutes, 5 attempts, then a new code is needed.
// Issuing is serialised per target and purpose (advisory lock): at most 1 code a minute and 5 an
// hour per phone and purpose under any concurrency (429 with Retry-After); a public request is
// also limited per client address per hour, the program by an hourly SMS budget, and phones by
// the program's allow-list of country calling codes (SMS pumping).
// Attempts are claimed by a conditional UPDATE before comparing, on a connection outside the
// request's transaction, so a failed guess counts even when the request rolls back.
import { randomInt } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { definitionAt } from "@/lib/program/in-force";
import type { Prisma } from "@/lib/generated/prisma/client";
import { claimCounter, hourStart, inTransaction, lockKey, sameHash, secondsToNextHour, secretHash } from "./limits";

export const CODE_TTL_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 5;
const PER_MINUTE = 1;
const PER_HOUR = 5;

export type CodePurpose = "phone_confirm" | "redemption" | "sign_in" | "email_verify" | "phone_change";

/** The stored hash of a code: keyed with AUTH_SECRET and salted with the row id. */
export function hashCode(id: string, code: string) {
  return secretHash("otp", id, code);
}

/** Whether `code` is the code of the row (constant time). */
export function codeMatches(row: { id: string; codeHash: string }, code: string): boolean {
  const c = String(code).trim();
  return /^\d{6}$/.test(c) && sameHash(row.codeHash, hashCode(row.id, c));
}

const isPhone = (target: string) => target.startsWith("+");

/** Refuses phones outside the program's allow-list of country calling codes. */
async function checkCountry(db: Db, programId: string, phone: string, now: Date) {
  const { definition } = await definitionAt(db, programId, now);
  const prefixes = definition.messaging.smsCountryPrefixes;
  if (!prefixes.some((p) => phone.startsWith(`+${p}`))) {
    throw new AppError("sms_country_not_allowed", `This program sends codes only to phones starting with ${prefixes.map((p) => `+${p}`).join(", ")}`, {
      details: [{ path: "phone", message: "sms_country_not_allowed" }],
    });
  }
  return definition.messaging.smsPerHour;
}

/** Throws rate_limited when this target got a code of this purpose too recently or too often. Call under the target's lock. */
async function checkTargetLimit(db: Db, target: string, purpose: CodePurpose, now: Date) {
  const recent = await db.oneTimeCode.findMany({
    where: { target, purpose, createdAt: { gt: new Date(now.getTime() - 3600_000) } },
    select: { createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const lastMinute = recent.filter((r) => r.createdAt.getTime() > now.getTime() - 60_000);
  if (lastMinute.length >= PER_MINUTE) {
    const retry = Math.ceil((lastMinute[0].createdAt.getTime() + 60_000 - now.getTime()) / 1000);
    throw new AppError("rate_limited", "A code was sent less than a minute ago; wait before asking again", { retryAfter: Math.max(retry, 1) });
  }
  if (recent.length >= PER_HOUR) {
    const retry = Math.ceil((recent[0].createdAt.getTime() + 3600_000 - now.getTime()) / 1000);
    throw new AppError("rate_limited", "Too many codes this hour for this number; try later", { retryAfter: Math.max(retry, 1) });
  }
}

export interface IssuedCode {
  id: string;
  code: string;
  expiresAt: Date;
}

/**
 * Creates a code after every limit passed; the caller sends it. Runs in `db` when it is a
 * transaction (the till's request: the lock is held until it commits), else in its own.
 * `ip` is the client address of a public request (none for tills).
 */
export async function issueCode(
  db: Db,
  input: { programId: string; purpose: CodePurpose; target: string; customerId?: string | null; data?: Prisma.InputJsonValue; ip?: string | null; now?: Date },
): Promise<IssuedCode> {
  const now = input.now ?? new Date();
  const budget = isPhone(input.target) ? await checkCountry(db, input.programId, input.target, now) : null;
  return inTransaction(db, async (tx) => {
    await lockKey(tx, `otp:${input.programId}:${input.purpose}:${input.target}`);
    await checkTargetLimit(tx, input.target, input.purpose, now);
    if (input.ip && !(await claimCounter(tx, `otp-ip:${input.ip}`, hourStart(now), env().CODES_PER_IP_PER_HOUR))) {
      throw new AppError("rate_limited", "Too many codes requested from this address this hour; try later", { retryAfter: secondsToNextHour(now) });
    }
    if (budget !== null && !(await claimCounter(tx, `sms-budget:${input.programId}`, hourStart(now), budget))) {
      throw new AppError("rate_limited", "The program's hourly SMS budget is spent; try later", { retryAfter: secondsToNextHour(now) });
    }
    const id = createId("otp", now.getTime());
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
    await tx.oneTimeCode.create({
      data: {
        id,
        programId: input.programId,
        purpose: input.purpose,
        target: input.target,
        customerId: input.customerId ?? null,
        codeHash: hashCode(id, code),
        expiresAt,
        data: input.data,
        requestIp: input.ip ?? null,
        createdAt: now,
      },
    });
    return { id, code, expiresAt };
  });
}

/**
 * Takes one attempt of the code, atomically and before any comparison: the attempts left after
 * it, or null when none was left (or the code was used meanwhile). `db` must not be the
 * request's transaction, so the attempt survives its rollback.
 */
export async function claimAttempt(db: Db, codeId: string): Promise<number | null> {
  const rows = await db.$queryRaw<{ left: number }[]>`
    update "OneTimeCode" set attempts = attempts + 1
    where id = ${codeId} and attempts < "maxAttempts" and "consumedAt" is null
    returning "maxAttempts" - attempts as left`;
  return rows.length ? Number(rows[0].left) : null;
}

/**
 * Checks a code against the newest unconsumed code of that purpose for the target and consumes
 * it. Every try takes an attempt first (claimAttempt on `attemptsDb`, the pool outside the
 * request's transaction; defaults to `db` when that is the pool); after 5 the code is dead.
 */
export async function verifyCode(
  db: Db,
  input: { purpose: CodePurpose; target: string; code: string; customerId?: string | null; now?: Date },
  attemptsDb: Db = db,
): Promise<{ id: string; data: Prisma.JsonValue | null }> {
  const now = input.now ?? new Date();
  const row = await db.oneTimeCode.findFirst({
    where: { purpose: input.purpose, target: input.target, consumedAt: null, ...(input.customerId ? { customerId: input.customerId } : {}) },
    orderBy: { createdAt: "desc" },
  });
  if (!row) throw new AppError("invalid_code", "No code was requested, or it was already used: ask for a new one");
  if (row.expiresAt <= now) throw new AppError("code_expired", "The code has expired: ask for a new one");
  const left = await claimAttempt(attemptsDb, row.id);
  if (left === null) throw new AppError("too_many_attempts", "Too many wrong codes: ask for a new one");
  if (!codeMatches(row, input.code)) {
    throw new AppError(left > 0 ? "invalid_code" : "too_many_attempts", left > 0 ? `Wrong code; ${left} attempt(s) left` : "Too many wrong codes: ask for a new one");
  }
  // Consume exactly once even if the right code arrives twice at the same moment.
  const consumed = await db.oneTimeCode.updateMany({ where: { id: row.id, consumedAt: null }, data: { consumedAt: now } });
  if (consumed.count !== 1) throw new AppError("invalid_code", "This code was already used");
  return { id: row.id, data: row.data };
}
