// Limits and budgets of promotions, held inside the receipt's transaction: conditional UPDATEs
// (never read-check-write) in one fixed lock order — the customer's use row and the code while
// pricing (in a savepoint, so a refused limit undoes this receipt's claims and the receipt is
// priced again without that promotion), the promotion-wide counters (total uses, money and points
// budgets) at commit, by the deferred trigger "PurchasePromotion_claim_counters" on the rows
// `reservePromotions` inserts with `counted` (migration promotion_counters_at_commit): a conditional
// UPDATE of the promotion's row, fired in promotion id order, whose lock is then held only for the
// commit itself. A limit that ran out since pricing fails the commit with SQLSTATE TR001
// (`SQLSTATE.promotionLimitAtCommit`); `retryConflicts` runs the whole transaction again, and
// pricing then sees the counters as they are. A bulk writer that sets the counters itself (the
// demo season) turns the trigger off for its transaction: `set_config('tribune.promotion_counters', 'written', true)`.
// Commit keeps them; void and cancel release them; a return gives back the budget its units used
// (the use stays counted).
import type { Sql } from "@/lib/db/sql";
import { zonedParts } from "@/lib/time";
import type { LimitPeriod } from "./definition";
import type { AppliedPromotionResult, Remaining, RejectReason } from "./engine";
import { oncePerFrozenList } from "./per-list";

/** The key of a per-customer period: "promotion", "2026-12-05", "2026-W49", "2026-12", "2026". */
export function limitPeriodKey(period: LimitPeriod, at: Date, timeZone: string): string {
  if (period === "promotion") return "promotion";
  const z = zonedParts(at, timeZone);
  const mm = String(z.month).padStart(2, "0");
  if (period === "year") return String(z.year);
  if (period === "month") return `${z.year}-${mm}`;
  if (period === "day") return `${z.year}-${mm}-${String(z.day).padStart(2, "0")}`;
  // ISO week: the Thursday of this week decides the year.
  const d = new Date(Date.UTC(z.year, z.month - 1, z.day));
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow + 3);
  const week = 1 + Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000 / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export const hasCounters = (a: { def: AppliedPromotionResult["def"] }) => {
  const l = a.def.limits;
  return l?.total !== undefined || l?.budget?.money !== undefined || l?.budget?.points !== undefined;
};

type LimitedList = readonly { id: string; def: AppliedPromotionResult["def"] }[];

/** A promotion-wide counter row (`periodKey` null) or one of the customer's use rows. */
export type LimitRow = { id: string; periodKey: string | null; uses: number; moneyUsed: bigint | number; pointsUsed: bigint | number };

