// Customer operations of the processing API: lookup at the till, registration with an SMS
// code, phone confirmation, and the one-time code that authorizes spending points.
import { fireTrigger } from "@/lib/communications/triggers";
import { memberOffers, type Offer } from "@/lib/promotions/offers";
import type { Db } from "@/lib/db/client";
import { onUniqueViolation } from "@/lib/db/errors";
import { issueCard } from "@/lib/cards/issue-card";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { formatNumber, translator } from "@/lib/i18n/translate";
import { ensureAccounts } from "@/lib/ledger";
import { promoBalancesView } from "@/lib/ledger/promo-balances";
import { promoText, type PromotionText } from "@/lib/promotions/definition";
import type { Locale } from "@/lib/i18n/locales";
import { issueCode, verifyCode } from "@/lib/messaging/one-time-codes";
import { smsSender } from "@/lib/messaging/sms-sender";
import { walletsAvailable } from "@/lib/wallet/config";
import { definitionAt, programBasics } from "@/lib/program/in-force";
import { compileRules } from "@/lib/rules/compiled-rules";
import { redemptionBlock } from "@/lib/rules/redemption";
import type { OrmContext, PosContext } from "./context";
import { tierInForceFromRows } from "@/lib/tiers/activity";
import { asSeenBy, partnerNeedsCode, readBalances, resolveCustomer, type CustomerRef } from "./customer";
import { NO_LIMITS, readForPricing } from "./pricing-reads";
import { receiptTexts } from "./messages";

type Tx = Prisma.TransactionClient;
const asDb = (tx: Tx) => tx as unknown as Db;

export interface CustomerLookup {
  id: string;
  firstName: string | null;
  lastName: string | null;
  tier: { code: string; name: string };
  balances: { main: number; promo: number };
  /** The promo balance per promotion and version: what each pays for, and whether this store takes it. */
  promoBalances: PromoBalanceLine[];
  pending: number;
  canRedeem: boolean;
  phoneConfirmed: boolean;
  card: string | null;
  cashierHints: string[];
  /** Promotions the customer can use now at this store (personal offers). */
  offers: Offer[];
}

export interface PromoBalanceLine {
  promotion: string | null;
  version: number | null;
  name: string | null;
  points: number;
  expiresAt: string | null;
  items: { categories: string[]; skus: string[]; excludeSkus: string[] } | null;
  partner: string | null;
  spendableHere: boolean;
}

/** The promo account per promotion as a till at `store` sees it. */
async function promoBalanceLines(q: PosContext["sql"], customerId: string, store: PosContext["till"]["store"], now: Date, locale: Locale): Promise<PromoBalanceLine[]> {
  const rows = await promoBalancesView(q, customerId, now);
  return rows.map((r) => ({
    promotion: r.code,
    version: r.version,
    name: r.code === null ? null : promoText(r.name as PromotionText, locale),
    points: r.points,
    expiresAt: r.soonestExpiry ? r.soonestExpiry.toISOString() : null,
    items: r.items ? { categories: r.items.categories ?? [], skus: r.items.skus ?? [], excludeSkus: r.items.excludeSkus ?? [] } : null,
    partner: r.partnerCode,
    spendableHere: r.partnerCode === null || r.partnerCode === store.partnerCode,
  }));
}

