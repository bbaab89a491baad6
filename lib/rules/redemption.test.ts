import { describe, expect, it } from "vitest";
import { compileRules } from "./compiled-rules";
import { assertRedeemable, redemptionBlock, redemptionLimit, type RedemptionLimit } from "./redemption";
import { referenceProgram } from "./reference-programs";
import type { BasketCustomer, RedemptionBlock } from "./types";

const sportswear = compileRules(referenceProgram("sportswear-retailer"));
const liquor = compileRules(referenceProgram("liquor-chain"));
const member = (tierCode: string, main: number, blocked = false): BasketCustomer => ({ tierCode, balances: { main, promo: 0 }, blocked });
const STORE = { code: "msk-01", partnerCode: null, tags: ["flagship"] };
const open = (max: number): RedemptionLimit => ({ max, byShare: max, blocked: null });

/** What assertRedeemable throws, as code, message and details; null when it accepts. */
function refusal(limit: RedemptionLimit, customer: BasketCustomer | null, requested: number, rules = sportswear) {
  try {
    assertRedeemable(rules, limit, customer, requested);
    return null;
  } catch (e) {
    const { code, message, details } = e as { code: string; message: string; details?: unknown };
    return { code, message, details };
  }
}

describe("redemptionBlock", () => {
  const silver = sportswear.tiers.get("silver")!;
  it("names the first reason spending is impossible", () => {
    expect(redemptionBlock(sportswear, silver, null, STORE, false)).toBe("anonymous");
    expect(redemptionBlock(sportswear, null, member("silver", 10), STORE, false)).toBe("anonymous");
    expect(redemptionBlock(sportswear, silver, member("silver", 10, true), STORE, true)).toBe("blocked");
    expect(redemptionBlock(sportswear, silver, member("silver", 10), STORE, true)).toBe("offline");
    expect(redemptionBlock(sportswear, sportswear.tiers.get("participant")!, member("participant", 10), STORE, false)).toBe("tier");
    expect(redemptionBlock(sportswear, silver, member("silver", 10), { ...STORE, tags: ["mall", "outlet"] }, false)).toBe("store");
    expect(redemptionBlock(sportswear, silver, member("silver", 10), STORE, false)).toBeNull();
  });
});

describe("redemptionLimit", () => {
  it("is the smallest of the share, the balance and what the lines can hold", () => {
    const silver = sportswear.tiers.get("silver")!;
    // 30 % of 7,900 RUB = 2,370 RUB = 2370 points.
    expect(redemptionLimit(sportswear, silver, member("silver", 10_000), null, [790000])).toEqual({ max: 2370, byShare: 2370, blocked: null });
    expect(redemptionLimit(sportswear, silver, member("silver", 1500), null, [790000])).toEqual({ max: 1500, byShare: 2370, blocked: null });
    expect(redemptionLimit(sportswear, silver, member("silver", 10_000), "offline", [790000])).toEqual({ max: 0, byShare: 0, blocked: "offline" });
  });

  it("a limit below the program's minimum spend is no limit at all; exactly the minimum is allowed", () => {
    const tier = liquor.tiers.get("member")!;
    expect(liquor.def.redemption.minPoints).toBe(10);
    expect(redemptionLimit(liquor, tier, member("member", 10), null, [100000]).max).toBe(10);
    expect(redemptionLimit(liquor, tier, member("member", 9), null, [100000]).max).toBe(0);
  });
});

describe("assertRedeemable", () => {
  it("accepts spending nothing whatever the limit", () => {
    expect(refusal({ max: 0, byShare: 0, blocked: "blocked" }, member("gold", 0, true), 0)).toBeNull();
  });

  it("a blocked customer gets customer_blocked; the other blocks redemption_not_allowed, each with its reason", () => {
    const cases: [RedemptionBlock, string, string][] = [
      ["blocked", "customer_blocked", "The customer is blocked"],
      ["anonymous", "redemption_not_allowed", "Points can be spent only by an identified member"],
      ["offline", "redemption_not_allowed", "Points cannot be spent on an offline receipt"],
      ["tier", "redemption_not_allowed", "The customer's status does not allow spending points yet"],
      ["store", "redemption_not_allowed", "Points cannot be spent in this store"],
    ];
    for (const [blocked, code, message] of cases) {
      expect(refusal({ max: 0, byShare: 0, blocked }, member("gold", 10_000), 1)).toEqual({ code, message, details: undefined });
    }
  });

  it("below the program's minimum: redemption_not_allowed pointing at redeemPoints", () => {
    expect(refusal(open(500), member("member", 500), 9, liquor)).toEqual({
      code: "redemption_not_allowed",
      message: "At least 10 points can be spent at once",
      details: [{ path: "redeemPoints", message: "at least 10" }],
    });
    expect(refusal(open(500), member("member", 500), 10, liquor)).toBeNull();
  });

  it("more than the balance: insufficient_points; the whole balance is fine", () => {
    expect(refusal(open(2370), member("silver", 1500), 1501)).toEqual({
      code: "insufficient_points",
      message: "The customer has 1500 points, 1501 requested",
      details: [{ path: "redeemPoints", message: "at most 1500" }],
    });
    expect(refusal(open(2370), member("silver", 1500), 1500)).toBeNull();
  });

  it("without a customer there is no balance to spend", () => {
    expect(refusal(open(100), null, 5)).toMatchObject({ code: "insufficient_points", message: "The customer has 0 points, 5 requested" });
  });

  it("more than the receipt allows: redeem_limit_exceeded; exactly the limit is fine", () => {
    expect(refusal(open(2370), member("silver", 10_000), 2371)).toEqual({
      code: "redeem_limit_exceeded",
      message: "At most 2370 points can be spent on this receipt, 2371 requested",
      details: [{ path: "redeemPoints", message: "at most 2370" }],
    });
    expect(refusal(open(2370), member("silver", 10_000), 2370)).toBeNull();
  });
});
