// Accruals: a new lot per accrual; debt is repaid first whenever points become available.
import { createId } from "@/lib/ids";
import { postEntry, type EntryType } from "./post-entry";
import type { EntryRefs, LockedAccount, Tx } from "./types";

export type Activation = { kind: "immediate" } | { kind: "date"; availableAt: Date } | { kind: "validation" };

export interface AccrueInput extends EntryRefs {
  amount: number;
  at: Date;
  activation: Activation;
  expiresAt: Date | null;
  reason: string;
  type?: Extract<EntryType, "accrual" | "adjustment" | "reversal">;
  purchaseLineNo?: number | null;
  /**
   * The promotion whose promo points the lot holds (promo account only; spendable on its items).
   * Defaults to `promotionId` on the promo account; refunds set it without tagging the entry.
   */
  lotPromotionId?: string | null;
  /** The promotion's version the promo points are issued under (default: its version in force). */
  lotPromotionVersionId?: string | null;
}

/** Repays as much debt as `lotRemaining` allows from a just-activated lot; returns what is left in the lot. */
export async function repayDebt(tx: Tx, acc: LockedAccount, lotId: string, lotRemaining: number, at: Date, refs: EntryRefs) {
  const repay = Math.min(acc.debt, lotRemaining);
  if (repay <= 0) return lotRemaining;
  await postEntry(tx, acc, { type: "debt", reason: "debt-repayment", at, lotId, deltaAvailable: -repay, deltaDebt: -repay, ...refs });
  return lotRemaining - repay;
}

export async function accrue(tx: Tx, acc: LockedAccount, input: AccrueInput): Promise<{ lotId: string; entryId: string } | null> {
  const { amount, at, activation } = input;
  if (!Number.isInteger(amount) || amount <= 0) return null;
  const lotId = createId("lot", at.getTime());
  const activeNow = activation.kind === "immediate" || (activation.kind === "date" && activation.availableAt <= at);
  const availableAt = activation.kind === "immediate" ? at : activation.kind === "date" ? activation.availableAt : null;
  const refs: EntryRefs = {
    purchaseId: input.purchaseId,
    returnId: input.returnId,
    promotionId: input.promotionId,
    staffUserId: input.staffUserId,
    refType: input.refType,
    refId: input.refId,
    note: input.note,
  };
  const lotPromotionId = acc.kind === "promo" ? (input.lotPromotionId !== undefined ? input.lotPromotionId : (input.promotionId ?? null)) : null;
  const repays = activeNow && acc.debt > 0;
  if (!repays) {
    // The usual case in one round trip: the lot, its entry and the cached balance together.
    const entry = { type: input.type ?? "accrual", reason: input.reason, at, lotId, ...(activeNow ? { deltaAvailable: amount } : { deltaPending: amount }), ...refs } as const;
    const entryId = await postEntry(tx, acc, entry, {
      amount,
      activation: activation.kind,
      availableAt,
      activatedAt: activeNow ? at : null,
      expiresAt: input.expiresAt,
      purchaseLineNo: input.purchaseLineNo ?? null,
      promotionId: lotPromotionId,
      promotionVersionId: input.lotPromotionVersionId ?? null,
    });
    return { lotId, entryId };
  }
  await tx.$executeRaw`
    insert into "Lot" (id, "programId", "customerId", "accountId", activation, amount, remaining, "availableAt", "activatedAt", "expiresAt", "purchaseId", "purchaseLineNo", "promotionId", "promotionVersionId", "createdAt")
    values (${lotId}, ${acc.programId}, ${acc.customerId}, ${acc.id}, ${activation.kind}::"LotActivation", ${amount}, ${amount}, ${availableAt}, ${activeNow ? at : null},
      ${input.expiresAt}, ${input.purchaseId ?? null}, ${input.purchaseLineNo ?? null}, ${lotPromotionId},
      (case when ${lotPromotionId}::text is null then null
        else coalesce(${input.lotPromotionVersionId ?? null}::text, (select "currentVersionId" from "Promotion" where id = ${lotPromotionId}::text)) end), ${at})`;
  const entryId = await postEntry(tx, acc, {
    type: input.type ?? "accrual",
    reason: input.reason,
    at,
    lotId,
    deltaAvailable: amount,
    ...refs,
  });
  const left = await repayDebt(tx, acc, lotId, amount, at, refs);
  await tx.$executeRaw`update "Lot" set remaining = ${left} where id = ${lotId}`;
  return { lotId, entryId };
}

