// Merges a duplicate customer into a golden record, in one transaction: cards, receipts, the
// ledger (open lots move to the kept accounts with their expiry; balances add up), status
// metrics (summed per period), status history, achievements, visits and every other table that
// points at the customer move over; the duplicate's profile fills the gaps of the kept one; then
// the duplicate is left as an empty, blocked tombstone (CustomerMerge points to the golden record).
// The ledger stays append-only: points move by compensating entries, lot by lot.
// The console names the duplicate exactly (id, phone or card: findMergeCandidate) and shows both
// customers before the merge; the merge locks both customer rows (in id order) and checks again
// under the lock. A till's receipt that resolved the duplicate just before the merge follows it to
// the kept customer (lib/purchases/confirm.ts), so no points land on the merged-away record.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { lockAccounts } from "@/lib/ledger/lock-accounts";
import { accrue } from "@/lib/ledger/accrue";
import { postEntry } from "@/lib/ledger/post-entry";
import type { AccountKind, LockedAccount } from "@/lib/ledger/types";
import { definitionInForce } from "@/lib/program/in-force";
import { tierRank } from "@/lib/tiers/evaluate-status";

export interface MergeInput {
  programId: string;
  /** The golden record that stays. */
  keepId: string;
  /** The duplicate that is merged in and removed. */
  mergeId: string;
  staffUserId: string;
  reason: string;
}

type Tx = Prisma.TransactionClient;

/**
 * Tables with their own merge rules; any other foreign key to Customer is re-pointed as is. The
 * ledger's rows stay with the duplicate's accounts (moveLots empties its lots and re-creates them
 * on the kept accounts), so their customerId stays too; receipt lines and returns, and wallet
 * passes, follow their receipt and card (re-pointed by repointOthers). The segments' activity
 * summary and its category days follow the receipts and visits moved (triggers on "Purchase" /
 * "Visit"): repointing their rows would collide with the kept customer's.
 */
const HANDLED = new Set([
  "Account",
  "TierMetric",
  "CustomerTier",
  "TierChange",
  "Achievement",
  "Visit",
  "VisitKey",
  "Purchase",
  "ReceiptKey",
  "Card",
  "LedgerEntry",
  "Lot",
  "Hold",
  "LotAllocation",
  "CustomerActivity",
  "CustomerActivityMonth",
  "CustomerCategoryDay",
]);

const PROFILE_FIELDS = ["phone", "phoneVerifiedAt", "email", "emailVerifiedAt", "firstName", "lastName", "birthDate", "gender", "registeredStoreId", "locale", "externalId"] as const;

