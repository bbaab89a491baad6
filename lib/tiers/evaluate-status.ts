// Which tier a customer's metrics qualify for, which tier is in force once retention and
// manual statuses are applied, and how far the next tier is. Pure; money in minor units.
import type { Locale } from "@/lib/i18n/locales";
import { speakTier, type ProgramDefinition, type ProgramTier, type SpokenTier, type Thresholds } from "@/lib/program/definition";

export interface TierMetrics {
  /** Net of returns, minor units, all categories. */
  spend: number;
  /** Net spend per category, for tiers with `spendCategories`. */
  spendByCategory?: Record<string, number>;
  visits: number;
  purchases: number;
}

export type Metric = "spend" | "visits" | "purchases";
const METRICS: Metric[] = ["spend", "visits", "purchases"];

/** The spend a tier counts: all of it, or only its `spendCategories` (tier first, then program). */
export function countedSpend(def: ProgramDefinition, tier: ProgramTier, metrics: TierMetrics): number {
  const categories = tier.spendCategories ?? def.qualification?.spendCategories;
  if (!categories) return metrics.spend;
  let sum = 0;
  for (const c of categories) sum += metrics.spendByCategory?.[c] ?? 0;
  return sum;
}

function alternatives(tier: ProgramTier): Thresholds[] {
  const q = tier.qualify;
  if (!q) return [];
  return q.any ?? [{ spend: q.spend, visits: q.visits, purchases: q.purchases }];
}

function currentValue(def: ProgramDefinition, tier: ProgramTier, metrics: TierMetrics, metric: Metric): number {
  return metric === "spend" ? countedSpend(def, tier, metrics) : metrics[metric];
}

/** True when the metrics meet the tier's `qualify` (always for the entry tier). */
export function qualifies(def: ProgramDefinition, tier: ProgramTier, metrics: TierMetrics): boolean {
  if (!tier.qualify) return true;
  return alternatives(tier).some((alt) => METRICS.every((m) => alt[m] === undefined || currentValue(def, tier, metrics, m) >= alt[m]));
}

/** The highest tier (latest in the definition) whose thresholds hold. */
export function qualifiedTier(def: ProgramDefinition, metrics: TierMetrics): ProgramTier {
  for (let i = def.tiers.length - 1; i > 0; i--) {
    if (qualifies(def, def.tiers[i], metrics)) return def.tiers[i];
  }
  return def.tiers[0];
}

/** Position of a tier (0 = entry); -1 for a code the definition does not have. */
export function tierRank(def: ProgramDefinition, code: string | null | undefined): number {
  return code ? def.tiers.findIndex((t) => t.code === code) : -1;
}

export interface ManualTier {
  tierCode: string;
  /** Null: until staff remove it. */
  until: Date | null;
  /** True: the manual tier wins even when lower (a demotion); false: it is a floor. */
  override?: boolean;
}

export interface TierSources {
  qualifiedThisPeriod: string;
  qualifiedPreviousPeriod?: string | null;
  manual?: ManualTier | null;
}

export interface EffectiveTier {
  tier: ProgramTier;
  source: "qualified" | "carried" | "manual";
  /** The tier earned in the finished period and kept for the whole current one. */
  carriedTierCode: string | null;
}

/**
 * Retention (CONTRACTS.md): a tier earned in a finished period holds for the whole next
 * period; qualifying higher upgrades at once; a lifetime period never ends, so nothing is
 * carried. An active manual tier is a floor, or wins outright with `override`.
 * Codes the definition no longer has are ignored.
 */
export function effectiveTier(def: ProgramDefinition, sources: TierSources, now: Date): EffectiveTier {
  const lifetime = (def.qualification?.period ?? "lifetime") === "lifetime";
  const qualifiedRank = Math.max(0, tierRank(def, sources.qualifiedThisPeriod));
  const carriedRank = lifetime ? -1 : tierRank(def, sources.qualifiedPreviousPeriod);
  const carriedTierCode = carriedRank >= 0 ? def.tiers[carriedRank].code : null;
  let rank = qualifiedRank;
  let source: EffectiveTier["source"] = "qualified";
  if (carriedRank > rank) {
    rank = carriedRank;
    source = "carried";
  }
  const manual = sources.manual;
  const manualRank = manual && (manual.until === null || now < manual.until) ? tierRank(def, manual.tierCode) : -1;
  if (manualRank >= 0 && (manual?.override || manualRank > rank)) {
    rank = manualRank;
    source = "manual";
  }
  return { tier: def.tiers[rank], source, carriedTierCode };
}

export interface CriterionProgress {
  metric: Metric;
  current: number;
  required: number;
  /** required − current, never below 0. */
  missing: number;
  /** For spend narrowed by `spendCategories`. */
  categories?: string[];
}

export interface TierProgress {
  /** Named in the reader's language (speakTier; English first without one). */
  tier: SpokenTier;
  /** One entry for all-of thresholds; one per alternative for `any`. */
  alternatives: { met: boolean; criteria: CriterionProgress[] }[];
  met: boolean;
  /** Index of the alternative with the smallest missing share (the one to show). */
  closest: number;
}

export function progressToTier(def: ProgramDefinition, metrics: TierMetrics, tier: ProgramTier, locale?: Locale): TierProgress {
  const categories = tier.spendCategories ?? def.qualification?.spendCategories;
  const alts = alternatives(tier).map((alt) => {
    const criteria: CriterionProgress[] = [];
    for (const metric of METRICS) {
      const required = alt[metric];
      if (required === undefined) continue;
      const current = currentValue(def, tier, metrics, metric);
      const c: CriterionProgress = { metric, current, required, missing: Math.max(0, required - current) };
      if (metric === "spend" && categories) c.categories = [...categories];
      criteria.push(c);
    }
    return { met: criteria.every((c) => c.missing === 0), criteria };
  });
  // The share still missing of the furthest criterion: 0 when met, 1 when nothing done.
  const gap = (a: (typeof alts)[number]) => Math.max(0, ...a.criteria.map((c) => (c.required ? c.missing / c.required : 0)));
  let closest = 0;
  alts.forEach((a, i) => {
    if (gap(a) < gap(alts[closest])) closest = i;
  });
  return { tier: speakTier(def, tier, locale), alternatives: alts, met: alts.length === 0 || alts.some((a) => a.met), closest };
}

/** Progress towards the tier above `currentTierCode`; null at the top. */
export function progressToNext(def: ProgramDefinition, metrics: TierMetrics, currentTierCode: string, locale?: Locale): TierProgress | null {
  const next = def.tiers[Math.max(0, tierRank(def, currentTierCode)) + 1];
  return next ? progressToTier(def, metrics, next, locale) : null;
}
