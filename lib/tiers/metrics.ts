// Where status metrics are stored and how they are read back.
//
// Seasons, calendar years and lifetime: one TierMetric row per customer per period, keyed by
// the period key of lib/tiers/periods.ts ("2026/27", "2026", "lifetime").
// Rolling windows ({"rollingMonths": N}): one row per customer per local calendar DAY
// ("d2026-03-15"); the window at an instant is the whole days from the day after the same date
// N months earlier through today (12 months at 2026-03-15 = 2025-03-16 … 2026-03-15), and the
// status is re-evaluated daily (the rollover job) as old days leave the window.
import type { Sql } from "@/lib/db/sql";
import { createId } from "@/lib/ids";
import type { ProgramDefinition } from "@/lib/program/definition";
import type { TierMetrics } from "./evaluate-status";
import { periodAt, previousPeriod, zonedParts, zonedTimeToInstant, type Period } from "@/lib/time";

type Q = Sql;
type R = Pick<Sql, "$queryRaw">;

/** The period a customer's status is evaluated in at an instant. */
export interface EvalPeriod extends Period {
  /** Key of the finished period whose status is carried now; null for lifetime and rolling windows. */
  prevKey: string | null;
  prev: Period | null;
  rolling: boolean;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const isRolling = (def: ProgramDefinition): number | null => {
  const p = def.qualification.period;
  return typeof p === "object" && "rollingMonths" in p ? p.rollingMonths : null;
};

/** Calendar arithmetic on a local date (UTC date object used as a plain y-m-d holder). */
function addDays(y: number, m: number, d: number, days: number) {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
function minusMonths(y: number, m: number, d: number, months: number) {
  const index = y * 12 + (m - 1) - months;
  const yy = Math.floor(index / 12);
  const mm = (index % 12) + 1;
  const dim = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return { y: yy, m: mm, d: Math.min(d, dim) };
}
const dayKey = (x: { y: number; m: number; d: number }) => `d${pad(x.y, 4)}-${pad(x.m)}-${pad(x.d)}`;

/** The row metrics of an activity at `at` are added to. */
export function metricBucket(def: ProgramDefinition, at: Date): Period {
  if (isRolling(def) === null) return periodAt(def.qualification.period, def.timezone, at);
  const p = zonedParts(at, def.timezone);
  const next = addDays(p.year, p.month, p.day, 1);
  return {
    key: dayKey({ y: p.year, m: p.month, d: p.day }),
    start: zonedTimeToInstant(def.timezone, p.year, p.month, p.day),
    end: zonedTimeToInstant(def.timezone, next.y, next.m, next.d),
  };
}

/** The evaluation period at `at` (rolling: the window of whole days ending today, keyed "rolling@2026-03-15"). */
export function evalPeriod(def: ProgramDefinition, at: Date): EvalPeriod {
  const months = isRolling(def);
  if (months === null) {
    const cur = periodAt(def.qualification.period, def.timezone, at);
    const prev = previousPeriod(def.qualification.period, def.timezone, at);
    return { ...cur, prev, prevKey: prev?.key ?? null, rolling: false };
  }
  const p = zonedParts(at, def.timezone);
  const back = minusMonths(p.year, p.month, p.day, months);
  const first = addDays(back.y, back.m, back.d, 1);
  const next = addDays(p.year, p.month, p.day, 1);
  return {
    key: `rolling@${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`,
    start: zonedTimeToInstant(def.timezone, first.y, first.m, first.d),
    end: zonedTimeToInstant(def.timezone, next.y, next.m, next.d),
    prev: null,
    prevKey: null,
    rolling: true,
  };
}

/**
 * Orders two evaluation keys of one program: negative when `a` is an earlier period than `b`.
 * Keys of different kinds (the period type changed between versions) count as "a is newer".
 */
export function compareKeys(a: string, b: string): number {
  const kind = (k: string) => (k.startsWith("rolling@") ? "r" : /^\d{4}/.test(k) ? "y" : k);
  if (kind(a) !== kind(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An instant inside the evaluation period `key`, searching forward from `from` (null if not found). */
export function instantOfKey(def: ProgramDefinition, key: string, from: Date): Date | null {
  if (key.startsWith("rolling@")) {
    const [y, m, d] = key.slice(8).split("-").map(Number);
    return zonedTimeToInstant(def.timezone, y, m, d);
  }
  let p: Period = periodAt(def.qualification.period, def.timezone, from);
  for (let i = 0; i < 50; i++) {
    if (p.key === key) return p.start;
    if (!p.end) return null;
    p = periodAt(def.qualification.period, def.timezone, p.end);
  }
  return null;
}

export interface ActivityDelta {
  spend: number;
  spendByCategory: Record<string, number>;
  purchases: number;
  visits: number;
}

/**
 * Adds the deltas to the customer's metric row of `bucket`, atomically (INSERT … ON CONFLICT DO
 * UPDATE with increments, category spend merged key by key in SQL). Counts never go below zero
 * (a return counted in another period than its receipt).
 */
export async function addToMetric(q: Q, programId: string, customerId: string, bucket: Period, d: ActivityDelta): Promise<MetricRow> {
  const cats = JSON.stringify(d.spendByCategory);
  const [row] = await q.$queryRaw<MetricRow[]>`
    insert into "TierMetric" (id, "programId", "customerId", "periodKey", "periodStart", "periodEnd", spend, "spendByCategory", visits, purchases, "updatedAt")
    values (${createId("met")}, ${programId}, ${customerId}, ${bucket.key}, ${bucket.start}, ${bucket.end}, ${BigInt(d.spend)},
      ${cats}::jsonb, greatest(0, ${d.visits}::int), greatest(0, ${d.purchases}::int), now())
    on conflict ("customerId", "periodKey") do update set
      spend = "TierMetric".spend + excluded.spend,
      visits = greatest(0, "TierMetric".visits + ${d.visits}::int),
      purchases = greatest(0, "TierMetric".purchases + ${d.purchases}::int),
      "spendByCategory" = (
        select coalesce(jsonb_object_agg(k, coalesce(("TierMetric"."spendByCategory"->>k)::bigint, 0) + coalesce((${cats}::jsonb->>k)::bigint, 0)), '{}'::jsonb)
        from (select jsonb_object_keys("TierMetric"."spendByCategory") as k union select jsonb_object_keys(${cats}::jsonb)) ks),
      "updatedAt" = now()
    returning "customerId", "periodKey", spend, "spendByCategory", visits, purchases`;
  return row;
}

/** A TierMetric row as the metrics are read (one customer, one period or day). */
export type MetricRow = { customerId: string; periodKey: string; spend: bigint | number; spendByCategory: Record<string, number> | null; visits: number; purchases: number };

const empty = (): TierMetrics => ({ spend: 0, spendByCategory: {}, visits: 0, purchases: 0 });

function add(into: TierMetrics, r: MetricRow) {
  into.spend += Number(r.spend);
  into.visits += r.visits;
  into.purchases += r.purchases;
  for (const [k, v] of Object.entries(r.spendByCategory ?? {})) into.spendByCategory![k] = (into.spendByCategory![k] ?? 0) + Number(v);
}

export interface PeriodMetrics {
  current: TierMetrics;
  /** Metrics of the finished period (null for lifetime and rolling windows). */
  previous: TierMetrics | null;
}

/** Metrics of the evaluation period (and of the previous one) for many customers at once. */
export async function loadMetrics(q: R, customerIds: string[], def: ProgramDefinition, period: EvalPeriod): Promise<Map<string, PeriodMetrics>> {
  return metricsFromRows(customerIds, period, await loadMetricRows(q, customerIds, def, period));
}

/**
 * Which TierMetric rows the evaluation period (and the previous one) sums: the period keys, or
 * for a rolling window the day keys from `lo` to `hi`.
 */
export function metricRowRange(def: ProgramDefinition, period: EvalPeriod): { keys: string[]; lo: string | null; hi: string | null } {
  if (!period.rolling) return { keys: period.prevKey ? [period.key, period.prevKey] : [period.key], lo: null, hi: null };
  return { keys: [], lo: dayKey(toYmd(period.start, def.timezone)), hi: dayKey(toYmd(new Date(period.end!.getTime() - 1), def.timezone)) };
}

/** The TierMetric rows the evaluation period (and the previous one) sums. */
export async function loadMetricRows(q: R, customerIds: string[], def: ProgramDefinition, period: EvalPeriod): Promise<MetricRow[]> {
  if (!customerIds.length) return [];
  const { keys, lo, hi } = metricRowRange(def, period);
  if (period.rolling) {
    return q.$queryRaw<MetricRow[]>`
      select "customerId", "periodKey", spend, "spendByCategory", visits, purchases from "TierMetric"
      where "customerId" = any(${customerIds}::text[]) and "periodKey" >= ${lo} and "periodKey" <= ${hi} and "periodKey" like 'd%'`;
  }
  return q.$queryRaw<MetricRow[]>`
    select "customerId", "periodKey", spend, "spendByCategory", visits, purchases from "TierMetric"
    where "customerId" = any(${customerIds}::text[]) and "periodKey" = any(${keys}::text[])`;
}

/** Sums rows read by loadMetricRows into each customer's metrics of the period. */
export function metricsFromRows(customerIds: string[], period: EvalPeriod, rows: readonly MetricRow[]): Map<string, PeriodMetrics> {
  const out = new Map<string, PeriodMetrics>();
  for (const id of customerIds) out.set(id, { current: empty(), previous: period.prevKey ? empty() : null });
  for (const r of rows) {
    const m = out.get(r.customerId)!;
    if (period.rolling || r.periodKey === period.key) add(m.current, r);
    else if (m.previous) add(m.previous, r);
  }
  return out;
}

function toYmd(at: Date, tz: string) {
  const p = zonedParts(at, tz);
  return { y: p.year, m: p.month, d: p.day };
}

/** The customer's metrics in the qualification period (or rolling window) containing `at`. */
export async function metricsAt(q: R, customerId: string, def: ProgramDefinition, at: Date): Promise<TierMetrics> {
  return (await loadMetrics(q, [customerId], def, evalPeriod(def, at))).get(customerId)!.current;
}
