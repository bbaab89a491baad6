// The one place that decides a customer's CustomerTier row from its previous state and the
// metrics (pure). recordActivity, tierForPricing, the rollover job and the cabinet view all use it.
//
// Rules (CONTRACTS.md "Retention"):
// - in force = max(carried, qualified this period), or an active manual status (it wins outright);
// - carried = the tier qualified in the finished period, fixed when the period changes;
//   a late (offline) receipt of the finished period can still raise it, nothing lowers it;
// - qualifying higher upgrades at once; a return lowers "qualified" but never below "carried";
// - at the end of a period the status becomes the tier qualified in that period;
// - lifetime and rolling windows carry nothing (the rolling window itself slides).
import type { ProgramDefinition } from "@/lib/program/definition";
import { effectiveTier, qualifiedTier, tierRank } from "./evaluate-status";
import type { EvalPeriod, PeriodMetrics } from "./metrics";

export type TierChangeReason = "qualified" | "period_end" | "manual" | "import";

export interface TierRow {
  customerId: string;
  programId: string;
  tierCode: string;
  periodKey: string;
  qualifiedTierCode: string;
  carriedTierCode: string | null;
  manualTierCode: string | null;
  manualUntil: Date | null;
  since: Date;
}

export interface TierChangeDraft {
  fromTier: string | null;
  toTier: string;
  reason: TierChangeReason;
  periodKey: string;
  at: Date;
  note?: string | null;
}

export interface Reevaluation {
  row: TierRow;
  source: "qualified" | "carried" | "manual";
  change: TierChangeDraft | null;
  /** True when the row differs from the prior one (or there was none). */
  dirty: boolean;
}

function higher(def: ProgramDefinition, a: string | null, b: string | null): string | null {
  return tierRank(def, b) > tierRank(def, a) ? b : a;
}

export function reevaluate(
  def: ProgramDefinition,
  prior: TierRow | null,
  ids: { customerId: string; programId: string },
  period: EvalPeriod,
  metrics: PeriodMetrics,
  at: Date,
  opts: { raiseCarriedFromPrevious?: boolean } = {},
): Reevaluation {
  const entry = def.tiers[0].code;
  const qualifiedThis = qualifiedTier(def, metrics.current).code;
  const newPeriod = !prior || prior.periodKey !== period.key;
  let carried: string | null = null;
  if (period.prevKey) {
    const fromMetrics = metrics.previous ? qualifiedTier(def, metrics.previous).code : entry;
    if (!newPeriod) {
      carried = prior!.carriedTierCode;
      if (opts.raiseCarriedFromPrevious) carried = higher(def, carried, fromMetrics);
    } else {
      carried = fromMetrics;
      // The row was evaluated in the period just finished: what it qualified then (imports included).
      if (prior && prior.periodKey === period.prevKey) carried = higher(def, carried, prior.qualifiedTierCode);
    }
  }
  const manualActive = !!prior?.manualTierCode && (prior.manualUntil === null || at < prior.manualUntil) && tierRank(def, prior.manualTierCode) >= 0;
  const manualEnded = !!prior?.manualTierCode && !manualActive;
  const eff = effectiveTier(
    def,
    {
      qualifiedThisPeriod: qualifiedThis,
      qualifiedPreviousPeriod: carried,
      manual: manualActive ? { tierCode: prior!.manualTierCode!, until: prior!.manualUntil, override: true } : null,
    },
    at,
  );
  const tierCode = eff.tier.code;
  const before = prior?.tierCode ?? entry;
  let change: TierChangeDraft | null = null;
  if (tierCode !== before) {
    let reason: TierChangeReason = "qualified";
    let when = at;
    let note: string | null = null;
    if (manualEnded) {
      reason = "manual";
      note = "manual status ended";
    } else if (prior && newPeriod && tierRank(def, tierCode) <= tierRank(def, carried)) {
      reason = "period_end";
      when = period.start > prior.since ? period.start : at;
    }
    change = { fromTier: prior ? prior.tierCode : entry, toTier: tierCode, reason, periodKey: period.key, at: when, note };
  }
  const row: TierRow = {
    customerId: ids.customerId,
    programId: ids.programId,
    tierCode,
    periodKey: period.key,
    qualifiedTierCode: qualifiedThis,
    carriedTierCode: carried,
    manualTierCode: manualActive ? prior!.manualTierCode : null,
    manualUntil: manualActive ? prior!.manualUntil : null,
    since: change ? change.at : (prior?.since ?? at),
  };
  const dirty =
    !prior ||
    prior.tierCode !== row.tierCode ||
    prior.periodKey !== row.periodKey ||
    prior.qualifiedTierCode !== row.qualifiedTierCode ||
    prior.carriedTierCode !== row.carriedTierCode ||
    prior.manualTierCode !== row.manualTierCode ||
    prior.programId !== row.programId;
  return { row, source: eff.source, change, dirty };
}