/** A list's limited promotions, worked out once for a frozen list (the cache of promotions in force). */
interface LimitedOf {
  /** The promotions with any limit, in list order. */
  limited: LimitedList;
  counted: readonly string[];
  perCustomer: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

const limitedOf = oncePerFrozenList((list: LimitedList): LimitedOf => ({
  limited: Object.freeze(list.filter((p) => p.def.limits)),
  counted: Object.freeze(list.filter(hasCounters).map((p) => p.id)),
  perCustomer: Object.freeze(list.filter((p) => p.def.limits?.perCustomer).map((p) => p.id)),
}));

/** The promotions whose counters, and whose per-customer uses, pricing reads (remainingFor). */
export function limitIds(list: LimitedList, withCustomer: boolean): { counted: string[]; perCustomer: string[] } {
  const l = limitedOf(list);
  // Frozen, shared between receipts: read only (a write throws).
  return { counted: l.counted as string[], perCustomer: (withCustomer ? l.perCustomer : NONE) as string[] };
}

/**
 * What is left of each limited promotion, for pricing (`PromotionContext.remaining`). Read
 * without locks: the reservation decides; this only keeps calculate's answer honest. One
 * statement: the promotion-wide counters and the customer's uses together — or none, when the
 * caller read the rows of `limitIds` with its own statement (`known`: confirm reads them with the
 * customer's state after the account locks, lib/purchases/customer.ts `lockForReceipt`).
 */
export async function remainingFor(sql: Sql, list: LimitedList, customer: { id: string } | null, at: Date, timeZone: string, known?: readonly LimitRow[]): Promise<Map<string, Remaining>> {
  const out = new Map<string, Remaining>();
  const ids = limitIds(list, customer !== null);
  if (!ids.counted.length && !ids.perCustomer.length) return out;
  const found =
    known ??
    (await sql.$queryRaw<LimitRow[]>`
    select id, null::text as "periodKey", uses, "moneyUsed", "pointsUsed" from "Promotion" where id = any(${ids.counted}::text[])
    union all
    select "promotionId", "periodKey", uses, 0::bigint, 0::bigint from "PromotionCustomerUse"
    where "customerId" = ${customer?.id ?? null} and "promotionId" = any(${ids.perCustomer}::text[])`);
  const byId = new Map<string, LimitRow>();
  const uses = new Map<string, number>();
  for (const r of found) {
    if (r.periodKey === null) byId.set(r.id, r);
    else if (!uses.has(`${r.id}\n${r.periodKey}`)) uses.set(`${r.id}\n${r.periodKey}`, r.uses);
  }
  const keys = new Map<LimitPeriod, string>();
  for (const p of limitedOf(list).limited) {
    const l = p.def.limits!;
    const r: Remaining = {};
    const row = byId.get(p.id);
    if (row && l.total !== undefined) r.total = l.total - row.uses;
    if (row && l.budget?.money !== undefined) r.money = Math.max(0, l.budget.money - Number(row.moneyUsed));
    if (row && l.budget?.points !== undefined) r.points = Math.max(0, l.budget.points - Number(row.pointsUsed));
    if (customer && l.perCustomer) {
      const period = l.perCustomer.period;
      let key = keys.get(period);
      if (key === undefined) keys.set(period, (key = limitPeriodKey(period, at, timeZone)));
      r.customer = l.perCustomer.uses - (uses.get(`${p.id}\n${key}`) ?? 0);
    }
    if (Object.keys(r).length) out.set(p.def.code, r);
  }
  return out;
}

export interface ReserveInput {
  programId: string;
  purchaseId: string;
  customerId: string | null;
  at: Date;
  timeZone: string;
  status: "held" | "committed";
  applied: AppliedPromotionResult[];
  /** Promotion code → the id of the promo code that unlocked it. */
  codeIds: ReadonlyMap<string, string>;
}

/**
 * Claims the per-customer and per-code limits of the applied promotions and records their use;
 * null when all held, else the promotions refused and why (nothing kept). The promotion-wide
 * counters (total uses, money and points budgets) are claimed at commit by the trigger on the
 * PurchasePromotion rows inserted here (see the top of this file): every receipt that uses a
 * limited promotion takes the same row, and holding its lock over the receipt's round trips
 * serialised them (bench:pos, docs/benchmarks.md).
 *
 * One statement for every promotion of the receipt (it was one to three per promotion): the
 * customer's use rows by promotion id, then the codes by id (each set locked in that order), and
 * the PurchasePromotion rows. A refusal undoes them all (rollback to the savepoint). Rows are
 * locked FOR NO KEY UPDATE, as an UPDATE locks them: a plain FOR UPDATE would wait on the key-share
 * locks other receipts' PurchasePromotion foreign keys hold, and deadlock with them.
 */
export async function reservePromotions(sql: Sql, input: ReserveInput): Promise<Map<string, RejectReason> | null> {
  if (!input.applied.length) return null;
  const r = reservationClaims(input);
  // Nothing to release on success: the savepoint ends with the transaction (one round trip less).
  await sql.$executeRaw`savepoint promotions`;
  const [refused] = await sql.$queryRaw<ReservationRefusals[]>`
    with u as (
      select * from jsonb_to_recordset(${r.json}::jsonb) as u(pid text, vid text, discount int, points int, promo int, lines jsonb, code text, key text, counted boolean, max_uses int)
    ),
    customer_uses as (
      insert into "PromotionCustomerUse" ("programId", "promotionId", "customerId", "periodKey", uses)
      select ${input.programId}, u.pid, ${input.customerId}, u.key, 1 from u where u.key is not null order by u.pid
      on conflict ("promotionId", "customerId", "periodKey") do update set uses = "PromotionCustomerUse".uses + 1
        where "PromotionCustomerUse".uses < (select u.max_uses from u where u.pid = excluded."promotionId")
      returning "promotionId"
    ),
    codes as (
      update "PromoCode" c set uses = c.uses + 1
      from (select id from "PromoCode" where id = any(${r.codeIds}::text[]) order by id for no key update) l
      where c.id = l.id and c."revokedAt" is null and (c."maxUses" is null or c.uses < c."maxUses")
      returning c.id
    ),
    uses as (
      insert into "PurchasePromotion" ("programId", "purchaseId", "promotionId", "versionId", "customerId", status, discount, points, "promoAccountPoints", lines, "promoCodeId", "customerPeriodKey", counted, at, "createdAt")
      select ${input.programId}, ${input.purchaseId}, x.pid, x.vid, ${input.customerId}, ${input.status}::"PurchasePromotionStatus", x.discount, x.points, x.promo, x.lines, x.code, x.key, x.counted, ${input.at}, now()
      from u x
    )
    select
      array(select u.pid from u where u.key is not null and u.pid not in (select "promotionId" from customer_uses)) as customer,
      array(select id from unnest(${r.codeIds}::text[]) id where id not in (select id from codes)) as codes`;
  const out = reservationRefusals(r, refused);
  if (!out) return null;
  await sql.$executeRaw`rollback to savepoint promotions`;
  return out;
}

/** What a reservation found: the promotions whose customer limit, and the codes whose uses, ran out. */
export type ReservationRefusals = { customer: string[]; codes: string[] };

/** One PurchasePromotion row and its claims, as the statement reads it (`jsonb_to_recordset`; absent keys are null). */
interface ClaimJson {
  pid: string;
  vid: string;
  discount: number;
  points: number;
  promo: number;
  lines: AppliedPromotionResult["lines"];
  code?: string;
  key?: string;
  counted: boolean;
  max_uses?: number;
}

/**
 * The per-customer uses, codes and PurchasePromotion rows of a receipt's applied promotions for
 * one statement (reservePromotions; a member's committed receipt has them in its one write,
 * lib/purchases/write-receipt.ts): by promotion id, codes by id — the lock order. The rows go as
 * one JSON parameter (`json`), not as ten arrays of literals: with 15 applied promotions that was
 * ~0.3 ms of Node CPU per confirm in rendering, socket writes and garbage (docs/benchmarks.md).
 */
export function reservationClaims(input: ReserveInput) {
  const ordered = [...input.applied].sort((a, b) => (a.id < b.id ? -1 : 1));
  const periodKeys = new Map<LimitPeriod, string>();
  const codeIds: string[] = [];
  const out: ClaimJson[] = [];
  const rows = ordered.map((a) => {
    const perCustomer = input.customerId ? a.def.limits?.perCustomer : undefined;
    let periodKey: string | null = null;
    if (perCustomer) {
      periodKey = periodKeys.get(perCustomer.period) ?? null;
      if (periodKey === null) periodKeys.set(perCustomer.period, (periodKey = limitPeriodKey(perCustomer.period, input.at, input.timeZone)));
    }
    const codeId = input.codeIds.get(a.code) ?? null;
    if (codeId && !codeIds.includes(codeId)) codeIds.push(codeId);
    const row: ClaimJson = { pid: a.id, vid: a.versionId, discount: a.discount, points: a.points, promo: a.promoAccountPoints, lines: a.lines, counted: hasCounters(a) };
    if (codeId) row.code = codeId;
    if (perCustomer) {
      row.key = periodKey!;
      row.max_uses = perCustomer.uses;
    }
    out.push(row);
    return { a, periodKey, codeId };
  });
  return { rows, codeIds: codeIds.sort(), json: JSON.stringify(out) };
}

export type ReservationClaims = ReturnType<typeof reservationClaims>;

/** The promotions a reservation refused and why; null when all held. */
export function reservationRefusals(claims: ReservationClaims, refused: ReservationRefusals): Map<string, RejectReason> | null {
  if (!refused.customer.length && !refused.codes.length) return null;
  const out = new Map<string, RejectReason>();
  for (const r of claims.rows) {
    if (refused.customer.includes(r.a.id)) out.set(r.a.code, "customer_limit");
    else if (r.codeId && refused.codes.includes(r.codeId)) out.set(r.a.code, "used_up");
  }
  return out;
}

/** A per-customer or per-code limit refused in a receipt's one write: it is written again without that promotion. */
export class ReservationRefused extends Error {
  constructor(readonly refused: Map<string, RejectReason>) {
    super(`promotion limits ran out: ${[...refused.keys()].join(", ")}`);
  }
}

/** A receipt's use of a promotion: the row of (its purchaseId, `promotionId`). */
export interface StoredPromotionUse {
  promotionId: string;
  /** The version the receipt used (its promo-account points are issued under it). */
  versionId: string;
  code: string;
  name: AppliedPromotionResult["def"]["name"];
  version: number;
  status: "held" | "committed" | "released";
  discount: number;
  points: number;
  promoAccountPoints: number;
  lines: { lineNo: number; discount: number; points: number }[];
  promoCodeId: string | null;
  customerPeriodKey: string | null;
  counted: boolean;
  moneyReturned: number;
  pointsReturned: number;
  issue: { promotion: string; validDays: number } | null;
  /** promoAccount: the days its points stay spendable (null: no expiry). */
  expiresInDays: number | null;
}

/** The promotions a stored receipt used, with the definitions of the versions it used. */
export async function purchasePromotions(sql: Sql, purchaseId: string): Promise<StoredPromotionUse[]> {
  const rows = await sql.$queryRaw<(Omit<StoredPromotionUse, "name" | "issue"> & { definition: AppliedPromotionResult["def"] })[]>`
    select pp."promotionId", pp."versionId", p.code, v.version, v.definition, pp.status::text as status, pp.discount, pp.points, pp."promoAccountPoints", pp.lines, pp."promoCodeId",
      pp."customerPeriodKey", pp.counted, pp."moneyReturned", pp."pointsReturned"
    from "PurchasePromotion" pp join "Promotion" p on p.id = pp."promotionId" join "PromotionVersion" v on v.id = pp."versionId"
    where pp."purchaseId" = ${purchaseId} order by pp."promotionId"`;
  return rows.map(({ definition, ...r }) => ({
    ...r,
    name: definition.name,
    issue: definition.effect.type === "issueCode" ? { promotion: definition.effect.promotion, validDays: definition.effect.validDays } : null,
    expiresInDays: definition.effect.type === "promoAccount" ? (definition.effect.expiresInDays ?? null) : null,
  }));
}

/** Commit of a held receipt: its reservations become uses. */
export async function commitHeldPromotions(sql: Sql, purchaseId: string): Promise<void> {
  await sql.$executeRaw`update "PurchasePromotion" set status = 'committed' where "purchaseId" = ${purchaseId} and status = 'held'`;
}

/** Void, an expired hold, or cancel: every limit the receipt took is given back (the same lock order: counters last). */
export async function releasePromotions(sql: Sql, purchaseId: string): Promise<StoredPromotionUse[]> {
  const uses = (await purchasePromotions(sql, purchaseId)).filter((u) => u.status !== "released");
  for (const u of uses) {
    if (u.customerPeriodKey) {
      await sql.$executeRaw`update "PromotionCustomerUse" set uses = uses - 1 where "promotionId" = ${u.promotionId} and "customerId" = (select "customerId" from "PurchasePromotion" where "purchaseId" = ${purchaseId} and "promotionId" = ${u.promotionId}) and "periodKey" = ${u.customerPeriodKey}`;
    }
    if (u.promoCodeId) await sql.$executeRaw`update "PromoCode" set uses = uses - 1 where id = ${u.promoCodeId}`;
    await sql.$executeRaw`update "PurchasePromotion" set status = 'released' where "purchaseId" = ${purchaseId} and "promotionId" = ${u.promotionId}`;
  }
  for (const u of uses) {
    if (!u.counted) continue;
    await sql.$executeRaw`
      update "Promotion" set uses = uses - 1, "moneyUsed" = "moneyUsed" - ${u.discount - u.moneyReturned}, "pointsUsed" = "pointsUsed" - ${u.points - u.pointsReturned} where id = ${u.promotionId}`;
  }
  return uses;
}

export interface ReturnedLine {
  lineNo: number;
  quantityMilli: number;
  beforeMilli: number;
  afterMilli: number;
}

/** The discount and points of one promotion use that the returned units take back (cumulative, so returning everything gives back exactly all). */
export function returnedBudget(lines: readonly { lineNo: number; discount: number; points: number }[], byLine: ReadonlyMap<number, ReturnedLine>): { money: number; points: number } {
  let money = 0;
  let points = 0;
  for (const l of lines) {
    const r = byLine.get(l.lineNo);
    if (!r || r.afterMilli <= r.beforeMilli) continue;
    const part = (x: number, q: number) => Math.floor((x * q) / r.quantityMilli);
    money += part(l.discount, r.afterMilli) - part(l.discount, r.beforeMilli);
    points += part(l.points, r.afterMilli) - part(l.points, r.beforeMilli);
  }
  return { money, points };
}

/**
 * A return gives back the budget its units used: per line, the promotion's discount and points
 * in the proportion of the units returned (cumulative, so returning everything gives back exactly all).
 * Returns the promo-account points of promoAccount promotions the returned units take back.
 */
export async function giveBackBudget(
  sql: Sql,
  purchaseId: string,
  returned: { lineNo: number; quantityMilli: number; beforeMilli: number; afterMilli: number }[],
): Promise<{ promotionId: string; promoAccountPoints: number }[]> {
  const uses = (await purchasePromotions(sql, purchaseId)).filter((u) => u.status === "committed");
  const byLine = new Map(returned.map((r) => [r.lineNo, r]));
  const out: { promotionId: string; promoAccountPoints: number }[] = [];
  for (const u of uses) {
    const { money, points } = returnedBudget(u.lines, byLine);
    if (money === 0 && points === 0) continue;
    // A promoAccount promotion's points are its lines' points: the returned units' share is taken back from the promo account.
    if (u.promoAccountPoints > 0) out.push({ promotionId: u.promotionId, promoAccountPoints: points });
    await sql.$executeRaw`update "PurchasePromotion" set "moneyReturned" = "moneyReturned" + ${money}, "pointsReturned" = "pointsReturned" + ${points} where "purchaseId" = ${purchaseId} and "promotionId" = ${u.promotionId}`;
    if (u.counted) await sql.$executeRaw`update "Promotion" set "moneyUsed" = "moneyUsed" - ${money}, "pointsUsed" = "pointsUsed" - ${points} where id = ${u.promotionId}`;
  }
  return out;
}
