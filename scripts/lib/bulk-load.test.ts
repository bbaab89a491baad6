import { describe, expect, it } from "vitest";
import { customerChunks, rowSlice } from "./bulk-load";

describe("bulk load chunks", () => {
  it("customer chunks cover 1..n once, in order", () => {
    for (const [n, size] of [
      [1, 250_000],
      [999_999, 250_000],
      [1_000_000, 250_000],
      [6_000_001, 250_000],
    ]) {
      const chunks = customerChunks(n, size);
      expect(chunks[0][0]).toBe(1);
      expect(chunks.at(-1)![1]).toBe(n + 1);
      for (let i = 1; i < chunks.length; i++) expect(chunks[i][0]).toBe(chunks[i - 1][1]);
      expect(chunks.every(([lo, hi]) => hi - lo <= size && hi > lo)).toBe(true);
    }
  });

  it("row slices number every row once and send each u to the chunk that owns its customer", () => {
    const n = 1_000_000;
    const chunks = customerChunks(n, 250_000);
    const slices = chunks.map(([lo, hi]) => rowSlice(n, lo, hi, 1.6, 4));
    expect(slices[0].g0).toBe(0);
    expect(slices.at(-1)!.g1).toBe(4 * n);
    expect(slices[0].ua).toBe(0);
    expect(slices.at(-1)!.ub).toBe(1);
    for (let i = 1; i < slices.length; i++) {
      expect(slices[i].g0).toBe(slices[i - 1].g1);
      expect(slices[i].ua).toBe(slices[i - 1].ub);
    }
    // The share of rows of a chunk is the probability that 1 + ⌊u^1.6 · n⌋ falls in it.
    const customer = (u: number) => 1 + Math.floor(Math.pow(u, 1.6) * n);
    let seed = 42;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const hits = chunks.map(() => 0);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) {
      const g = customer(rand());
      hits[chunks.findIndex(([lo, hi]) => g >= lo && g < hi)] += 1;
    }
    for (const [i, s] of slices.entries()) expect(Math.abs(hits[i] / draws - (s.g1 - s.g0) / (4 * n))).toBeLessThan(0.005);
    // A u inside a chunk's slice maps into the chunk (the SQL clamps only float rounding at the edges).
    for (const [i, [lo, hi]] of chunks.entries()) {
      const { ua, ub } = slices[i];
      for (const t of [0.001, 0.5, 0.999]) {
        const g = customer(ua + t * (ub - ua));
        expect(g >= lo && g < hi).toBe(true);
      }
    }
    // The heavy buyers sit at the low numbers: the first quarter of the customers gets ~42 % of the rows.
    expect((slices[0].g1 - slices[0].g0) / (4 * n)).toBeCloseTo(Math.pow(0.25, 1 / 1.6), 3);
  });
});
