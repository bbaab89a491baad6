// Writes one ledger entry and moves the account's cached balance by the same deltas.
import { createId } from "@/lib/ids";
import type { EntryRefs, LockedAccount, Tx } from "./types";

export type EntryType = "accrual" | "activation" | "redemption" | "reversal" | "expiry" | "adjustment" | "debt" | "hold" | "release";

export interface EntryInput extends EntryRefs {
  type: EntryType;
  reason: string;
  at: Date;
  lotId?: string | null;
  deltaAvailable?: number;
  deltaHeld?: number;
  deltaPending?: number;
  deltaDebt?: number;
}

/** A new lot the entry opens (`e.lotId` is its id), written in the same statement. */
export interface NewLot {
  amount: number;
  activation: "immediate" | "date" | "validation";
  availableAt: Date | null;
  activatedAt: Date | null;
  expiresAt: Date | null;
  purchaseLineNo: number | null;
  /** Promo account: the promotion whose items the points are spendable on. */
  promotionId: string | null;
  /** …and the version they were issued under (absent with a promotion: its version in force now). */
  promotionVersionId?: string | null;
}

/**
 * The account must be locked by lockAccounts in this transaction. Returns the entry id. With
 * `lot`, the lot is inserted by the same statement (an accrual: lot, entry and balance in one
 * round trip).
 */
export async function postEntry(tx: Tx, acc: LockedAccount, e: EntryInput, lot?: NewLot): Promise<string> {
  const id = createId("pts", e.at.getTime());
  const da = e.deltaAvailable ?? 0;
  const dh = e.deltaHeld ?? 0;
  const dp = e.deltaPending ?? 0;
  const dd = e.deltaDebt ?? 0;
  // One round trip: the entry and the cached balance move together (the account row is already
  // locked by lockAccounts, and the CHECK constraints on Account still guard every bucket).
  if (lot) {
    await tx.$executeRaw`
      with lot as (
        insert into "Lot" (id, "programId", "customerId", "accountId", activation, amount, remaining, "availableAt", "activatedAt", "expiresAt", "purchaseId", "purchaseLineNo", "promotionId", "promotionVersionId", "createdAt")
        values (${e.lotId}, ${acc.programId}, ${acc.customerId}, ${acc.id}, ${lot.activation}::"LotActivation", ${lot.amount}, ${lot.amount}, ${lot.availableAt}, ${lot.activatedAt},
          ${lot.expiresAt}, ${e.purchaseId ?? null}, ${lot.purchaseLineNo}, ${lot.promotionId},
          (case when ${lot.promotionId}::text is null then null
            else coalesce(${lot.promotionVersionId ?? null}::text, (select "currentVersionId" from "Promotion" where id = ${lot.promotionId}::text)) end), ${e.at})
        returning id),
      entry as (
        insert into "LedgerEntry" (id, "programId", "customerId", "accountId", type, "deltaAvailable", "deltaHeld", "deltaPending", "deltaDebt", reason, note,
          "purchaseId", "returnId", "holdId", "lotId", "promotionId", "staffUserId", "refType", "refId", at)
        values (${id}, ${acc.programId}, ${acc.customerId}, ${acc.id}, ${e.type}::"EntryType", ${da}, ${dh}, ${dp}, ${dd}, ${e.reason}, ${e.note ?? null},
          ${e.purchaseId ?? null}, ${e.returnId ?? null}, ${e.holdId ?? null}, (select id from lot), ${e.promotionId ?? null},
          ${e.staffUserId ?? null}, ${e.refType ?? null}, ${e.refId ?? null}, ${e.at})
        returning "accountId")
      update "Account" set available = available + ${da}, held = held + ${dh}, pending = pending + ${dp}, debt = debt + ${dd},
        "updatedAt" = now()
      where id = (select "accountId" from entry)`;
  } else {
    await tx.$executeRaw`
    with entry as (
      insert into "LedgerEntry" (id, "programId", "customerId", "accountId", type, "deltaAvailable", "deltaHeld", "deltaPending", "deltaDebt", reason, note,
        "purchaseId", "returnId", "holdId", "lotId", "promotionId", "staffUserId", "refType", "refId", at)
      values (${id}, ${acc.programId}, ${acc.customerId}, ${acc.id}, ${e.type}::"EntryType", ${da}, ${dh}, ${dp}, ${dd}, ${e.reason}, ${e.note ?? null},
        ${e.purchaseId ?? null}, ${e.returnId ?? null}, ${e.holdId ?? null}, ${e.lotId ?? null}, ${e.promotionId ?? null},
        ${e.staffUserId ?? null}, ${e.refType ?? null}, ${e.refId ?? null}, ${e.at})
      returning "accountId")
    update "Account" set available = available + ${da}, held = held + ${dh}, pending = pending + ${dp}, debt = debt + ${dd},
      "updatedAt" = now()
    where id = (select "accountId" from entry)`;
  }
  acc.available += da;
  acc.held += dh;
  acc.pending += dp;
  acc.debt += dd;
  return id;
}
