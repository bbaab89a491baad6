// What `calculate` (and the lookup) reads about a customer to price a basket, in one statement: the balances, the
// status row and the metric rows of the period of `at` (the status in force and the receipt
// messages' progress both come from them), and the limit rows of the limited promotions. Four to
// six round trips were one each (readBalances, readTierRow, the metric rows twice, remainingFor).
// No locks: calculate writes nothing, and confirm reads the same state again under the customer's
// locks (lib/purchases/customer.ts `lockForReceipt`).
import type { Sql } from "@/lib/db/sql";
import type { ProgramDefinition } from "@/lib/program/definition";
import type { LimitRow } from "@/lib/promotions/reserve";
import { evalPeriod, metricRowRange, metricsFromRows, type MetricRow } from "@/lib/tiers/metrics";
import type { TierMetrics } from "@/lib/tiers/evaluate-status";
import type { TierRow } from "@/lib/tiers/reevaluate";
import { tierRowFromJson, type TierRowJson } from "@/lib/tiers/tier-rows";
import { customerNotFound, type PosCustomer } from "./customer";

export interface PricingReads {
  balances: { main: number; promo: number; pending: number };
  tier: { row: TierRow | null; metricRows: MetricRow[] };
  /** The customer's metrics in the qualification period (or rolling window) containing `at`. */
  metrics: TierMetrics;
  limitRows: LimitRow[];
}

/** No promotion limits to read (the lookup). */
export const NO_LIMITS = { counted: [], perCustomer: [] } as const;

export async function readForPricing(
  sql: Sql,
  customerId: string,
  def: ProgramDefinition,
  at: Date,
  /** The promotions whose counters and per-customer uses pricing needs (lib/promotions/reserve.ts `limitIds`). */
  limits: { counted: readonly string[]; perCustomer: readonly string[] },
): Promise<PricingReads> {
  return (await pricingStatement(sql, { programId: null, card: null, customerId }, def, at, limits)).reads;
}

/**
 * The customer of an active card of the program and what pricing reads about them, in the same
 * one statement (calculate: the lookup by card was a round trip of its own before it). Throws
 * `customer_not_found` as resolveCustomer does (lib/purchases/customer.ts).
 */
export async function readForPricingByCard(
  sql: Sql,
  programId: string,
  card: string,
  def: ProgramDefinition,
  at: Date,
  limits: { counted: readonly string[]; perCustomer: readonly string[] },
): Promise<{ customer: PosCustomer; reads: PricingReads }> {
  const { customer, reads } = await pricingStatement(sql, { programId, card, customerId: null }, def, at, limits);
  if (!customer) throw customerNotFound();
  return { customer, reads };
}

type PricingRow = Omit<PosCustomer, "id"> & {
  id: string | null;
  accounts: { kind: string; available: number; pending: number }[] | null;
  tier: TierRowJson | null;
  metrics: MetricRow[] | null;
  limits: LimitRow[] | null;
};

/** One statement: the customer by card (when `card` is given; else `customerId` is read), and the pricing reads. */
async function pricingStatement(
  sql: Sql,
  who: { programId: string | null; card: string | null; customerId: string | null },
  def: ProgramDefinition,
  at: Date,
  limits: { counted: readonly string[]; perCustomer: readonly string[] },
): Promise<{ customer: PosCustomer | null; reads: PricingReads }> {
  const period = evalPeriod(def, at);
  const range = metricRowRange(def, period);
  // The card's columns are resolveCustomer's (by card), so the customer parses the same way.
  const [r] = await sql.$queryRaw<PricingRow[]>`
    with found as (
      select c.id, c."firstName", c."lastName", c.phone, c."phoneVerifiedAt", c."birthDate", c."createdAt" as "registeredAt", c.status::text as status, k.number as card
      from "Card" k join "Customer" c on c.id = k."customerId"
      where k.number = ${who.card}::text and k."programId" = ${who.programId}::text and k.status = 'active'
    ), who as (select coalesce((select id from found), ${who.customerId}::text) as id)
    select f.id, f."firstName", f."lastName", f.phone, f."phoneVerifiedAt", f."birthDate", f."registeredAt", f.status, f.card,
      (select json_agg(a) from (select kind::text as kind, available, pending from "Account" where "customerId" = w.id) a) as accounts,
      (select row_to_json(t) from (
        select "customerId", "programId", "tierCode", "periodKey", "qualifiedTierCode", "carriedTierCode", "manualTierCode", "manualUntil", since
        from "CustomerTier" where "customerId" = w.id) t) as tier,
      (select json_agg(m) from (
        select "customerId", "periodKey", spend, "spendByCategory", visits, purchases from "TierMetric"
        where "customerId" = w.id
          and ("periodKey" = any(${range.keys}::text[]) or ("periodKey" like 'd%' and "periodKey" >= ${range.lo}::text and "periodKey" <= ${range.hi}::text))) m) as metrics,
      (select json_agg(x) from (
        select id, null::text as "periodKey", uses, "moneyUsed", "pointsUsed" from "Promotion" where id = any(${limits.counted}::text[])
        union all
        select "promotionId", "periodKey", uses, 0::bigint, 0::bigint from "PromotionCustomerUse"
        where "customerId" = w.id and "promotionId" = any(${limits.perCustomer}::text[])) x) as limits
    from who w left join found f on true`;
  const { accounts: accountRows, tier, metrics, limits: limitRows, ...found } = r;
  const customerId = found.id ?? who.customerId;
  const accounts = accountRows ?? [];
  const main = accounts.find((a) => a.kind === "main");
  const promo = accounts.find((a) => a.kind === "promo");
  const metricRows = metrics ?? [];
  // By card, the row's customer columns are the one found (all null when no active card matched).
  const customer = found.id === null ? null : { ...found, id: found.id };
  return {
    customer,
    reads: {
      balances: { main: main?.available ?? 0, promo: promo?.available ?? 0, pending: (main?.pending ?? 0) + (promo?.pending ?? 0) },
      tier: { row: tierRowFromJson(tier), metricRows },
      metrics: metricsFromRows([customerId ?? ""], period, metricRows).get(customerId ?? "")!.current,
      limitRows: limitRows ?? [],
    },
  };
}
