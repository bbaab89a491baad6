// Statistics of one promotion for the console: what it gave (uses, receipts, discount, points,
// budget left, per day) from its receipts, and its uplift — spend, receipts and visits per member
// of the exposed group against its holdout over the promotion's period (the holdout hash in SQL,
// lib/promotions/holdout.ts). Reads only; pass the analytics client.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { compileSegment, fromClause } from "@/lib/segments/compile";
import { segmentDefinitionOrThrow, type SegmentDefinition, type SegmentNode } from "@/lib/segments/definition";
import { segmentContext } from "@/lib/segments/run";
import { segmentSlug } from "./audience";
import { holdoutBucketSql } from "./holdout";
import type { PromotionDefinition } from "./definition";
import { uplift, type GroupSums, type Uplift } from "./uplift";

export interface PromotionTotals {
  /** Receipts that hold or used it (returns keep the use; void and cancel give it back). */
  uses: number;
  /** Committed receipts with the promotion. */
  receipts: number;
  /** Receipts on hold now. */
  held: number;
  /** Members who got it. */
  customers: number;
  /** Discount given on committed receipts, net of returns (minor units). */
  discount: number;
  /** Points given (bonus and promo account) on committed receipts, net of returns. */
  points: number;
  budget: { money: number | null; moneyUsed: number; moneyLeft: number | null; points: number | null; pointsUsed: number; pointsLeft: number | null };
  total: { limit: number | null; left: number | null };
}

export interface DayRow {
  day: string;
  uses: number;
  discount: number;
  points: number;
}

const num = (v: unknown) => Number(v ?? 0);

async function promotionRow(db: Db, programId: string, code: string) {
  const p = await db.promotion.findUnique({ where: { programId_code: { programId, code } } });
  if (!p?.currentVersionId) throw new AppError("not_found", `No promotion ${code}`);
  const version = await db.promotionVersion.findUniqueOrThrow({ where: { id: p.currentVersionId } });
  const first = await db.promotionVersion.findFirstOrThrow({ where: { promotionId: p.id }, orderBy: { version: "asc" }, select: { createdAt: true } });
  return { p, def: version.definition as unknown as PromotionDefinition, firstSavedAt: first.createdAt };
}

export async function promotionTotals(db: Db, programId: string, code: string): Promise<PromotionTotals> {
  const { p, def } = await promotionRow(db, programId, code);
  const [row] = await db.$queryRaw<{ uses: number; receipts: number; held: number; customers: number; discount: number; points: number }[]>`
    select count(*) filter (where status in ('held', 'committed'))::int as uses,
      count(*) filter (where status = 'committed')::int as receipts,
      count(*) filter (where status = 'held')::int as held,
      count(distinct "customerId") filter (where status = 'committed')::int as customers,
      coalesce(sum(discount - "moneyReturned") filter (where status = 'committed'), 0)::float8 as discount,
      coalesce(sum(points - "pointsReturned") filter (where status = 'committed'), 0)::float8 as points
    from "PurchasePromotion" where "promotionId" = ${p.id}`;
  const budget = def.limits?.budget;
  const moneyUsed = Number(p.moneyUsed);
  const pointsUsed = Number(p.pointsUsed);
  return {
    // Counted from the receipts: the promotion's own counter moves only for promotions with limits.
    uses: row.uses,
    receipts: row.receipts,
    held: row.held,
    customers: row.customers,
    discount: num(row.discount),
    points: num(row.points),
    budget: {
      money: budget?.money ?? null,
      moneyUsed,
      moneyLeft: budget?.money !== undefined ? Math.max(0, budget.money - moneyUsed) : null,
      points: budget?.points ?? null,
      pointsUsed,
      pointsLeft: budget?.points !== undefined ? Math.max(0, budget.points - pointsUsed) : null,
    },
    total: { limit: def.limits?.total ?? null, left: def.limits?.total !== undefined ? Math.max(0, def.limits.total - p.uses) : null },
  };
}

