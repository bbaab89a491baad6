// The staging's cache of metric buckets gives exactly what metricBucket gives, for every kind of
// qualification period of the reference programs (rolling days, seasons, calendar years).
import { describe, expect, it } from "vitest";
import { referenceProgram, REFERENCE_PROGRAMS } from "@/lib/rules/reference-programs";
import { metricBucket } from "@/lib/tiers/metrics";
import { bucketCache } from "./stage";

describe("bucketCache", () => {
  it.each(REFERENCE_PROGRAMS)("%s: the same bucket as metricBucket for instants over four years", (name) => {
    const def = referenceProgram(name);
    const bucketOf = bucketCache(def);
    const from = Date.UTC(2022, 0, 1);
    let seed = 7;
    for (let i = 0; i < 3000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const at = new Date(from + (seed % (4 * 365 * 86_400)) * 1000);
      expect(bucketOf(at)).toEqual(metricBucket(def, at));
    }
  });
});
