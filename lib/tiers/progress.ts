// What the cabinet and the console show about a customer's status: the status in force with its
// benefits, why (qualified / carried / manual), the period, what is already secured for the next
// period, and progress toward the next status for every criterion. Plus the console's manual
// status change (audited).
import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { definitionAt } from "@/lib/program/in-force";
import { speakTier, type ProgramDefinition, type ProgramTier } from "@/lib/program/definition";
import type { Locale } from "@/lib/i18n/locales";
import { progressToTier, tierRank, type Metric, type TierMetrics } from "./evaluate-status";
import { compareKeys, evalPeriod, instantOfKey, loadMetrics } from "./metrics";
import { reevaluate } from "./reevaluate";
import { lockTierRow, readTierRow, saveReevaluations } from "./tier-rows";

export interface TierSummary {
  code: string;
  name: string;
  earnRate: number;
  benefits: string[];
  color: string | null;
  canRedeem: boolean;
  maxRedeemShare: number | null;
}

export interface CriterionView {
  metric: Metric;
  /** Spend in minor units; visits and purchases as counts. */
  current: number;
  target: number;
  missing: number;
  /** Spend counted only in these categories (e.g. tickets and merchandise). */
  categories?: string[];
}

export interface NextTierView {
  tier: TierSummary;
  /** One group for all-of thresholds; one per alternative of `any` (any one group is enough). */
  alternatives: { met: boolean; criteria: CriterionView[] }[];
  /** The alternative closest to being met. */
  closest: number;
}

export interface TierView {
  customerId: string;
  programId: string;
  tier: TierSummary;
  source: "qualified" | "carried" | "manual";
  since: Date;
  manual: { tierCode: string; until: Date | null } | null;
  period: {
    kind: "lifetime" | "calendar-year" | "season" | "rolling";
    key: string;
    start: Date | null;
    /** Exclusive; null for lifetime (never ends). For a season: the moment the next season starts. */
    end: Date | null;
  };
  /** Qualified by this period's metrics so far. */
  qualified: TierSummary;
  /** Earned in the finished period and kept for this whole period (null for lifetime / rolling). */
  carried: TierSummary | null;
  /** The status already secured for the next period (what this period qualified); null when periods never end. */
  securedForNextPeriod: TierSummary | null;
  metrics: TierMetrics;
  /** Toward the status above the one in force; null at the top. */
  next: NextTierView | null;
  /** The whole ladder, entry first, with this period's progress toward each. */
  ladder: { tier: TierSummary; reached: boolean; current: boolean }[];
}

/** A status as members see it: name and benefits in `locale` (else the program's language, else English). */
export function tierSummary(def: Pick<ProgramDefinition, "defaultLocale">, tier: ProgramTier, locale?: Locale): TierSummary {
  const t = speakTier(def, tier, locale);
  return {
    code: t.code,
    name: t.name,
    earnRate: t.earnRate,
    benefits: t.benefits,
    color: t.color ?? null,
    canRedeem: t.canRedeem,
    maxRedeemShare: t.maxRedeemShare ?? null,
  };
}

function periodKind(def: ProgramDefinition): TierView["period"]["kind"] {
  const p = def.qualification.period;
  if (p === "lifetime" || p === "calendar-year") return p;
  return "season" in p ? "season" : "rolling";
}

async function definitionOf(db: Db, programId: string, at: Date): Promise<ProgramDefinition> {
  return (await definitionAt(db, programId, at)).definition;
}

