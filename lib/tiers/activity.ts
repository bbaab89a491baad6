// Status bookkeeping inside the purchase / return / visit transaction: add the activity to the
// metrics of its period and re-evaluate the customer's status (lib/tiers/reevaluate.ts).
//
// Locking: the caller holds the customer's account locks (lockAccounts) — call these functions
// AFTER lockAccounts, never before, so every writer takes locks in the order accounts →
// CustomerTier. The metric upsert is atomic on its own (INSERT … ON CONFLICT DO UPDATE with
// increments); the CustomerTier row is locked FOR UPDATE before it is re-evaluated, which also
// serialises with the rollover job and staff changes (they lock only the CustomerTier row).
import type { Sql } from "@/lib/db/sql";
import type { ProgramDefinition } from "@/lib/program/definition";
import { tierRank, type TierMetrics } from "./evaluate-status";
import {
  addToMetric,
  compareKeys,
  type ActivityDelta,
  evalPeriod,
  instantOfKey,
  loadMetricRows,
  loadMetrics,
  metricBucket,
  metricsFromRows,
  type EvalPeriod,
  type MetricRow,
  type PeriodMetrics,
} from "./metrics";
import { reevaluate, type TierRow } from "./reevaluate";
import type { Period } from "@/lib/time";
import { lockTierRow, readTierRow, saveReevaluations } from "./tier-rows";

export interface Activity {
  programId: string;
  customerId: string;
  definition: ProgramDefinition;
  at: Date;
  /** Signed minor units (negative for returns). */
  spend?: number;
  /** Signed minor units per category. */
  spendByCategory?: Record<string, number>;
  /** Signed count. */
  purchases?: number;
  /** Signed count. */
  visits?: number;
}

export interface TierOutcome {
  tierCode: string;
  previousTierCode: string | null;
  changed: boolean;
  /** The metrics of the period containing `at` after this activity (saves the caller a read). */
  metrics: TierMetrics | null;
}

/**
 * What a receipt's pricing read and wrote under the customer's locks (tierForReceipt), so that
 * recordActivity at the same instant needs no second read: the CustomerTier row as it now is
 * (still locked by this transaction) and the metric rows of the evaluation period.
 */
export interface PricingTierState {
  at: Date;
  row: TierRow | null;
  period: EvalPeriod;
  metricRows: readonly MetricRow[];
}

/** How evalPeriod is reached: the what-if replay (lib/simulation) passes a memoised one. */
export type PeriodOf = (def: ProgramDefinition, at: Date) => EvalPeriod;

/**
 * The period to evaluate in: the one of `at`, or — for an activity dated in an earlier period
 * than the row was last evaluated in (an offline receipt sent late) — the row's own period.
 */
export function evaluationPoint(def: ProgramDefinition, prior: TierRow | null, at: Date, periodOf: PeriodOf = evalPeriod): { period: EvalPeriod; at: Date } {
  const period = periodOf(def, at);
  if (prior && compareKeys(period.key, prior.periodKey) < 0) {
    const inst = instantOfKey(def, prior.periodKey, at);
    if (inst) return { period: periodOf(def, inst), at: inst };
  }
  return { period, at };
}

/** The metric row an activity adds to and what it adds (`changes`: anything at all). */
export function activityDelta(a: Activity): { bucket: Period; delta: ActivityDelta; changes: boolean } {
  const delta = {
    spend: Math.trunc(a.spend ?? 0),
    spendByCategory: Object.fromEntries(
      Object.entries(a.spendByCategory ?? {})
        .filter(([, v]) => v !== 0)
        .map(([k, v]) => [k, Math.trunc(v)]),
    ),
    purchases: Math.trunc(a.purchases ?? 0),
    visits: Math.trunc(a.visits ?? 0),
  };
  const changes = Boolean(delta.spend || delta.purchases || delta.visits || Object.keys(delta.spendByCategory).length);
  return { bucket: metricBucket(a.definition, a.at), delta, changes };
}

/**
 * Upserts the TierMetric of the period containing `at` (program time zone), then re-evaluates
 * the customer's CustomerTier (immediate upgrade; returns never lower it mid-period below the
 * carried tier) and writes a TierChange when it changes.
 *
 * Pass the receipt's own `at` for a return (so the return nets out in the period the receipt
 * counted in). Activity dated in the finished period can still raise the carried status.
 */
