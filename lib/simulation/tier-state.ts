// One customer's status bookkeeping in memory, for the what-if replay: the same pure functions the
// till's transaction runs (lib/tiers: metricBucket, evaluationPoint, metricRowRange, metricsFromRows,
// reevaluate) around a map of metric rows instead of the TierMetric / CustomerTier / TierChange
// tables. `pricing` mirrors tierForReceipt, `record` recordActivity, `at` the read-only tierInForce.
import type { ProgramDefinition } from "@/lib/program/definition";
import { tierRank } from "@/lib/tiers/evaluate-status";
import { evaluationPoint, fromHistory } from "@/lib/tiers/activity";
import { evalPeriod, metricBucket, metricRowRange, metricsFromRows, type EvalPeriod, type MetricRow, type PeriodMetrics } from "@/lib/tiers/metrics";
import { reevaluate, type Reevaluation, type TierRow } from "@/lib/tiers/reevaluate";

const IDS = { customerId: "", programId: "" };

export class CustomerTierState {
  private readonly rows = new Map<string, MetricRow>();
  private row: TierRow | null = null;
  /** Status changes (instant, new status) for a receipt dated before the last change. */
  private readonly changes: { at: Date; toTier: string }[] = [];

  constructor(private readonly def: ProgramDefinition) {}

  private metrics(period: EvalPeriod): PeriodMetrics {
    const { keys, lo, hi } = metricRowRange(this.def, period);
    const picked: MetricRow[] = [];
    for (const r of this.rows.values()) {
      if (period.rolling ? r.periodKey.startsWith("d") && r.periodKey >= lo! && r.periodKey <= hi! : keys.includes(r.periodKey)) picked.push(r);
    }
    return metricsFromRows([""], period, picked).get("")!;
  }

  private save(r: Reevaluation) {
    this.row = r.row;
    if (r.change) this.changes.push({ at: r.change.at, toTier: r.change.toTier });
  }

  private historic(at: Date): string {
    let hit: { at: Date; toTier: string } | null = null;
    for (const c of this.changes) if (c.at <= at && (!hit || c.at >= hit.at)) hit = c;
    return hit && tierRank(this.def, hit.toTier) >= 0 ? hit.toTier : this.def.tiers[0].code;
  }

  /** The status a receipt at `at` is priced with (tierForReceipt: brings the row up to date). */
  pricing(at: Date): string {
    if (fromHistory(this.def, this.row, at)) return this.historic(at);
    const period = evalPeriod(this.def, at);
    const r = reevaluate(this.def, this.row, IDS, period, this.metrics(period), at);
    this.save(r);
    return r.row.tierCode;
  }

  /** recordActivity: adds the deltas to the metric row of `at` and re-evaluates. */
  record(at: Date, d: { spend?: number; spendByCategory?: Record<string, number>; purchases?: number; visits?: number }): string {
    const bucket = metricBucket(this.def, at);
    const spend = Math.trunc(d.spend ?? 0);
    const purchases = Math.trunc(d.purchases ?? 0);
    const visits = Math.trunc(d.visits ?? 0);
    const cats = Object.entries(d.spendByCategory ?? {}).filter(([, v]) => v !== 0);
    if (spend || purchases || visits || cats.length) {
      const row = this.rows.get(bucket.key);
      if (!row) {
        this.rows.set(bucket.key, {
          customerId: "",
          periodKey: bucket.key,
          spend,
          spendByCategory: Object.fromEntries(cats.map(([k, v]) => [k, Math.trunc(v)])),
          visits: Math.max(0, visits),
          purchases: Math.max(0, purchases),
        });
      } else {
        row.spend = Number(row.spend) + spend;
        row.visits = Math.max(0, row.visits + visits);
        row.purchases = Math.max(0, row.purchases + purchases);
        const into = row.spendByCategory!;
        for (const [k, v] of cats) into[k] = (into[k] ?? 0) + Math.trunc(v);
      }
    }
    const point = evaluationPoint(this.def, this.row, at);
    const late = !point.period.rolling && point.period.prevKey !== null && bucket.key === point.period.prevKey;
    const r = reevaluate(this.def, this.row, IDS, point.period, this.metrics(point.period), point.at, { raiseCarriedFromPrevious: late });
    this.save(r);
    return r.row.tierCode;
  }

  /** The status in force at `at` without changing anything (tierInForce). */
  at(at: Date): string {
    if (fromHistory(this.def, this.row, at)) return this.historic(at);
    const period = evalPeriod(this.def, at);
    return reevaluate(this.def, this.row, IDS, period, this.metrics(period), at).row.tierCode;
  }
}
