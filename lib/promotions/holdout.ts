// The holdout of a promotion: a stable hash of promotion and customer puts each member in one of
// 10,000 buckets; buckets below holdoutPercent × 100 never get the promotion. The same bucket is
// computed in SQL (`holdoutBucketSql`) for the console's exposed-vs-holdout comparison.
import { md5First32 } from "./md5";

/**
 * The bucket (0–9,999): MD5 of "promotion:customer", first 32 bits, modulo 10,000. Hashed in plain
 * JS (~0.5 µs) rather than remembered: a till meets mostly customers it has not seen lately, so a
 * map of remembered buckets mostly missed, and each miss paid a native hash (~2 µs) on top.
 */
export function holdoutBucket(promotionCode: string, customerId: string): number {
  return md5First32(`${promotionCode}:${customerId}`) % 10_000;
}

export function inHoldout(promotionCode: string, customerId: string, holdoutPercent: number): boolean {
  return holdoutBucket(promotionCode, customerId) < Math.round(holdoutPercent * 100);
}

/** The same bucket in PostgreSQL; `code` and `customerId` are SQL expressions. */
export function holdoutBucketSql(code: string, customerId: string): string {
  return `(('x' || substr(md5(${code} || ':' || ${customerId}), 1, 8))::bit(32)::bigint % 10000)`;
}
