// Gift certificates in the console: printed batches (numbers and PINs handed out once, as CSV),
// the list with filters, one certificate's history, block/unblock (audited), the liability, and
// the expiry of certificates past their date (job expire-gift-cards). Every query is scoped to the
// staff member's program.
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { MAX_PIN_ATTEMPTS, generateNumber, generatePin, hashPin } from "./pin";
import { giftCardEntry, viewStatus, type GiftCardStatus, type GiftCardViewStatus } from "./pos";

export const MAX_BATCH = 5_000;

export interface IssuedCard {
  number: string;
  pin: string;
  amount: number;
  expiresAt: Date;
}

/**
 * A batch of `count` printed certificates of `amount` each, valid until `expiresAt`. They cannot pay
 * until a till sells them (POST /gift-cards with the number). The PINs are returned here once and
 * never again: only their hashes are stored.
 */
export async function issueBatch(
  db: Db,
  input: { programId: string; count: number; amount: number; expiresAt: Date; actorId: string | null; now?: Date },
): Promise<{ batchId: string; cards: IssuedCard[] }> {
  const now = input.now ?? new Date();
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_BATCH)
    throw new AppError("invalid_request", `1 to ${MAX_BATCH} certificates`, { details: [{ path: "count", message: "out_of_range" }] });
  if (!Number.isInteger(input.amount) || input.amount < 100 || input.amount > 100_000_000)
    throw new AppError("invalid_request", "Amount out of range", { details: [{ path: "amount", message: "out_of_range" }] });
  if (input.expiresAt <= now) throw new AppError("invalid_request", "The expiry must be in the future", { details: [{ path: "expiresAt", message: "in_future" }] });
  const batchId = createId("gfb", now.getTime());
  const numbers = new Set<string>();
  while (numbers.size < input.count) numbers.add(generateNumber());
  const cards = [...numbers].map((number) => ({ id: createId("gft", now.getTime()), number, pin: generatePin() }));
  await db.$transaction(async (tx) => {
    await tx.giftCardBatch.create({
      data: { id: batchId, programId: input.programId, count: input.count, amount: input.amount, expiresAt: input.expiresAt, createdById: input.actorId, createdAt: now },
    });
    // A number already taken (practically never) fails the unique index and the whole batch: issue again.
    await tx.giftCard.createMany({
      data: cards.map((c) => ({
        id: c.id,
        programId: input.programId,
        number: c.number,
        pinHash: hashPin(c.id, c.pin),
        amount: input.amount,
        balance: 0,
        status: "printed" as const,
        batchId,
        expiresAt: input.expiresAt,
        createdAt: now,
      })),
    });
    await writeAudit(tx, {
      programId: input.programId,
      actor: { type: "staff", id: input.actorId },
      action: "giftcards.batch.issue",
      entityType: "GiftCardBatch",
      entityId: batchId,
      after: { count: input.count, amount: input.amount, expiresAt: input.expiresAt },
    });
  });
  return { batchId, cards: cards.map((c) => ({ number: c.number, pin: c.pin, amount: input.amount, expiresAt: input.expiresAt })) };
}

/** The printer's file: number, PIN, amount (major units), expiry date. */
export function batchCsv(cards: IssuedCard[]): string {
  const rows = cards.map((c) => [c.number, c.pin, (c.amount / 100).toFixed(2), c.expiresAt.toISOString().slice(0, 10)].join(","));
  return ["number,pin,amount,expires", ...rows].join("\n") + "\n";
}

export interface GiftCardFilters {
  status?: GiftCardViewStatus;
  q?: string;
  batchId?: string;
}

export interface GiftCardListRow {
  id: string;
  number: string;
  amount: number;
  balance: number;
  status: GiftCardViewStatus;
  pinLocked: boolean;
  storeName: string | null;
  soldAt: Date | null;
  expiresAt: Date;
}

