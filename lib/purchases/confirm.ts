// POST /purchases: confirms a receipt in one step (committed: points spent and earned) or as a
// hold (points reserved; commit or void later, lib/purchases/holds.ts). Everything it writes
// happens in the caller's single transaction, after the customer's accounts are locked
// (lib/ledger/lock-accounts.ts); a member's committed receipt is one statement (write-receipt.ts).
import { chargeGiftCards } from "@/lib/giftcards/pos";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { accrue, appliedAccruals, expireDueLots, hold, planAccrual, spend, type LockedAccount } from "@/lib/ledger";
import { promoBalances } from "@/lib/ledger/promo-balances";
import type { PromoBalance } from "@/lib/rules/promo-redemption";
import { definitionAt, programBasics } from "@/lib/program/in-force";
import { priceBasket } from "@/lib/rules/price-basket";
import { activityDelta, activityWritesNothing, recordActivity, tierForReceipt, type PricingTierState, type TierOutcome } from "@/lib/tiers/activity";
import { periodAt } from "@/lib/time";
import type { BasketInput } from "./calculate";
import type { PosContext } from "./context";
import { asSeenBy, lockForReceipt, partnerNeedsCode, periodMetrics, type PosCustomer } from "./customer";
import { earnAccruals, purchaseActivity, type EarnLine, type PendingPoints } from "./earn";
import { receiptTexts } from "./messages";
import { receiptOutcome, type ReceiptOutcome } from "./outcome";
import { appliedUses, finishPromotions, preparePromotions, priceAndReserve, promoAccrual, promotionResult, promotionsInput } from "./promotions";
import { limitIds, reservationClaims, reservationRefusals, ReservationRefused, type LimitRow } from "@/lib/promotions/reserve";
import { promotionsInForce } from "@/lib/promotions/store";
import type { RejectReason } from "@/lib/promotions/engine";
import { receiptTime } from "./receipt-time";
import { consumeRedemptionCode } from "./redemption-code";
import { insertReceipt, genericPlansForWrite, writeCommittedReceipt, type ReceiptRow } from "./write-receipt";

export interface ConfirmInput extends BasketInput {
  redemptionCode?: string;
  hold?: { ttlSeconds: number };
  offline: boolean;
}

