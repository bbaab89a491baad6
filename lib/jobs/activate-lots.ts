// Job: pending lots whose date has come become spendable (ticket lots wait for validation instead).
import type { Db } from "@/lib/db/client";
import { activateLot, lockAccounts } from "@/lib/ledger";

type Due = { lotId: string; programId: string; customerId: string; kind: "main" | "promo" };

export async function runActivateLots(db: Db, now: Date, batch = 500): Promise<{ lots: number }> {
  let lots = 0;
  for (;;) {
    const due = await db.$queryRaw<Due[]>`
      select l.id as "lotId", a."programId", a."customerId", a.kind::text as kind from "Lot" l join "Account" a on a.id = l."accountId"
      where l.activation = 'date' and l."activatedAt" is null and l."voidedAt" is null and l."expiredAt" is null and l."availableAt" <= ${now}
      order by l."availableAt" limit ${batch}`;
    if (!due.length) break;
    for (const d of due) {
      lots += await db.$transaction(async (tx) => {
        const acc = await lockAccounts(tx, d.programId, d.customerId);
        // Re-read under the lock: another worker may have activated it meanwhile.
        const lot = await tx.lot.findFirst({ where: { id: d.lotId, activatedAt: null, voidedAt: null, expiredAt: null } });
        if (!lot) return 0;
        await activateLot(tx, acc[d.kind], lot, now, "activation-date");
        return 1;
      });
    }
    if (due.length < batch) break;
  }
  return { lots };
}
