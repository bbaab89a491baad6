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
  const period = evalPeriod(def, at);
  const range = metricRowRange(def, period);
  const [r] = await sql.$queryRaw<{ accounts: { kind: string; available: number; pending: number }[] | null; tier: TierRowJson | null; metrics: MetricRow[] | null; limits: LimitRow[] | null }[]>`
    select
      (select json_agg(a) from (select kind::text as kind, available, pending from "Account" where "customerId" = ${customerId}) a) as accounts,
      (select row_to_json(t) from (
        select "customerId", "programId", "tierCode", "periodKey", "qualifiedTierCode", "carriedTierCode", "manualTierCode", "manualUntil", since
        from "CustomerTier" where "customerId" = ${customerId}) t) as tier,
      (select json_agg(m) from (
        select "customerId", "periodKey", spend, "spendByCategory", visits, purchases from "TierMetric"
        where "customerId" = ${customerId}
          and ("periodKey" = any(${range.keys}::text[]) or ("periodKey" like 'd%' and "periodKey" >= ${range.lo}::text and "periodKey" <= ${range.hi}::text))) m) as metrics,
      (select json_agg(x) from (
        select id, null::text as "periodKey", uses, "moneyUsed", "pointsUsed" from "Promotion" where id = any(${limits.counted}::text[])
        union all
        select "promotionId", "periodKey", uses, 0::bigint, 0::bigint from "PromotionCustomerUse"
        where "customerId" = ${customerId} and "promotionId" = any(${limits.perCustomer}::text[])) x) as limits`;
  const accounts = r.accounts ?? [];
  const main = accounts.find((a) => a.kind === "main");
  const promo = accounts.find((a) => a.kind === "promo");
  const metricRows = r.metrics ?? [];
  return {
    balances: { main: main?.available ?? 0, promo: promo?.available ?? 0, pending: (main?.pending ?? 0) + (promo?.pending ?? 0) },
    tier: { row: tierRowFromJson(r.tier), metricRows },
    metrics: metricsFromRows([customerId], period, metricRows).get(customerId)!.current,
    limitRows: r.limits ?? [],
  };
}
