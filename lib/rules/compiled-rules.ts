// A program definition turned into lookup tables once (cached per definition object), so
// pricing a receipt is a few map lookups per line.
import { speakTier, type Activation, type ProgramDefinition, type ProgramTier, type SpokenTier } from "@/lib/program/definition";
import { toBasisPoints } from "./money";

export interface CompiledTier {
  /** Named as the tills show it (speakTier without a locale). */
  tier: SpokenTier;
  /** Rate of categories without an override, hundredths of a percent. */
  rateBp: number;
  rateBpByCategory: Map<string, number>;
  /** Percent of a receipt points may pay. */
  redeemShare: number;
}

export interface CompiledRules {
  def: ProgramDefinition;
  entry: CompiledTier;
  tiers: Map<string, CompiledTier>;
  partnerRateBp: Map<string, number>;
  excludedCategories: Set<string>;
  excludedStoreTags: Set<string>;
  activationByCategory: Map<string, Activation>;
}

const cache = new WeakMap<ProgramDefinition, CompiledRules>();

function compileTier(def: ProgramDefinition, tier: ProgramTier): CompiledTier {
  const byCategory = new Map<string, number>();
  for (const [cat, rate] of Object.entries(tier.earnRates ?? {})) byCategory.set(cat, toBasisPoints(rate));
  return {
    tier: speakTier(def, tier),
    rateBp: toBasisPoints(tier.earnRate),
    rateBpByCategory: byCategory,
    redeemShare: tier.maxRedeemShare ?? def.redemption.maxShare,
  };
}

/** Definitions are treated as immutable: the tables are built once per object. */
export function compileRules(def: ProgramDefinition): CompiledRules {
  const hit = cache.get(def);
  if (hit) return hit;
  const tiers = new Map(def.tiers.map((t) => [t.code, compileTier(def, t)] as const));
  const compiled: CompiledRules = {
    def,
    entry: tiers.get(def.tiers[0].code)!,
    tiers,
    partnerRateBp: new Map(def.partners.map((p) => [p.code, toBasisPoints(p.earnRate)] as const)),
    excludedCategories: new Set(def.earning.excludedCategories),
    excludedStoreTags: new Set(def.redemption.excludedStoreTags),
    activationByCategory: new Map(Object.entries(def.earning.activationByCategory)),
  };
  cache.set(def, compiled);
  return compiled;
}

/**
 * The earn rate of one line, in hundredths of a percent: the tier's rate (category override
 * first), combined with the store's partner rate — the higher one (`max`) or both (`add`).
 * Excluded categories earn nothing.
 */
export function lineRateBp(rules: CompiledRules, tier: CompiledTier, category: string, partnerCode: string | null): number {
  if (rules.excludedCategories.has(category)) return 0;
  const tierBp = tier.rateBpByCategory.get(category) ?? tier.rateBp;
  const partnerBp = partnerCode === null ? undefined : rules.partnerRateBp.get(partnerCode);
  if (partnerBp === undefined) return tierBp;
  return rules.def.partnerRateMode === "add" ? tierBp + partnerBp : Math.max(tierBp, partnerBp);
}

export function lineActivation(rules: CompiledRules, category: string): Activation {
  return rules.activationByCategory.get(category) ?? rules.def.earning.activation;
}

export function isPending(activation: Activation): boolean {
  return "on" in activation || activation.afterDays > 0;
}
