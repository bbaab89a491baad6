// Job: held receipts (two-phase POS holds) not committed within their TTL are voided: the
// reserved points return to the balance, nothing is earned (lib/purchases/holds.ts).
import type { Db } from "@/lib/db/client";
import { voidExpiredHolds } from "@/lib/purchases/holds";

export async function runVoidExpiredHolds(db: Db, now: Date): Promise<{ voided: number }> {
  return { voided: await voidExpiredHolds(db, now) };
}