export async function recordActivity(tx: Sql, a: Activity, known?: PricingTierState | null, written?: { metric: MetricRow }): Promise<TierOutcome> {
  const def = a.definition;
  const { bucket, delta, changes } = activityDelta(a);
  // `written`: the caller's own statement did the upsert (a committed receipt's one write,
  // lib/purchases/write-receipt.ts) and returned the row.
  const added = written ? written.metric : changes ? await addToMetric(tx, a.programId, a.customerId, bucket, delta) : null;
  // The receipt's pricing at the same instant already holds the CustomerTier lock and read the
  // period's metric rows under the account locks (every metric writer takes them first): the
  // row just upserted replaces its old version, with no second read.
  const reuse = known && known.at.getTime() === a.at.getTime() && known.period.key === evaluationPoint(def, known.row, a.at).period.key;
  const prior = reuse ? known.row : await lockTierRow(tx, a.customerId);
  const point = evaluationPoint(def, prior, a.at);
  const metrics = reuse
    ? metricsFromRows([a.customerId], point.period, added ? [...known.metricRows.filter((r) => r.periodKey !== added.periodKey), added] : known.metricRows).get(a.customerId)!
    : (await loadMetrics(tx, [a.customerId], def, point.period)).get(a.customerId)!;
  const r = reevaluateActivity(a, prior, point, bucket, metrics);
  await saveReevaluations(tx, [r], { def });
  const sameAsAt = point.at === a.at;
  return { tierCode: r.row.tierCode, previousTierCode: prior?.tierCode ?? null, changed: r.change !== null, metrics: sameAsAt ? metrics.current : null };
}

function reevaluateActivity(a: Activity, prior: TierRow | null, point: { period: EvalPeriod; at: Date }, bucket: Period, metrics: PeriodMetrics) {
  const late = !point.period.rolling && point.period.prevKey !== null && bucket.key === point.period.prevKey;
  return reevaluate(a.definition, prior, { customerId: a.customerId, programId: a.programId }, point.period, metrics, point.at, {
    raiseCarriedFromPrevious: late,
  });
}

/**
 * Whether recordActivity(tx, a, known, { metric }) after the caller's own upsert of the
 * activity's metric row will run no statement and answer the period's metrics: the status row
 * stays as it is. Predicted from what pricing read under the customer's locks (`known`: the
 * status row and the period's metric rows — every metric writer takes those locks first) plus
 * the activity, the same sums the upsert makes. A confirm then sends its one write with `commit`
 * (lib/purchases/confirm.ts).
 */
export function activityWritesNothing(a: Activity, known: PricingTierState | null | undefined): boolean {
  if (!known || known.at.getTime() !== a.at.getTime()) return false;
  const point = evaluationPoint(a.definition, known.row, a.at);
  if (point.at !== a.at || known.period.key !== point.period.key) return false;
  const { bucket, delta } = activityDelta(a);
  if (!point.period.rolling && bucket.key !== point.period.key) return false;
  const old = known.metricRows.find((r) => r.customerId === a.customerId && r.periodKey === bucket.key);
  const cats: Record<string, number> = {};
  for (const [k, v] of [...Object.entries(old?.spendByCategory ?? {}), ...Object.entries(delta.spendByCategory)]) cats[k] = (cats[k] ?? 0) + Number(v);
  const added: MetricRow = {
    customerId: a.customerId,
    periodKey: bucket.key,
    spend: Number(old?.spend ?? 0) + delta.spend,
    spendByCategory: cats,
    visits: Math.max(0, (old?.visits ?? 0) + delta.visits),
    purchases: Math.max(0, (old?.purchases ?? 0) + delta.purchases),
  };
  const rows = [...known.metricRows.filter((r) => r.periodKey !== added.periodKey), added];
  const r = reevaluateActivity(a, known.row, point, bucket, metricsFromRows([a.customerId], point.period, rows).get(a.customerId)!);
  return !r.dirty && r.change === null;
}