export async function mergeCustomers(db: Db, input: MergeInput) {
  const reason = input.reason?.trim();
  if (!reason) throw new AppError("invalid_request", "A reason is required", { details: [{ path: "reason", message: "required" }] });
  if (input.keepId === input.mergeId) throw new AppError("invalid_request", "Choose two different customers", { details: [{ path: "mergeId", message: "same_customer" }] });

  return db.$transaction(
    async (tx) => {
      // Both customer rows first, in id order (two merges of the same pair never deadlock), then
      // every check on what the locks hold: nobody merges, blocks or moves them meanwhile. NO KEY
      // UPDATE lets a till's receipt insert (its foreign-key check) wait on the accounts instead.
      const ids = [input.keepId, input.mergeId].sort();
      await tx.$queryRaw`select id from "Customer" where id = any(${ids}::text[]) order by id for no key update`;
      if (await tx.customerMerge.findUnique({ where: { mergedId: input.keepId } }))
        throw new AppError("invalid_state", "This customer was already merged into another one", { details: [{ path: "keepId", message: "already_merged" }] });
      if (await tx.customerMerge.findUnique({ where: { mergedId: input.mergeId } }))
        throw new AppError("invalid_state", "This customer was already merged into another one", { details: [{ path: "mergeId", message: "already_merged" }] });
      const [keep, dup] = await Promise.all([
        tx.customer.findFirst({ where: { id: input.keepId, programId: input.programId } }),
        tx.customer.findFirst({ where: { id: input.mergeId, programId: input.programId }, include: { cards: true, tier: true } }),
      ]);
      if (!keep || !dup) throw new AppError("customer_not_found", "Customer not found", { details: [{ path: keep ? "mergeId" : "keepId", message: "customer_not_found" }] });

      // Lock both customers' accounts in id order: two merges never deadlock.
      const [first, second] = [keep.id, dup.id].sort();
      const locked = new Map([
        [first, await lockAccounts(tx, input.programId, first)],
        [second, await lockAccounts(tx, input.programId, second)],
      ]);
      const keepAcc = locked.get(keep.id)!;
      const dupAcc = locked.get(dup.id)!;
      const activeHolds = await tx.hold.count({ where: { accountId: { in: [dupAcc.main.id, dupAcc.promo.id] }, status: "active" } });
      if (activeHolds) throw new AppError("invalid_state", "The duplicate has a receipt on hold at a till; merge once it is committed or voided");

      const balancesBefore = { keep: snapshot(keepAcc), merged: snapshot(dupAcc) };
      const moved: Record<string, number> = {};

      // Ledger (append-only): each open lot of the duplicate is emptied by an entry on its account
      // and re-created, same points, expiry and activation, on the kept account. Debt moves too.
      for (const kind of ["main", "promo"] as AccountKind[]) {
        moved[`points.${kind}`] = await moveLots(tx, dupAcc[kind], keepAcc[kind], dup.id, input.staffUserId);
      }

      moved.cards = (await tx.card.updateMany({ where: { customerId: dup.id }, data: { customerId: keep.id } })).count;
      // The receipts' keys ("ReceiptKey") name their customer too: moved in the same statement, found by receipt id.
      [{ n: moved.receipts }] = await tx.$queryRaw<{ n: number }[]>`
        with r as (update "Purchase" set "customerId" = ${keep.id} where "customerId" = ${dup.id} returning id),
        k as (update "ReceiptKey" k set "customerId" = ${keep.id} from r where k."purchaseId" = r.id returning 1)
        select (select count(*)::int from r) as n, (select count(*) from k) as keys`;
      moved.tierChanges = (await tx.tierChange.updateMany({ where: { customerId: dup.id }, data: { customerId: keep.id } })).count;
      moved.visits = await mergeVisits(tx, keep.id, dup.id);
      await mergeMetrics(tx, keep.id, dup.id);
      moved.achievements = await mergeAchievements(tx, keep.id, dup.id);
      await mergeTierRow(tx, input.programId, keep.id, dup.id);
      // Feedback threads and catalog vouchers name the customer without a foreign key.
      moved.feedback = (await tx.feedbackRequest.updateMany({ where: { customerId: dup.id }, data: { customerId: keep.id } })).count;
      moved.redemptions = (await tx.catalogRedemption.updateMany({ where: { customerId: dup.id }, data: { customerId: keep.id } })).count;
      for (const [table, n] of Object.entries(await repointOthers(tx, keep.id, dup.id))) moved[table] = n;

      // The duplicate stays as an empty tombstone (its accounts keep their history): no phone or
      // email or legacy external id (they are free for the golden record), blocked, every session ended.
      await tx.customer.update({ where: { id: dup.id }, data: { phone: null, email: null, externalId: null, status: "blocked", sessionVersion: { increment: 1 } } });
      await tx.customerMerge.create({ data: { mergedId: dup.id, programId: input.programId, keptId: keep.id, staffUserId: input.staffUserId, reason } });

      // The golden record takes what it lacks from the duplicate.
      const fill: Record<string, unknown> = {};
      for (const f of PROFILE_FIELDS) if (keep[f] == null && dup[f] != null) fill[f] = dup[f];
      if (!keep.emailConsent && dup.emailConsent) Object.assign(fill, { emailConsent: true, emailConsentAt: dup.emailConsentAt });
      if (!keep.smsConsent && dup.smsConsent) Object.assign(fill, { smsConsent: true, smsConsentAt: dup.smsConsentAt });
      if (dup.createdAt < keep.createdAt) fill.createdAt = dup.createdAt;
      const after = await tx.customer.update({ where: { id: keep.id }, data: { ...fill, sessionVersion: { increment: 1 } } });

      const balancesAfter = await tx.account.findMany({ where: { customerId: keep.id }, select: { kind: true, available: true, held: true, pending: true, debt: true } });
      const audit = {
        programId: input.programId,
        actor: { type: "staff" as const, id: input.staffUserId },
        reason,
      };
      await writeAudit(tx, {
        ...audit,
        action: "customer.merge",
        entityType: "Customer",
        entityId: keep.id,
        before: { kept: keep, merged: { ...dup, cards: dup.cards.map((c) => c.number) }, balances: balancesBefore },
        after: { customer: after, filled: Object.keys(fill), moved, balances: balancesAfter },
      });
      await writeAudit(tx, { ...audit, action: "customer.merged_into", entityType: "Customer", entityId: dup.id, before: dup, after: { mergedInto: keep.id } });
      return { customer: after, moved, filled: Object.keys(fill) };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

type OpenLot = {
  id: string;
  remaining: number;
  activation: "immediate" | "date" | "validation";
  availableAt: Date | null;
  activatedAt: Date | null;
  expiresAt: Date | null;
  purchaseId: string | null;
  purchaseLineNo: number | null;
  promotionId: string | null;
  promotionVersionId: string | null;
};

/** Moves the open lots (and debt) of one account to another with compensating entries; returns the points moved. */
async function moveLots(tx: Tx, from: LockedAccount, to: LockedAccount, dupId: string, staffUserId: string): Promise<number> {
  const at = new Date();
  const refs = { staffUserId, refType: "customer_merge", refId: dupId };
  const lots = await tx.$queryRaw<OpenLot[]>`
    select id, remaining, activation::text as activation, "availableAt", "activatedAt", "expiresAt", "purchaseId", "purchaseLineNo", "promotionId", "promotionVersionId"
    from "Lot" where "accountId" = ${from.id} and remaining > 0 and "expiredAt" is null and "voidedAt" is null
    order by "createdAt", id`;
  let total = 0;
  for (const lot of lots) {
    const active = lot.activatedAt !== null;
    await postEntry(tx, from, {
      type: "adjustment",
      reason: "merge-out",
      at,
      lotId: lot.id,
      ...(active ? { deltaAvailable: -lot.remaining } : { deltaPending: -lot.remaining }),
      ...refs,
      note: `moved to ${to.customerId}`,
    });
    await tx.$executeRaw`update "Lot" set remaining = 0 where id = ${lot.id}`;
    const activation = active
      ? ({ kind: "immediate" } as const)
      : lot.activation === "validation"
        ? ({ kind: "validation" } as const)
        : ({ kind: "date", availableAt: lot.availableAt ?? at } as const);
    const r = await accrue(tx, to, {
      amount: lot.remaining,
      at,
      activation,
      expiresAt: lot.expiresAt,
      reason: "merge-in",
      type: "adjustment",
      ...refs,
      note: `from ${dupId}`,
      lotPromotionId: lot.promotionId,
      lotPromotionVersionId: lot.promotionVersionId,
    });
    // The new lot answers for the same receipt line (returns and ticket validations find it).
    if (r && lot.purchaseId) await tx.$executeRaw`update "Lot" set "purchaseId" = ${lot.purchaseId}, "purchaseLineNo" = ${lot.purchaseLineNo} where id = ${r.lotId}`;
    total += lot.remaining;
  }
  if (from.debt > 0) {
    const debt = from.debt;
    await postEntry(tx, from, { type: "debt", reason: "merge-out", at, deltaDebt: -debt, ...refs });
    await postEntry(tx, to, { type: "debt", reason: "merge-in", at, deltaDebt: debt, ...refs });
  }
  return total;
}

function snapshot(acc: Record<AccountKind, { available: number; held: number; pending: number; debt: number }>) {
  return Object.fromEntries((["main", "promo"] as AccountKind[]).map((k) => [k, { available: acc[k].available, held: acc[k].held, pending: acc[k].pending, debt: acc[k].debt }]));
}

/**
 * Visits move with their keys (VisitKey, the once-per-event rule): moving a key moves its visit and
 * survey (ON UPDATE CASCADE). A visit to an event both records attended counts once: the
 * duplicate's visit and key go and its metric is taken back. Keys whose visit is offline (the
 * retention) move the same way.
 */
async function mergeVisits(tx: Tx, keepId: string, dupId: string): Promise<number> {
  const dupes = await tx.$queryRaw<{ eventCode: string; periodKey: string | null }[]>`
    select d."eventCode", (select v."periodKey" from "Visit" v where v.id = d."visitId" and v.at = d."visitAt") as "periodKey"
    from "VisitKey" d join "VisitKey" k on k."customerId" = ${keepId} and k."eventCode" = d."eventCode"
    where d."customerId" = ${dupId}`;
  for (const d of dupes) {
    await tx.$executeRaw`delete from "Visit" where "customerId" = ${dupId} and "eventCode" = ${d.eventCode}`;
    await tx.$executeRaw`delete from "VisitKey" where "customerId" = ${dupId} and "eventCode" = ${d.eventCode}`;
    if (d.periodKey !== null) await tx.$executeRaw`update "TierMetric" set visits = greatest(visits - 1, 0) where "customerId" = ${dupId} and "periodKey" = ${d.periodKey}`;
  }
  return tx.$executeRaw`update "VisitKey" set "customerId" = ${keepId} where "customerId" = ${dupId}`;
}

/** Per period: spend, visits and receipts add up (spend per category too). */
async function mergeMetrics(tx: Tx, keepId: string, dupId: string) {
  const rows = await tx.tierMetric.findMany({ where: { customerId: dupId } });
  for (const m of rows) {
    const existing = await tx.tierMetric.findUnique({ where: { customerId_periodKey: { customerId: keepId, periodKey: m.periodKey } } });
    if (!existing) {
      await tx.tierMetric.update({ where: { id: m.id }, data: { customerId: keepId } });
      continue;
    }
    const byCat: Record<string, number> = { ...(existing.spendByCategory as Record<string, number>) };
    for (const [k, v] of Object.entries(m.spendByCategory as Record<string, number>)) byCat[k] = (byCat[k] ?? 0) + Number(v);
    await tx.tierMetric.update({
      where: { id: existing.id },
      data: { spend: existing.spend + m.spend, visits: existing.visits + m.visits, purchases: existing.purchases + m.purchases, spendByCategory: byCat },
    });
    await tx.tierMetric.delete({ where: { id: m.id } });
  }
}

/** Achievements move; one both records hold is kept once (the earlier one). */
async function mergeAchievements(tx: Tx, keepId: string, dupId: string): Promise<number> {
  const mine = await tx.achievement.findMany({ where: { customerId: keepId } });
  const theirs = await tx.achievement.findMany({ where: { customerId: dupId } });
  let n = 0;
  for (const a of theirs) {
    const same = mine.find((m) => m.code === a.code);
    if (same) {
      if (a.earnedAt < same.earnedAt) await tx.achievement.update({ where: { id: same.id }, data: { earnedAt: a.earnedAt } });
      await tx.achievement.delete({ where: { id: a.id } });
    } else {
      await tx.achievement.update({ where: { id: a.id }, data: { customerId: keepId } });
      n++;
    }
  }
  return n;
}

/** The golden record keeps the higher status of the two (and any manual status). */
async function mergeTierRow(tx: Tx, programId: string, keepId: string, dupId: string) {
  const [k, d] = await Promise.all([tx.customerTier.findUnique({ where: { customerId: keepId } }), tx.customerTier.findUnique({ where: { customerId: dupId } })]);
  if (!d) return;
  if (!k) {
    await tx.$executeRaw`update "CustomerTier" set "customerId" = ${keepId} where "customerId" = ${dupId}`;
    return;
  }
  const def = (await definitionInForce(tx, programId))?.definition ?? null;
  const higher = (a: string | null, b: string | null) => {
    if (!a) return b;
    if (!b || !def) return a;
    return tierRank(def, b) > tierRank(def, a) ? b : a;
  };
  await tx.customerTier.update({
    where: { customerId: keepId },
    data: {
      tierCode: higher(k.tierCode, d.tierCode)!,
      qualifiedTierCode: higher(k.qualifiedTierCode, d.qualifiedTierCode)!,
      carriedTierCode: higher(k.carriedTierCode, d.carriedTierCode),
      manualTierCode: k.manualTierCode ?? d.manualTierCode,
      manualUntil: k.manualTierCode ? k.manualUntil : d.manualUntil,
      since: k.since < d.since ? k.since : d.since,
    },
  });
  await tx.customerTier.delete({ where: { customerId: dupId } });
}

/** Any other table with a foreign key to Customer (feedback, redemptions, …) follows the customer. */
async function repointOthers(tx: Tx, keepId: string, dupId: string): Promise<Record<string, number>> {
  const refs = await tx.$queryRaw<{ table: string; column: string }[]>`
    select kcu.table_name as "table", kcu.column_name as "column"
    from information_schema.referential_constraints rc
    join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
    where ccu.table_name = 'Customer' and ccu.column_name = 'id' and kcu.table_schema = current_schema()
      -- a partition ("LedgerEntry_p2026_12") carries its table's foreign keys: its table is the one handled
      and not exists (select 1 from pg_class pc join pg_namespace pn on pn.oid = pc.relnamespace
                      where pn.nspname = current_schema() and pc.relname = kcu.table_name and pc.relispartition)`;
  const out: Record<string, number> = {};
  for (const r of refs) {
    if (HANDLED.has(r.table)) continue;
    const sql = `update "${r.table.replace(/"/g, "")}" set "${r.column.replace(/"/g, "")}" = $1 where "${r.column.replace(/"/g, "")}" = $2`;
    const n = await tx.$executeRawUnsafe(sql, keepId, dupId);
    if (n) out[r.table] = n;
  }
  return out;
}

export interface MergeSide {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  cards: string[];
  points: number;
  receipts: number;
  status: string;
  createdAt: Date;
}

/** What the console shows of a customer before a merge. */
async function mergeSide(db: Db, programId: string, id: string): Promise<MergeSide | null> {
  const c = await db.customer.findFirst({
    where: { id, programId },
    include: { cards: { where: { status: "active" }, select: { number: true } }, accounts: { where: { kind: "main" }, select: { available: true } }, _count: { select: { purchases: true } } },
  });
  if (!c) return null;
  return {
    id: c.id,
    name: [c.firstName, c.lastName].filter(Boolean).join(" "),
    phone: c.phone,
    email: c.email,
    cards: c.cards.map((k) => k.number),
    points: c.accounts[0]?.available ?? 0,
    receipts: c._count.purchases,
    status: c.status,
    createdAt: c.createdAt,
  };
}

/**
 * The duplicate named exactly — a customer id, a phone in E.164 (or a Russian 8…) or a card
 * number — with both customers as the confirmation step shows them. No fuzzy search: anything
 * else, the kept customer itself, or a customer already merged away is refused.
 */
export async function findMergeCandidate(db: Db, input: { programId: string; keepId: string; ref: string }): Promise<{ keep: MergeSide; merge: MergeSide }> {
  const raw = input.ref.trim();
  const digits = raw.replace(/[\s()\-.]/g, "");
  let found: { id: string } | null = null;
  const notFound = () => new AppError("customer_not_found", "No other customer has exactly this id, phone or card number", { details: [{ path: "duplicate", message: "customer_not_found" }] });
  if (/^cus_[0-9a-z]{10,40}$/i.test(raw)) {
    found = await db.customer.findFirst({ where: { id: raw.toLowerCase(), programId: input.programId }, select: { id: true } });
  } else if (/^\+[1-9]\d{7,14}$/.test(digits) || /^8\d{10}$/.test(digits)) {
    const phone = digits.startsWith("8") ? `+7${digits.slice(1)}` : digits;
    found = await db.customer.findFirst({ where: { phone, programId: input.programId }, select: { id: true } });
  } else if (/^\d{8,20}$/.test(digits)) {
    const card = await db.card.findFirst({ where: { number: digits, programId: input.programId }, select: { customerId: true } });
    found = card ? { id: card.customerId } : null;
  } else {
    throw new AppError("invalid_request", "Name the duplicate by its exact id, phone or card number", { details: [{ path: "duplicate", message: "exact_ref" }] });
  }
  if (!found || found.id === input.keepId) throw notFound();
  if (await db.customerMerge.findUnique({ where: { mergedId: found.id } }))
    throw new AppError("invalid_state", "This customer was already merged into another one", { details: [{ path: "duplicate", message: "already_merged" }] });
  const [keep, merge] = await Promise.all([mergeSide(db, input.programId, input.keepId), mergeSide(db, input.programId, found.id)]);
  if (!keep || !merge) throw notFound();
  return { keep, merge };
}
