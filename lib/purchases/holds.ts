// Voiding held receipts: on request (POST /purchases/{id}/void) and automatically once their
// TTL has passed (the void-expired-holds job). The reserved points return; nothing is earned.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Sql } from "@/lib/db/sql";
import { lockAccounts, releaseHold } from "@/lib/ledger";
import { definitionById } from "@/lib/program/in-force";
import type { PosTerminal } from "@/lib/pos/terminal-auth";
import { lockPurchase, purchaseAnswer } from "./confirm";

type Tx = Sql;

async function releaseAndVoid(tx: Tx, p: { id: string; programId: string; customerId: string | null; holdId: string | null }, now: Date, reason: string) {
  if (p.customerId && p.holdId) {
    const accounts = await lockAccounts(tx, p.programId, p.customerId);
    await releaseHold(tx, accounts.main, p.holdId, now, reason);
  }
  await tx.$executeRaw`update "Purchase" set status = 'voided', "voidedAt" = ${now} where id = ${p.id}`;
}

export async function voidPurchase(db: Db, tx: Tx, terminal: PosTerminal, purchaseId: string, now = new Date()) {
  const p = await lockPurchase(tx, terminal, purchaseId);
  if (p.status !== "held") throw new AppError("invalid_state", `The receipt is ${p.status}; only a held receipt can be voided (use cancel for a committed one)`);
  await releaseAndVoid(tx, p, now, "void");
  const def = await definitionById(db, p.programVersionId);
  return purchaseAnswer(tx, { ...p, status: "voided" }, def);
}

/**
 * Voids every held receipt whose hold expired by `now`, in small transactions. Safe to run
 * twice or concurrently: each receipt is re-checked under its row lock (SKIP LOCKED lets two
 * runs share the work instead of waiting). Returns how many receipts it voided.
 */
export async function voidExpiredHolds(db: Db, now = new Date(), batch = 200): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; programId: string; customerId: string | null; holdId: string | null }[]>`
        select id, "programId", "customerId", "holdId" from "Purchase"
        where status = 'held' and "holdExpiresAt" <= ${now}
        order by "holdExpiresAt" limit ${batch}
        for update skip locked`;
      for (const p of rows) await releaseAndVoid(tx, p, now, "hold-expired");
      return rows.length;
    }, { timeout: 60_000 });
    total += done;
    if (done < batch) return total;
  }
}
