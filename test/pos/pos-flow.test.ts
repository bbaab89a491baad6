// The processing API end to end on the sportswear program (CONTRACTS.md example): register,
// confirm the phone, earn through the statuses, spend with an SMS code, return, cancel.
import { beforeAll, describe, expect, it } from "vitest";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { activityMismatches } from "@/lib/segments/activity";
import { lastCode, line, post, get, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";

let ua: TestProgram;
let shop: string;
let outlet: string;

beforeAll(async () => {
  useTestDatabase();
  ua = await setupProgram("sportswear-retailer");
  const codes = Object.keys(ua.stores);
  shop = ua.keys[codes.find((c) => !c.includes("outlet"))!];
  outlet = ua.keys[codes.find((c) => c.includes("outlet"))!];
});

describe("sportswear program through the POS API, numbers by hand", () => {
  it("register → confirm → Participant earns nothing → Bronze at 10,000 RUB → spend with code → partial return", async () => {
    const c = await registerCustomer(shop, { lastName: "Smirnova" });
    expect(c.card).toMatch(/^20\d{11}$/);

    const look = await get(`/customers/lookup?phone=${encodeURIComponent(c.phone)}`, shop);
    expect(look.status).toBe(200);
    expect(look.body).toMatchObject({ id: c.id, firstName: "Anna", tier: { code: "participant" }, balances: { main: 0, promo: 0 }, canRedeem: false, phoneConfirmed: true });

    // 1. 6,000 RUB as Participant: 0 % → 0 points; lifetime spend 6,000.
    const r1 = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 600000)] });
    expect(r1.status).toBe(201);
    expect(r1.body).toMatchObject({ status: "committed", totals: { amount: 600000, pointsEarned: 0, payable: 600000 }, customer: { tier: "participant" } });

    // 2. 5,000 RUB: priced as Participant (0 points), then 11,000 cumulative → Bronze at once.
    const r2 = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 500000)] });
    expect(r2.body).toMatchObject({ totals: { pointsEarned: 0 }, customer: { tier: "bronze" } });

    // 3. 10,000 RUB as Bronze: 3 % of 10,000 = 300 RUB = 300 points.
    const r3 = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 700000), line(2, 300000, "shoes")] });
    expect(r3.body.totals).toEqual({ amount: 1000000, discount: 0, pointsRedeemed: 0, promoPointsRedeemed: 0, pointsEarned: 300, payable: 1000000, giftCardsPaid: 0 });
    expect(r3.body.customer).toMatchObject({ tier: "bronze", balances: { main: 300, promo: 0 } });

    // 4. Spending needs the SMS code.
    const noCode = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000)], redeemPoints: 100 });
    expect(noCode.status).toBe(422);
    expect(noCode.body.error.code).toBe("redemption_code_required");
    // Limits are per purpose: the registration code a minute ago does not hold back this one.
    const auth = await post("/redemptions/authorize", shop, { customer: { card: c.card }, points: 200 });
    expect(auth.status).toBe(200);
    expect(auth.body).toMatchObject({ sent: true, points: 200 });
    const tooSoon = await post("/redemptions/authorize", shop, { customer: { card: c.card }, points: 200 });
    expect(tooSoon.status).toBe(429);
    expect(Number(tooSoon.headers.get("retry-after"))).toBeGreaterThan(0);
    const code = await lastCode(c.phone);
    const wrong = await post("/purchases", shop, {
      customer: { card: c.card },
      receipt: { number: receiptNo() },
      lines: [line(1, 100000)],
      redeemPoints: 100,
      redemptionCode: code === "000000" ? "111111" : "000000",
    });
    expect(wrong.body.error.code).toBe("invalid_redemption_code");
    // Max 30 % of 1,000 RUB = 300 RUB = 300 points, but the code authorizes 200.
    const tooMany = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000)], redeemPoints: 250, redemptionCode: code });
    expect(tooMany.body.error.code).toBe("invalid_redemption_code");
    // 5. 1,000 RUB paying 200 points: payable 800 RUB, earns 3 % of 800 = 24 points.
    const number5 = receiptNo();
    const r5 = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: number5 }, lines: [line(1, 60000), line(2, 40000, "shoes")], redeemPoints: 200, redemptionCode: code });
    expect(r5.status).toBe(201);
    expect(r5.body.totals).toEqual({ amount: 100000, discount: 0, pointsRedeemed: 200, promoPointsRedeemed: 0, pointsEarned: 24, payable: 80000, giftCardsPaid: 0 });
    expect(r5.body.lines.map((l: { pointsRedeemed: number }) => l.pointsRedeemed)).toEqual([120, 80]);
    expect(r5.body.customer.balances.main).toBe(300 - 200 + 24);
    // The code is single-use.
    const again = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000)], redeemPoints: 10, redemptionCode: code });
    expect(again.body.error.code).toBe("invalid_redemption_code");

    // 6. Return line 1 of receipt 5 (600 RUB, 120 points spent, earned 24 × 480/800 = 14 points).
    const ret = await post(`/purchases/${r5.body.purchaseId}/returns`, shop, { returnNumber: "RET-1", lines: [{ lineNo: 1, quantity: 1 }] });
    expect(ret.status).toBe(201);
    expect(ret.body.totals).toMatchObject({ amount: 60000, pointsRefunded: 120, pointsReclaimed: 14 });
    expect(ret.body.customer.balances.main).toBe(124 + 120 - 14);

    // 7. Cancel receipt 3: the 300 points it earned go; the rest of the balance covers them.
    const can = await post(`/purchases/${r3.body.purchaseId}/cancel`, shop, {});
    expect(can.status).toBe(200);
    // 230 available, 300 to take back: the balance goes to 0 and 70 points become debt.
    expect(can.body).toMatchObject({ status: "cancelled", customer: { balances: { main: 0 } } });
    const debt = await useTestDatabase().account.findFirstOrThrow({ where: { customerId: c.id, kind: "main" } });
    expect(debt).toMatchObject({ available: 0, debt: 70 });

    const { discrepancies } = await checkLedger(useTestDatabase(), { programId: ua.programId });
    expect(discrepancies).toEqual([]);
    // Confirms, a partial return and a cancel: the segments' activity summary is still exact.
    expect(await activityMismatches(useTestDatabase(), ua.programId)).toEqual([]);
  });

  it("an outlet store cannot take points; calculate writes nothing", async () => {
    const c = await registerCustomer(shop);
    await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 3000000)] });
    const calc = await post("/purchases/calculate", outlet, { customer: { card: c.card }, receipt: { number: "X" }, lines: [line(1, 100000)], redeemPoints: 10 });
    expect(calc.status).toBe(422);
    expect(calc.body.error.code).toBe("redemption_not_allowed");
    const db = useTestDatabase();
    const before = await db.purchase.count({ where: { programId: ua.programId } });
    const ok = await post("/purchases/calculate", outlet, { customer: { card: c.card }, receipt: { number: "X" }, lines: [line(1, 100000)] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ maxRedeemablePoints: 0, customer: { id: c.id }, appliedPromotions: [] });
    expect(ok.body.purchaseId).toBeUndefined();
    expect(await db.purchase.count({ where: { programId: ua.programId } })).toBe(before);
  });
});