/** Committed uses, discount and points per local day (the program's zone), oldest first; days without uses are filled in. */
export async function promotionDays(db: Db, programId: string, code: string, timeZone: string, maxDays = 120): Promise<DayRow[]> {
  const { p } = await promotionRow(db, programId, code);
  const rows = await db.$queryRaw<{ day: string; uses: number; discount: number; points: number }[]>`
    select to_char((at at time zone ${timeZone})::date, 'YYYY-MM-DD') as day, count(*)::int as uses,
      sum(discount - "moneyReturned")::float8 as discount, sum(points - "pointsReturned")::float8 as points
    from "PurchasePromotion" where "promotionId" = ${p.id} and status = 'committed' group by 1 order by 1`;
  if (!rows.length) return [];
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out: DayRow[] = [];
  const last = Date.parse(`${rows[rows.length - 1].day}T00:00:00Z`);
  const first = Math.max(Date.parse(`${rows[0].day}T00:00:00Z`), last - (maxDays - 1) * 86_400_000);
  for (let t = first; t <= last; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const r = byDay.get(day);
    out.push({ day, uses: r?.uses ?? 0, discount: num(r?.discount), points: num(r?.points) });
  }
  return out;
}

export const UPLIFT_METRICS = ["spend", "receipts", "visits"] as const;
export type UpliftMetric = (typeof UPLIFT_METRICS)[number];

