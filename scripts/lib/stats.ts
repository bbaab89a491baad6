// Small statistics of the benchmark scripts (bench:pos, profile:confirm).

/** The median of the values (the mean of the two middle ones for an even count); NaN for none. Does not reorder `xs`. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
