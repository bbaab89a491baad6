// Database-enforced limits of codes and messages, and the keyed hash of codes and link tokens.
// Never read-check-write: a target is serialised by a transaction-scoped advisory lock, and
// counters over many targets are claimed by one conditional upsert.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";

const DEV_KEY = "tribune-development-code-key";

/**
 * HMAC-SHA256 of the parts keyed with AUTH_SECRET: a stolen table of hashes of 6-digit codes
 * cannot be brute-forced without the secret. Outside production a fixed development key.
 */
export function secretHash(...parts: string[]): string {
  const e = env();
  const key = e.AUTH_SECRET ?? (e.NODE_ENV === "production" ? undefined : DEV_KEY);
  if (!key) throw new Error("AUTH_SECRET is not set");
  return createHmac("sha256", key).update(parts.join("\u0000")).digest("hex");
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** Runs fn in a transaction: `db` itself when it already is one (a Prisma transaction client has no $transaction). */
export async function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  if (typeof (db as { $transaction?: unknown }).$transaction !== "function") return fn(db);
  return db.$transaction((tx) => fn(tx as unknown as Db), { maxWait: 10_000, timeout: 20_000 });
}

/** Waits for, then holds until the transaction ends, the lock of `key` (one code request per target at a time). */
export async function lockKey(tx: Db, key: string) {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

export function hourStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 3600_000) * 3600_000);
}

/** Seconds until the end of `now`'s hour (Retry-After of an hourly counter). */
export function secondsToNextHour(now: Date): number {
  return Math.max(1, Math.ceil((hourStart(now).getTime() + 3600_000 - now.getTime()) / 1000));
}

/**
 * Takes one unit of `key`'s counter for the window, atomically: false when `limit` units are
 * already taken (parallel claims cannot overshoot: the upsert's WHERE runs on the locked row).
 */
export async function claimCounter(db: Db, key: string, windowStart: Date, limit: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ used: number }[]>`
    insert into "RateCounter" (key, "windowStart", used) values (${key}, ${windowStart}, 1)
    on conflict (key, "windowStart") do update set used = "RateCounter".used + 1 where "RateCounter".used < ${limit}
    returning used`;
  return rows.length === 1 && rows[0].used <= limit;
}
