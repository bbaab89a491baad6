// "Download my data": everything the program keeps about the fan, as one JSON document (staff
// notes on points movements are internal and stay out).
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export async function exportCustomerData(db: Db, customerId: string, now = new Date()) {
  const customer = await db.customer.findUnique({ where: { id: customerId } });
  if (!customer) throw new AppError("customer_not_found", "Customer not found");
  const [cards, accounts, entries, purchases, visits, tier, tierChanges, achievements, redemptions, feedback, metrics] = await Promise.all([
    db.card.findMany({ where: { customerId }, select: { number: true, status: true, issuedAt: true } }),
    db.account.findMany({ where: { customerId }, select: { kind: true, available: true, pending: true, held: true, debt: true } }),
    db.ledgerEntry.findMany({
      where: { account: { customerId } },
      orderBy: { at: "asc" },
      select: {
        at: true,
        type: true,
        reason: true,
        deltaAvailable: true,
        deltaPending: true,
        deltaHeld: true,
        deltaDebt: true,
        purchaseId: true,
        refType: true,
        refId: true,
        account: { select: { kind: true } },
      },
    }),
    db.purchase.findMany({ where: { customerId }, orderBy: { at: "asc" }, include: { lines: true, returns: true } }),
    db.visit.findMany({ where: { customerId }, select: { eventCode: true, at: true } }),
    db.customerTier.findUnique({ where: { customerId } }),
    db.tierChange.findMany({ where: { customerId }, orderBy: { at: "asc" }, select: { fromTier: true, toTier: true, reason: true, periodKey: true, at: true } }),
    db.achievement.findMany({ where: { customerId }, select: { code: true, title: true, earnedAt: true, source: true } }),
    db.catalogRedemption.findMany({ where: { customerId }, include: { item: { select: { title: true } } } }),
    db.feedbackRequest.findMany({ where: { customerId }, include: { topic: { select: { title: true } }, messages: { select: { author: true, body: true, createdAt: true } } } }),
    db.tierMetric.findMany({ where: { customerId }, select: { periodKey: true, spend: true, visits: true, purchases: true } }),
  ]);
  return {
    exportedAt: now.toISOString(),
    profile: {
      id: customer.id,
      phone: customer.phone,
      email: customer.email,
      emailVerified: customer.emailVerifiedAt !== null,
      firstName: customer.firstName,
      lastName: customer.lastName,
      birthDate: customer.birthDate?.toISOString().slice(0, 10) ?? null,
      registeredAt: customer.createdAt,
      registrationChannel: customer.registrationChannel,
      consents: { email: customer.emailConsent, emailAt: customer.emailConsentAt, sms: customer.smsConsent, smsAt: customer.smsConsentAt },
      locale: customer.locale,
    },
    cards,
    accounts,
    status: tier ? { tierCode: tier.tierCode, since: tier.since, periodKey: tier.periodKey } : null,
    statusHistory: tierChanges,
    statusMetrics: metrics.map((m) => ({ ...m, spend: Number(m.spend) })),
    achievements,
    purchases: purchases.map((p) => ({
      id: p.id,
      number: p.number,
      at: p.at,
      status: p.status,
      amount: p.amount,
      discount: p.discount,
      pointsRedeemed: p.pointsRedeemed,
      pointsEarned: p.pointsEarned,
      payable: p.payable,
      lines: p.lines.map((l) => ({
        lineNo: l.lineNo,
        sku: l.sku,
        name: l.name,
        category: l.category,
        quantity: l.quantityMilli / 1000,
        price: l.price,
        amount: l.amount,
        pointsEarned: l.pointsEarned,
        pointsRedeemed: l.pointsRedeemed,
      })),
      returns: p.returns.map((r) => ({ number: r.number, at: r.at, amount: r.amount, pointsRefunded: r.pointsRefunded, pointsReclaimed: r.pointsReclaimed })),
    })),
    visits,
    pointsMovements: entries.map(({ account, ...e }) => ({ account: account.kind, ...e })),
    experiences: redemptions.map((r) => ({
      item: r.item.title,
      voucherCode: r.voucherCode,
      status: r.status,
      pointsSpent: r.pointsSpent,
      createdAt: r.createdAt,
      usedAt: r.usedAt,
      cancelledAt: r.cancelledAt,
    })),
    feedback: feedback.map((f) => ({ topic: f.topic.title, subject: f.subject, status: f.status, createdAt: f.createdAt, messages: f.messages })),
  };
}