export interface UpliftReport {
  holdoutPercent: number;
  from: Date;
  to: Date;
  exposed: number;
  holdout: number;
  /** The promotion's audience narrowed the members compared (statuses, segments, new members). */
  audience: { tiers: string[]; segments: string[]; newMemberDays: number | null; missingSegments: string[] } | null;
  metrics: Record<UpliftMetric, Uplift>;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The members a promotion targets, as a segment: its statuses (held at the end of the period),
 * any of its saved segments (as they stand at the end of the period), and for `newMemberDays`
 * those who joined from that many days before the period until its end. Birthdays are left out:
 * over a period of weeks almost everyone has one, and the holdout compares like with like anyway.
 * Null when the promotion targets every member. Slugs naming no saved segment match nobody.
 */
export async function audienceSegment(
  db: Db,
  programId: string,
  def: PromotionDefinition,
  from: Date,
  to: Date,
): Promise<{ definition: SegmentDefinition; missingSegments: string[]; nobody: boolean } | null> {
  const a = def.audience;
  const children: SegmentNode[] = [];
  if (a?.tiers?.length) children.push({ kind: "tier", op: "in", tiers: a.tiers });
  const missingSegments: string[] = [];
  if (a?.segments?.length) {
    const saved = await db.segment.findMany({ where: { programId }, select: { name: true, definition: true } });
    const bySlug = new Map(saved.map((s) => [segmentSlug(s.name), s.definition]));
    const found = a.segments.flatMap((slug) => {
      const d = bySlug.get(slug);
      if (d === undefined) missingSegments.push(slug);
      return d === undefined ? [] : [segmentDefinitionOrThrow(d)];
    });
    // No saved segment of those names: nobody can be in them (the till says "segment" to everyone).
    if (!found.length) return { definition: { kind: "group", op: "and", children: [] }, missingSegments, nobody: true };
    children.push({ kind: "group", op: "or", children: found });
  }
  if (a?.newMemberDays) {
    const since = new Date(from.getTime() - a.newMemberDays * 86_400_000);
    children.push({ kind: "registeredIn", period: { kind: "between", from: isoDay(since), to: isoDay(to) } });
  }
  return children.length ? { definition: { kind: "group", op: "and", children }, missingSegments, nobody: false } : null;
}

/**
 * Exposed vs holdout over the promotion's period (its `validity.from`, else its first save, to its
 * end or now): every member of the promotion's audience (see `audienceSegment`; every member when
 * it has none) who joined before the period's end is in exactly one group by the holdout hash.
 * Spend is what committed receipts paid in money, less their returns; receipts are committed
 * receipts; visits are attendances. Null without a holdout or before the promotion starts.
 */
export async function promotionUplift(db: Db, programId: string, code: string, now: Date): Promise<UpliftReport | null> {
  const { def, firstSavedAt } = await promotionRow(db, programId, code);
  const percent = def.audience?.holdoutPercent ?? 0;
  if (!percent) return null;
  const from = def.validity?.from ? new Date(def.validity.from) : firstSavedAt;
  const to = new Date(Math.min(def.validity?.to ? Date.parse(def.validity.to) : now.getTime(), now.getTime()));
  if (from >= to) return null;
  const threshold = Math.round(percent * 100);
  const audience = await audienceSegment(db, programId, def, from, to);
  // The audience's predicate binds $1 (the program) and its own values first; ours follow.
  const compiled = audience ? compileSegment(audience.definition, await segmentContext(db, programId, to)) : null;
  const params: unknown[] = compiled ? [...compiled.params] : [programId];
  const bind = (v: unknown, type: string) => {
    params.push(v);
    return `$${params.length}::${type}`;
  };
  const [codeP, thresholdP, fromP, toP] = [bind(code, "text"), bind(threshold, "int"), bind(from, "timestamptz"), bind(to, "timestamptz")];
  const bucket = holdoutBucketSql(codeP, "c.id");
  const rows = await db.$queryRawUnsafe<Record<string, number | boolean>[]>(
    `with m as (
       select c.id, ${bucket} < ${thresholdP} as holdout from ${fromClause(compiled?.joins ?? [])}
       where c."programId" = $1 and c."createdAt" < ${toP}${audience?.nobody ? " and false" : compiled ? ` and ${compiled.where}` : ""}
     ), p as (
       select pu."customerId" as id, count(*)::float8 as receipts, sum(pu.payable - coalesce(r.refunded, 0))::float8 as spend
       from "Purchase" pu
       left join lateral (select sum(x.amount) as refunded from "PurchaseReturn" x where x."purchaseId" = pu.id) r on true
       where pu."programId" = $1 and pu.status = 'committed' and pu.at >= ${fromP} and pu.at < ${toP} and pu."customerId" is not null
       group by pu."customerId"
     ), v as (
       select "customerId" as id, count(*)::float8 as visits from "Visit" where "programId" = $1 and at >= ${fromP} and at < ${toP} group by 1
     )
     select m.holdout, count(*)::int as n,
       coalesce(sum(p.spend), 0)::float8 as spend, coalesce(sum(p.spend * p.spend), 0)::float8 as spend_sq,
       coalesce(sum(p.receipts), 0)::float8 as receipts, coalesce(sum(p.receipts * p.receipts), 0)::float8 as receipts_sq,
       coalesce(sum(v.visits), 0)::float8 as visits, coalesce(sum(v.visits * v.visits), 0)::float8 as visits_sq
     from m left join p on p.id = m.id left join v on v.id = m.id group by m.holdout`,
    ...params,
  );
  const group = (holdout: boolean) => rows.find((r) => r.holdout === holdout);
  const sumsOf = (holdout: boolean, metric: UpliftMetric): GroupSums => {
    const r = group(holdout);
    return { n: num(r?.n), sum: num(r?.[metric]), sumSq: num(r?.[`${metric}_sq`]) };
  };
  const metrics = Object.fromEntries(UPLIFT_METRICS.map((m) => [m, uplift(sumsOf(false, m), sumsOf(true, m))])) as Record<UpliftMetric, Uplift>;
  const a = def.audience;
  return {
    holdoutPercent: percent,
    from,
    to,
    exposed: num(group(false)?.n),
    holdout: num(group(true)?.n),
    audience: audience ? { tiers: a?.tiers ?? [], segments: a?.segments ?? [], newMemberDays: a?.newMemberDays ?? null, missingSegments: audience.missingSegments } : null,
    metrics,
  };
}
