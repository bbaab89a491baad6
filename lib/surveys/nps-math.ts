// Net Promoter Score: promoters score 9–10, passives 7–8, detractors 0–6; NPS is the percentage
// of promoters minus the percentage of detractors (−100 … 100), undefined without answers.
import type { Locale } from "@/lib/i18n/locales";
import { INTL_LOCALE } from "@/lib/i18n/format";

export interface NpsSummary {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** null when there are no answers. */
  nps: number | null;
}

export type ScoreBand = "promoter" | "passive" | "detractor";

export function scoreBand(score: number): ScoreBand {
  if (!Number.isInteger(score) || score < 0 || score > 10) throw new RangeError(`an NPS score is a whole number 0–10, not ${score}`);
  return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}

/** From the count of each score: `distribution[s]` answers scored s (11 entries, 0–10). */
export function npsOfDistribution(distribution: readonly number[]): NpsSummary {
  if (distribution.length !== 11) throw new RangeError("a distribution has 11 counts, scores 0 to 10");
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  distribution.forEach((n, score) => {
    const band = scoreBand(score);
    if (band === "promoter") promoters += n;
    else if (band === "passive") passives += n;
    else detractors += n;
  });
  const answers = promoters + passives + detractors;
  return { answers, promoters, passives, detractors, nps: answers === 0 ? null : ((promoters - detractors) * 100) / answers };
}

export function npsOfScores(scores: readonly number[]): NpsSummary {
  const distribution = Array.from({ length: 11 }, () => 0);
  for (const s of scores) {
    scoreBand(s);
    distribution[s] += 1;
  }
  return npsOfDistribution(distribution);
}

/** "+43", "−12", "0": a whole number with its sign, as NPS is usually quoted. */
export function formatNps(locale: Locale, nps: number): string {
  const whole = Math.round(nps);
  return new Intl.NumberFormat(INTL_LOCALE[locale], { signDisplay: "exceptZero", maximumFractionDigits: 0 }).format(whole === 0 ? 0 : whole);
}
