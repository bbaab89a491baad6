// Status metrics and statuses in memory, for the bulk path of the demo season: the same pure
// functions as lib/tiers (metricBucket, evalPeriod, reevaluate, evaluationPoint) around plain
// maps instead of the TierMetric / CustomerTier / TierChange tables. Mirrors recordActivity,
// tierForPricing, customerTierView and the rollover job statement for statement (periods are
// memoised, see sim/periods.ts).
import type { ProgramDefinition } from "@/lib/program/definition";
import type { Activity } from "@/lib/tiers/activity";
import type { TierMetrics } from "@/lib/tiers/evaluate-status";
import { compareKeys, evalPeriod, instantOfKey, type EvalPeriod, type PeriodMetrics } from "@/lib/tiers/metrics";
import { reevaluate, type Reevaluation, type TierChangeDraft, type TierRow } from "@/lib/tiers/reevaluate";
import type { SeededIds } from "../ids";
import { PeriodCache } from "./periods";

export interface MMetric {
  id: string;
  customerId: string;
  periodKey: string;
  periodStart: Date;
  periodEnd: Date | null;
  spend: number;
  spendByCategory: Record<string, number>;
  visits: number;
  purchases: number;
}

export interface MTierChange extends TierChangeDraft {
  id: string;
  customerId: string;
}

export class MemoryTiers {
  readonly metrics = new Map<string, Map<string, MMetric>>();
  readonly rows = new Map<string, TierRow>();
  readonly changes: MTierChange[] = [];

  private readonly periods: PeriodCache;

  constructor(
    private readonly ids: SeededIds,
    private readonly programId: string,
    def: ProgramDefinition,
  ) {
    this.periods = new PeriodCache(def);
  }

  /** evaluationPoint of lib/tiers/activity.ts: a late activity is evaluated in the row's own period. */
  private evaluationPoint(def: ProgramDefinition, prior: TierRow | null, at: Date): { period: EvalPeriod; at: Date } {
    const period = this.periods.evalPeriod(at);
    if (prior && compareKeys(period.key, prior.periodKey) < 0) {
      const inst = instantOfKey(def, prior.periodKey, at);
      if (inst) return { period: evalPeriod(def, inst), at: inst };
    }
    return { period, at };
  }

  /** addToMetric: the atomic upsert of lib/tiers/metrics.ts (counts never below zero, categories merged key by key). */
  private addToMetric(
    customerId: string,
    bucket: { key: string; start: Date; end: Date | null },
    d: { spend: number; spendByCategory: Record<string, number>; purchases: number; visits: number },
    at: Date,
  ) {
    let byKey = this.metrics.get(customerId);
    if (!byKey) this.metrics.set(customerId, (byKey = new Map()));
    const row = byKey.get(bucket.key);
    if (!row) {
      byKey.set(bucket.key, {
        id: this.ids.id("met", at),
        customerId,
        periodKey: bucket.key,
        periodStart: bucket.start,
        periodEnd: bucket.end,
        spend: d.spend,
        spendByCategory: { ...d.spendByCategory },
        visits: Math.max(0, d.visits),
        purchases: Math.max(0, d.purchases),
      });
      return;
    }
    row.spend += d.spend;
    row.visits = Math.max(0, row.visits + d.visits);
    row.purchases = Math.max(0, row.purchases + d.purchases);
    for (const [k, v] of Object.entries(d.spendByCategory)) row.spendByCategory[k] = (row.spendByCategory[k] ?? 0) + v;
  }

  private loadMetrics(customerId: string, period: EvalPeriod): PeriodMetrics {
    if (period.rolling) throw new Error("The demo season generator does not simulate rolling qualification windows");
    const empty = (): TierMetrics => ({ spend: 0, spendByCategory: {}, visits: 0, purchases: 0 });
    const out: PeriodMetrics = { current: empty(), previous: period.prevKey ? empty() : null };
    const byKey = this.metrics.get(customerId);
    const add = (into: TierMetrics, r: MMetric | undefined) => {
      if (!r) return;
      into.spend += r.spend;
      into.visits += r.visits;
      into.purchases += r.purchases;
      for (const [k, v] of Object.entries(r.spendByCategory)) into.spendByCategory![k] = (into.spendByCategory![k] ?? 0) + v;
    };
    add(out.current, byKey?.get(period.key));
    if (out.previous && period.prevKey) add(out.previous, byKey?.get(period.prevKey));
    return out;
  }

