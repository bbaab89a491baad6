// Spending and holding points: take them from active lots, the soonest-expiring first, and
// record which lots gave how much (LotAllocation) so returns and releases can put them back.
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { repayDebt } from "./accrue";
import { expireDueLots } from "./expire";
import { postEntry, type EntryType } from "./post-entry";
import type { EntryRefs, LockedAccount, Tx } from "./types";

type LotRow = { id: string; free: number };

/**
 * Which lots of the account may pay: all (undefined), or on the promo account only those of one
 * promotion (null: promo lots of no promotion) — with `versionId`, only those issued under that version.
 */
export type LotScope = { promotionId: string | null; versionId?: string | null } | undefined;

async function pickLots(tx: Tx, acc: LockedAccount, amount: number, at: Date, scope?: LotScope) {
  const lots = await tx.$queryRaw<LotRow[]>`
    select id, remaining - held as free from "Lot"
    where "accountId" = ${acc.id} and "activatedAt" is not null and "expiredAt" is null and "voidedAt" is null
      and remaining - held > 0 and ("expiresAt" is null or "expiresAt" > ${at})
      and (${scope === undefined}::boolean or "promotionId" is not distinct from ${scope?.promotionId ?? null}::text)
      and (${scope?.versionId === undefined}::boolean or "promotionVersionId" is not distinct from ${scope?.versionId ?? null}::text)
    order by "expiresAt" asc nulls last, "createdAt" asc, id asc`;
  const picks: { lotId: string; amount: number }[] = [];
  let left = amount;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(lot.free, left);
    picks.push({ lotId: lot.id, amount: take });
    left -= take;
  }
  if (left > 0) {
    throw new AppError("insufficient_points", `Not enough points: ${amount} requested, ${amount - left} available`);
  }
  return picks;
}

async function ensureAffordable(tx: Tx, acc: LockedAccount, amount: number, at: Date) {
  if (!Number.isInteger(amount) || amount <= 0) throw new AppError("invalid_request", "Points must be a positive integer");
  // Lots past their expiry may not have been swept by the job yet: sweep this account first.
  await expireDueLots(tx, acc, at);
  if (acc.available < amount) {
    throw new AppError("insufficient_points", `Not enough points: ${amount} requested, ${acc.available} available`);
  }
}

/** Spends points now (redemption, negative adjustment, catalog). Returns the entry id. */
export async function spend(
  tx: Tx,
  acc: LockedAccount,
  input: EntryRefs & { amount: number; at: Date; reason: string; type?: Extract<EntryType, "redemption" | "adjustment">; scope?: LotScope },
): Promise<string> {
  const { amount, at, reason, type, scope, ...refs } = input;
  await ensureAffordable(tx, acc, amount, at);
  const picks = await pickLots(tx, acc, amount, at, scope);
  const entryId = await postEntry(tx, acc, { type: type ?? "redemption", reason, at, deltaAvailable: -amount, ...refs });
  for (const p of picks) {
    await tx.$executeRaw`update "Lot" set remaining = remaining - ${p.amount} where id = ${p.lotId}`;
    await tx.$executeRaw`insert into "LotAllocation" (id, "programId", "customerId", "lotId", "entryId", amount) values (${createId("pts")}, ${acc.programId}, ${acc.customerId}, ${p.lotId}, ${entryId}, ${p.amount})`;
  }
  return entryId;
}

/** Reserves points (two-phase, phase one): they stay in their lots but nobody else can spend them. */
export async function hold(tx: Tx, acc: LockedAccount, input: { amount: number; at: Date; expiresAt: Date; purchaseId?: string | null; scope?: LotScope }): Promise<string> {
  await ensureAffordable(tx, acc, input.amount, input.at);
  const picks = await pickLots(tx, acc, input.amount, input.at, input.scope);
  const holdId = createId("hld", input.at.getTime());
  await tx.$executeRaw`
    insert into "Hold" (id, "programId", "customerId", "accountId", amount, status, "purchaseId", "expiresAt", "createdAt")
    values (${holdId}, ${acc.programId}, ${acc.customerId}, ${acc.id}, ${input.amount}, 'active', ${input.purchaseId ?? null}, ${input.expiresAt}, ${input.at})`;
  for (const p of picks) {
    await tx.$executeRaw`update "Lot" set held = held + ${p.amount} where id = ${p.lotId}`;
    await tx.$executeRaw`insert into "LotAllocation" (id, "programId", "customerId", "lotId", "holdId", amount) values (${createId("pts")}, ${acc.programId}, ${acc.customerId}, ${p.lotId}, ${holdId}, ${p.amount})`;
  }
  await postEntry(tx, acc, { type: "hold", reason: "hold", at: input.at, holdId, purchaseId: input.purchaseId, deltaAvailable: -input.amount, deltaHeld: input.amount });
  return holdId;
}

type HoldRow = { id: string; amount: number; status: string; purchaseId: string | null };

async function activeHold(tx: Tx, acc: LockedAccount, holdId: string) {
  const [h] = await tx.$queryRaw<HoldRow[]>`select id, amount, status::text as status, "purchaseId" from "Hold" where id = ${holdId} and "accountId" = ${acc.id}`;
  if (!h) throw new AppError("not_found", "Hold not found");
  if (h.status !== "active") throw new AppError("invalid_state", `Hold is already ${h.status}`);
  return h;
}

/** Phase two: the held points are spent. */
export async function captureHold(tx: Tx, acc: LockedAccount, holdId: string, at: Date, reason = "purchase") {
  const h = await activeHold(tx, acc, holdId);
  await tx.$executeRaw`
    update "Lot" l set held = l.held - a.amount, remaining = l.remaining - a.amount
    from "LotAllocation" a where a."holdId" = ${holdId} and a."lotId" = l.id`;
  await tx.$executeRaw`update "Hold" set status = 'captured', "resolvedAt" = ${at} where id = ${holdId}`;
  return postEntry(tx, acc, { type: "redemption", reason, at, holdId, purchaseId: h.purchaseId, deltaHeld: -h.amount });
}

/** Phase two, the other way: the held points return to the balance (and expire now if their lot did). */
export async function releaseHold(tx: Tx, acc: LockedAccount, holdId: string, at: Date, reason = "void") {
  const h = await activeHold(tx, acc, holdId);
  await tx.$executeRaw`
    update "Lot" l set held = l.held - a.amount
    from "LotAllocation" a where a."holdId" = ${holdId} and a."lotId" = l.id`;
  await tx.$executeRaw`update "Hold" set status = 'released', "resolvedAt" = ${at} where id = ${holdId}`;
  await postEntry(tx, acc, { type: "release", reason, at, holdId, purchaseId: h.purchaseId, deltaHeld: -h.amount, deltaAvailable: h.amount });
  await expireDueLots(tx, acc, at);
  // A return may have left a debt while these points were held: released points repay it first
  // (debt and available never coexist).
  if (acc.debt > 0) {
    const lots = await tx.$queryRaw<{ id: string; free: number }[]>`
      select l.id, l.remaining - l.held as free from "Lot" l
      where l.id in (select "lotId" from "LotAllocation" where "holdId" = ${holdId})
        and l."activatedAt" is not null and l."expiredAt" is null and l."voidedAt" is null and l.remaining - l.held > 0
      order by l."expiresAt" asc nulls last, l.id asc`;
    for (const lot of lots) {
      if (acc.debt <= 0) break;
      const left = await repayDebt(tx, acc, lot.id, lot.free, at, { holdId });
      if (left < lot.free) await tx.$executeRaw`update "Lot" set remaining = remaining - ${lot.free - left} where id = ${lot.id}`;
    }
  }
}
