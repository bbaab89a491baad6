// One customer's status bookkeeping in memory, for the what-if replay: the same pure functions the
// till's transaction runs (lib/tiers: metricBucket, evaluationPoint, metricRowRange, metricsFromRows,
// reevaluate) around a map of metric rows instead of the TierMetric / CustomerTier / TierChange
// tables. `pricing` mirrors tierForReceipt, `record` recordActivity, `at` the read-only tierInForce.
import type { ProgramDefinition } from "@/lib/program/definition";
import { tierRank } from "@/lib/tiers/evaluate-status";
import { evaluationPoint, fromHistory } from "@/lib/tiers/activity";
import { evalPeriod, metricBucket, metricRowRange, metricsFromRows, type EvalPeriod, type MetricRow, type PeriodMetrics } from "@/lib/tiers/metrics";
import { reevaluate, type Reevaluation, type TierRow } from "@/lib/tiers/reevaluate";
import type { Period } from "@/lib/time";

const IDS = { customerId: "", programId: "" };

// A replay asks for the periods of every event many times over (pricing, recording, fromHistory,
// evaluationPoint), and the answer depends only on the local DAY of the instant: every bound is a
// local midnight, and local midnights fall on a quarter hour of UTC (the same fact lib/time/zoned.ts
// caches offsets by). So the answers are memoised per definition and 15-minute slice, shared by all
// the customers of a replay; the objects are only read.
const SLICE_MS = 15 * 60_000;
const MAX_SLICES = 200_000;

interface Periods {
  evalPeriod: (def: ProgramDefinition, at: Date) => EvalPeriod;
  bucket: (at: Date) => Period;
  rowRange: (period: EvalPeriod) => ReturnType<typeof metricRowRange>;
}

const memo = new WeakMap<ProgramDefinition, Periods>();

function bySlice<T>(compute: (at: Date) => T): (at: Date) => T {
  const slices = new Map<number, T>();
  return (at) => {
    const ms = at.getTime();
    if (!(ms >= 0)) return compute(at);
    const k = Math.floor(ms / SLICE_MS);
    let hit = slices.get(k);
    if (hit === undefined) {
      if (slices.size >= MAX_SLICES) slices.clear();
      slices.set(k, (hit = compute(at)));
    }
    return hit;
  };
}

function periodsOf(def: ProgramDefinition): Periods {
  let m = memo.get(def);
  if (m) return m;
  const evalOf = bySlice((at) => evalPeriod(def, at));
  const ranges = new WeakMap<EvalPeriod, ReturnType<typeof metricRowRange>>();
  m = {
    evalPeriod: (d, at) => (d === def ? evalOf(at) : evalPeriod(d, at)),
    bucket: bySlice((at) => metricBucket(def, at)),
    rowRange: (period) => {
      let r = ranges.get(period);
      if (!r) ranges.set(period, (r = metricRowRange(def, period)));
      return r;
    },
  };
  memo.set(def, m);
  return m;
}

export class CustomerTierState {
  private readonly rows = new Map<string, MetricRow>();
  private row: TierRow | null = null;
  /** Status changes (instant, new status) for a receipt dated before the last change. */
  private readonly changes: { at: Date; toTier: string }[] = [];

  private readonly periods: Periods;

  constructor(private readonly def: ProgramDefinition) {
    this.periods = periodsOf(def);
  }

  private metrics(period: EvalPeriod): PeriodMetrics {
    const { keys, lo, hi } = this.periods.rowRange(period);
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
    if (fromHistory(this.def, this.row, at, this.periods.evalPeriod)) return this.historic(at);
    const period = this.periods.evalPeriod(this.def, at);
    const r = reevaluate(this.def, this.row, IDS, period, this.metrics(period), at);
    this.save(r);
    return r.row.tierCode;
  }

  /** recordActivity: adds the deltas to the metric row of `at` and re-evaluates. */
  record(at: Date, d: { spend?: number; spendByCategory?: Record<string, number>; purchases?: number; visits?: number }): string {
    const bucket = this.periods.bucket(at);
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
    const point = evaluationPoint(this.def, this.row, at, this.periods.evalPeriod);
    const late = !point.period.rolling && point.period.prevKey !== null && bucket.key === point.period.prevKey;
    const r = reevaluate(this.def, this.row, IDS, point.period, this.metrics(point.period), point.at, { raiseCarriedFromPrevious: late });
    this.save(r);
    return r.row.tierCode;
  }

  /** The status in force at `at` without changing anything (tierInForce). */
  at(at: Date): string {
    if (fromHistory(this.def, this.row, at, this.periods.evalPeriod)) return this.historic(at);
    const period = this.periods.evalPeriod(this.def, at);
    return reevaluate(this.def, this.row, IDS, period, this.metrics(period), at).row.tierCode;
  }
}
