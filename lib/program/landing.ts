// What the public landing page shows: the program, its statuses and a few live numbers.
import type { Db } from "@/lib/db/client";
import { currentProgram } from "./current";
import { definitionInForce } from "./in-force";
import { localized, type LocalizedText } from "@/lib/i18n/localized";
import { isLocale, type Locale } from "@/lib/i18n/locales";

export interface LandingThresholds {
  spend?: number;
  visits?: number;
  purchases?: number;
}

export interface LandingTier<Text = string> {
  code: string;
  name: Text;
  earnRate: number;
  benefits: Text[];
  color?: string;
  /** All of one group must hold; any group qualifies. Empty for the entry status. */
  qualify: LandingThresholds[];
}

type DefinitionLike = {
  tagline?: LocalizedText;
  qualification?: { period?: unknown };
  tiers?: {
    code: string;
    name: LocalizedText;
    earnRate?: number;
    benefits?: LocalizedText[];
    color?: string;
    qualify?: (LandingThresholds & { any?: LandingThresholds[] }) | undefined;
  }[];
};

export type LandingPeriod = { kind: "season"; startMonth: number; startDay: number } | { kind: "calendar-year" } | { kind: "rolling"; months: number } | { kind: "lifetime" };

export function describePeriod(period: unknown): LandingPeriod {
  if (period === "calendar-year") return { kind: "calendar-year" };
  if (period && typeof period === "object") {
    const p = period as { season?: { startMonth: number; startDay?: number }; rollingMonths?: number };
    if (p.season) return { kind: "season", startMonth: p.season.startMonth, startDay: p.season.startDay ?? 1 };
    if (p.rollingMonths) return { kind: "rolling", months: p.rollingMonths };
  }
  return { kind: "lifetime" };
}

function thresholdsOf(q: (LandingThresholds & { any?: LandingThresholds[] }) | undefined): LandingThresholds[] {
  if (!q) return [];
  if (q.any) return q.any.map((g) => ({ spend: g.spend, visits: g.visits, purchases: g.purchases }));
  return [{ spend: q.spend, visits: q.visits, purchases: q.purchases }];
}

export async function loadLanding(db: Db) {
  const program = await currentProgram(db);
  if (!program) return null;
  const [version, members, partners, stores] = await Promise.all([
    definitionInForce(db, program.id),
    db.customer.count({ where: { programId: program.id, status: "active" } }),
    db.partner.count({ where: { programId: program.id } }),
    db.store.count({ where: { programId: program.id } }),
  ]);
  const def = (version?.definition ?? {}) as unknown as DefinitionLike;
  const tiers: LandingTier<LocalizedText>[] = (def.tiers ?? []).map((t) => ({
    code: t.code,
    name: t.name,
    earnRate: t.earnRate ?? 0,
    benefits: t.benefits ?? [],
    color: t.color,
    qualify: thresholdsOf(t.qualify),
  }));
  return {
    program,
    /** In every language the definition has (the program row keeps only its own language's). */
    tagline: def.tagline ?? program.tagline,
    tiers,
    period: describePeriod(def.qualification?.period),
    stats: { members, partners, stores },
  };
}

export type Landing = NonNullable<Awaited<ReturnType<typeof loadLanding>>>;

/** The landing's program-authored texts (tagline, status names and benefits) in `locale`. */
export function landingIn(landing: Landing, locale: Locale) {
  const fallback = isLocale(landing.program.defaultLocale) ? landing.program.defaultLocale : null;
  const say = (text: LocalizedText) => localized(text, locale, fallback);
  return {
    ...landing,
    tagline: say(landing.tagline),
    tiers: landing.tiers.map((t): LandingTier => ({ ...t, name: say(t.name), benefits: t.benefits.map(say) })),
  };
}
