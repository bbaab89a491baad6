// The receipts' monthly partitions (lib/purchases/purchase-retention.ts): the months ahead of
// Purchase and PurchaseLine created before they are needed (PURCHASE_PARTITIONS_AHEAD), and the
// months past PURCHASE_RETENTION_MONTHS taken offline once the ledger's retention took their entries
// and no open hold, lot with points or recent return needs them (PURCHASE_ARCHIVE: kept in the
// purchase_archive schema or dropped). Their keys (ReceiptKey) stay: a receipt number is used once for ever.
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ensurePurchasePartitions, retirePurchaseMonths } from "@/lib/purchases/purchase-retention";

export async function runPurchasePartitions(db: Db, now: Date): Promise<Record<string, number>> {
  const e = env();
  const { created, waiting } = await ensurePurchasePartitions(db, now, e.PURCHASE_PARTITIONS_AHEAD);
  const { retired, blocked } = await retirePurchaseMonths(db, now, { retentionMonths: e.PURCHASE_RETENTION_MONTHS, archive: e.PURCHASE_ARCHIVE });
  if (blocked) console.warn(`[purchase-partitions] ${blocked.partition} stays online: ${blocked.rows} rows (${blocked.reason})`);
  if (waiting.length) console.warn(`[purchase-partitions] months waiting for rows in a default partition: ${waiting.join(", ")}`);
  return { created: created.length, waiting: waiting.length, retired: retired.length, receiptsArchived: retired.reduce((s, r) => s + r.receipts, 0) };
}
