// Gift certificates at the till: selling (a new number + PIN, or a printed certificate of a console
// batch), the balance check with its PIN, and paying receipts (charge, and credit back on void,
// hold expiry, cancel and returns). Plain functions of the processing domain's context; every
// limit is a conditional UPDATE … RETURNING, and wrong PINs are counted on the app pool, outside
// the request's transaction, so a failed request still uses up its attempt.
import type { Db } from "@/lib/db/client";
import { onUniqueViolation } from "@/lib/db/errors";
import type { Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import type { PosContext } from "@/lib/purchases/context";
import { GIFT_CARD_VALIDITY_DAYS, MAX_PIN_ATTEMPTS, generateNumber, generatePin, hashPin, pinMatches } from "./pin";
import { giftCardError } from "./texts";

export type GiftCardStatus = "printed" | "active" | "blocked" | "expired";
/** What a till or the console sees: `used` is an active certificate with nothing left. */
export type GiftCardViewStatus = "printed" | "active" | "used" | "expired" | "blocked";

export interface GiftCardRow {
  id: string;
  programId: string;
  number: string;
  pinHash: string;
  amount: number;
  balance: number;
  status: GiftCardStatus;
  pinAttempts: number;
  expiresAt: Date;
}

export function viewStatus(c: { status: GiftCardStatus; balance: number; expiresAt: Date }, now: Date): GiftCardViewStatus {
  if (c.status === "blocked" || c.status === "printed") return c.status;
  if (c.status === "expired" || c.expiresAt <= now) return "expired";
  return c.balance === 0 ? "used" : "active";
}

async function findCard(sql: Sql, programId: string, number: string): Promise<GiftCardRow | null> {
  const [c] = await sql.$queryRaw<GiftCardRow[]>`
    select id, "programId", number, "pinHash", amount, balance, status::text as status, "pinAttempts", "expiresAt"
    from "GiftCard" where "programId" = ${programId} and number = ${number}`;
  return c ?? null;
}

async function entry(
  sql: Sql,
  e: {
    giftCardId: string;
    type: string;
    amount: number;
    balanceAfter: number;
    at: Date;
    purchaseId?: string | null;
    returnId?: string | null;
    storeId?: string | null;
    actorId?: string | null;
    reason?: string | null;
  },
) {
  await sql.$executeRaw`
    insert into "GiftCardEntry" (id, "programId", "giftCardId", type, amount, "balanceAfter", "purchaseId", "returnId", "storeId", "actorId", reason, at, "createdAt")
    values (${createId("gfe", e.at.getTime())}, (select "programId" from "GiftCard" where id = ${e.giftCardId}), ${e.giftCardId}, ${e.type}::"GiftCardEntryType", ${e.amount}, ${e.balanceAfter}, ${e.purchaseId ?? null},
      ${e.returnId ?? null}, ${e.storeId ?? null}, ${e.actorId ?? null}, ${e.reason ?? null}, ${e.at}, now())`;
}
export { entry as giftCardEntry };

/**
 * The PIN of a certificate. A wrong PIN claims one attempt with a conditional UPDATE on the app
 * pool (`db`, its own statement, committed at once): concurrent wrong PINs can never claim more
 * than MAX_PIN_ATTEMPTS, and at the maximum every PIN, the right one too, is refused.
 */
export async function verifyPin(db: Db, card: GiftCardRow, pin: string, path?: string): Promise<void> {
  const details = path ? [{ path, message: "PIN" }] : undefined;
  const locked = () => giftCardError(db, card.programId, "too_many_attempts", { text: { number: card.number } }, details);
  if (card.pinAttempts >= MAX_PIN_ATTEMPTS) throw await locked();
  if (pinMatches(card.pinHash, card.id, pin)) return;
  const claimed = await db.$queryRaw<{ pinAttempts: number }[]>`
    update "GiftCard" set "pinAttempts" = "pinAttempts" + 1
    where id = ${card.id} and "pinAttempts" < ${MAX_PIN_ATTEMPTS}
    returning "pinAttempts"`;
  if (claimed.length === 0) throw await locked();
  throw await giftCardError(db, card.programId, "invalid_pin", { text: { number: card.number, left: MAX_PIN_ATTEMPTS - claimed[0].pinAttempts } }, details);
}

export interface GiftCardView {
  number: string;
  balance: number;
  status: Exclude<GiftCardViewStatus, "printed">;
  expiresAt: Date;
}

/** GET /gift-cards/{number}?pin= */
export async function checkGiftCard(ctx: PosContext, number: string, pin: string): Promise<GiftCardView> {
  const { programId } = ctx.till;
  const card = await findCard(ctx.sql, programId, number);
  if (!card) throw await giftCardError(ctx.db, programId, "gift_card_not_found", { text: { number } });
  await verifyPin(ctx.db, card, pin);
  const status = viewStatus(card, ctx.now);
  if (status === "printed") throw await giftCardError(ctx.db, programId, "gift_card_inactive", { text: { number }, status });
  return { number: card.number, balance: status === "expired" ? 0 : card.balance, status, expiresAt: card.expiresAt };
}

export interface SoldGiftCard {
  number: string;
  /** Null for a printed certificate: its PIN is on the card. */
  pin: string | null;
  balance: number;
  expiresAt: Date;
}

/** POST /gift-cards: sells a certificate at the till's store. Earns no points (nothing touches the points ledger). */
export async function sellGiftCard(ctx: PosContext, input: { amount: number; number?: string }): Promise<SoldGiftCard> {
  const { sql, till, now } = ctx;
  if (input.number !== undefined) {
    // A printed certificate: activated once, at its printed face value.
    const [card] = await sql.$queryRaw<{ id: string; amount: number; expiresAt: Date }[]>`
      update "GiftCard" set status = 'active', balance = amount, "storeId" = ${till.store.id}, "soldAt" = ${now}
      where "programId" = ${till.programId} and number = ${input.number} and status = 'printed' and amount = ${input.amount} and "expiresAt" > ${now}
      returning id, amount, "expiresAt"`;
    if (!card) {
      const existing = await findCard(sql, till.programId, input.number);
      if (!existing) throw await giftCardError(ctx.db, till.programId, "gift_card_not_found", { text: { number: input.number } }, [{ path: "number", message: "unknown" }]);
      if (existing.status !== "printed") throw await giftCardError(ctx.db, till.programId, "gift_card_sold", { text: { number: input.number } }, [{ path: "number", message: "already sold" }]);
      if (existing.expiresAt <= now)
        throw await giftCardError(ctx.db, till.programId, "gift_card_inactive", { text: { number: input.number }, status: "expired" }, [{ path: "number", message: "expired" }]);
      throw await giftCardError(ctx.db, till.programId, "gift_card_amount", { text: { number: input.number }, money: { amount: existing.amount } }, [
        { path: "amount", message: `the certificate was printed for ${existing.amount}` },
      ]);
    }
    await entry(sql, { giftCardId: card.id, type: "activation", amount: card.amount, balanceAfter: card.amount, at: now, storeId: till.store.id });
    return { number: input.number, pin: null, balance: card.amount, expiresAt: card.expiresAt };
  }
  const id = createId("gft", now.getTime());
  const pin = generatePin();
  const expiresAt = new Date(now.getTime() + GIFT_CARD_VALIDITY_DAYS * 86_400_000);
  // 10^13 numbers: a collision is practically impossible, but one would answer 503 and the till retries.
  const number = generateNumber();
  await onUniqueViolation(
    sql.$executeRaw`
      insert into "GiftCard" (id, "programId", number, "pinHash", amount, balance, status, "storeId", "soldAt", "expiresAt", "createdAt")
      values (${id}, ${till.programId}, ${number}, ${hashPin(id, pin)}, ${input.amount}, ${input.amount}, 'active', ${till.store.id}, ${now}, ${expiresAt}, ${now})`,
    "GiftCard_programId_number_key",
    () => new AppError("unavailable", "Could not allocate a certificate number; retry", { retryAfter: 1 }),
  );
  await entry(sql, { giftCardId: id, type: "sale", amount: input.amount, balanceAfter: input.amount, at: now, storeId: till.store.id });
  return { number, pin, balance: input.amount, expiresAt };
}

// ---- paying receipts ----

export interface GiftCardTender {
  number: string;
  pin: string;
  amount: number;
}

export interface GiftCardPayment {
  number: string;
  /** Paid on this receipt (minor units). */
  amount: number;
  /** Left on the certificate after it. */
  balance: number;
}

interface Verified extends GiftCardPayment {
  giftCardId: string;
}

/**
 * Checks the certificates a basket brings against what is left to pay (after discounts and
 * points): each exists, its PIN is right, it is active and holds enough. Writes nothing but the
 * attempt of a wrong PIN. Balances are as they are now (calculate); confirm charges them.
 */
async function verifyTenders(ctx: PosContext, tenders: GiftCardTender[] | undefined, payable: number): Promise<Verified[]> {
  if (!tenders?.length) return [];
  const { programId } = ctx.till;
  const total = tenders.reduce((s, g) => s + g.amount, 0);
  if (total > payable) throw await giftCardError(ctx.db, programId, "gift_card_overpays", { money: { payable } }, [{ path: "giftCards", message: `at most ${payable} in total` }]);
  const out: Verified[] = [];
  for (const [i, g] of tenders.entries()) {
    const card = await findCard(ctx.sql, programId, g.number);
    if (!card) throw await giftCardError(ctx.db, programId, "gift_card_not_found", { text: { number: g.number } }, [{ path: `giftCards[${i}].number`, message: "unknown" }]);
    await verifyPin(ctx.db, card, g.pin, `giftCards[${i}].pin`);
    const status = viewStatus(card, ctx.now);
    if (status !== "active" && status !== "used")
      throw await giftCardError(ctx.db, programId, "gift_card_inactive", { text: { number: g.number }, status }, [{ path: `giftCards[${i}].number`, message: status }]);
    if (card.balance < g.amount)
      throw await giftCardError(ctx.db, programId, "gift_card_insufficient", { text: { number: g.number }, money: { balance: card.balance, amount: g.amount } }, [
        { path: `giftCards[${i}].amount`, message: `balance ${card.balance}` },
      ]);
    out.push({ giftCardId: card.id, number: card.number, amount: g.amount, balance: card.balance - g.amount });
  }
  return out;
}

/** calculate: what the certificates would pay and keep. */
export async function quoteGiftCards(ctx: PosContext, tenders: GiftCardTender[] | undefined, payable: number): Promise<GiftCardPayment[]> {
  return (await verifyTenders(ctx, tenders, payable)).map(({ number, amount, balance }) => ({ number, amount, balance }));
}

/**
 * confirm (and hold, which reserves at once): charges each certificate inside the receipt's
 * transaction. The conditional UPDATE is the limit: under any concurrency a certificate is never
 * charged past its balance (and CHECK balance >= 0 stands behind it).
 */
export async function chargeGiftCards(ctx: PosContext, purchaseId: string, tenders: GiftCardTender[] | undefined, payable: number): Promise<GiftCardPayment[]> {
  const verified = await verifyTenders(ctx, tenders, payable);
  const out: GiftCardPayment[] = [];
  for (const [i, v] of verified.entries()) {
    const [row] = await ctx.sql.$queryRaw<{ balance: number }[]>`
      update "GiftCard" set balance = balance - ${v.amount}
      where id = ${v.giftCardId} and balance >= ${v.amount} and status = 'active' and "expiresAt" > ${ctx.now}
      returning balance`;
    if (!row) {
      // Another receipt got there first (or staff blocked it meanwhile): read it again to say which.
      const card = (await findCard(ctx.sql, ctx.till.programId, v.number))!;
      const status = viewStatus(card, ctx.now);
      if (status !== "active" && status !== "used")
        throw await giftCardError(ctx.db, ctx.till.programId, "gift_card_inactive", { text: { number: v.number }, status }, [{ path: `giftCards[${i}].number`, message: status }]);
      throw await giftCardError(ctx.db, ctx.till.programId, "gift_card_insufficient", { text: { number: v.number }, money: { balance: card.balance, amount: v.amount } }, [
        { path: `giftCards[${i}].amount`, message: `balance ${card.balance}` },
      ]);
    }
    await entry(ctx.sql, { giftCardId: v.giftCardId, type: "charge", amount: -v.amount, balanceAfter: row.balance, at: ctx.now, purchaseId, storeId: ctx.till.store.id });
    out.push({ number: v.number, amount: v.amount, balance: row.balance });
  }
  return out;
}

interface OpenCharge {
  giftCardId: string;
  number: string;
  charged: number;
  refunded: number;
}

async function chargesOf(sql: Sql, purchaseId: string): Promise<OpenCharge[]> {
  return sql.$queryRaw<OpenCharge[]>`
    select e."giftCardId", c.number,
      coalesce(sum(-e.amount) filter (where e.type = 'charge'), 0)::int as charged,
      coalesce(sum(e.amount) filter (where e.type = 'refund'), 0)::int as refunded
    from "GiftCardEntry" e join "GiftCard" c on c.id = e."giftCardId"
    where e."purchaseId" = ${purchaseId} and e.type in ('charge', 'refund')
    group by e."giftCardId", c.number
    order by min(e.id) filter (where e.type = 'charge')`;
}

/**
 * Gives certificate money of a receipt back: `all` (void, hold expiry, cancel) or up to `amount`
 * (a return refunds its lines' money to the receipt's certificates first, in the order they paid,
 * each up to what it paid and was not refunded yet). Returns what each certificate got back.
 */
export async function creditGiftCards(sql: Sql, input: { purchaseId: string; amount: number | "all"; at: Date; reason: string; returnId?: string | null }): Promise<GiftCardPayment[]> {
  const charges = await chargesOf(sql, input.purchaseId);
  let left = input.amount === "all" ? Number.POSITIVE_INFINITY : input.amount;
  const out: GiftCardPayment[] = [];
  for (const c of charges) {
    const give = Math.min(c.charged - c.refunded, left);
    if (give <= 0) continue;
    const [row] = await sql.$queryRaw<{ balance: number }[]>`update "GiftCard" set balance = balance + ${give} where id = ${c.giftCardId} returning balance`;
    await entry(sql, {
      giftCardId: c.giftCardId,
      type: "refund",
      amount: give,
      balanceAfter: row.balance,
      at: input.at,
      purchaseId: input.purchaseId,
      returnId: input.returnId ?? null,
      reason: input.reason,
    });
    out.push({ number: c.number, amount: give, balance: row.balance });
    left -= give;
  }
  return out;
}

/** A stored receipt's certificates: what each paid on it and what it holds now. */
export async function giftCardsOfPurchase(sql: Sql, purchaseId: string): Promise<GiftCardPayment[]> {
  const rows = await sql.$queryRaw<GiftCardPayment[]>`
    select c.number, coalesce(sum(-e.amount), 0)::int as amount, c.balance
    from "GiftCardEntry" e join "GiftCard" c on c.id = e."giftCardId"
    where e."purchaseId" = ${purchaseId} and e.type = 'charge'
    group by c.id, c.number, c.balance
    order by min(e.id)`;
  return rows.map((r) => ({ number: r.number, amount: r.amount, balance: r.balance }));
}