/** GET /customers/lookup */
export async function lookupCustomer(ctx: PosContext, ref: CustomerRef): Promise<CustomerLookup> {
  const { db, sql: q, till: terminal, now } = ctx;
  const customer = asSeenBy(terminal, await resolveCustomer(q, terminal.programId, ref));
  const { definition } = await definitionAt(db, terminal.programId, now);
  // Balances, status and the period's metrics in one statement (lib/purchases/pricing-reads.ts).
  const [{ balances, metrics, tier: tierRows }, info] = await Promise.all([readForPricing(q, customer.id, definition, now, NO_LIMITS), programBasics(db, terminal.programId)]);
  const tierCode = await tierInForceFromRows(q, terminal.programId, customer.id, definition, now, tierRows);
  const offers = await memberOffers(db, q, {
    programId: terminal.programId,
    customer,
    tierCode,
    store: terminal.store,
    timeZone: definition.timezone,
    at: now,
    locale: info.locale,
    currency: definition.currency,
  });
  const promoBalances = balances.promo > 0 ? await promoBalanceLines(q, customer.id, terminal.store, now, info.locale) : [];
  const rules = compileRules(definition);
  const tier = rules.tiers.get(tierCode) ?? rules.entry;
  const blocked = redemptionBlock(rules, tier, { tierCode, balances, blocked: customer.status === "blocked" }, terminal.store, false);
  const canRedeem = blocked === null && balances.main > 0;
  const texts = receiptTexts({
    program: info,
    def: definition,
    customer,
    tierCode,
    available: balances.main,
    metrics,
    canRedeem: blocked === null,
    requiresCode: (definition.redemption?.requiresCode ?? false) || partnerNeedsCode(terminal, ref, 1),
    now,
  });
  return {
    id: customer.id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    tier: { code: tier.tier.code, name: tier.tier.name },
    balances: { main: balances.main, promo: balances.promo },
    promoBalances,
    pending: balances.pending,
    canRedeem,
    phoneConfirmed: customer.phoneVerifiedAt !== null,
    card: customer.card,
    cashierHints: texts.cashierHints,
    offers,
  };
}

export interface RegisterInput {
  phone: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  birthDate?: string;
  consents?: { sms?: boolean; email?: boolean };
}

export interface Registration {
  id: string;
  card: string;
  phoneConfirmed: boolean;
  codeSent: boolean;
  codeExpiresAt: Date;
}

/** POST /customers: registers a customer at the till and sends the phone confirmation code. */
export async function registerAtTill(ctx: OrmContext, input: RegisterInput): Promise<Registration> {
  const { db, orm: tx, till: terminal, now, afterCommit } = ctx;
  const existing = await tx.customer.findUnique({ where: { programId_phone: { programId: terminal.programId, phone: input.phone } }, select: { id: true } });
  if (existing) throw new AppError("already_exists", "A customer with this phone is already registered: look them up by phone", { details: [{ path: "phone", message: `customer ${existing.id}` }] });
  const email = input.email?.toLowerCase();
  if (email) {
    const taken = await tx.customer.findUnique({ where: { programId_email: { programId: terminal.programId, email } }, select: { id: true } });
    if (taken) throw new AppError("already_exists", "Another customer already uses this email", { details: [{ path: "email", message: "already used" }] });
  }
  const birthDate = input.birthDate ? new Date(`${input.birthDate}T00:00:00Z`) : null;
  if (birthDate && (birthDate > now || birthDate.getUTCFullYear() < 1900)) {
    throw new AppError("invalid_request", "The birth date is not plausible", { details: [{ path: "birthDate", message: "between 1900 and today" }] });
  }
  const id = createId("cus", now.getTime());
  // Two registrations of one phone at the same moment: the second fails on the unique index.
  const customer = await onUniqueViolation(
    tx.customer.create({
      data: {
        id,
        programId: terminal.programId,
        phone: input.phone,
        email: email ?? null,
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        birthDate,
        registrationChannel: "pos",
        registeredStoreId: terminal.store.id,
        smsConsent: input.consents?.sms ?? false,
        smsConsentAt: input.consents?.sms ? now : null,
        emailConsent: input.consents?.email ?? false,
        emailConsentAt: input.consents?.email ? now : null,
        createdAt: now,
      },
    }),
    "Customer_programId_phone_key",
    () => new AppError("already_exists", "A customer with this phone is already registered: look them up by phone", { details: [{ path: "phone", message: "already registered" }] }),
  );
  await ensureAccounts(tx, terminal.programId, id);
  const card = await issueCard(tx, terminal.programId, id, now);
  await fireTrigger(tx, { programId: terminal.programId, customerId: id, kind: "welcome", dedupeKey: `welcome:${id}` });
  const code = await issueCode(asDb(tx), { programId: terminal.programId, purpose: "phone_confirm", target: input.phone, customerId: id, now });
  const info = await programBasics(asDb(tx), terminal.programId);
  // With a wallet configured, the SMS also links to the card page and its wallet buttons (APP_URL).
  const wallets = walletsAvailable();
  const text =
    wallets.apple || wallets.google
      ? translator(info.locale)("pos.sms.confirmPhoneWallet", { code: code.code, program: info.name, url: appUrl("/cabinet/card") })
      : translator(info.locale)("pos.sms.confirmPhone", { code: code.code, program: info.name });
  afterCommit(async () => {
    await smsSender().send(db, { to: input.phone, text, programId: terminal.programId, template: "phone_confirm", secrets: [code.code] });
  });
  return {
    id: customer.id,
    card: card.number,
    phoneConfirmed: false,
    codeSent: true,
    codeExpiresAt: code.expiresAt,
  };
}