  private save(r: Reevaluation) {
    if (r.dirty) this.rows.set(r.row.customerId, { ...r.row });
    if (r.change) this.changes.push({ ...r.change, id: this.ids.id("tie", r.change.at), customerId: r.row.customerId });
  }

  /** recordActivity. */
  record(a: Omit<Activity, "programId">): string {
    const def = a.definition;
    const bucket = this.periods.bucket(a.at);
    const spendByCategory = Object.fromEntries(
      Object.entries(a.spendByCategory ?? {})
        .filter(([, v]) => v !== 0)
        .map(([k, v]) => [k, Math.trunc(v)]),
    );
    const delta = { spend: Math.trunc(a.spend ?? 0), spendByCategory, purchases: Math.trunc(a.purchases ?? 0), visits: Math.trunc(a.visits ?? 0) };
    if (delta.spend || delta.purchases || delta.visits || Object.keys(spendByCategory).length) this.addToMetric(a.customerId, bucket, delta, a.at);
    const prior = this.rows.get(a.customerId) ?? null;
    const point = this.evaluationPoint(def, prior, a.at);
    const metrics = this.loadMetrics(a.customerId, point.period);
    const late = !point.period.rolling && point.period.prevKey !== null && bucket.key === point.period.prevKey;
    const r = reevaluate(def, prior, { customerId: a.customerId, programId: this.programId }, point.period, metrics, point.at, { raiseCarriedFromPrevious: late });
    this.save(r);
    return r.row.tierCode;
  }

  /** tierForPricing (write) / tierInForce (read only). */
  statusAt(def: ProgramDefinition, customerId: string, at: Date, write: boolean): string {
    const prior = this.rows.get(customerId) ?? null;
    if (prior && (at < prior.since || compareKeys(this.periods.evalPeriod(at).key, prior.periodKey) < 0)) {
      let hit: MTierChange | undefined;
      for (const c of this.changes) if (c.customerId === customerId && c.at <= at && (!hit || c.at >= hit.at)) hit = c;
      return hit && def.tiers.some((t) => t.code === hit.toTier) ? hit.toTier : def.tiers[0].code;
    }
    const period = this.periods.evalPeriod(at);
    const r = reevaluate(def, prior, { customerId, programId: this.programId }, period, this.loadMetrics(customerId, period), at);
    if (write) this.save(r);
    return r.row.tierCode;
  }

  /** The status customerTierView shows (what the catalog checks a voucher against). */
  viewTier(def: ProgramDefinition, customerId: string, at: Date): string {
    const prior = this.rows.get(customerId) ?? null;
    const period = this.periods.evalPeriod(at);
    if (prior && compareKeys(period.key, prior.periodKey) < 0) throw new Error("viewTier: activity dated before the status row's period is not simulated");
    return reevaluate(def, prior, { customerId, programId: this.programId }, period, this.loadMetrics(customerId, period), at).row.tierCode;
  }

  /** The rollover job (lib/jobs/rollover-periods.ts) at `now`. */
  rollover(def: ProgramDefinition, now: Date): number {
    const period = evalPeriod(def, now);
    let changed = 0;
    const due = [...this.rows.values()]
      .filter((r) => r.periodKey !== period.key || (r.manualUntil !== null && r.manualUntil <= now))
      .filter((r) => compareKeys(period.key, r.periodKey) >= 0)
      .sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
    for (const row of due) {
      const r = reevaluate(def, row, { customerId: row.customerId, programId: this.programId }, period, this.loadMetrics(row.customerId, period), now);
      this.save(r);
      if (r.change) changed += 1;
    }
    return changed;
  }
}
