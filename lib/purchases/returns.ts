// Returns (partial or full) and cancellation of committed receipts. Spent points come back and
// earned points are taken back in the proportion of what is returned (lib/rules/apportion-return.ts);
// what the balance cannot cover becomes debt (lib/ledger/reverse.ts). A returned ticket's pending
// points are voided with its lot, so a refunded ticket never releases them.
import { creditGiftCards, type GiftCardPayment } from "@/lib/giftcards/pos";
import { onUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { lockAccounts, reclaimPoints, refundPoints } from "@/lib/ledger";
import { definitionById } from "@/lib/program/in-force";
import { compileRules, lineActivation } from "@/lib/rules/compiled-rules";
import { apportionReturn, promoRefunds, type ReturnApportionment } from "@/lib/rules/apportion-return";
import { lotExpiresAt } from "@/lib/rules/expiry";
import { recordActivity } from "@/lib/tiers/activity";
import type { PosContext } from "./context";
import type { CustomerState, ReceiptOutcome, ReturnTotals } from "./outcome";
import { receiptTime } from "./receipt-time";
import { customerState, lockPurchase, purchaseLines, storedReceipt } from "./stored-receipt";
import { giveBackBudget, releasePromotions } from "@/lib/promotions/reserve";

async function applyReturn(ctx: PosContext, purchaseId: string, input: { number: string; at: Date; reason?: string | null; lines: { lineNo: number; quantity: number }[] | "all" }) {
  const { sql: tx, now } = ctx;
  const p = await lockPurchase(ctx, purchaseId);
  if (p.status !== "committed") throw new AppError("invalid_state", `The receipt is ${p.status}; only a committed receipt can be returned`);
  const def = await definitionById(ctx.db, p.programVersionId);
  const lines = await purchaseLines(ctx, p);
  const requested =
    input.lines === "all" ? lines.filter((l) => l.returnedMilli < l.quantityMilli).map((l) => ({ lineNo: l.lineNo, quantity: (l.quantityMilli - l.returnedMilli) / 1000 })) : input.lines;
  if (requested.length === 0) throw new AppError("invalid_state", "Everything on this receipt was already returned");
  const dup = await tx.$queryRaw<{ id: string }[]>`select id from "PurchaseReturn" where "purchaseId" = ${p.id} and number = ${input.number}`;
  if (dup.length) throw new AppError("conflict", `Return ${input.number} of this receipt already exists`);

  const pv = def.pointValue;
  const result: ReturnApportionment = apportionReturn(
    lines.map((l) => ({ ...l, payable: l.amount - l.discount - l.pointsRedeemed * pv })),
    requested,
  );
  const returnId = createId("ret", input.at.getTime());
  let promoReclaimed = 0;
  const accounts = p.customerId ? await lockAccounts(tx, p.programId, p.customerId) : null;
  if (p.customerId && accounts) {
    await refundPoints(tx, accounts.main, {
      amount: result.totals.pointsRefunded - result.totals.promoPointsRefunded,
      at: input.at,
      purchaseId: p.id,
      returnId,
      fallbackExpiresAt: lotExpiresAt(def, input.at),
      reason: "return",
    });
    // Promo points go back to their own promotion's lots (latest expiry they had, or as long again as they lived).
    // Promo points go back as the version they were issued under (what they can pay for stays the same).
    for (const [promotionId, amount, versionId] of promoRefunds(lines, result.lines)) {
      const scope = versionId === undefined ? { promotionId } : { promotionId, versionId };
      await refundPoints(tx, accounts.promo, { amount, at: input.at, purchaseId: p.id, returnId, fallbackExpiresAt: "lifetime", reason: "return", scope });
    }
    // Points of tickets waiting for validation sit in one lot per line: take them from that line's lot.
    const rules = compileRules(def);
    const category = new Map(lines.map((l) => [l.lineNo, l.category]));
    let pooled = 0;
    for (const r of result.lines) {
      if (r.pointsReclaimed <= 0) continue;
      const activation = lineActivation(rules, category.get(r.lineNo)!);
      if ("on" in activation) {
        await reclaimPoints(tx, accounts.main, { amount: r.pointsReclaimed, at: input.at, purchaseId: p.id, lineNo: r.lineNo, returnId, reason: "return" });
      } else pooled += r.pointsReclaimed;
    }
    if (pooled > 0) await reclaimPoints(tx, accounts.main, { amount: pooled, at: input.at, purchaseId: p.id, returnId, reason: "return" });

    const fully = lines.every((l) => (result.lines.find((r) => r.lineNo === l.lineNo)?.returnedMilli ?? l.returnedMilli) >= l.quantityMilli);
    const byCategory: Record<string, number> = {};
    for (const r of result.lines) {
      const c = category.get(r.lineNo)!;
      byCategory[c] = (byCategory[c] ?? 0) - (r.amount - r.discount);
    }
    // Metrics count in the period of the receipt.
    await recordActivity(tx, {
      programId: p.programId,
      customerId: p.customerId,
      definition: def,
      at: p.at,
      spend: -(result.totals.amount - result.totals.discount),
      spendByCategory: byCategory,
      purchases: fully ? -1 : 0,
    });
  }
  const before = new Map(lines.map((l) => [l.lineNo, l]));
  const given = await giveBackBudget(
    tx,
    p.id,
    result.lines.map((r) => ({ lineNo: r.lineNo, quantityMilli: before.get(r.lineNo)!.quantityMilli, beforeMilli: before.get(r.lineNo)!.returnedMilli, afterMilli: r.returnedMilli })),
  );
  // The returned units' share of promo-account points a promoAccount promotion gave is taken back
  // from that promotion's lots (this receipt's first), then as debt.
  if (p.customerId && accounts) {
    for (const g of given) {
      if (g.promoAccountPoints <= 0) continue;
      const r = await reclaimPoints(tx, accounts.promo, {
        amount: g.promoAccountPoints,
        at: input.at,
        purchaseId: p.id,
        returnId,
        reason: "return",
        promotionId: g.promotionId,
        scope: { promotionId: g.promotionId },
      });
      promoReclaimed += r.fromBalance + r.debt;
    }
  }
  for (const r of result.lines) {
    await tx.$executeRaw`update "PurchaseLine" set "returnedMilli" = ${r.returnedMilli} where "purchaseId" = ${p.id} and "purchaseAt" = ${p.at} and "lineNo" = ${r.lineNo}`;
  }
  await onUniqueViolation(
    tx.$executeRaw`
      insert into "PurchaseReturn" (id, "programId", "customerId", "purchaseId", "purchaseAt", number, at, amount, "pointsRefunded", "pointsReclaimed", "promoPointsRefunded", "promoPointsReclaimed", reason, lines, "createdAt")
      values (${returnId}, ${p.programId}, ${p.customerId}, ${p.id}, ${p.at}, ${input.number}, ${input.at}, ${result.totals.amount}, ${result.totals.pointsRefunded},
        ${result.totals.pointsReclaimed}, ${result.totals.promoPointsRefunded}, ${promoReclaimed}, ${input.reason ?? null}, ${JSON.stringify(result.lines)}::jsonb, ${now})`,
    "PurchaseReturn_purchaseId_number_key",
    () => new AppError("conflict", `Return ${input.number} of this receipt already exists`),
  );
  return { p, def, returnId, result: { ...result, totals: { ...result.totals, promoPointsReclaimed: promoReclaimed } } };
}

export interface ReturnInput {
  returnNumber: string;
  at?: string;
  /** Why the goods came back (a code; lib/pos/schemas.ts). */
  reason?: string;
  lines: { lineNo: number; quantity: number }[];
}

export interface ReturnOutcome {
  returnId: string;
  purchaseId: string;
  returnNumber: string;
  lines: { lineNo: number; quantity: number; amount: number; discount: number; payable: number; pointsRefunded: number; promoPointsRefunded: number; pointsReclaimed: number }[];
  totals: ReturnTotals;
  customer: CustomerState | null;
  /** Money of the returned lines credited back to the receipt's certificates. */
  giftCards: GiftCardPayment[];
}

/** POST /purchases/{id}/returns */
export async function returnPurchase(ctx: PosContext, purchaseId: string, input: ReturnInput): Promise<ReturnOutcome> {
  const at = receiptTime(input.at, ctx.now, "at");
  const { p, def, returnId, result } = await applyReturn(ctx, purchaseId, { number: input.returnNumber, at, reason: input.reason, lines: input.lines });
  // The returned lines' money goes back to the receipt's certificates first.
  const giftCards = await creditGiftCards(ctx.sql, { purchaseId: p.id, amount: result.totals.payable, at, reason: "return", returnId });
  return {
    returnId,
    purchaseId: p.id,
    returnNumber: input.returnNumber,
    lines: result.lines.map((l) => ({
      lineNo: l.lineNo,
      quantity: l.quantityMilli / 1000,
      amount: l.amount,
      discount: l.discount,
      payable: l.payable,
      pointsRefunded: l.pointsRefunded,
      promoPointsRefunded: l.promoPointsRefunded,
      pointsReclaimed: l.pointsReclaimed,
    })),
    totals: result.totals,
    customer: p.customerId ? await customerState(ctx, p.programId, p.customerId, def) : null,
    giftCards,
  };
}

/** POST /purchases/{id}/cancel: reverses what is left of a committed receipt. */
export async function cancelPurchase(ctx: PosContext, purchaseId: string): Promise<ReceiptOutcome> {
  const { p, def, result } = await applyReturn(ctx, purchaseId, { number: `cancel:${purchaseId}`, at: ctx.now, lines: "all" });
  await creditGiftCards(ctx.sql, { purchaseId: p.id, amount: "all", at: ctx.now, reason: "cancel" });
  // Cancel gives back every limit the receipt took. The promo-account points it gave went back
  // with its units (applyReturn); receipts priced before those points were spread over lines give back the rest here.
  const released = await releasePromotions(ctx.sql, p.id);
  if (p.customerId) {
    for (const u of released) {
      const unspread = u.promoAccountPoints - u.lines.reduce((s, l) => s + l.points, 0);
      if (unspread <= 0) continue;
      const accounts = await lockAccounts(ctx.sql, p.programId, p.customerId);
      await reclaimPoints(ctx.sql, accounts.promo, { amount: unspread, at: ctx.now, purchaseId: p.id, reason: "cancel", promotionId: u.promotionId, scope: { promotionId: u.promotionId } });
    }
  }
  await ctx.sql.$executeRaw`update "Purchase" set status = 'cancelled', "cancelledAt" = ${ctx.now} where id = ${p.id} and at = ${p.at}`;
  return storedReceipt(ctx, { ...p, status: "cancelled" }, def, { reversed: result.totals });
}
