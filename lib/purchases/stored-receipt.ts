// A receipt that is already stored: locked for a state change (commit, void, cancel, return) and
// read back as the same outcome a confirm gives, with the customer's balances as they are now.
import { giftCardsOfPurchase } from "@/lib/giftcards/pos";
import { AppError } from "@/lib/errors";
import { programBasics } from "@/lib/program/in-force";
import type { ProgramDefinition } from "@/lib/program/definition";
import type { Sql } from "@/lib/db/sql";
import type { PosContext } from "./context";
import { asSeenBy, currentTierCode, periodMetrics, readBalances, resolveCustomer } from "./customer";
import { receiptTexts } from "./messages";
import type { CustomerState, ReceiptOutcome, ReceiptStatus, ReturnTotals } from "./outcome";
import { storedPromotions } from "./promotions";

export type PurchaseRow = {
  id: string;
  programId: string;
  storeId: string;
  customerId: string | null;
  status: ReceiptStatus;
  at: Date;
  programVersionId: string;
  holdId: string | null;
  holdExpiresAt: Date | null;
  amount: number;
  discount: number;
  pointsRedeemed: number;
  promoPointsRedeemed: number;
  pointsEarned: number;
  payable: number;
};

/**
 * The month of a stored receipt, from its key ("ReceiptKey", unique by receipt); null when there is
 * none. Read first, on its own, so that the statements after it name the month as a value: the
 * planner then opens one partition of "Purchase" / "PurchaseLine". A month that comes from a
 * sub-select or a join is only known when the statement runs, and the planner locks every month's
 * partition and its indexes instead (369 locks for a lookup against 14 before the partitioning,
 * docs/benchmarks.md "Locks of a receipt on the partitioned tables").
 */
export async function receiptMonth(sql: Sql, purchaseId: string): Promise<Date | null> {
  const [k] = await sql.$queryRaw<{ at: Date }[]>`select "purchaseAt" as at from "ReceiptKey" where "purchaseId" = ${purchaseId}`;
  return k?.at ?? null;
}

/**
 * Locks a receipt of the till's program; 404 when unknown there, 403 when another store's. By its
 * primary key (id, at), the month from its key (`receiptMonth`): one partition.
 */
export async function lockPurchase(ctx: PosContext, purchaseId: string): Promise<PurchaseRow> {
  const at = await receiptMonth(ctx.sql, purchaseId);
  const [p] = at
    ? await ctx.sql.$queryRaw<PurchaseRow[]>`
    select id, "programId", "storeId", "customerId", status::text as status, at, "programVersionId", "holdId", "holdExpiresAt",
      amount, discount, "pointsRedeemed", "promoPointsRedeemed", "pointsEarned", payable
    from "Purchase" where id = ${purchaseId} and at = ${at} and "programId" = ${ctx.till.programId}
    for update`
    : [];
  if (!p) throw new AppError("purchase_not_found", "No receipt with this id");
  if (p.storeId !== ctx.till.store.id) throw new AppError("forbidden", "This receipt belongs to another store: only its store's terminals may change it");
  return p;
}

export type LineRow = {
  lineNo: number;
  sku: string;
  category: string;
  quantityMilli: number;
  returnedMilli: number;
  amount: number;
  discount: number;
  pointsRedeemed: number;
  promoPointsRedeemed: number;
  promoPromotionId: string | null;
  promoVersionId: string | null;
  pointsEarned: number;
  pointsPending: boolean;
};

/** A receipt's lines, by its primary key (id, at): one partition. */
export async function purchaseLines(ctx: PosContext, p: { id: string; at: Date }) {
  return ctx.sql.$queryRaw<LineRow[]>`
    select "lineNo", sku, category, "quantityMilli", "returnedMilli", amount, discount, "pointsRedeemed", "promoPointsRedeemed", "promoPromotionId", "promoVersionId", "pointsEarned", "pointsPending"
    from "PurchaseLine" where "purchaseId" = ${p.id} and "purchaseAt" = ${p.at} order by "lineNo"`;
}

/** A customer's status and balances as they are now. */
export async function customerState(ctx: PosContext, programId: string, customerId: string, def: ProgramDefinition): Promise<CustomerState> {
  // One after the other: inside a transaction all statements share one connection.
  const balances = await readBalances(ctx.sql, customerId);
  const tier = await currentTierCode(ctx.sql, programId, customerId, def, ctx.now);
  return { id: customerId, tier, balances: { main: balances.main, promo: balances.promo } };
}

/** The outcome for a stored receipt after a state change (commit, void, cancel), with the customer's state now. */
export async function storedReceipt(
  ctx: PosContext,
  p: PurchaseRow,
  def: ProgramDefinition,
  extra: { earned?: number; pending?: { points: number; availableAt: Date | null }[]; reversed?: ReturnTotals; messages?: string[] } = {},
): Promise<ReceiptOutcome> {
  const lines = await purchaseLines(ctx, p);
  const pv = def.pointValue;
  const program = await programBasics(ctx.db, p.programId);
  let customer: ReceiptOutcome["customer"] = null;
  let texts;
  if (p.customerId) {
    const person = asSeenBy(ctx.till, await resolveCustomer(ctx.sql, p.programId, { id: p.customerId }));
    const state = await customerState(ctx, p.programId, p.customerId, def);
    const metrics = await periodMetrics(ctx.sql, p.customerId, def, ctx.now);
    customer = state;
    texts = receiptTexts({
      program,
      def,
      customer: person,
      tierCode: state.tier,
      available: state.balances.main,
      metrics,
      earned: extra.earned,
      pending: extra.pending,
      canRedeem: true,
      now: ctx.now,
    });
  } else {
    texts = receiptTexts({ program, def, customer: null, tierCode: null, available: 0, metrics: null, canRedeem: false, now: ctx.now });
  }
  return {
    purchaseId: p.id,
    status: p.status,
    holdExpiresAt: p.status === "held" ? p.holdExpiresAt : null,
    customer,
    lines: lines.map((l) => ({
      lineNo: l.lineNo,
      amount: l.amount,
      discount: l.discount,
      pointsRedeemed: l.pointsRedeemed,
      promoPointsRedeemed: l.promoPointsRedeemed,
      pointsEarned: l.pointsEarned,
      payable: l.amount - l.discount - l.pointsRedeemed * pv,
      ...(l.pointsPending ? { pointsPending: true as const } : {}),
    })),
    totals: { amount: p.amount, discount: p.discount, pointsRedeemed: p.pointsRedeemed, promoPointsRedeemed: p.promoPointsRedeemed, pointsEarned: p.pointsEarned, payable: p.payable },
    // The receipt is settled: nothing more can be spent on it.
    maxRedeemablePoints: 0,
    requiresRedemptionCode: false,
    promotions: await storedPromotions(ctx, p.id, program.locale),
    texts: extra.messages?.length ? { ...texts, receiptMessages: [...texts.receiptMessages, ...extra.messages] } : texts,
    ...(extra.reversed ? { reversed: extra.reversed } : {}),
    giftCards: await giftCardsOfPurchase(ctx.sql, p.id),
  };
}
