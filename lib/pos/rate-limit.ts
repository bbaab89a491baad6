// Per-key rate limit of the processing API's customer lookups: a fixed-window counter row per
// terminal in the database (TerminalRateWindow), claimed with one INSERT … ON CONFLICT DO UPDATE
// … RETURNING, so parallel requests on any number of web processes can never exceed the limit.
// Attempts count even when refused: the counter is written on the pool, outside any transaction.
import { env } from "@/lib/env";
import type { Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export function lookupRateLimit(): RateLimit {
  return { limit: env().POS_LOOKUP_LIMIT, windowMs: env().POS_LOOKUP_WINDOW_S * 1000 };
}

/** Counts one lookup of the terminal; 429 rate_limited with Retry-After (seconds to the next window) past the limit. */
export async function claimLookup(sql: Sql, till: { programId: string; terminalId: string }, now: Date, rate: RateLimit = lookupRateLimit()): Promise<void> {
  const { terminalId } = till;
  const start = new Date(Math.floor(now.getTime() / rate.windowMs) * rate.windowMs);
  const [row] = await sql.$queryRaw<{ n: number }[]>`
    insert into "TerminalRateWindow" ("programId", "terminalId", "windowStart", n) values (${till.programId}, ${terminalId}, ${start}::timestamptz, 1)
    on conflict ("terminalId", "windowStart") do update set n = "TerminalRateWindow".n + 1
    returning n`;
  const n = Number(row?.n ?? 0);
  // The first lookup of a window clears the terminal's finished windows.
  if (n === 1) await sql.$executeRaw`delete from "TerminalRateWindow" where "terminalId" = ${terminalId} and "windowStart" < ${start}::timestamptz`;
  if (n > rate.limit) {
    const retryAfter = Math.max(1, Math.ceil((start.getTime() + rate.windowMs - now.getTime()) / 1000));
    throw new AppError("rate_limited", `Too many customer lookups from this terminal: at most ${rate.limit} per ${rate.windowMs / 1000} s`, { retryAfter });
  }
}
