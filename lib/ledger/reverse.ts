// Returns and cancellations: give spent points back and take earned points back. What the
// balance cannot cover becomes debt, which later accruals repay first; a balance never goes negative.
import { createId } from "@/lib/ids";
import { accrue } from "./accrue";
import { expireDueLots } from "./expire";
import { postEntry } from "./post-entry";
import type { LockedAccount, Tx } from "./types";

/**
 * Gives back `amount` spent points of a receipt as a new active lot. It keeps the latest expiry
 * of the lots the receipt consumed, or `fallbackExpiresAt` when those have already expired.
 */
export async function refundPoints(tx: Tx, acc: LockedAccount, input: { amount: number; at: Date; purchaseId: string; returnId?: string | null; fallbackExpiresAt: Date | null; reason: string }) {
  if (input.amount <= 0) return;
  const [row] = await tx.$queryRaw<{ expires: Date | null; unlimited: boolean }[]>`
    select max(l."expiresAt") as expires, bool_or(l."expiresAt" is null) as unlimited
    from "LotAllocation" a join "Lot" l on l.id = a."lotId"
    where a."entryId" in (select id from "LedgerEntry" where "purchaseId" = ${input.purchaseId} and type = 'redemption' and "accountId" = ${acc.id})
       or a."holdId" in (select id from "Hold" where "purchaseId" = ${input.purchaseId} and status = 'captured' and "accountId" = ${acc.id})`;
  const expiresAt = row?.unlimited ? null : row?.expires && row.expires > input.at ? row.expires : input.fallbackExpiresAt;
  await accrue(tx, acc, {
    amount: input.amount,
    at: input.at,
    activation: { kind: "immediate" },
    expiresAt,
    reason: input.reason,
    type: "reversal",
    purchaseId: input.purchaseId,
    returnId: input.returnId,
  });
}

type LotRow = { id: string; remaining: number; held: number; active: boolean };

/**
 * Takes back `amount` earned points: first from the receipt's own lots (pending ones never
 * become spendable), then from other active lots, soonest-expiring first, then as debt.
 */
export async function reclaimPoints(
  tx: Tx,
  acc: LockedAccount,
  input: { amount: number; at: Date; purchaseId: string; lineNo?: number | null; returnId?: string | null; reason: string },
): Promise<{ fromBalance: number; debt: number }> {
  let left = input.amount;
  if (left <= 0) return { fromBalance: 0, debt: 0 };
  await expireDueLots(tx, acc, input.at);
  const refs = { purchaseId: input.purchaseId, returnId: input.returnId };
  const own = await tx.$queryRaw<LotRow[]>`
    select id, remaining, held, "activatedAt" is not null as active from "Lot"
    where "accountId" = ${acc.id} and "purchaseId" = ${input.purchaseId}
      and (${input.lineNo ?? null}::int is null or "purchaseLineNo" = ${input.lineNo ?? null}::int)
      and "expiredAt" is null and "voidedAt" is null and remaining - held > 0
    order by active asc, "createdAt" asc, id asc`;
  const others = await tx.$queryRaw<LotRow[]>`
    select id, remaining, held, true as active from "Lot"
    where "accountId" = ${acc.id} and ("purchaseId" is distinct from ${input.purchaseId})
      and "activatedAt" is not null and "expiredAt" is null and "voidedAt" is null and remaining - held > 0
    order by "expiresAt" asc nulls last, "createdAt" asc, id asc`;
  let fromBalance = 0;
  for (const lot of [...own, ...others]) {
    if (left === 0) break;
    const take = Math.min(lot.remaining - lot.held, left);
    const entryId = await postEntry(tx, acc, {
      type: "reversal",
      reason: input.reason,
      at: input.at,
      lotId: lot.id,
      ...(lot.active ? { deltaAvailable: -take } : { deltaPending: -take }),
      ...refs,
    });
    await tx.$executeRaw`
      update "Lot" set remaining = remaining - ${take},
        "voidedAt" = case when "activatedAt" is null and remaining - ${take} = 0 then ${input.at}::timestamptz else "voidedAt" end
      where id = ${lot.id}`;
    await tx.$executeRaw`insert into "LotAllocation" (id, "lotId", "entryId", amount) values (${createId("pts")}, ${lot.id}, ${entryId}, ${take})`;
    left -= take;
    fromBalance += take;
  }
  if (left > 0) {
    await postEntry(tx, acc, { type: "debt", reason: input.reason, at: input.at, deltaDebt: left, ...refs });
  }
  return { fromBalance, debt: left };
}
