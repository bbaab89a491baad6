// The holdout of a promotion: a stable hash of promotion and customer puts each member in one of
// 10,000 buckets; buckets below holdoutPercent × 100 never get the promotion. The same bucket is
// computed in SQL (`holdoutBucketSql`) for the console's exposed-vs-holdout comparison.
import { createHash } from "node:crypto";

/** The bucket (0–9,999): MD5 of "promotion:customer", first 32 bits, modulo 10,000 (as `holdoutBucketSql`). */
export function holdoutBucket(promotionCode: string, customerId: string): number {
  return createHash("md5").update(`${promotionCode}:${customerId}`).digest().readUInt32BE(0) % 10_000;
}

export function inHoldout(promotionCode: string, customerId: string, holdoutPercent: number): boolean {
  return holdoutBucket(promotionCode, customerId) < Math.round(holdoutPercent * 100);
}

/** The same bucket in PostgreSQL; `code` and `customerId` are SQL expressions. */
export function holdoutBucketSql(code: string, customerId: string): string {
  return `(('x' || substr(md5(${code} || ':' || ${customerId}), 1, 8))::bit(32)::bigint % 10000)`;
}