function statusWhere(status: GiftCardViewStatus | undefined, now: Date) {
  switch (status) {
    case "printed":
    case "blocked":
      return { status };
    case "expired":
      return { OR: [{ status: "expired" as const }, { status: "active" as const, expiresAt: { lte: now } }] };
    case "used":
      return { status: "active" as const, balance: 0, expiresAt: { gt: now } };
    case "active":
      return { status: "active" as const, balance: { gt: 0 }, expiresAt: { gt: now } };
    default:
      return {};
  }
}

export async function listGiftCards(db: Db, programId: string, filters: GiftCardFilters, page: { limit: number; offset: number }, now = new Date()) {
  const where = {
    programId,
    ...statusWhere(filters.status, now),
    ...(filters.q ? { number: { contains: filters.q.replace(/\s+/g, "") } } : {}),
    ...(filters.batchId ? { batchId: filters.batchId } : {}),
  };
  const [rows, total] = await Promise.all([
    db.giftCard.findMany({ where, orderBy: [{ soldAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "desc" }], take: page.limit, skip: page.offset }),
    db.giftCard.count({ where }),
  ]);
  const storeIds = [...new Set(rows.map((r) => r.storeId).filter((s): s is string => Boolean(s)))];
  const stores = new Map((await db.store.findMany({ where: { id: { in: storeIds }, programId }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  const list: GiftCardListRow[] = rows.map((r) => ({
    id: r.id,
    number: r.number,
    amount: r.amount,
    balance: r.balance,
    status: viewStatus({ status: r.status as GiftCardStatus, balance: r.balance, expiresAt: r.expiresAt }, now),
    pinLocked: r.pinAttempts >= MAX_PIN_ATTEMPTS,
    storeName: r.storeId ? (stores.get(r.storeId) ?? null) : null,
    soldAt: r.soldAt,
    expiresAt: r.expiresAt,
  }));
  return { rows: list, total };
}

export async function listBatches(db: Db, programId: string) {
  const batches = await db.giftCardBatch.findMany({ where: { programId }, orderBy: { createdAt: "desc" }, take: 50 });
  const sold = await db.giftCard.groupBy({ by: ["batchId"], where: { programId, batchId: { in: batches.map((b) => b.id) }, status: { not: "printed" } }, _count: { _all: true } });
  const soldBy = new Map(sold.map((s) => [s.batchId, s._count._all]));
  return batches.map((b) => ({ ...b, sold: soldBy.get(b.id) ?? 0 }));
}

/** One certificate and its whole ledger, oldest first; null when not in this program. */
export async function giftCardHistory(db: Db, programId: string, id: string, now = new Date()) {
  const card = await db.giftCard.findFirst({ where: { id, programId }, include: { entries: { orderBy: { id: "asc" } }, batch: true } });
  if (!card) return null;
  const storeIds = [card.storeId, ...card.entries.map((e) => e.storeId)].filter((s): s is string => Boolean(s));
  const stores = new Map((await db.store.findMany({ where: { id: { in: storeIds }, programId }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  return {
    id: card.id,
    number: card.number,
    amount: card.amount,
    balance: card.balance,
    status: viewStatus({ status: card.status as GiftCardStatus, balance: card.balance, expiresAt: card.expiresAt }, now),
    blocked: card.status === "blocked",
    pinAttempts: card.pinAttempts,
    pinLocked: card.pinAttempts >= MAX_PIN_ATTEMPTS,
    storeName: card.storeId ? (stores.get(card.storeId) ?? null) : null,
    soldAt: card.soldAt,
    expiresAt: card.expiresAt,
    batchId: card.batchId,
    entries: card.entries.map((e) => ({
      id: e.id,
      type: e.type,
      amount: e.amount,
      balanceAfter: e.balanceAfter,
      purchaseId: e.purchaseId,
      storeName: e.storeId ? (stores.get(e.storeId) ?? null) : null,
      reason: e.reason,
      at: e.at,
    })),
  };
}

/** Blocks a certificate (it can neither pay nor be checked) — staff only, audited. */
export async function blockGiftCard(db: Db, input: { programId: string; id: string; actor: AuditActor; reason: string | null; now?: Date }) {
  const now = input.now ?? new Date();
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ balance: number; status: string }[]>`
      update "GiftCard" g set status = 'blocked' from (select id, status from "GiftCard" where id = ${input.id} and "programId" = ${input.programId} for update) prev
      where g.id = prev.id and prev.status in ('active', 'printed')
      returning g.balance, prev.status::text as status`;
    if (!row) throw new AppError("invalid_state", "Only an active or printed certificate can be blocked");
    await giftCardEntry(tx, { giftCardId: input.id, type: "block", amount: 0, balanceAfter: row.balance, at: now, actorId: input.actor.id ?? null, reason: input.reason });
    await writeAudit(tx, {
      programId: input.programId,
      actor: input.actor,
      action: "giftcards.block",
      entityType: "GiftCard",
      entityId: input.id,
      reason: input.reason,
      before: { status: row.status },
      after: { status: "blocked" },
    });
  });
}

/**
 * Unblocks a certificate: a staff block ends (sold certificates become active again, unsold ones
 * printed), and the wrong-PIN counter starts over. Audited.
 */
export async function unblockGiftCard(db: Db, input: { programId: string; id: string; actor: AuditActor; reason: string | null; now?: Date }) {
  const now = input.now ?? new Date();
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ balance: number; status: string; pinAttempts: number }[]>`
      update "GiftCard" g
      set status = case when prev.status = 'blocked' then (case when g."soldAt" is null then 'printed' else 'active' end)::"GiftCardStatus" else g.status end,
        "pinAttempts" = 0
      from (select id, status, "pinAttempts" from "GiftCard" where id = ${input.id} and "programId" = ${input.programId} for update) prev
      where g.id = prev.id and (prev.status = 'blocked' or prev."pinAttempts" > 0)
      returning g.balance, g.status::text as status, prev."pinAttempts"`;
    if (!row) throw new AppError("invalid_state", "The certificate is not blocked");
    await giftCardEntry(tx, { giftCardId: input.id, type: "unblock", amount: 0, balanceAfter: row.balance, at: now, actorId: input.actor.id ?? null, reason: input.reason });
    await writeAudit(tx, {
      programId: input.programId,
      actor: input.actor,
      action: "giftcards.unblock",
      entityType: "GiftCard",
      entityId: input.id,
      reason: input.reason,
      before: { pinAttempts: row.pinAttempts },
      after: { status: row.status, pinAttempts: 0 },
    });
  });
}

/** What the program owes on certificates: the sum of the balances that can still pay. */
export async function giftCardLiability(db: Db, programId: string, now = new Date()): Promise<{ amount: number; cards: number }> {
  const [row] = await db.$queryRaw<{ amount: bigint | null; cards: bigint }[]>`
    select sum(balance) as amount, count(*) filter (where balance > 0) as cards
    from "GiftCard" where "programId" = ${programId} and status = 'active' and "expiresAt" > ${now}`;
  return { amount: Number(row?.amount ?? 0), cards: Number(row?.cards ?? 0) };
}

/**
 * Writes off what is left on certificates past their expiry (entry `expiry`, status expired).
 * Idempotent and safe to run concurrently: each certificate is taken with SKIP LOCKED and
 * re-checked by the conditional UPDATE.
 */
export async function expireGiftCards(db: Db, now = new Date(), opts: { batch?: number; programId?: string } = {}): Promise<number> {
  const batch = opts.batch ?? 500;
  let total = 0;
  for (;;) {
    const done = await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ id: string; balance: number }[]>`
        with due as (
          select id, balance from "GiftCard" where status = 'active' and "expiresAt" <= ${now} and (${opts.programId ?? null}::text is null or "programId" = ${opts.programId ?? null})
          order by "expiresAt" limit ${batch} for update skip locked
        )
        update "GiftCard" g set status = 'expired', balance = 0 from due where g.id = due.id
        returning g.id, due.balance`;
        for (const r of rows) await giftCardEntry(tx, { giftCardId: r.id, type: "expiry", amount: -r.balance, balanceAfter: 0, at: now, reason: "expired" });
        return rows.length;
      },
      { timeout: 60_000 },
    );
    total += done;
    if (done < batch) return total;
  }
}
