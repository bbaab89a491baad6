// The processing API keeps each Idempotency-Key with its answer so retries replay it. Tills
// retry within minutes; after 7 days a key is only weight, so it is removed (in batches).
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export const IDEMPOTENCY_RETENTION_DAYS = 7;

/** Deletes the rows of `table` whose `column` is before `before`, 5,000 at a time (short locks). */
export async function deleteInBatches(db: Db, table: string, column: string, before: Date): Promise<number> {
  const t = Prisma.raw(`"${table}"`);
  const c = Prisma.raw(`"${column}"`);
  let deleted = 0;
  for (;;) {
    const n = await db.$executeRaw`delete from ${t} where ctid in (select ctid from ${t} where ${c} < ${before} order by ${c} limit 5000)`;
    deleted += n;
    if (n < 5000) return deleted;
  }
}

export async function runPurgeIdempotencyKeys(db: Db, now: Date): Promise<Record<string, number>> {
  const before = new Date(now.getTime() - IDEMPOTENCY_RETENTION_DAYS * 86_400_000);
  return { deleted: await deleteInBatches(db, "IdempotencyKey", "createdAt", before) };
}