/**
 * The status in force for pricing a receipt at `at`. Creates the CustomerTier row (entry tier,
 * or what the metrics already qualify) when missing and brings a row from a finished period up
 * to date (the rollover job may not have run yet). A receipt dated before the last status change
 * (offline receipt) gets the status in force at its time, from the history.
 */
export async function tierForPricing(tx: Sql, programId: string, customerId: string, definition: ProgramDefinition, at: Date): Promise<string> {
  return (await tierForReceipt(tx, programId, customerId, definition, at)).tierCode;
}

/**
 * tierForPricing, with what it read for the receipt's recordActivity (null for a receipt priced
 * from the history). `read`: the CustomerTier row (already locked FOR UPDATE by the caller, after
 * the account locks) and the metric rows of `evalPeriod(definition, at)`, read in one statement
 * with the caller's other reads (lockForReceipt).
 */
export async function tierForReceipt(
  tx: Sql,
  programId: string,
  customerId: string,
  definition: ProgramDefinition,
  at: Date,
  read?: { row: TierRow | null; periodKey: string; metricRows: MetricRow[] } | null,
): Promise<{ tierCode: string; state: PricingTierState | null }> {
  const prior = read ? read.row : await lockTierRow(tx, customerId);
  if (fromHistory(definition, prior, at)) return { tierCode: await historicTier(tx, customerId, definition, at), state: null };
  const period = evalPeriod(definition, at);
  const metricRows = read && read.periodKey === period.key ? read.metricRows : await loadMetricRows(tx, [customerId], definition, period);
  const r = reevaluate(definition, prior, { customerId, programId }, period, metricsFromRows([customerId], period, metricRows).get(customerId)!, at);
  await saveReevaluations(tx, [r], { def: definition });
  return { tierCode: r.row.tierCode, state: { at, row: r.dirty || prior ? r.row : null, period, metricRows } };
}

/**
 * The same answer as tierForPricing without writing anything or locking (for `calculate`, the
 * lookup and the cabinet): a row from a finished period is evaluated in memory.
 */
export async function tierInForce(q: Sql, programId: string, customerId: string, definition: ProgramDefinition, at: Date): Promise<string> {
  return statusAt(q, programId, customerId, definition, at, false);
}

export function fromHistory(def: ProgramDefinition, prior: TierRow | null, at: Date, periodOf: PeriodOf = evalPeriod): boolean {
  return prior !== null && (at < prior.since || compareKeys(periodOf(def, at).key, prior.periodKey) < 0);
}

async function historicTier(q: Sql, customerId: string, def: ProgramDefinition, at: Date): Promise<string> {
  const [hit] = await q.$queryRaw<{ toTier: string }[]>`
    select "toTier" from "TierChange" where "customerId" = ${customerId} and at <= ${at} order by at desc, id desc limit 1`;
  return hit && tierRank(def, hit.toTier) >= 0 ? hit.toTier : def.tiers[0].code;
}

async function statusAt(q: Sql, programId: string, customerId: string, def: ProgramDefinition, at: Date, write: boolean): Promise<string> {
  if (write) return tierForPricing(q, programId, customerId, def, at);
  const prior = await readTierRow(q, customerId);
  if (fromHistory(def, prior, at)) return historicTier(q, customerId, def, at);
  return tierInForceFromRows(q, programId, customerId, def, at, { row: prior, metricRows: await loadMetricRows(q, [customerId], def, evalPeriod(def, at)) });
}

/**
 * tierInForce from rows the caller read with its own statement (calculate reads the status row
 * and the metric rows of the period of `at` with the balances: lib/purchases/pricing-reads.ts).
 * Only a date before the row's period reads more (the status history).
 */
export async function tierInForceFromRows(
  q: Sql,
  programId: string,
  customerId: string,
  def: ProgramDefinition,
  at: Date,
  read: { row: TierRow | null; metricRows: readonly MetricRow[] },
): Promise<string> {
  if (fromHistory(def, read.row, at)) return historicTier(q, customerId, def, at);
  const period = evalPeriod(def, at);
  return reevaluate(def, read.row, { customerId, programId }, period, metricsFromRows([customerId], period, read.metricRows).get(customerId)!, at).row.tierCode;
}
