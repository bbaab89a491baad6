// Expiry: points of a lot past its expiry date leave the balance (held points wait for their hold).
import { postEntry } from "./post-entry";
import type { LockedAccount, Tx } from "./types";

export type DueLot = { id: string; remaining: number; held: number; active: boolean; purchaseId: string | null };

/**
 * Expires every due lot of one locked account. Idempotent: an expired lot is never touched again.
 * `due`: the account's due lots, read by the caller after the lock (ordered by expiry, then id).
 */
export async function expireDueLots(tx: Tx, acc: LockedAccount, at: Date, due?: readonly DueLot[]): Promise<number> {
  const lots =
    due ??
    (await tx.$queryRaw<DueLot[]>`
    select id, remaining, held, "activatedAt" is not null as active, "purchaseId" from "Lot"
    where "accountId" = ${acc.id} and "expiredAt" is null and "voidedAt" is null and "expiresAt" <= ${at}
    order by "expiresAt", id`);
  let total = 0;
  for (const lot of lots) {
    const amount = lot.remaining - lot.held;
    if (amount > 0) {
      await postEntry(tx, acc, {
        type: "expiry",
        reason: "expiry",
        at,
        lotId: lot.id,
        purchaseId: lot.purchaseId,
        ...(lot.active ? { deltaAvailable: -amount } : { deltaPending: -amount }),
      });
      total += amount;
    }
    await tx.$executeRaw`
      update "Lot" set remaining = remaining - ${Math.max(amount, 0)},
        "expiredAt" = case when held = 0 then ${at}::timestamptz else null end
      where id = ${lot.id}`;
  }
  return total;
}
