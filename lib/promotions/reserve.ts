// Limits and budgets of promotions, held inside the receipt's transaction: conditional UPDATEs
// (never read-check-write) in one fixed lock order — the customer's use row and the code while
// pricing (in a savepoint, so a refused limit undoes this receipt's claims and the receipt is
// priced again without that promotion), the promotion-wide counters by promotion id as the
// receipt's last statements (claimCounters; a refusal writes the receipt again without it).
// Commit keeps them; void and cancel release them; a return gives back the budget its units used
// (the use stays counted).
import type { Sql } from "@/lib/db/sql";
import { createId } from "@/lib/ids";
import { zonedParts } from "@/lib/time";
import type { LimitPeriod } from "./definition";
import type { AppliedPromotionResult, Remaining, RejectReason } from "./engine";

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

/**
 * What is left of each limited promotion, for pricing (`PromotionContext.remaining`). Read
 * without locks: the reservation decides; this only keeps calculate's answer honest.
 */
export async function remainingFor(
  sql: Sql,
  list: readonly { id: string; def: AppliedPromotionResult["def"] }[],
  customer: { id: string } | null,
  at: Date,
  timeZone: string,
): Promise<Map<string, Remaining>> {
  const out = new Map<string, Remaining>();
  const counted = list.filter(hasCounters);
  const perCustomer = customer ? list.filter((p) => p.def.limits?.perCustomer) : [];
  if (!counted.length && !perCustomer.length) return out;
  const [rows, uses] = await Promise.all([
    counted.length
      ? sql.$queryRaw<
          { id: string; uses: number; moneyUsed: bigint; pointsUsed: bigint }[]
        >`select id, uses, "moneyUsed", "pointsUsed" from "Promotion" where id = any(${counted.map((p) => p.id)}::text[])`
      : [],
    perCustomer.length
      ? sql.$queryRaw<{ promotionId: string; periodKey: string; uses: number }[]>`
          select "promotionId", "periodKey", uses from "PromotionCustomerUse" where "customerId" = ${customer!.id} and "promotionId" = any(${perCustomer.map((p) => p.id)}::text[])`
      : [],
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const p of list) {
    const l = p.def.limits;
    const r: Remaining = {};
    const row = byId.get(p.id);
    if (row && l?.total !== undefined) r.total = l.total - row.uses;
    if (row && l?.budget?.money !== undefined) r.money = Math.max(0, l.budget.money - Number(row.moneyUsed));
    if (row && l?.budget?.points !== undefined) r.points = Math.max(0, l.budget.points - Number(row.pointsUsed));
    if (customer && l?.perCustomer) {
      const key = limitPeriodKey(l.perCustomer.period, at, timeZone);
      r.customer = l.perCustomer.uses - (uses.find((u) => u.promotionId === p.id && u.periodKey === key)?.uses ?? 0);
    }
    if (Object.keys(r).length) out.set(p.def.code, r);
  }
  return out;
}

export interface ReserveInput {
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
 * counters (total uses, money and points budgets) are claimed last, by `claimCounters`, just
 * before the receipt commits: every receipt that uses a limited promotion takes the same row,
 * and holding its lock for the rest of the receipt serialised them (bench:pos, docs/benchmarks.md).
 */
export async function reservePromotions(sql: Sql, input: ReserveInput): Promise<Map<string, RejectReason> | null> {
  if (!input.applied.length) return null;
  const refused = new Map<string, RejectReason>();
  await sql.$executeRaw`savepoint promotions`;
  const ordered = [...input.applied].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const a of ordered) {
    const l = a.def.limits;
    const counted = hasCounters(a);
    let periodKey: string | null = null;
    if (l?.perCustomer && input.customerId) {
      periodKey = limitPeriodKey(l.perCustomer.period, input.at, input.timeZone);
      const ok = await sql.$queryRaw<{ uses: number }[]>`
        insert into "PromotionCustomerUse" ("promotionId", "customerId", "periodKey", uses) values (${a.id}, ${input.customerId}, ${periodKey}, 1)
        on conflict ("promotionId", "customerId", "periodKey") do update set uses = "PromotionCustomerUse".uses + 1 where "PromotionCustomerUse".uses < ${l.perCustomer.uses}
        returning uses`;
      if (!ok.length) {
        refused.set(a.code, "customer_limit");
        continue;
      }
    }
    const codeId = input.codeIds.get(a.code) ?? null;
    if (codeId) {
      const ok = await sql.$queryRaw<{ id: string }[]>`update "PromoCode" set uses = uses + 1 where id = ${codeId} and "revokedAt" is null and ("maxUses" is null or uses < "maxUses") returning id`;
      if (!ok.length) {
        refused.set(a.code, "used_up");
        continue;
      }
    }
    await sql.$executeRaw`
      insert into "PurchasePromotion" (id, "purchaseId", "promotionId", "versionId", "customerId", status, discount, points, "promoAccountPoints", lines, "promoCodeId", "customerPeriodKey", counted, at, "createdAt")
      values (${createId("ppr", input.at.getTime())}, ${input.purchaseId}, ${a.id}, ${a.versionId}, ${input.customerId}, ${input.status}::"PurchasePromotionStatus", ${a.discount}, ${a.points},
        ${a.promoAccountPoints}, ${JSON.stringify(a.lines)}::jsonb, ${codeId}, ${periodKey}, ${counted}, ${input.at}, now())`;
  }
  if (refused.size) {
    await sql.$executeRaw`rollback to savepoint promotions`;
    return refused;
  }
  await sql.$executeRaw`release savepoint promotions`;
  return null;
}

/** A promotion-wide limit refused at the end of a receipt: the receipt is written again without it. */
export class CountersRefused extends Error {
  constructor(readonly refused: Map<string, RejectReason>) {
    super(`promotion limits ran out: ${[...refused.keys()].join(", ")}`);
  }
}

/**
 * The last statements of a receipt: total uses and budgets of its limited promotions, each a
 * conditional UPDATE (never read-check-write), in promotion id order. Throws CountersRefused
 * (nothing kept) when one ran out since pricing.
 */
export async function claimCounters(sql: Sql, applied: readonly AppliedPromotionResult[]): Promise<void> {
  const counted = applied.filter(hasCounters).sort((a, b) => (a.id < b.id ? -1 : 1));
  if (!counted.length) return;
  const refused = new Map<string, RejectReason>();
  for (const a of counted) {
    const l = a.def.limits;
    const ok = await sql.$queryRaw<{ id: string }[]>`
      update "Promotion" set uses = uses + 1, "moneyUsed" = "moneyUsed" + ${a.discount}, "pointsUsed" = "pointsUsed" + ${a.points}
      where id = ${a.id}
        and (${l?.total ?? null}::int is null or uses < ${l?.total ?? null}::int)
        and (${l?.budget?.money ?? null}::bigint is null or "moneyUsed" + ${a.discount} <= ${l?.budget?.money ?? null}::bigint)
        and (${l?.budget?.points ?? null}::bigint is null or "pointsUsed" + ${a.points} <= ${l?.budget?.points ?? null}::bigint)
      returning id`;
    if (ok.length) continue;
    const [row] = await sql.$queryRaw<{ uses: number }[]>`select uses from "Promotion" where id = ${a.id}`;
    refused.set(a.code, l?.total !== undefined && row.uses >= l.total ? "used_up" : "budget");
  }
  if (refused.size) throw new CountersRefused(refused);
}

export interface StoredPromotionUse {
  id: string;
  promotionId: string;
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
}

/** The promotions a stored receipt used, with the definitions of the versions it used. */
export async function purchasePromotions(sql: Sql, purchaseId: string): Promise<StoredPromotionUse[]> {
  const rows = await sql.$queryRaw<(Omit<StoredPromotionUse, "name" | "issue"> & { definition: AppliedPromotionResult["def"] })[]>`
    select pp.id, pp."promotionId", p.code, v.version, v.definition, pp.status::text as status, pp.discount, pp.points, pp."promoAccountPoints", pp.lines, pp."promoCodeId",
      pp."customerPeriodKey", pp.counted, pp."moneyReturned", pp."pointsReturned"
    from "PurchasePromotion" pp join "Promotion" p on p.id = pp."promotionId" join "PromotionVersion" v on v.id = pp."versionId"
    where pp."purchaseId" = ${purchaseId} order by pp."promotionId"`;
  return rows.map(({ definition, ...r }) => ({
    ...r,
    name: definition.name,
    issue: definition.effect.type === "issueCode" ? { promotion: definition.effect.promotion, validDays: definition.effect.validDays } : null,
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
      await sql.$executeRaw`update "PromotionCustomerUse" set uses = uses - 1 where "promotionId" = ${u.promotionId} and "customerId" = (select "customerId" from "PurchasePromotion" where id = ${u.id}) and "periodKey" = ${u.customerPeriodKey}`;
    }
    if (u.promoCodeId) await sql.$executeRaw`update "PromoCode" set uses = uses - 1 where id = ${u.promoCodeId}`;
    await sql.$executeRaw`update "PurchasePromotion" set status = 'released' where id = ${u.id}`;
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
    await sql.$executeRaw`update "PurchasePromotion" set "moneyReturned" = "moneyReturned" + ${money}, "pointsReturned" = "pointsReturned" + ${points} where id = ${u.id}`;
    if (u.counted) await sql.$executeRaw`update "Promotion" set "moneyUsed" = "moneyUsed" - ${money}, "pointsUsed" = "pointsUsed" - ${points} where id = ${u.promotionId}`;
  }
  return out;
}