export async function confirmPurchase(ctx: PosContext, input: ConfirmInput): Promise<ReceiptOutcome> {
  const { sql, till, now } = ctx;
  const at = receiptTime(input.receipt.at, now);
  if (input.offline && input.hold) throw new AppError("invalid_request", "An offline receipt cannot be held", { details: [{ path: "hold", message: "not with offline" }] });
  if (input.offline && input.giftCards?.length)
    throw new AppError("invalid_request", "An offline receipt cannot be paid with gift certificates", { details: [{ path: "giftCards", message: "not with offline" }] });
  const [{ versionId, definition }, program] = await Promise.all([definitionAt(ctx.db, till.programId, at), programBasics(ctx.db, till.programId)]);

  // Read before the customer's locks: every statement after them lengthens the time a second
  // receipt of the same customer waits (with the stamp read with the terminal key, usually none).
  const promotionList = await promotionsInForce(sql, till.programId, ctx.promotionsStamp);
  let customer: PosCustomer | null = null;
  let accounts: Record<"main" | "promo", LockedAccount> | null = null;
  let tierCode: string | null = null;
  let promoLots: PromoBalance[] = [];
  let tierState: PricingTierState | null = null;
  let limitRows: LimitRow[] | undefined;
  if (input.customer) {
    // The customer, their account locks and the reads under them in one round trip; a merge that
    // committed while the receipt waited is followed: no points for a merged-away record.
    const locked = await lockForReceipt(sql, till.programId, input.customer, definition, at, now, limitIds(promotionList, true));
    customer = asSeenBy(till, locked.customer);
    accounts = locked.accounts;
    await expireDueLots(sql, accounts.main, now, locked.reads?.dueLots);
    if (accounts.promo.available > 0) {
      await expireDueLots(sql, accounts.promo, now);
      if (accounts.promo.available > 0) promoLots = await promoBalances(sql, customer.id, now, till.store.id);
    }
    ({ tierCode, state: tierState } = await tierForReceipt(sql, till.programId, customer.id, definition, at, locked.reads?.tier));
    limitRows = locked.reads?.limitRows;
  }
  const purchaseId = createId("rcp", at.getTime());
  const held = Boolean(input.hold);
  const setup = await preparePromotions(ctx, { customer, tierCode, promoCodes: input.promoCodes, at, list: promotionList, limitRows });
  // A promotion-wide limit (total uses, money and points budgets) is claimed when the transaction
  // commits, by a deferred trigger on the receipt's PurchasePromotion rows (migration
  // promotion_counters_at_commit): its row lock is held for the commit alone. When it ran out
  // since pricing the commit fails with SQLSTATE TR001 and the whole transaction runs again
  // (retryConflicts), pricing from the counters as they are then.
  const refused = new Map<string, RejectReason>();
  // A member's committed receipt is written by one statement at the end (write-receipt.ts), its
  // promotions' reservations included; a hold, an anonymous receipt and one paid with
  // certificates write the receipt first and reserve while pricing (priceAndReserve).
  const oneWrite = Boolean(customer && accounts && !held && !input.giftCards?.length);
  // With per-customer limits or codes that can refuse in the one write, the receipt is written in
  // savepoint `receipt_write` (a refusal rolls back to it and the receipt is written again).
  const mayRefuse = Boolean(oneWrite && setup && (setup.codeIds.size > 0 || setup.list.some((p) => p.def.limits?.perCustomer)));
  const before = accounts ? { main: { ...accounts.main }, promo: { ...accounts.promo } } : null;
  const tierBefore = tierCode;
  const price = (promotions: ReturnType<typeof promotionsInput>) =>
    priceBasket({
      definition,
      customer:
        customer && tierCode && accounts
          ? { tierCode, balances: { main: accounts.main.available, promo: accounts.promo.available }, blocked: customer.status === "blocked", promoBalances: promoLots }
          : null,
      store: till.store,
      lines: input.lines,
      redeemPoints: input.redeemPoints,
      offline: input.offline,
      promotions,
    });
  const write = async (): Promise<ReceiptOutcome> => {
    const basePriced = oneWrite
      ? price(promotionsInput(setup, refused))
      : await priceAndReserve(ctx, setup, price, { purchaseId, customerId: customer && tierCode ? customer.id : null, at, status: held ? "held" : "committed" }, refused);
    const promotions = promotionResult(basePriced, setup, program.locale);
    const priced = { ...basePriced, requiresRedemptionCode: basePriced.requiresRedemptionCode || partnerNeedsCode(till, input.customer, input.redeemPoints) };
    if (customer && priced.requiresRedemptionCode && input.redeemPoints > 0) {
      await consumeRedemptionCode(ctx.db, sql, { customerId: customer.id, code: input.redemptionCode, points: input.redeemPoints, now });
    }

    const holdExpiresAt = input.hold ? new Date(now.getTime() + input.hold.ttlSeconds * 1000) : null;
    const pl = priced.lines;
    const receipt: ReceiptRow = {
      id: purchaseId,
      programId: till.programId,
      storeId: till.store.id,
      terminalId: till.terminalId,
      customerId: customer?.id ?? null,
      number: input.receipt.number,
      at,
      status: held ? "held" : "committed",
      offline: input.offline,
      programVersionId: versionId,
      periodKey: periodAt(definition.qualification.period, definition.timezone, at).key,
      totals: priced.totals,
      holdExpiresAt,
      now,
      lines: pl,
      names: new Map(input.lines.map((l) => [l.lineNo, l.name ?? null])),
    };
    if (!oneWrite) await insertReceipt(sql, receipt);

    // Certificates pay like money, after discounts and points; a hold reserves them at once.
    const giftCards = await chargeGiftCards(ctx, purchaseId, input.giftCards, priced.totals.payable);

    let pending: PendingPoints = [];
    let metricsAfter: TierOutcome["metrics"] = null;
    let issuedMessages: string[] = [];
    if (customer && accounts) {
      // Promo points first, each from its own promotion's lots (soonest-expiring first); main pays the rest.
      const mainPoints = priced.totals.pointsRedeemed - priced.totals.promoPointsRedeemed;
      if (held) {
        if (mainPoints > 0) {
          const holdId = await hold(sql, accounts.main, { amount: mainPoints, at: now, expiresAt: holdExpiresAt!, purchaseId });
          await sql.$executeRaw`update "Purchase" set "holdId" = ${holdId} where id = ${purchaseId} and at = ${at}`;
        }
        for (const x of priced.promoRedeemed) {
          await hold(sql, accounts.promo, { amount: x.points, at: now, expiresAt: holdExpiresAt!, purchaseId, scope: { promotionId: x.promotionId, versionId: x.versionId } });
        }
      } else {
        if (mainPoints > 0) await spend(sql, accounts.main, { amount: mainPoints, at: now, reason: "purchase", purchaseId });
        for (const x of priced.promoRedeemed) {
          await spend(sql, accounts.promo, { amount: x.points, at: now, reason: "purchase", purchaseId, scope: { promotionId: x.promotionId, versionId: x.versionId } });
        }
        const earnLines: EarnLine[] = pl.map((l) => ({ lineNo: l.lineNo, category: l.category, pointsEarned: l.pointsEarned, net: l.amount - l.discount }));
        const earned = earnAccruals(definition, purchaseId, earnLines, at);
        pending = earned.pending;
        const uses = appliedUses(basePriced.promotions.applied);
        const activity = purchaseActivity({ programId: till.programId, customerId: customer.id, definition, at, lines: earnLines });
        // The promoAccount promotions' points join the write as lots of the promo account.
        const promoAccruals = uses.map((u) => promoAccrual(u, { purchaseId, at }));
        const planned = oneWrite ? [...earned.accruals.map((x) => planAccrual(accounts!.main, x)), ...promoAccruals.map((x) => x && planAccrual(accounts!.promo, x))] : [];
        let outcome: TierOutcome;
        if (oneWrite && planned.every((x) => x !== undefined)) {
          const accruals = planned.filter((x) => x !== null);
          const claims = reservationClaims({
            programId: till.programId,
            purchaseId,
            customerId: customer.id,
            at,
            timeZone: till.store.timezone,
            status: "committed",
            applied: basePriced.promotions.applied,
            codeIds: setup?.codeIds ?? new Map(),
          });
          // Nothing follows the write (no refusal to redo, no status change, no code to issue):
          // it is sent with the transaction's commit, one round trip less under the locks.
          // (A refusal fails the write, and the commit with it: see below.)
          const last = ctx.last && !uses.some((u) => u.issue) && activityWritesNothing(activity, tierState) ? ctx.last : sql;
          await genericPlansForWrite(sql);
          const written = await writeCommittedReceipt(last, { ...receipt, customerId: customer.id }, accruals, activityDelta(activity), claims);
          // A per-customer or code limit that ran out since pricing: written again without that promotion (below).
          const refusedNow = reservationRefusals(claims, written.refused);
          if (refusedNow) throw new ReservationRefused(refusedNow);
          const metric = written.metric!;
          appliedAccruals(accruals);
          outcome = await recordActivity(sql, activity, tierState, { metric });
          if (uses.some((u) => u.issue)) issuedMessages = await finishPromotions(ctx, { purchaseId, customerId: customer.id, promo: null, at, locale: program.locale, uses });
        } else {
          // An accrual that repays debt first takes statements of its own (lib/ledger/accrue.ts).
          if (oneWrite) await insertReceipt(sql, receipt);
          for (const x of earned.accruals) await accrue(sql, accounts.main, x);
          outcome = await recordActivity(sql, activity, tierState);
          if (uses.length) issuedMessages = await finishPromotions(ctx, { purchaseId, customerId: customer.id, promo: accounts.promo, at, locale: program.locale, uses });
        }
        tierCode = outcome.tierCode;
        metricsAfter = outcome.metrics;
      }
    }

    const metrics = customer ? (metricsAfter ?? (await periodMetrics(sql, customer.id, definition, at))) : null;
    const texts = receiptTexts({
      program,
      def: definition,
      customer,
      tierCode,
      available: accounts?.main.available ?? 0,
      metrics,
      earned: held ? 0 : priced.totals.pointsEarned - priced.pointsPending,
      pending,
      canRedeem: priced.redemptionBlocked === null,
      now,
    });
    texts.receiptMessages.push(...issuedMessages);
    return receiptOutcome({
      priced,
      customer: customer && accounts && tierCode ? { id: customer.id, tier: tierCode, balances: { main: accounts.main.available, promo: accounts.promo.available } } : null,
      promotions,
      texts,
      purchase: { id: purchaseId, status: held ? "held" : "committed", holdExpiresAt },
      giftCards,
    });
  };
  if (!mayRefuse) return write();
  // `rollback to savepoint` keeps the savepoint: it is taken once, and never released (the
  // transaction's commit ends it; one round trip less).
  await sql.$executeRaw`savepoint receipt_write`;
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (!(e instanceof ReservationRefused) || attempt > (setup?.list.length ?? 0)) throw e;
      await sql.$executeRaw`rollback to savepoint receipt_write`;
      for (const [code, reason] of e.refused) refused.set(code, reason);
      if (accounts && before) {
        Object.assign(accounts.main, before.main);
        Object.assign(accounts.promo, before.promo);
      }
      tierCode = tierBefore;
    }
  }
}
