// POST /purchases: confirms a receipt in one step (committed: points spent and earned) or as a
// hold (points reserved; commit or void later, lib/purchases/holds.ts). Everything it writes
// happens in the caller's single transaction, after the customer's accounts are locked
// (lib/ledger/lock-accounts.ts).
import { chargeGiftCards } from "@/lib/giftcards/pos";
import { onUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { expireDueLots, hold, spend, type LockedAccount } from "@/lib/ledger";
import { promoBalances } from "@/lib/ledger/promo-balances";
import type { PromoBalance } from "@/lib/rules/promo-redemption";
import { definitionAt, programBasics } from "@/lib/program/in-force";
import { priceBasket } from "@/lib/rules/price-basket";
import { tierForReceipt, type PricingTierState, type TierOutcome } from "@/lib/tiers/activity";
import { periodAt } from "@/lib/time";
import type { BasketInput } from "./calculate";
import type { PosContext } from "./context";
import { asSeenBy, lockForReceipt, partnerNeedsCode, periodMetrics, type PosCustomer } from "./customer";
import { countPurchase, earnPoints, type EarnLine, type PendingPoints } from "./earn";
import { receiptTexts } from "./messages";
import { receiptOutcome, type ReceiptOutcome } from "./outcome";
import { appliedUses, finishPromotions, preparePromotions, priceAndReserve, promotionResult } from "./promotions";
import { limitIds, type LimitRow } from "@/lib/promotions/reserve";
import { promotionsInForce } from "@/lib/promotions/store";
import type { RejectReason } from "@/lib/promotions/engine";
import { receiptTime } from "./receipt-time";
import { consumeRedemptionCode } from "./redemption-code";

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
    // The customer and their account locks in one statement; then follows a merge that committed
    // while the receipt waited: no points for a merged-away record.
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
  const write = async (): Promise<ReceiptOutcome> => {
    const basePriced = await priceAndReserve(
      ctx,
      setup,
      (promotions) =>
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
        }),
      { purchaseId, customerId: customer && tierCode ? customer.id : null, at, status: held ? "held" : "committed" },
      refused,
    );
    const promotions = promotionResult(basePriced, setup, program.locale);
    const priced = { ...basePriced, requiresRedemptionCode: basePriced.requiresRedemptionCode || partnerNeedsCode(till, input.customer, input.redeemPoints) };
    if (customer && priced.requiresRedemptionCode && input.redeemPoints > 0) {
      await consumeRedemptionCode(ctx.db, sql, { customerId: customer.id, code: input.redemptionCode, points: input.redeemPoints, now });
    }

    const holdExpiresAt = input.hold ? new Date(now.getTime() + input.hold.ttlSeconds * 1000) : null;
    const periodKey = periodAt(definition.qualification.period, definition.timezone, at).key;
    const names = new Map(input.lines.map((l) => [l.lineNo, l.name ?? null]));
    // Raw inserts: the ORM's query building costs more than the statements on this hot path. The
    // receipt and its lines in one statement (one round trip).
    // A repeated receipt number fails on the unique index: 409 duplicate_receipt.
    const pl = priced.lines;
    await onUniqueViolation(
      sql.$executeRaw`
          with receipt as (
            insert into "Purchase" (id, "programId", "storeId", "partnerId", "terminalId", "customerId", number, at, status, offline, "programVersionId", "periodKey",
              amount, discount, "pointsRedeemed", "promoPointsRedeemed", "pointsEarned", payable, "holdExpiresAt", "committedAt", "createdAt")
            values (${purchaseId}, ${till.programId}, ${till.store.id}, (select "partnerId" from "Store" where id = ${till.store.id}), ${till.terminalId}, ${customer?.id ?? null}, ${input.receipt.number}, ${at},
              ${held ? "held" : "committed"}::"PurchaseStatus", ${input.offline}, ${versionId}, ${periodKey},
              ${priced.totals.amount}, ${priced.totals.discount}, ${priced.totals.pointsRedeemed}, ${priced.totals.promoPointsRedeemed}, ${priced.totals.pointsEarned}, ${priced.totals.payable},
              ${holdExpiresAt}, ${held ? null : now}, ${now})
            returning id, "programId", "customerId")
          insert into "PurchaseLine" (id, "programId", "customerId", "purchaseId", "lineNo", sku, category, name, "quantityMilli", price, amount, discount, "pointsRedeemed", "promoPointsRedeemed", "promoPromotionId", "promoVersionId", "pointsEarned", "pointsPending")
          select u.id, r."programId", r."customerId", r.id, u.no, u.sku, u.cat, u.name, u.qty, u.price, u.amount, u.discount, u.redeemed, u.promo, u.promo_of, u.promo_version, u.earned, u.pending
          from unnest(${pl.map(() => createId("rln", at.getTime()))}::text[], ${pl.map((l) => l.lineNo)}::int[], ${pl.map((l) => l.sku)}::text[],
            ${pl.map((l) => l.category)}::text[], ${pl.map((l) => names.get(l.lineNo) ?? null)}::text[], ${pl.map((l) => l.quantityMilli)}::int[],
            ${pl.map((l) => l.price)}::int[], ${pl.map((l) => l.amount)}::int[], ${pl.map((l) => l.discount)}::int[], ${pl.map((l) => l.pointsRedeemed)}::int[],
            ${pl.map((l) => l.promoPointsRedeemed)}::int[], ${pl.map((l) => l.promoPromotionId ?? null)}::text[], ${pl.map((l) => l.promoVersionId ?? null)}::text[],
            ${pl.map((l) => l.pointsEarned)}::int[], ${pl.map((l) => Boolean(l.pointsPending))}::boolean[])
            as u(id, no, sku, cat, name, qty, price, amount, discount, redeemed, promo, promo_of, promo_version, earned, pending), receipt r`,
      "Purchase_storeId_number_key",
      () => new AppError("duplicate_receipt", "This store already has a receipt with this number"),
    );

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
          await sql.$executeRaw`update "Purchase" set "holdId" = ${holdId} where id = ${purchaseId}`;
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
        pending = await earnPoints(sql, accounts.main, definition, purchaseId, earnLines, at);
        const outcome = await countPurchase(sql, { programId: till.programId, customerId: customer.id, definition, at, lines: earnLines }, tierState);
        tierCode = outcome.tierCode;
        metricsAfter = outcome.metrics;
        const uses = appliedUses(basePriced.promotions.applied);
        if (uses.length) issuedMessages = await finishPromotions(ctx, { purchaseId, customerId: customer.id, promo: accounts.promo, at, locale: program.locale, uses });
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
  return write();
}
