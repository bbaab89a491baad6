// Retention of messaging data: one-time codes, email link tokens and rate-limit counters are
// removed a day after they stop mattering (expired / window over); the outbox keeps sent SMS and
// emails OUTBOX_RETENTION_DAYS days. Batched deletes, safe to run twice or concurrently.
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { deleteInBatches } from "./purge-idempotency-keys";

const DAY_MS = 86_400_000;

export async function runPurgeMessages(db: Db, now: Date): Promise<Record<string, number>> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  return {
    codes: await deleteInBatches(db, "OneTimeCode", "expiresAt", dayAgo),
    emailTokens: await deleteInBatches(db, "EmailToken", "expiresAt", dayAgo),
    rateCounters: await deleteInBatches(db, "RateCounter", "windowStart", dayAgo),
    outbox: await deleteInBatches(db, "OutboxMessage", "createdAt", new Date(now.getTime() - env().OUTBOX_RETENTION_DAYS * DAY_MS)),
  };
}
