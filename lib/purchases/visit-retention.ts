// The visits' monthly partitions ("Visit" is partitioned by month of "at", migration
// visit_partitions): the months ahead created before they are needed, and the months past the
// retention taken offline (docs/scaling.md, "Partitions and retention"). The partitions themselves
// are lib/db/partitions.ts's, as for the ledger.
//
// The rule. Months go offline oldest first, each once it ended at least `retentionMonths` whole
// months before the current one (at least 13, so every segment window of 365 days and its
// comparison month stay online; 0 keeps everything). Nothing else holds a month: no table
// references a visit by a foreign key (a survey references the visit's key), and the segments'
// activity summary ("CustomerActivity", "CustomerActivityMonth") keeps the month's counts — a
// detached partition fires no delete trigger. What stays for ever is the month's keys ("VisitKey"):
// the once-per-event rule outlives the visit, so an event validated again after its month went
// offline still counts nothing; a key of an offline visit names it by (visitId, visitAt).
// Taking a month offline, in one transaction with short lock waits: a "VisitArchive" row, DETACH
// PARTITION, then the table dropped (`archive: "drop"`) or moved to the visit_archive schema with
// its foreign keys dropped (an archived month is history: it never holds a key or a customer in place).
import type { Db } from "@/lib/db/client";
import { archiveHorizon, detachMonth, ensureMonthPartitions, ident, listMonthPartitions, retentionCutoff } from "@/lib/db/partitions";

export const VISIT_TABLE = "Visit";
export const VISIT_ARCHIVE_SCHEMA = "visit_archive";

export interface VisitRetentionOptions {
  /** Whole months of visits kept online; 0 keeps everything. */
  retentionMonths: number;
  /** "schema": keep the detached table in visit_archive; "drop": delete it. */
  archive: "schema" | "drop";
}

/** Creates Visit's monthly partitions from the current month to `monthsAhead` months ahead. */
export function ensureVisitPartitions(db: Db, now: Date, monthsAhead: number): Promise<string[]> {
  return ensureMonthPartitions(db, VISIT_TABLE, "at", now, monthsAhead);
}

/** Takes offline every month of visits that ended at least `retentionMonths` months before the current one, oldest first. */
export async function retireVisitMonths(db: Db, now: Date, opts: VisitRetentionOptions): Promise<{ partition: string; visits: number }[]> {
  if (opts.retentionMonths <= 0) return [];
  const cutoff = retentionCutoff(now, opts.retentionMonths);
  const retired: { partition: string; visits: number }[] = [];
  for (const p of await listMonthPartitions(db, VISIT_TABLE)) {
    if (p.to > cutoff) break;
    const visits = await db.$transaction(
      async (tx) => {
        // The tills never wait long on this: a busy moment makes the job try again tomorrow.
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '5s'`);
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = 0`);
        await tx.$executeRawUnsafe(`LOCK TABLE ${ident(p.name)} IN SHARE MODE`);
        const [{ n }] = await tx.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from ${ident(p.name)}`);
        await tx.$executeRawUnsafe(`insert into "VisitArchive" (partition, "from", "to", visits, dropped) values ($1, $2, $3, $4, $5)`, p.name, p.from, p.to, n, opts.archive === "drop");
        await detachMonth(tx, VISIT_TABLE, p, { archive: opts.archive, schema: VISIT_ARCHIVE_SCHEMA, dropForeignKeys: true });
        return n;
      },
      { timeout: 600_000, maxWait: 10_000 },
    );
    retired.push({ partition: p.name, visits });
  }
  return retired;
}

/** Visits before this instant are offline (their counts live on in the activity summary). Null: nothing archived. */
export async function visitHorizon(db: Pick<Db, "$queryRawUnsafe">): Promise<Date | null> {
  return archiveHorizon(db, "VisitArchive");
}
