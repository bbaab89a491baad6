// Held receipts (two-phase): commit (the held points are spent, the receipt earns) or void (the
// reserved points return, nothing is earned) — on request, or automatically once the TTL passed
// (the void-expired-holds job). A hold is committed with the rules it was priced with.
import { creditGiftCards } from "@/lib/giftcards/pos";
import type { Db } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { captureHold, lockAccounts, releaseHold } from "@/lib/ledger";
import { definitionById } from "@/lib/program/in-force";
import type { PosContext } from "./context";
import { countPurchase, earnPoints, type EarnLine, type PendingPoints } from "./earn";
import type { ReceiptOutcome } from "./outcome";
import { lockPurchase, purchaseLines, storedReceipt } from "./stored-receipt";
import { commitHeldPromotions, releasePromotions } from "@/lib/promotions/reserve";
import { programBasics } from "@/lib/program/in-force";
import { finishPromotions } from "./promotions";

/** POST /purchases/{id}/commit: a held receipt becomes a normal one (held points spent, points earned). */
export async function commitPurchase(ctx: PosContext, purchaseId: string): Promise<ReceiptOutcome> {
  const { sql, now } = ctx;
  const p = await lockPurchase(ctx, purchaseId);
  if (p.status !== "held") throw new AppError("invalid_state", `The receipt is ${p.status}, not held`);
  if (p.holdExpiresAt && p.holdExpiresAt <= now) throw new AppError("invalid_state", `The hold expired at ${p.holdExpiresAt.toISOString()}; the receipt is voided`);
  const def = await definitionById(ctx.db, p.programVersionId);
  let pending: PendingPoints = [];
  let issued: string[] = [];
  await commitHeldPromotions(sql, p.id);
  if (p.customerId) {
    const accounts = await lockAccounts(sql, p.programId, p.customerId);
    if (p.holdId) await captureHold(sql, accounts.main, p.holdId, now, "purchase");
    for (const id of await promoHolds(sql, p.id, accounts.promo.id)) await captureHold(sql, accounts.promo, id, now, "purchase");
    const lines = await purchaseLines(ctx, p);
    const earnLines: EarnLine[] = lines.map((l) => ({ lineNo: l.lineNo, category: l.category, pointsEarned: l.pointsEarned, net: l.amount - l.discount }));
    pending = await earnPoints(sql, accounts.main, def, p.id, earnLines, p.at);
    await countPurchase(sql, { programId: p.programId, customerId: p.customerId, definition: def, at: p.at, lines: earnLines });
    const { locale } = await programBasics(ctx.db, p.programId);
    issued = await finishPromotions(ctx, { purchaseId: p.id, customerId: p.customerId, promo: accounts.promo, at: now, locale });
  }
  await sql.$executeRaw`update "Purchase" set status = 'committed', "committedAt" = ${now} where id = ${p.id} and at = ${p.at}`;
  const pendingTotal = pending.reduce((s, x) => s + x.points, 0);
  return storedReceipt(ctx, { ...p, status: "committed" }, def, { earned: p.pointsEarned - pendingTotal, pending, messages: issued });
}

/** The promo account's active holds of a held receipt (one per promotion whose points it reserved). */
async function promoHolds(sql: Sql, purchaseId: string, promoAccountId: string): Promise<string[]> {
  const rows = await sql.$queryRaw<{ id: string }[]>`select id from "Hold" where "purchaseId" = ${purchaseId} and "accountId" = ${promoAccountId} and status = 'active' order by id`;
  return rows.map((r) => r.id);
}

async function releaseAndVoid(sql: Sql, p: { id: string; at: Date; programId: string; customerId: string | null; holdId: string | null }, now: Date, reason: string) {
  if (p.customerId) {
    const accounts = await lockAccounts(sql, p.programId, p.customerId);
    if (p.holdId) await releaseHold(sql, accounts.main, p.holdId, now, reason);
    for (const id of await promoHolds(sql, p.id, accounts.promo.id)) await releaseHold(sql, accounts.promo, id, now, reason);
  }
  await releasePromotions(sql, p.id);
  // Certificates the hold reserved get their money back.
  await creditGiftCards(sql, { purchaseId: p.id, amount: "all", at: now, reason });
  await sql.$executeRaw`update "Purchase" set status = 'voided', "voidedAt" = ${now} where id = ${p.id} and at = ${p.at}`;
}

/** POST /purchases/{id}/void */
export async function voidPurchase(ctx: PosContext, purchaseId: string): Promise<ReceiptOutcome> {
  const p = await lockPurchase(ctx, purchaseId);
  if (p.status !== "held") throw new AppError("invalid_state", `The receipt is ${p.status}; only a held receipt can be voided (use cancel for a committed one)`);
  await releaseAndVoid(ctx.sql, p, ctx.now, "void");
  const def = await definitionById(ctx.db, p.programVersionId);
  return storedReceipt(ctx, { ...p, status: "voided" }, def);
}

/**
 * Voids every held receipt whose hold expired by `now`, in small transactions. Safe to run
 * twice or concurrently: each receipt is re-checked under its row lock (SKIP LOCKED lets two
 * runs share the work instead of waiting). Returns how many receipts it voided.
 */
export async function voidExpiredHolds(db: Db, now = new Date(), batch = 200): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ id: string; at: Date; programId: string; customerId: string | null; holdId: string | null }[]>`
        select id, at, "programId", "customerId", "holdId" from "Purchase"
        where status = 'held' and "holdExpiresAt" <= ${now}
        order by "holdExpiresAt" limit ${batch}
        for update skip locked`;
        for (const p of rows) await releaseAndVoid(tx, p, now, "hold-expired");
        return rows.length;
      },
      { timeout: 60_000 },
    );
    total += done;
    if (done < batch) return total;
  }
}
