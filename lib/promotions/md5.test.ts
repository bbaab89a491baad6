import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { holdoutBucket } from "./holdout";
import { md5First32 } from "./md5";

const native = (s: string) => createHash("md5").update(s).digest().readUInt32BE(0);

describe("md5First32", () => {
  it("gives the first 32 bits of node's MD5 for any string (ASCII, Cyrillic, astral; across block boundaries)", () => {
    for (const s of ["", "a", "socks:cus_1", "x".repeat(55), "x".repeat(56), "x".repeat(64), "ж".repeat(28), "𝄞".repeat(40)]) expect(md5First32(s)).toBe(native(s));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 150 })), (s) => {
        expect(md5First32(s)).toBe(native(s));
      }),
      { numRuns: 2000 },
    );
  });

  it("the holdout bucket is the digest's first 32 bits modulo 10,000, as holdoutBucketSql takes them", () => {
    for (const [code, customer] of [
      ["socks", "cus_1"],
      ["bench-002", "cus_abc"],
    ])
      expect(holdoutBucket(code, customer)).toBe(native(`${code}:${customer}`) % 10_000);
  });
});