/**
 * An accrual written by a caller's own statement together with other writes (a committed
 * receipt's one write, lib/purchases/write-receipt.ts): the lot, its entry and the balance deltas.
 */
export interface PlannedAccrual {
  lotId: string;
  entryId: string;
  account: LockedAccount;
  activation: Activation["kind"];
  amount: number;
  availableAt: Date | null;
  activatedAt: Date | null;
  expiresAt: Date | null;
  purchaseLineNo: number | null;
  /** The lot's promotion (promo account) and the version its points were issued under (null: the promotion's current one). */
  lotPromotionId: string | null;
  lotPromotionVersionId: string | null;
  /** The entry's promotion. */
  promotionId: string | null;
  reason: string;
  deltaAvailable: number;
  deltaPending: number;
}

/**
 * `accrue` as data, for a caller that writes the lot, the entry and the balance in a statement of
 * its own: null for no points; undefined when the accrual must go through `accrue` (it repays debt
 * first, more than one statement). Only plain accruals (`type` accrual) with purchase references.
 */
export function planAccrual(acc: LockedAccount, input: AccrueInput): PlannedAccrual | null | undefined {
  const { amount, at, activation } = input;
  if (!Number.isInteger(amount) || amount <= 0) return null;
  const activeNow = activation.kind === "immediate" || (activation.kind === "date" && activation.availableAt <= at);
  if ((activeNow && acc.debt > 0) || (input.type ?? "accrual") !== "accrual" || input.returnId || input.staffUserId || input.refType || input.refId || input.note) return undefined;
  return {
    lotId: createId("lot", at.getTime()),
    entryId: createId("pts", at.getTime()),
    account: acc,
    activation: activation.kind,
    amount,
    availableAt: activation.kind === "immediate" ? at : activation.kind === "date" ? activation.availableAt : null,
    activatedAt: activeNow ? at : null,
    expiresAt: input.expiresAt,
    purchaseLineNo: input.purchaseLineNo ?? null,
    lotPromotionId: acc.kind === "promo" ? (input.lotPromotionId !== undefined ? input.lotPromotionId : (input.promotionId ?? null)) : null,
    lotPromotionVersionId: input.lotPromotionVersionId ?? null,
    promotionId: input.promotionId ?? null,
    reason: input.reason,
    deltaAvailable: activeNow ? amount : 0,
    deltaPending: activeNow ? 0 : amount,
  };
}

/** After the caller's statement wrote them: the accounts' cached balances move in memory (as postEntry does). */
export function appliedAccruals(planned: readonly PlannedAccrual[]) {
  for (const p of planned) {
    p.account.available += p.deltaAvailable;
    p.account.pending += p.deltaPending;
  }
}

/** Makes a pending lot spendable (its date came, or its ticket was validated). */
export async function activateLot(tx: Tx, acc: LockedAccount, lot: { id: string; remaining: number; purchaseId: string | null }, at: Date, reason: "activation-date" | "ticket-validation") {
  await tx.$executeRaw`update "Lot" set "activatedAt" = ${at}, "availableAt" = coalesce("availableAt", ${at}) where id = ${lot.id}`;
  if (lot.remaining <= 0) return;
  const refs = { purchaseId: lot.purchaseId };
  await postEntry(tx, acc, { type: "activation", reason, at, lotId: lot.id, deltaPending: -lot.remaining, deltaAvailable: lot.remaining, ...refs });
  if (acc.debt > 0) {
    const left = await repayDebt(tx, acc, lot.id, lot.remaining, at, refs);
    await tx.$executeRaw`update "Lot" set remaining = ${left} where id = ${lot.id}`;
  }
}
