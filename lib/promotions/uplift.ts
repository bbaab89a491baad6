// Uplift of a promotion against its holdout: the difference of two group means (exposed − holdout)
// with a 95 % confidence interval by Welch's unequal-variance standard error and the normal
// approximation (groups of members are large). Pure: the groups arrive as count, sum and sum of
// squares per metric, which one SQL pass produces.

/** One group's sufficient statistics for one metric. */
export interface GroupSums {
  n: number;
  sum: number;
  sumSq: number;
}

export interface Uplift {
  exposedMean: number;
  holdoutMean: number;
  /** exposed − holdout. */
  difference: number;
  /** difference / holdout mean (null when the holdout mean is 0). */
  relative: number | null;
  /** Welch standard error of the difference (null with fewer than two members in a group). */
  standardError: number | null;
  /** 95 % interval of the difference (null when it cannot be computed). */
  low: number | null;
  high: number | null;
  /** The interval excludes zero. */
  significant: boolean;
}

/** z of a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export function mean(g: GroupSums): number {
  return g.n > 0 ? g.sum / g.n : 0;
}

/** Sample variance (n − 1), never negative (rounding of sums of squares). */
export function sampleVariance(g: GroupSums): number {
  if (g.n < 2) return 0;
  return Math.max(0, (g.sumSq - (g.sum * g.sum) / g.n) / (g.n - 1));
}

export function uplift(exposed: GroupSums, holdout: GroupSums): Uplift {
  const exposedMean = mean(exposed);
  const holdoutMean = mean(holdout);
  const difference = exposedMean - holdoutMean;
  const relative = holdoutMean !== 0 ? difference / holdoutMean : null;
  if (exposed.n < 2 || holdout.n < 2) return { exposedMean, holdoutMean, difference, relative, standardError: null, low: null, high: null, significant: false };
  const standardError = Math.sqrt(sampleVariance(exposed) / exposed.n + sampleVariance(holdout) / holdout.n);
  const low = difference - Z95 * standardError;
  const high = difference + Z95 * standardError;
  return { exposedMean, holdoutMean, difference, relative, standardError, low, high, significant: low > 0 || high < 0 };
}

/** Sums of a list of values (for tests and small groups). */
export function sums(values: readonly number[]): GroupSums {
  let sum = 0;
  let sumSq = 0;
  for (const v of values) {
    sum += v;
    sumSq += v * v;
  }
  return { n: values.length, sum, sumSq };
}
