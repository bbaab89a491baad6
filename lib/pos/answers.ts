// The processing API's answers, each built once from the domain's outcome and typed by its
// response schema (z.infer): a field the schema requires cannot be forgotten, and an unknown one
// is a type error (object literals), so the answer, its type and the OpenAPI document agree.
import type { z } from "zod";
import type { GiftCardPayment, GiftCardView, SoldGiftCard } from "@/lib/giftcards/pos";
import type { CustomerLookup, Registration, RedemptionAuthorization } from "@/lib/purchases/customers";
import type { CustomerState, ReceiptLine, ReceiptOutcome, ReturnTotals } from "@/lib/purchases/outcome";
import type { ReturnOutcome } from "@/lib/purchases/returns";
import type { VisitOutcome } from "@/lib/purchases/visits";
import type * as s from "./schemas";

export type PricedBasketAnswer = z.infer<typeof s.pricedBasket>;
type CustomerStateAnswer = z.infer<typeof s.customerState>;

function customerAnswer(c: CustomerState): CustomerStateAnswer {
  return { id: c.id, tier: c.tier, balances: { main: c.balances.main, promo: c.balances.promo } };
}

function lineAnswer(l: ReceiptLine): PricedBasketAnswer["lines"][number] {
  return {
    lineNo: l.lineNo,
    amount: l.amount,
    discount: l.discount,
    pointsRedeemed: l.pointsRedeemed,
    promoPointsRedeemed: l.promoPointsRedeemed,
    pointsEarned: l.pointsEarned,
    payable: l.payable,
    ...(l.pointsPending ? { pointsPending: l.pointsPending } : {}),
  };
}

/** calculate, confirm, hold, commit, void, cancel. */
export function receiptAnswer(r: ReceiptOutcome): PricedBasketAnswer {
  return {
    ...(r.purchaseId ? { purchaseId: r.purchaseId } : {}),
    ...(r.status ? { status: r.status } : {}),
    ...(r.holdExpiresAt ? { holdExpiresAt: r.holdExpiresAt.toISOString() } : {}),
    customer: r.customer ? customerAnswer(r.customer) : null,
    lines: r.lines.map(lineAnswer),
    totals: {
      amount: r.totals.amount,
      discount: r.totals.discount,
      pointsRedeemed: r.totals.pointsRedeemed,
      promoPointsRedeemed: r.totals.promoPointsRedeemed,
      pointsEarned: r.totals.pointsEarned,
      payable: r.totals.payable,
      giftCardsPaid: r.giftCards.reduce((sum, g) => sum + g.amount, 0),
    },
    maxRedeemablePoints: r.maxRedeemablePoints,
    requiresRedemptionCode: r.requiresRedemptionCode,
    appliedPromotions: r.promotions.applied.map((p) => ({
      code: p.code,
      name: p.name,
      version: p.version,
      discount: p.discount,
      points: p.points,
      lines: p.lines.map((l) => ({ lineNo: l.lineNo, discount: l.discount })),
    })),
    promoCodes: r.promotions.codes.map((c) => ({ code: c.code, status: c.status, message: c.message })),
    receiptMessages: r.texts.receiptMessages,
    cashierHints: r.texts.cashierHints,
    giftCards: r.giftCards.map(giftCardPaymentAnswer),
    ...(r.reversed ? { reversed: returnTotalsAnswer(r.reversed) } : {}),
  };
}

function returnTotalsAnswer(t: ReturnTotals): z.infer<typeof s.returnTotals> {
  return {
    amount: t.amount,
    discount: t.discount,
    payable: t.payable,
    pointsRefunded: t.pointsRefunded,
    promoPointsRefunded: t.promoPointsRefunded,
    pointsReclaimed: t.pointsReclaimed,
    promoPointsReclaimed: t.promoPointsReclaimed,
  };
}

export function lookupAnswer(c: CustomerLookup): z.infer<typeof s.customerView> {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    tier: { code: c.tier.code, name: c.tier.name },
    balances: { main: c.balances.main, promo: c.balances.promo },
    promoBalances: c.promoBalances.map((b) => ({
      promotion: b.promotion,
      version: b.version,
      name: b.name,
      points: b.points,
      expiresAt: b.expiresAt,
      items: b.items,
      partner: b.partner,
      spendableHere: b.spendableHere,
    })),
    pending: c.pending,
    canRedeem: c.canRedeem,
    phoneConfirmed: c.phoneConfirmed,
    card: c.card,
    cashierHints: c.cashierHints,
    offers: c.offers.map((o) => ({ code: o.code, name: o.name, description: o.description, summary: o.summary, promoCode: o.promoCode, validUntil: o.validUntil?.toISOString() ?? null })),
  };
}

export function registrationAnswer(r: Registration): z.infer<typeof s.registration> {
  return { id: r.id, card: r.card, phoneConfirmed: r.phoneConfirmed, codeSent: r.codeSent, codeExpiresAt: r.codeExpiresAt.toISOString() };
}

export function phoneConfirmationAnswer(r: { id: string; phoneConfirmed: true }): z.infer<typeof s.phoneConfirmation> {
  return { id: r.id, phoneConfirmed: r.phoneConfirmed };
}

export function returnAnswer(r: ReturnOutcome): z.infer<typeof s.returnResult> {
  return {
    returnId: r.returnId,
    purchaseId: r.purchaseId,
    returnNumber: r.returnNumber,
    lines: r.lines.map((l) => ({
      lineNo: l.lineNo,
      quantity: l.quantity,
      amount: l.amount,
      discount: l.discount,
      payable: l.payable,
      pointsRefunded: l.pointsRefunded,
      promoPointsRefunded: l.promoPointsRefunded,
      pointsReclaimed: l.pointsReclaimed,
    })),
    totals: returnTotalsAnswer(r.totals),
    customer: r.customer ? customerAnswer(r.customer) : null,
    giftCards: r.giftCards.map(giftCardPaymentAnswer),
  };
}

function giftCardPaymentAnswer(g: GiftCardPayment): z.infer<typeof s.giftCardPayment> {
  return { number: g.number, amount: g.amount, balance: g.balance };
}

export function giftCardSaleAnswer(g: SoldGiftCard): z.infer<typeof s.giftCardSale> {
  return { number: g.number, pin: g.pin, balance: g.balance, expiresAt: g.expiresAt.toISOString() };
}

export function giftCardAnswer(g: GiftCardView): z.infer<typeof s.giftCardView> {
  return { number: g.number, balance: g.balance, status: g.status, expiresAt: g.expiresAt.toISOString() };
}

export function redemptionAnswer(r: RedemptionAuthorization): z.infer<typeof s.redemptionAuthorization> {
  return { sent: r.sent, phone: r.phone, points: r.points, expiresAt: r.expiresAt.toISOString() };
}

export function visitAnswer(v: VisitOutcome): z.infer<typeof s.visitResult> {
  return { visitId: v.visitId, counted: v.counted, activatedPoints: v.activatedPoints, customer: customerAnswer(v.customer) };
}
