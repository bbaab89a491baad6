// Receipts: price a basket (calculate, no writes) and confirm it (one step, or as a hold that is
// later committed or voided). Everything a confirm writes happens in the caller's single
// transaction, after the customer's accounts are locked (lib/ledger/lock-accounts.ts).
import type { Db } from "@/lib/db/client";
import { onUniqueViolation } from "@/lib/db/errors";
import type { Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { accrue, captureHold, expireDueLots, hold, lockAccounts, spend, type LockedAccount } from "@/lib/ledger";
import { definitionAt, definitionById, programBasics } from "@/lib/program/in-force";
import type { BasketRequest, ConfirmRequest } from "@/lib/pos/schemas";
import type { PosTerminal } from "@/lib/pos/terminal-auth";
import type { ProgramDefinition } from "@/lib/program/definition";
import { compileRules, lineActivation } from "@/lib/rules/compiled-rules";
import { lotAvailableAt, lotExpiresAt } from "@/lib/rules/expiry";
import { priceBasket, type PricedBasket } from "@/lib/rules/price-basket";
import { recordActivity, tierForPricing } from "@/lib/tiers/activity";
import { periodAt } from "@/lib/time";
import { currentTierCode, periodMetrics, readBalances, resolveCustomer, type PosCustomer } from "./customer";
import { receiptTexts } from "./messages";
import { consumeRedemptionCode } from "./redemption-code";

type Tx = Sql;

/** A receipt may not be dated in the future (clock skew of a till allowed). */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function receiptTime(at: string | undefined, now: Date): Date {
  if (!at) return now;
  const d = new Date(at);
  if (d.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new AppError("invalid_request", "The receipt time is in the future", { details: [{ path: "receipt.at", message: "not after now" }] });
  }
  return d;
}

function contractLines(priced: PricedBasket) {
  return priced.lines.map((l) => ({
    lineNo: l.lineNo,
    amount: l.amount,
    discount: l.discount,
    pointsRedeemed: l.pointsRedeemed,
    pointsEarned: l.pointsEarned,
    payable: l.payable,
    ...(l.pointsPending ? { pointsPending: true as const } : {}),
  }));
}

/** POST /purchases/calculate: prices the basket for the customer as they stand now. Writes nothing. */
export async function calculatePurchase(db: Db, terminal: PosTerminal, body: BasketRequest, now = new Date(), q: Sql = db) {
  const at = receiptTime(body.receipt.at, now);
  const { definition } = await definitionAt(db, terminal.programId, at);
  const customer = body.customer ? await resolveCustomer(q, terminal.programId, body.customer) : null;
  let tierCode: string | null = null;
  let balances = { main: 0, promo: 0, pending: 0 };
  if (customer) {
    [tierCode, balances] = await Promise.all([currentTierCode(q, terminal.programId, customer.id, definition, at), readBalances(q, customer.id)]);
  }
  const priced = priceBasket({
    definition,
    customer: customer && tierCode ? { tierCode, balances: { main: balances.main, promo: balances.promo }, blocked: customer.status === "blocked" } : null,
    store: { code: terminal.store.code, partnerCode: terminal.store.partnerCode, tags: terminal.store.tags },
    lines: body.lines,
    redeemPoints: body.redeemPoints,
  });
  const info = await programBasics(db, terminal.programId);
  const metrics = customer ? await periodMetrics(q, customer.id, definition, at) : null;
  const texts = receiptTexts({
    locale: info.locale,
    programName: info.name,
    def: definition,
    customer,
    tierCode,
    available: balances.main,
    metrics,
    canRedeem: priced.redemptionBlocked === null,
    requiresCode: priced.requiresRedemptionCode || (definition.redemption?.requiresCode ?? false),
    now,
  });
  return {
    customer: customer && tierCode ? { id: customer.id, tier: tierCode, balances: { main: balances.main, promo: balances.promo } } : null,
    lines: contractLines(priced),
    totals: priced.totals,
    maxRedeemablePoints: priced.maxRedeemablePoints,
    requiresRedemptionCode: priced.requiresRedemptionCode,
    appliedPromotions: [],
    ...texts,
  };
}

interface EarnLine {
  lineNo: number;
  category: string;
  pointsEarned: number;
  net: number;
}

/**
 * Accrues a receipt's earned points: one lot for the immediately available points, one per
 * activation date, and one per line for points that wait for a ticket validation (each ticket
 * is validated on its own). Returns what is pending, for the receipt messages.
 */
async function earnPoints(tx: Tx, main: LockedAccount, def: ProgramDefinition, purchaseId: string, lines: EarnLine[], at: Date) {
  const rules = compileRules(def);
  const expiresAt = lotExpiresAt(def, at);
  let immediate = 0;
  const byDate = new Map<number, number>();
  const pending: { points: number; availableAt: Date | null }[] = [];
  for (const l of lines) {
    if (l.pointsEarned <= 0) continue;
    const activation = lineActivation(rules, l.category);
    const availableAt = lotAvailableAt(def, activation, at);
    if (availableAt === null) {
      await accrue(tx, main, { amount: l.pointsEarned, at, activation: { kind: "validation" }, expiresAt, reason: "purchase", purchaseId, purchaseLineNo: l.lineNo });
      pending.push({ points: l.pointsEarned, availableAt: null });
    } else if (availableAt.getTime() <= at.getTime()) {
      immediate += l.pointsEarned;
    } else {
      byDate.set(availableAt.getTime(), (byDate.get(availableAt.getTime()) ?? 0) + l.pointsEarned);
    }
  }
  if (immediate > 0) await accrue(tx, main, { amount: immediate, at, activation: { kind: "immediate" }, expiresAt, reason: "purchase", purchaseId });
  for (const [time, points] of byDate) {
    await accrue(tx, main, { amount: points, at, activation: { kind: "date", availableAt: new Date(time) }, expiresAt, reason: "purchase", purchaseId });
    pending.push({ points, availableAt: new Date(time) });
  }
  return pending;
}

function spendByCategory(lines: EarnLine[], sign = 1) {
  const out: Record<string, number> = {};
  for (const l of lines) out[l.category] = (out[l.category] ?? 0) + sign * l.net;
  return out;
}

export interface ConfirmOutcome {
  status: 201 | 200;
  body: Record<string, unknown>;
}

/** POST /purchases: confirm a receipt in one step (committed) or as a hold. */
export async function confirmPurchase(db: Db, tx: Tx, terminal: PosTerminal, body: ConfirmRequest, now = new Date()): Promise<ConfirmOutcome> {
  const at = receiptTime(body.receipt.at, now);
  if (body.offline && body.hold) throw new AppError("invalid_request", "An offline receipt cannot be held", { details: [{ path: "hold", message: "not with offline" }] });
  const { versionId, definition } = await definitionAt(db, terminal.programId, at);

  const customer: PosCustomer | null = body.customer ? await resolveCustomer(tx, terminal.programId, body.customer) : null;
  let accounts: Record<"main" | "promo", LockedAccount> | null = null;
  let tierCode: string | null = null;
  if (customer) {
    accounts = await lockAccounts(tx, terminal.programId, customer.id);
    await expireDueLots(tx, accounts.main, now);
    tierCode = await tierForPricing(tx, terminal.programId, customer.id, definition, at);
  }
  const priced = priceBasket({
    definition,
    customer: customer && tierCode && accounts ? { tierCode, balances: { main: accounts.main.available, promo: accounts.promo.available }, blocked: customer.status === "blocked" } : null,
    store: { code: terminal.store.code, partnerCode: terminal.store.partnerCode, tags: terminal.store.tags },
    lines: body.lines,
    redeemPoints: body.redeemPoints,
    offline: body.offline,
  });
  if (customer && priced.requiresRedemptionCode && body.redeemPoints > 0) {
    await consumeRedemptionCode(db, tx, { customerId: customer.id, code: body.redemptionCode, points: body.redeemPoints, now });
  }

  const purchaseId = createId("rcp", at.getTime());
  const held = Boolean(body.hold);
  const holdExpiresAt = body.hold ? new Date(now.getTime() + body.hold.ttlSeconds * 1000) : null;
  const periodKey = periodAt(definition.qualification.period, definition.timezone, at).key;
  const names = new Map(body.lines.map((l) => [l.lineNo, l.name ?? null]));
  // Raw inserts: the ORM's query building costs more than the statements on this hot path.
  // A repeated receipt number fails on the unique index: 409 duplicate_receipt.
  await onUniqueViolation(tx.$executeRaw`
    insert into "Purchase" (id, "programId", "storeId", "terminalId", "customerId", number, at, status, offline, "programVersionId", "periodKey",
      amount, discount, "pointsRedeemed", "pointsEarned", payable, "holdExpiresAt", "committedAt", "createdAt")
    values (${purchaseId}, ${terminal.programId}, ${terminal.store.id}, ${terminal.terminalId}, ${customer?.id ?? null}, ${body.receipt.number}, ${at},
      ${held ? "held" : "committed"}::"PurchaseStatus", ${body.offline}, ${versionId}, ${periodKey},
      ${priced.totals.amount}, ${priced.totals.discount}, ${priced.totals.pointsRedeemed}, ${priced.totals.pointsEarned}, ${priced.totals.payable},
      ${holdExpiresAt}, ${held ? null : now}, ${now})`, "Purchase_storeId_number_key", () => new AppError("duplicate_receipt", "This store already has a receipt with this number"));
  const pl = priced.lines;
  await tx.$executeRaw`
    insert into "PurchaseLine" (id, "purchaseId", "lineNo", sku, category, name, "quantityMilli", price, amount, discount, "pointsRedeemed", "pointsEarned", "pointsPending")
    select u.id, ${purchaseId}, u.no, u.sku, u.cat, u.name, u.qty, u.price, u.amount, u.discount, u.redeemed, u.earned, u.pending
    from unnest(${pl.map(() => createId("rln", at.getTime()))}::text[], ${pl.map((l) => l.lineNo)}::int[], ${pl.map((l) => l.sku)}::text[],
      ${pl.map((l) => l.category)}::text[], ${pl.map((l) => names.get(l.lineNo) ?? null)}::text[], ${pl.map((l) => l.quantityMilli)}::int[],
      ${pl.map((l) => l.price)}::int[], ${pl.map((l) => l.amount)}::int[], ${pl.map((l) => l.discount)}::int[], ${pl.map((l) => l.pointsRedeemed)}::int[],
      ${pl.map((l) => l.pointsEarned)}::int[], ${pl.map((l) => Boolean(l.pointsPending))}::boolean[])
      as u(id, no, sku, cat, name, qty, price, amount, discount, redeemed, earned, pending)`;

  let pending: { points: number; availableAt: Date | null }[] = [];
  let metricsAfter: Awaited<ReturnType<typeof periodMetrics>> | null = null;
  if (customer && accounts) {
    if (held) {
      if (body.redeemPoints > 0) {
        const holdId = await hold(tx, accounts.main, { amount: body.redeemPoints, at: now, expiresAt: holdExpiresAt!, purchaseId });
        await tx.$executeRaw`update "Purchase" set "holdId" = ${holdId} where id = ${purchaseId}`;
      }
    } else {
      if (body.redeemPoints > 0) await spend(tx, accounts.main, { amount: body.redeemPoints, at: now, reason: "purchase", purchaseId });
      const earnLines = priced.lines.map((l) => ({ lineNo: l.lineNo, category: l.category, pointsEarned: l.pointsEarned, net: l.amount - l.discount }));
      pending = await earnPoints(tx, accounts.main, definition, purchaseId, earnLines, at);
      const outcome = await recordActivity(tx, {
        programId: terminal.programId,
        customerId: customer.id,
        definition,
        at,
        spend: priced.totals.amount - priced.totals.discount,
        spendByCategory: spendByCategory(earnLines),
        purchases: 1,
      });
      tierCode = outcome.tierCode;
      metricsAfter = outcome.metrics;
    }
  }

  const info = await programBasics(db, terminal.programId);
  const metrics = customer ? (metricsAfter ?? (await periodMetrics(tx, customer.id, definition, at))) : null;
  const texts = receiptTexts({
    locale: info.locale,
    programName: info.name,
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
  return {
    status: 201,
    body: {
      purchaseId,
      status: held ? "held" : "committed",
      ...(holdExpiresAt ? { holdExpiresAt: holdExpiresAt.toISOString() } : {}),
      customer: customer && accounts && tierCode ? { id: customer.id, tier: tierCode, balances: { main: accounts.main.available, promo: accounts.promo.available } } : null,
      lines: contractLines(priced),
      totals: priced.totals,
      maxRedeemablePoints: priced.maxRedeemablePoints,
      requiresRedemptionCode: priced.requiresRedemptionCode,
      appliedPromotions: [],
      ...texts,
    },
  };
}

type PurchaseRow = {
  id: string;
  programId: string;
  storeId: string;
  customerId: string | null;
  status: "held" | "committed" | "voided" | "cancelled";
  at: Date;
  programVersionId: string;
  holdId: string | null;
  holdExpiresAt: Date | null;
  amount: number;
  discount: number;
  pointsRedeemed: number;
  pointsEarned: number;
  payable: number;
};

/** Locks a receipt of the terminal's program; 404 when unknown there, 403 when another store's. */
export async function lockPurchase(tx: Tx, terminal: PosTerminal, purchaseId: string): Promise<PurchaseRow> {
  const [p] = await tx.$queryRaw<PurchaseRow[]>`
    select id, "programId", "storeId", "customerId", status::text as status, at, "programVersionId", "holdId", "holdExpiresAt",
      amount, discount, "pointsRedeemed", "pointsEarned", payable
    from "Purchase" where id = ${purchaseId} and "programId" = ${terminal.programId}
    for update`;
  if (!p) throw new AppError("purchase_not_found", "No receipt with this id");
  if (p.storeId !== terminal.store.id) throw new AppError("forbidden", "This receipt belongs to another store: only its store's terminals may change it");
  return p;
}

type LineRow = { lineNo: number; sku: string; category: string; quantityMilli: number; returnedMilli: number; amount: number; discount: number; pointsRedeemed: number; pointsEarned: number; pointsPending: boolean };

export async function purchaseLines(tx: Tx, purchaseId: string) {
  return tx.$queryRaw<LineRow[]>`
    select "lineNo", sku, category, "quantityMilli", "returnedMilli", amount, discount, "pointsRedeemed", "pointsEarned", "pointsPending"
    from "PurchaseLine" where "purchaseId" = ${purchaseId} order by "lineNo"`;
}

/** The contract's answer for an existing receipt (commit, void, cancel). */
export async function purchaseAnswer(tx: Tx, p: PurchaseRow, def: ProgramDefinition, extra: Record<string, unknown> = {}) {
  const lines = await purchaseLines(tx, p.id);
  const pv = def.pointValue;
  let customer = null;
  if (p.customerId) {
    const balances = await readBalances(tx, p.customerId);
    const tier = await currentTierCode(tx, p.programId, p.customerId, def, new Date());
    customer = { id: p.customerId, tier, balances: { main: balances.main, promo: balances.promo } };
  }
  return {
    purchaseId: p.id,
    status: p.status,
    ...(p.status === "held" && p.holdExpiresAt ? { holdExpiresAt: p.holdExpiresAt.toISOString() } : {}),
    customer,
    lines: lines.map((l) => ({
      lineNo: l.lineNo,
      amount: l.amount,
      discount: l.discount,
      pointsRedeemed: l.pointsRedeemed,
      pointsEarned: l.pointsEarned,
      payable: l.amount - l.discount - l.pointsRedeemed * pv,
      ...(l.pointsPending ? { pointsPending: true as const } : {}),
    })),
    totals: { amount: p.amount, discount: p.discount, pointsRedeemed: p.pointsRedeemed, pointsEarned: p.pointsEarned, payable: p.payable },
    appliedPromotions: [],
    ...extra,
  };
}

/** POST /purchases/{id}/commit: a held receipt becomes a normal one (held points spent, points earned). */
export async function commitPurchase(db: Db, tx: Tx, terminal: PosTerminal, purchaseId: string, now = new Date()) {
  const p = await lockPurchase(tx, terminal, purchaseId);
  if (p.status !== "held") throw new AppError("invalid_state", `The receipt is ${p.status}, not held`);
  if (p.holdExpiresAt && p.holdExpiresAt <= now) throw new AppError("invalid_state", `The hold expired at ${p.holdExpiresAt.toISOString()}; the receipt is voided`);
  const def = await definitionById(db, p.programVersionId);
  if (p.customerId) {
    const accounts = await lockAccounts(tx, p.programId, p.customerId);
    if (p.holdId) await captureHold(tx, accounts.main, p.holdId, now, "purchase");
    const lines = await purchaseLines(tx, p.id);
    const earnLines = lines.map((l) => ({ lineNo: l.lineNo, category: l.category, pointsEarned: l.pointsEarned, net: l.amount - l.discount }));
    await earnPoints(tx, accounts.main, def, p.id, earnLines, p.at);
    await recordActivity(tx, { programId: p.programId, customerId: p.customerId, definition: def, at: p.at, spend: p.amount - p.discount, spendByCategory: spendByCategory(earnLines), purchases: 1 });
  }
  await tx.$executeRaw`update "Purchase" set status = 'committed', "committedAt" = ${now} where id = ${p.id}`;
  return purchaseAnswer(tx, { ...p, status: "committed" }, def);
}
