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
import { addToMetric, compareKeys, evalPeriod, instantOfKey, loadMetrics, metricBucket, type EvalPeriod } from "./metrics";
import { reevaluate, type TierRow } from "./reevaluate";
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
 * The period to evaluate in: the one of `at`, or — for an activity dated in an earlier period
 * than the row was last evaluated in (an offline receipt sent late) — the row's own period.
 */
function evaluationPoint(def: ProgramDefinition, prior: TierRow | null, at: Date): { period: EvalPeriod; at: Date } {
  const period = evalPeriod(def, at);
  if (prior && compareKeys(period.key, prior.periodKey) < 0) {
    const inst = instantOfKey(def, prior.periodKey, at);
    if (inst) return { period: evalPeriod(def, inst), at: inst };
  }
  return { period, at };
}

/**
 * Upserts the TierMetric of the period containing `at` (program time zone), then re-evaluates
 * the customer's CustomerTier (immediate upgrade; returns never lower it mid-period below the
 * carried tier) and writes a TierChange when it changes.
 *
 * Pass the receipt's own `at` for a return (so the return nets out in the period the receipt
 * counted in). Activity dated in the finished period can still raise the carried status.
 */
export async function recordActivity(tx: Sql, a: Activity): Promise<TierOutcome> {
  const def = a.definition;
  const bucket = metricBucket(def, a.at);
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
  if (delta.spend || delta.purchases || delta.visits || Object.keys(delta.spendByCategory).length) {
    await addToMetric(tx, a.programId, a.customerId, bucket, delta);
  }
  const prior = await lockTierRow(tx, a.customerId);
  const point = evaluationPoint(def, prior, a.at);
  const metrics = (await loadMetrics(tx, [a.customerId], def, point.period)).get(a.customerId)!;
  const late = !point.period.rolling && point.period.prevKey !== null && bucket.key === point.period.prevKey;
  const r = reevaluate(def, prior, { customerId: a.customerId, programId: a.programId }, point.period, metrics, point.at, {
    raiseCarriedFromPrevious: late,
  });
  await saveReevaluations(tx, [r], { def });
  const sameAsAt = point.at === a.at;
  return { tierCode: r.row.tierCode, previousTierCode: prior?.tierCode ?? null, changed: r.change !== null, metrics: sameAsAt ? metrics.current : null };
}

/**
 * The status in force for pricing a receipt at `at`. Creates the CustomerTier row (entry tier,
 * or what the metrics already qualify) when missing and brings a row from a finished period up
 * to date (the rollover job may not have run yet). A receipt dated before the last status change
 * (offline receipt) gets the status in force at its time, from the history.
 */
export async function tierForPricing(tx: Sql, programId: string, customerId: string, definition: ProgramDefinition, at: Date): Promise<string> {
  return statusAt(tx, programId, customerId, definition, at, true);
}

/**
 * The same answer as tierForPricing without writing anything or locking (for `calculate`, the
 * lookup and the cabinet): a row from a finished period is evaluated in memory.
 */
export async function tierInForce(q: Sql, programId: string, customerId: string, definition: ProgramDefinition, at: Date): Promise<string> {
  return statusAt(q, programId, customerId, definition, at, false);
}

async function statusAt(q: Sql, programId: string, customerId: string, def: ProgramDefinition, at: Date, write: boolean): Promise<string> {
  const prior = write ? await lockTierRow(q, customerId) : await readTierRow(q, customerId);
  if (prior && (at < prior.since || compareKeys(evalPeriod(def, at).key, prior.periodKey) < 0)) {
    const [hit] = await q.$queryRaw<{ toTier: string }[]>`
      select "toTier" from "TierChange" where "customerId" = ${customerId} and at <= ${at} order by at desc, id desc limit 1`;
    return hit && tierRank(def, hit.toTier) >= 0 ? hit.toTier : def.tiers[0].code;
  }
  const period = evalPeriod(def, at);
  const metrics = (await loadMetrics(q, [customerId], def, period)).get(customerId)!;
  const r = reevaluate(def, prior, { customerId, programId }, period, metrics, at);
  if (write) await saveReevaluations(q, [r], { def });
  return r.row.tierCode;
}