/** The customer's status view at `at` (reads only; a stale row is evaluated in memory), its texts in `locale` (default: the program's). */
export async function customerTierView(db: Db, customerId: string, at: Date = new Date(), locale?: Locale): Promise<TierView> {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true, programId: true } });
  if (!customer) throw new AppError("customer_not_found", "Customer not found");
  const def = await definitionOf(db, customer.programId, at);
  const prior = await readTierRow(db, customerId);
  let evalAt = at;
  if (prior && compareKeys(evalPeriod(def, at).key, prior.periodKey) < 0) evalAt = instantOfKey(def, prior.periodKey, at) ?? at;
  const period = evalPeriod(def, evalAt);
  const metrics = (await loadMetrics(db, [customerId], def, period)).get(customerId)!;
  const r = reevaluate(def, prior, { customerId, programId: customer.programId }, period, metrics, evalAt);
  const summary = (x: ProgramTier) => tierSummary(def, x, locale);
  const byCode = (code: string | null) => (code ? def.tiers.find((t) => t.code === code) : undefined);
  const tier = byCode(r.row.tierCode) ?? def.tiers[0];
  const qualified = byCode(r.row.qualifiedTierCode) ?? def.tiers[0];
  const carried = byCode(r.row.carriedTierCode);
  const rank = tierRank(def, tier.code);
  const nextTier = def.tiers[rank + 1];
  let next: NextTierView | null = null;
  if (nextTier) {
    const p = progressToTier(def, metrics.current, nextTier);
    next = {
      tier: summary(nextTier),
      closest: p.closest,
      alternatives: p.alternatives.map((a) => ({
        met: a.met,
        criteria: a.criteria.map((c) => ({ metric: c.metric, current: c.current, target: c.required, missing: c.missing, ...(c.categories ? { categories: c.categories } : {}) })),
      })),
    };
  }
  const lifetime = period.end === null;
  const qualifiedRank = tierRank(def, qualified.code);
  return {
    customerId,
    programId: customer.programId,
    tier: summary(tier),
    source: r.source,
    since: r.row.since,
    manual: r.row.manualTierCode ? { tierCode: r.row.manualTierCode, until: r.row.manualUntil } : null,
    period: { kind: periodKind(def), key: period.key, start: lifetime ? null : period.start, end: period.end },
    qualified: summary(qualified),
    carried: carried ? summary(carried) : null,
    securedForNextPeriod: lifetime || period.rolling ? null : summary(qualified),
    metrics: metrics.current,
    next,
    ladder: def.tiers.map((t, i) => ({ tier: summary(t), reached: i <= qualifiedRank, current: t.code === tier.code })),
  };
}

export interface ManualTierInput {
  customerId: string;
  /** Null removes a manual status. */
  tierCode: string | null;
  /** Null: until staff remove it. */
  until: Date | null;
  staffUserId: string;
  reason: string;
  at?: Date;
}

/**
 * Staff set a status by hand (it wins outright, upward or downward, until `until`), or remove
 * one (tierCode null). Writes the TierChange (reason manual) and an audit log entry.
 */
export async function setManualTier(db: Db, input: ManualTierInput) {
  const reason = input.reason?.trim();
  if (!reason) throw new AppError("invalid_request", "A reason is required", { details: [{ path: "reason", message: "required" }] });
  const at = input.at ?? new Date();
  if (input.until && input.until <= at) throw new AppError("invalid_request", "The end date must be in the future", { details: [{ path: "until", message: "in_future" }] });
  const customer = await db.customer.findUnique({ where: { id: input.customerId }, select: { id: true, programId: true } });
  if (!customer) throw new AppError("customer_not_found", "Customer not found");
  const def = await definitionOf(db, customer.programId, at);
  if (input.tierCode !== null && tierRank(def, input.tierCode) < 0) {
    throw new AppError("invalid_request", `Unknown status "${input.tierCode}"`, { details: [{ path: "tierCode", message: "unknown_tier" }] });
  }
  return db.$transaction(async (tx) => {
    const prior = await lockTierRow(tx, customer.id);
    const period = evalPeriod(def, at);
    const metrics = (await loadMetrics(tx, [customer.id], def, period)).get(customer.id)!;
    // Bring the row up to date first, then apply the manual status on top of it.
    const base = reevaluate(def, prior, { customerId: customer.id, programId: customer.programId }, period, metrics, at);
    const withManual = { ...base.row, manualTierCode: input.tierCode, manualUntil: input.tierCode ? input.until : null };
    const r = reevaluate(def, withManual, { customerId: customer.id, programId: customer.programId }, period, metrics, at);
    const change = r.row.tierCode !== base.row.tierCode ? { fromTier: base.row.tierCode, toTier: r.row.tierCode, reason: "manual" as const, periodKey: period.key, at, note: reason } : null;
    const row = { ...r.row, since: change ? at : base.row.since };
    await saveReevaluations(tx, [{ ...base, change: base.change }], { def });
    await saveReevaluations(tx, [{ row, source: r.source, change, dirty: true }], { staffUserId: input.staffUserId, def });
    await writeAudit(tx, {
      programId: customer.programId,
      actor: { type: "staff", id: input.staffUserId },
      action: input.tierCode ? "tier.manual_set" : "tier.manual_cleared",
      entityType: "customer",
      entityId: customer.id,
      reason,
      before: { tierCode: base.row.tierCode, manualTierCode: prior?.manualTierCode ?? null, manualUntil: prior?.manualUntil ?? null },
      after: { tierCode: row.tierCode, manualTierCode: row.manualTierCode, manualUntil: row.manualUntil },
    });
    return { tierCode: row.tierCode, previousTierCode: base.row.tierCode, changed: change !== null };
  });
}
