// The ledger's monthly partitions (lib/ledger/retention.ts): the months ahead created before they
// are needed (LEDGER_PARTITIONS_AHEAD), and the months past LEDGER_RETENTION_MONTHS taken offline
// when nothing the ledger still does needs them (LEDGER_ARCHIVE: kept in the ledger_archive schema or dropped).
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ensureLedgerPartitions, retireLedgerMonths } from "@/lib/ledger/retention";

export async function runLedgerPartitions(db: Db, now: Date): Promise<Record<string, number>> {
  const e = env();
  const created = await ensureLedgerPartitions(db, now, e.LEDGER_PARTITIONS_AHEAD);
  const { retired, blocked } = await retireLedgerMonths(db, now, { retentionMonths: e.LEDGER_RETENTION_MONTHS, archive: e.LEDGER_ARCHIVE });
  if (blocked) console.warn(`[ledger-partitions] ${blocked.partition} stays online: ${blocked.rows} entries (${blocked.reason})`);
  return {
    created: created.length,
    retired: retired.length,
    entriesArchived: retired.reduce((s, r) => s + r.entries, 0),
    carriedForward: retired.reduce((s, r) => s + r.accounts, 0),
    blocked: blocked ? 1 : 0,
  };
}
