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

/** The account must be locked by lockAccounts in this transaction. Returns the entry id. */
export async function postEntry(tx: Tx, acc: LockedAccount, e: EntryInput): Promise<string> {
  const id = createId("pts", e.at.getTime());
  const da = e.deltaAvailable ?? 0;
  const dh = e.deltaHeld ?? 0;
  const dp = e.deltaPending ?? 0;
  const dd = e.deltaDebt ?? 0;
  // One round trip: the entry and the cached balance move together (the account row is already
  // locked by lockAccounts, and the CHECK constraints on Account still guard every bucket).
  await tx.$executeRaw`
    with entry as (
      insert into "LedgerEntry" (id, "accountId", type, "deltaAvailable", "deltaHeld", "deltaPending", "deltaDebt", reason, note,
        "purchaseId", "returnId", "holdId", "lotId", "promotionId", "staffUserId", "refType", "refId", at)
      values (${id}, ${acc.id}, ${e.type}::"EntryType", ${da}, ${dh}, ${dp}, ${dd}, ${e.reason}, ${e.note ?? null},
        ${e.purchaseId ?? null}, ${e.returnId ?? null}, ${e.holdId ?? null}, ${e.lotId ?? null}, ${e.promotionId ?? null},
        ${e.staffUserId ?? null}, ${e.refType ?? null}, ${e.refId ?? null}, ${e.at})
      returning "accountId")
    update "Account" set available = available + ${da}, held = held + ${dh}, pending = pending + ${dp}, debt = debt + ${dd},
      "updatedAt" = now()
    where id = (select "accountId" from entry)`;
  acc.available += da;
  acc.held += dh;
  acc.pending += dp;
  acc.debt += dd;
  return id;
}
