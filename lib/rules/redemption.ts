// How many points a receipt may take, and the business errors for a request that is too much.
import { AppError } from "@/lib/errors";
import type { CompiledRules, CompiledTier } from "./compiled-rules";
import { divFloor, toBasisPoints } from "./money";
import type { BasketCustomer, BasketStore, RedemptionBlock } from "./types";

export interface RedemptionLimit {
  /** What the customer may spend here: min(share of the receipt, balance, line capacity). */
  max: number;
  /** The share limit alone, before the balance. */
  byShare: number;
  blocked: RedemptionBlock | null;
}

export function redemptionBlock(rules: CompiledRules, tier: CompiledTier | null, customer: BasketCustomer | null, store: BasketStore, offline: boolean): RedemptionBlock | null {
  if (!customer || !tier) return "anonymous";
  if (customer.blocked) return "blocked";
  if (offline) return "offline";
  if (!tier.tier.canRedeem) return "tier";
  if (store.tags.some((t) => rules.excludedStoreTags.has(t))) return "store";
  return null;
}

/**
 * `nets` are the line amounts after promotions. A point pays `pointValue` minor units and a
 * line never goes below zero, so a line holds at most floor(net / pointValue) points.
 */
export function redemptionLimit(
  rules: CompiledRules,
  tier: CompiledTier | null,
  customer: BasketCustomer | null,
  blocked: RedemptionBlock | null,
  nets: number[],
  /** Promo points this receipt's lines can take within the share limit (promo-redemption.ts). */
  promoUsable: (byShare: number) => number = () => 0,
): RedemptionLimit {
  if (blocked || !tier || !customer) return { max: 0, byShare: 0, blocked };
  const pointValue = rules.def.pointValue;
  let net = 0;
  let capacity = 0;
  for (const n of nets) {
    net += n;
    capacity += divFloor(n, pointValue);
  }
  const byShare = Math.min(divFloor(net * toBasisPoints(tier.redeemShare), 10_000 * pointValue), capacity);
  const max = Math.max(0, Math.min(byShare, customer.balances.main + promoUsable(byShare)));
  return { max: max < rules.def.redemption.minPoints ? 0 : max, byShare, blocked };
}

const BLOCK_MESSAGES: Record<RedemptionBlock, string> = {
  anonymous: "Points can be spent only by an identified member",
  offline: "Points cannot be spent on an offline receipt",
  blocked: "The customer is blocked",
  tier: "The customer's status does not allow spending points yet",
  store: "Points cannot be spent in this store",
};

/** Throws the contract's 422 error when `requested` points may not be spent on this receipt. */
export function assertRedeemable(rules: CompiledRules, limit: RedemptionLimit, customer: BasketCustomer | null, requested: number, promoPaid = 0) {
  if (requested === 0) return;
  const detail = (message: string) => ({ details: [{ path: "redeemPoints", message }] });
  if (limit.blocked === "blocked") throw new AppError("customer_blocked", BLOCK_MESSAGES.blocked);
  if (limit.blocked) throw new AppError("redemption_not_allowed", BLOCK_MESSAGES[limit.blocked]);
  const minPoints = rules.def.redemption.minPoints;
  if (requested < minPoints) throw new AppError("redemption_not_allowed", `At least ${minPoints} points can be spent at once`, detail(`at least ${minPoints}`));
  // Promo points pay first (on their promotions' lines); the main balance must cover the rest.
  const balance = (customer?.balances.main ?? 0) + promoPaid;
  if (requested > balance) throw new AppError("insufficient_points", `The customer has ${balance} points, ${requested} requested`, detail(`at most ${balance}`));
  if (requested > limit.max) throw new AppError("redeem_limit_exceeded", `At most ${limit.max} points can be spent on this receipt, ${requested} requested`, detail(`at most ${limit.max}`));
}
