// One-time codes (phone confirmation, redemption, sign-in): 6 digits, stored as a hash,
// valid 5 minutes, 5 attempts, then a new code is needed. At most 1 code a minute and 5 an
// hour per phone or email (429 with Retry-After).
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import type { Prisma } from "@/lib/generated/prisma/client";

export const CODE_TTL_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 5;
const PER_MINUTE = 1;
const PER_HOUR = 5;

export type CodePurpose = "phone_confirm" | "redemption" | "sign_in" | "email_verify" | "phone_change";

export function hashCode(id: string, code: string) {
  // Salted with the row id: equal codes never share a hash.
  return createHash("sha256").update(`${id}:${code}`).digest("hex");
}

/** Throws rate_limited when the target got a code too recently or too often. */
export async function checkRateLimit(db: Db, target: string, now: Date) {
  const recent = await db.oneTimeCode.findMany({
    where: { target, createdAt: { gt: new Date(now.getTime() - 3600_000) } },
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

/** Creates a code (after the rate limit); the caller sends it. */
export async function issueCode(
  db: Db,
  input: { programId: string; purpose: CodePurpose; target: string; customerId?: string | null; data?: Prisma.InputJsonValue; now?: Date },
): Promise<IssuedCode> {
  const now = input.now ?? new Date();
  await checkRateLimit(db, input.target, now);
  const id = createId("otp", now.getTime());
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await db.oneTimeCode.create({
    data: { id, programId: input.programId, purpose: input.purpose, target: input.target, customerId: input.customerId ?? null, codeHash: hashCode(id, code), expiresAt, data: input.data, createdAt: now },
  });
  return { id, code, expiresAt };
}

/**
 * Checks a code against the newest unconsumed code of that purpose for the target and
 * consumes it. Every wrong try counts; after 5 the code is dead and a new one is needed.
 */
export async function verifyCode(
  db: Db,
  input: { purpose: CodePurpose; target: string; code: string; customerId?: string | null; now?: Date },
): Promise<{ id: string; data: Prisma.JsonValue | null }> {
  const now = input.now ?? new Date();
  const row = await db.oneTimeCode.findFirst({
    where: { purpose: input.purpose, target: input.target, consumedAt: null, ...(input.customerId ? { customerId: input.customerId } : {}) },
    orderBy: { createdAt: "desc" },
  });
  if (!row) throw new AppError("invalid_code", "No code was requested, or it was already used: ask for a new one");
  if (row.expiresAt <= now) throw new AppError("code_expired", "The code has expired: ask for a new one");
  if (row.attempts >= row.maxAttempts) throw new AppError("too_many_attempts", "Too many wrong codes: ask for a new one");
  const expected = Buffer.from(row.codeHash, "hex");
  const given = Buffer.from(hashCode(row.id, String(input.code).trim()), "hex");
  if (!/^\d{6}$/.test(String(input.code).trim()) || !timingSafeEqual(expected, given)) {
    // Count the attempt atomically (two wrong guesses at once both count).
    const updated = await db.oneTimeCode.update({ where: { id: row.id }, data: { attempts: { increment: 1 } } });
    const left = updated.maxAttempts - updated.attempts;
    throw new AppError(left > 0 ? "invalid_code" : "too_many_attempts", left > 0 ? `Wrong code; ${left} attempt(s) left` : "Too many wrong codes: ask for a new one");
  }
  // Consume exactly once even if the right code arrives twice at the same moment.
  const consumed = await db.oneTimeCode.updateMany({ where: { id: row.id, consumedAt: null }, data: { consumedAt: now } });
  if (consumed.count !== 1) throw new AppError("invalid_code", "This code was already used");
  return { id: row.id, data: row.data };
}
