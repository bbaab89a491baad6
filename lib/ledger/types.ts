// Shared types of the ledger.
import type { Sql } from "@/lib/db/sql";

/** Ledger functions run raw statements only: on a Prisma transaction or the POS raw connection. */
export type Tx = Sql;
export type AccountKind = "main" | "promo";

export interface Balances {
  available: number;
  held: number;
  pending: number;
  debt: number;
}

export interface LockedAccount extends Balances {
  id: string;
  programId: string;
  customerId: string;
  kind: AccountKind;
}

/** References an entry may carry (receipt, return, promotion, staff user, anything else). */
export interface EntryRefs {
  purchaseId?: string | null;
  returnId?: string | null;
  holdId?: string | null;
  promotionId?: string | null;
  staffUserId?: string | null;
  refType?: string | null;
  refId?: string | null;
  note?: string | null;
}
