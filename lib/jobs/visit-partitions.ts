// The visits' monthly partitions (lib/purchases/visit-retention.ts): the months ahead created before
// they are needed (VISIT_PARTITIONS_AHEAD), and the months past VISIT_RETENTION_MONTHS taken offline
// (VISIT_ARCHIVE: kept in the visit_archive schema or dropped). Their keys stay: once per event holds for ever.
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ensureVisitPartitions, retireVisitMonths } from "@/lib/purchases/visit-retention";

export async function runVisitPartitions(db: Db, now: Date): Promise<Record<string, number>> {
  const e = env();
  const created = await ensureVisitPartitions(db, now, e.VISIT_PARTITIONS_AHEAD);
  const retired = await retireVisitMonths(db, now, { retentionMonths: e.VISIT_RETENTION_MONTHS, archive: e.VISIT_ARCHIVE });
  return { created: created.length, retired: retired.length, visitsArchived: retired.reduce((s, r) => s + r.visits, 0) };
}
