// Job: expire every lot past its expiry date, one account (one short transaction) at a time.
import type { Db } from "@/lib/db/client";
import { expireDueLots, lockAccounts } from "@/lib/ledger";

export async function runExpireLots(db: Db, now: Date, batch = 500): Promise<{ accounts: number; points: number }> {
  let accounts = 0;
  let points = 0;
  for (;;) {
    const due = await db.$queryRaw<{ programId: string; customerId: string }[]>`
      select distinct a."programId", a."customerId" from "Lot" l join "Account" a on a.id = l."accountId"
      where l."expiredAt" is null and l."voidedAt" is null and l."expiresAt" <= ${now} and l.remaining - l.held > 0
      limit ${batch}`;
    if (!due.length) break;
    for (const d of due) {
      points += await db.$transaction(async (tx) => {
        const acc = await lockAccounts(tx, d.programId, d.customerId);
        return (await expireDueLots(tx, acc.main, now)) + (await expireDueLots(tx, acc.promo, now));
      });
      accounts += 1;
    }
    if (due.length < batch) break;
  }
  return { accounts, points };
}
