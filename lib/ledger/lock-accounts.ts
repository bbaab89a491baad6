// Locking strategy of the ledger: every write to a customer's points first takes a row lock
// (SELECT … FOR UPDATE) on that customer's accounts, always in the order main → promo, inside
// the same transaction that writes the entries, lots and cached balances. Two writers on one
// customer therefore run one after the other (no lost update, no overdraft), writers on
// different customers never wait for each other, and the fixed order rules out deadlocks.
// The CHECK constraints on Account are the last line of defence if a bug slipped through.
import { createId } from "@/lib/ids";
import type { AccountKind, LockedAccount, Tx } from "./types";

type Row = { id: string; programId: string; customerId: string; kind: AccountKind; available: number; held: number; pending: number; debt: number };

/** Creates the customer's main and promo accounts when missing (idempotent). */
export async function ensureAccounts(tx: Tx, programId: string, customerId: string) {
  await tx.$executeRaw`
    insert into "Account" (id, "programId", "customerId", kind, "updatedAt")
    values (${createId("acc")}, ${programId}, ${customerId}, 'main', now()),
           (${createId("acc")}, ${programId}, ${customerId}, 'promo', now())
    on conflict ("customerId", kind) do nothing`;
}

/** Locks both accounts of a customer (creating them if needed) and returns them by kind. */
export async function lockAccounts(tx: Tx, programId: string, customerId: string): Promise<Record<AccountKind, LockedAccount>> {
  let rows = await select(tx, customerId);
  if (rows.length < 2) {
    await ensureAccounts(tx, programId, customerId);
    rows = await select(tx, customerId);
  }
  const byKind = Object.fromEntries(rows.map((r) => [r.kind, r])) as Record<AccountKind, LockedAccount>;
  return byKind;
}

function select(tx: Tx, customerId: string) {
  return tx.$queryRaw<Row[]>`
    select id, "programId", "customerId", kind::text as kind, available, held, pending, debt
    from "Account" where "customerId" = ${customerId}
    order by kind asc
    for update`;
}
