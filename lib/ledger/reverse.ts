// Returns and cancellations: give spent points back and take earned points back. What the
// balance cannot cover becomes debt, which later accruals repay first; a balance never goes negative.
import { createId } from "@/lib/ids";
import { accrue } from "./accrue";
import { expireDueLots } from "./expire";
import { postEntry } from "./post-entry";
import type { LotScope } from "./spend";
import type { LockedAccount, Tx } from "./types";

/**
 * Gives back `amount` spent points of a receipt as a new active lot. It keeps the latest expiry
 * of the lots the receipt consumed, or `fallbackExpiresAt` when those have already expired
 * ("lifetime": as long again as those lots lived, from now — promo points of a promotion).
 * With a `scope` (promo account) only that promotion's lots count, and the new lot is that promotion's,
 * of the version the given-back points were issued under (the scope's, else that of the consumed
 * lot with the latest expiry).
 */
export async function refundPoints(
  tx: Tx,
  acc: LockedAccount,
  input: { amount: number; at: Date; purchaseId: string; returnId?: string | null; fallbackExpiresAt: Date | null | "lifetime"; reason: string; scope?: LotScope },
) {
  if (input.amount <= 0) return;
  const scope = input.scope;
  const [row] = await tx.$queryRaw<{ expires: Date | null; unlimited: boolean; lifetimeMs: number | null; version: string | null }[]>`
    select max(l."expiresAt") as expires, bool_or(l."expiresAt" is null) as unlimited,
      (array_agg(l."promotionVersionId" order by l."expiresAt" desc nulls first, l."createdAt" desc))[1] as version,
      (extract(epoch from max(l."expiresAt" - l."createdAt")) * 1000)::float8 as "lifetimeMs"
    from (
      -- Two index lookups (an allocation belongs to an entry or to a hold, never both): an OR of the
      -- two made PostgreSQL scan every allocation and lot (test/hot-query-plans.test.ts).
      select a."lotId" from "LotAllocation" a join "LedgerEntry" e on e.id = a."entryId"
      where e."purchaseId" = ${input.purchaseId} and e.type = 'redemption' and e."accountId" = ${acc.id}
      union all
      select a."lotId" from "LotAllocation" a join "Hold" h on h.id = a."holdId"
      where h."purchaseId" = ${input.purchaseId} and h.status = 'captured' and h."accountId" = ${acc.id}
    ) a join "Lot" l on l.id = a."lotId"
    where (${scope === undefined}::boolean or l."promotionId" is not distinct from ${scope?.promotionId ?? null}::text)
      and (${scope?.versionId === undefined}::boolean or l."promotionVersionId" is not distinct from ${scope?.versionId ?? null}::text)`;
  const fallback = input.fallbackExpiresAt === "lifetime" ? (row?.lifetimeMs ? new Date(input.at.getTime() + Math.round(row.lifetimeMs)) : null) : input.fallbackExpiresAt;
  const expiresAt = row?.unlimited ? null : row?.expires && row.expires > input.at ? row.expires : fallback;
  await accrue(tx, acc, {
    ...(scope ? { lotPromotionId: scope.promotionId, lotPromotionVersionId: scope.versionId !== undefined ? scope.versionId : (row?.version ?? null) } : {}),
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
  input: { amount: number; at: Date; purchaseId: string; lineNo?: number | null; returnId?: string | null; reason: string; promotionId?: string | null; scope?: LotScope },
): Promise<{ fromBalance: number; debt: number }> {
  let left = input.amount;
  if (left <= 0) return { fromBalance: 0, debt: 0 };
  await expireDueLots(tx, acc, input.at);
  // promotionId tags the entries (promo-account points a promotion gave); scope limits the lots to that promotion's.
  const refs = { purchaseId: input.purchaseId, returnId: input.returnId, promotionId: input.promotionId ?? null };
  const all = input.scope === undefined;
  const scoped = input.scope?.promotionId ?? null;
  const own = await tx.$queryRaw<LotRow[]>`
    select id, remaining, held, "activatedAt" is not null as active from "Lot"
    where "accountId" = ${acc.id} and "purchaseId" = ${input.purchaseId}
      and (${input.lineNo ?? null}::int is null or "purchaseLineNo" = ${input.lineNo ?? null}::int)
      and (${all}::boolean or "promotionId" is not distinct from ${scoped}::text)
      and "expiredAt" is null and "voidedAt" is null and remaining - held > 0
    order by active asc, "createdAt" asc, id asc`;
  const others = await tx.$queryRaw<LotRow[]>`
    select id, remaining, held, true as active from "Lot"
    where "accountId" = ${acc.id} and ("purchaseId" is distinct from ${input.purchaseId})
      and (${all}::boolean or "promotionId" is not distinct from ${scoped}::text)
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
    await tx.$executeRaw`insert into "LotAllocation" (id, "programId", "customerId", "lotId", "entryId", amount) values (${createId("pts")}, ${acc.programId}, ${acc.customerId}, ${lot.id}, ${entryId}, ${take})`;
    left -= take;
    fromBalance += take;
  }
  if (left > 0) {
    await postEntry(tx, acc, { type: "debt", reason: input.reason, at: input.at, deltaDebt: left, ...refs });
  }
  return { fromBalance, debt: left };
}
