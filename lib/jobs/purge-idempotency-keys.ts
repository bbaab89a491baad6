// The processing API keeps each Idempotency-Key with its answer so retries replay it. Tills
// retry within minutes; after 7 days a key is only weight, so it is removed (in batches).
import type { Db } from "@/lib/db/client";

export const IDEMPOTENCY_RETENTION_DAYS = 7;

export async function runPurgeIdempotencyKeys(db: Db, now: Date): Promise<Record<string, number>> {
  const before = new Date(now.getTime() - IDEMPOTENCY_RETENTION_DAYS * 86_400_000);
  let deleted = 0;
  for (;;) {
    const n = await db.$executeRaw`
      delete from "IdempotencyKey" where id in (select id from "IdempotencyKey" where "createdAt" < ${before} order by "createdAt" limit 5000)`;
    deleted += n;
    if (n < 5000) return { deleted };
  }
}
