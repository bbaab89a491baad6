// Shared types of the ledger.
import type { Prisma } from "@/lib/generated/prisma/client";

export type Tx = Prisma.TransactionClient;
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