/** POST /customers/{id}/confirm */
export async function confirmPhone(ctx: OrmContext, customerId: string, code: string): Promise<{ id: string; phoneConfirmed: true }> {
  const { db, orm: tx, till: terminal, now } = ctx;
  const customer = await tx.customer.findFirst({ where: { id: customerId, programId: terminal.programId }, select: { id: true, phone: true, phoneVerifiedAt: true } });
  if (!customer || !customer.phone) throw new AppError("customer_not_found", "No customer of this program has this id");
  // Attempts are taken on the app pool (ctx.db): a wrong code still counts after this request rolls back.
  await verifyCode(asDb(tx), { purpose: "phone_confirm", target: customer.phone, code, customerId: customer.id, now }, db);
  await tx.customer.update({ where: { id: customer.id }, data: { phoneVerifiedAt: customer.phoneVerifiedAt ?? now } });
  return { id: customer.id, phoneConfirmed: true as const };
}

export interface RedemptionAuthorization {
  sent: boolean;
  /** Masked: the cashier may read it aloud to the customer. */
  phone: string;
  points: number;
  expiresAt: Date;
}

/** POST /redemptions/authorize: sends the code that lets the till spend up to `points`. */
export async function authorizeRedemption(ctx: OrmContext, ref: CustomerRef, points: number): Promise<RedemptionAuthorization> {
  const { db, orm: tx, till: terminal, now, afterCommit } = ctx;
  const customer = await resolveCustomer(tx, terminal.programId, ref);
  if (customer.status === "blocked") throw new AppError("customer_blocked", "The customer is blocked");
  if (!customer.phone) throw new AppError("redemption_not_allowed", "The customer has no phone number to send the code to");
  const balances = await readBalances(tx, customer.id);
  if (points > balances.main)
    throw new AppError("insufficient_points", `The customer has ${balances.main} points, ${points} requested`, { details: [{ path: "points", message: `at most ${balances.main}` }] });
  const code = await issueCode(asDb(tx), { programId: terminal.programId, purpose: "redemption", target: customer.phone, customerId: customer.id, data: { points }, now });
  const info = await programBasics(asDb(tx), terminal.programId);
  const locale = info.locale;
  const text = translator(locale)("pos.sms.redemption", { code: code.code, points: formatNumber(locale, points), program: info.name });
  const phone = customer.phone;
  afterCommit(async () => {
    await smsSender().send(db, { to: phone, text, programId: terminal.programId, template: "redemption", secrets: [code.code] });
  });
  return { sent: true, phone: maskPhone(phone), points, expiresAt: code.expiresAt };
}

export function maskPhone(phone: string): string {
  return phone.length > 6 ? `${phone.slice(0, phone.length - 7)}***${phone.slice(-4)}` : "***";
}
