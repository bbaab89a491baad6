// Who of a campaign's segment gets which variant, and who is held out: both from the stable hash of
// lib/promotions/holdout.ts, so a member's place never changes between runs, retries or machines.
// The holdout bucket is the campaign's own (the one deliver-messages' holdout gate computes from
// the message's campaignId); the variant bucket is drawn from a second key, independent of it.
import { holdoutBucket, inHoldout } from "@/lib/promotions/holdout";
import type { CampaignVariant, VariantKey } from "./definition";

export function inCampaignHoldout(campaignId: string, customerId: string, holdoutPercent: number): boolean {
  return holdoutPercent > 0 && inHoldout(campaignId, customerId, holdoutPercent);
}

/** The variant of a member not held out: cumulative percents over 10,000 buckets. */
export function variantOf(campaignId: string, customerId: string, variants: readonly Pick<CampaignVariant, "key" | "percent">[]): VariantKey {
  const bucket = holdoutBucket(`${campaignId}:variant`, customerId);
  let upTo = 0;
  for (const v of variants) {
    upTo += v.percent * 100;
    if (bucket < upTo) return v.key;
  }
  return variants[variants.length - 1].key;
}
