// The contract's rules of the processing API: auth, idempotency, duplicates, holds, offline
// receipts, ticket validation, concurrency, and every error code.
import { beforeAll, describe, expect, it } from "vitest";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { activityMismatches } from "@/lib/segments/activity";
import { voidExpiredHolds } from "@/lib/purchases/holds";
import { testDb } from "../db";
import { call, get, line, makeKey, newPhone, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";

let park: TestProgram;
let club: TestProgram;
let gate: string;
let shop: string;

async function grant(customerId: string, points: number) {
  // Points through a real purchase would need statuses; an adjustment lot is enough here.
  const db = testDb();
  const { lockAccounts, accrue } = await import("@/lib/ledger");
  await db.$transaction(async (tx) => {
    const acc = await lockAccounts(tx, (await tx.customer.findUniqueOrThrow({ where: { id: customerId } })).programId, customerId);
    await accrue(tx, acc.main, { amount: points, at: new Date(), activation: { kind: "immediate" }, expiresAt: null, reason: "test", type: "adjustment" });
  });
}

beforeAll(async () => {
  useTestDatabase();
  park = await setupProgram("amusement-park");
  club = await setupProgram("football-club");
  gate = park.keys[Object.keys(park.stores)[0]];
  shop = club.keys["stadium-shop"];
});

describe("authentication", () => {
  it("401 without a key, with a malformed or unknown key, and with a revoked key", async () => {
    const body = { receipt: { number: "A" }, lines: [line(1, 100)] };
    for (const key of [null, "short", "trm_unknown_0123456789abcdef0123"]) {
      const r = await post("/purchases/calculate", key, body);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe("unauthorized");
    }
    const key = await makeKey(club.stores["stadium-shop"]);
    expect((await post("/purchases/calculate", key, body)).status).toBe(200);
    await testDb().terminal.updateMany({ where: { keyPrefix: key.slice(0, 13) }, data: { revoked: true, revokedAt: new Date() } });
    expect((await post("/purchases/calculate", key, body)).status).toBe(401);
  });

  it("403 when another store's key acts on a receipt; 404 for another program's receipt", async () => {
    const r = await post("/purchases", shop, { receipt: { number: receiptNo() }, lines: [line(1, 10000, "merch")], hold: { ttlSeconds: 60 } });
    expect(r.status).toBe(201);
    const other = await post(`/purchases/${r.body.purchaseId}/commit`, club.keys["web-shop"], {});
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe("forbidden");
    const foreign = await post(`/purchases/${r.body.purchaseId}/commit`, gate, {});
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("purchase_not_found");
  });

  it("a customer of another program is not found", async () => {
    const c = await registerCustomer(gate);
    const r = await get(`/customers/lookup?card=${c.card}`, shop);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("customer_not_found");
  });
});

describe("idempotency and duplicates", () => {
  it("the same request 10 times with one key gives one receipt; another body with the key is 409", async () => {
    const c = await registerCustomer(shop);
    const body = { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 500000, "merch")] };
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await post("/purchases", shop, body, "key-retry-1"));
    expect(answers[0].status).toBe(201);
    for (const a of answers.slice(1)) {
      expect(a.status).toBe(201);
      expect(a.headers.get("idempotent-replayed")).toBe("true");
      expect(a.body).toEqual(answers[0].body);
    }
    expect(await testDb().purchase.count({ where: { number: body.receipt.number } })).toBe(1);
    const reused = await post("/purchases", shop, { ...body, lines: [line(1, 1, "merch")] }, "key-retry-1");
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
    const dup = await post("/purchases", shop, body, "another-key");
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("duplicate_receipt");
  });

  it("identical requests at the same moment: one executes, the others replay it", async () => {
    const c = await registerCustomer(shop);
    const body = { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000, "merch")] };
    const answers = await Promise.all(Array.from({ length: 8 }, () => post("/purchases", shop, body, `same-moment-${body.receipt.number}`)));
    for (const a of answers) expect([201, 409]).toContain(a.status);
    const ok = answers.filter((a) => a.status === 201);
    expect(ok.length).toBeGreaterThan(0);
    for (const a of ok) expect(a.body.purchaseId).toBe(ok[0].body.purchaseId);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe("request_in_progress");
    expect(await testDb().purchase.count({ where: { number: body.receipt.number } })).toBe(1);
  });

  it("the same receipt number may be used by another store", async () => {
    const number = receiptNo();
    expect((await post("/purchases", shop, { receipt: { number }, lines: [line(1, 100, "merch")] })).status).toBe(201);
    expect((await post("/purchases", club.keys["web-shop"], { receipt: { number }, lines: [line(1, 100, "merch")] })).status).toBe(201);
  });
});

describe("holds", () => {
  it("reserve → commit earns; reserve → void returns the points; an expired hold is voided by the job", async () => {
    const c = await registerCustomer(shop);
    await grant(c.id, 1000);
    // Football club: Novice earns 3 % on merch; spending needs no code.
    const held = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000, "merch")], redeemPoints: 200, hold: { ttlSeconds: 900 } });
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ status: "held", customer: { balances: { main: 800 } } });
    expect(held.body.holdExpiresAt).toBeTruthy();
    // The held points cannot be spent twice.
    const other = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 1000000, "merch")], redeemPoints: 900 });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("insufficient_points");
    const committed = await post(`/purchases/${held.body.purchaseId}/commit`, shop, {});
    expect(committed.status).toBe(200);
    // 1,000 RUB − 200 points = 800 RUB paid, 3 % = 24 points.
    expect(committed.body).toMatchObject({ status: "committed", totals: { pointsRedeemed: 200, pointsEarned: 24, payable: 80000 }, customer: { balances: { main: 824 } } });
    expect((await post(`/purchases/${held.body.purchaseId}/commit`, shop, {})).body.error.code).toBe("invalid_state");

    const held2 = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000, "merch")], redeemPoints: 300, hold: { ttlSeconds: 900 } });
    expect(held2.body.customer.balances.main).toBe(524);
    const voided = await post(`/purchases/${held2.body.purchaseId}/void`, shop, {});
    expect(voided.body).toMatchObject({ status: "voided", customer: { balances: { main: 824 } } });

    const held3 = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000, "merch")], redeemPoints: 100, hold: { ttlSeconds: 30 } });
    expect(held3.body.customer.balances.main).toBe(724);
    expect(await voidExpiredHolds(testDb(), new Date(Date.now() + 10_000))).toBe(0);
    expect(await voidExpiredHolds(testDb(), new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    const p = await testDb().purchase.findFirstOrThrow({ where: { id: held3.body.purchaseId } });
    expect(p.status).toBe("voided");
    expect((await get(`/customers/lookup?card=${c.card}`, shop)).body.balances.main).toBe(824);
    expect((await checkLedger(testDb(), { programId: club.programId })).discrepancies).toEqual([]);
    expect(await activityMismatches(testDb(), club.programId)).toEqual([]);
  });
});

describe("offline receipts", () => {
  it("earn as of the original time and cannot spend", async () => {
    const c = await registerCustomer(shop);
    await grant(c.id, 500);
    const at = new Date(Date.now() - 3 * 86400_000).toISOString();
    const spend = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo(), at }, lines: [line(1, 100000, "merch")], redeemPoints: 10, offline: true });
    expect(spend.status).toBe(422);
    expect(spend.body.error.code).toBe("redemption_not_allowed");
    const ok = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo(), at }, lines: [line(1, 100000, "merch")], offline: true });
    expect(ok.status).toBe(201);
    const p = await testDb().purchase.findFirstOrThrow({ where: { id: ok.body.purchaseId } });
    expect(p.offline).toBe(true);
    expect(p.at.toISOString()).toBe(new Date(at).toISOString());
    const future = await post("/purchases", shop, { receipt: { number: receiptNo(), at: new Date(Date.now() + 3600_000).toISOString() }, lines: [line(1, 100, "merch")] });
    expect(future.status).toBe(400);
  });
});

describe("amusement park tickets", () => {
  it("ticket points wait for validation, line by line; a refunded ticket never releases its points; a visit counts once", async () => {
    const c = await registerCustomer(gate);
    const order = await post("/purchases", gate, {
      customer: { phone: c.phone },
      receipt: { number: receiptNo() },
      lines: [line(1, 200000, "ticket", 1, "DAY-PASS"), line(2, 200000, "ticket", 1, "DAY-PASS"), line(3, 100000, "food")],
    });
    expect(order.status).toBe(201);
    // Guest 5 %: 100 points per ticket (pending), 50 for food (available now).
    expect(order.body.lines).toEqual([
      { lineNo: 1, amount: 200000, discount: 0, pointsRedeemed: 0, promoPointsRedeemed: 0, pointsEarned: 100, payable: 200000, pointsPending: true },
      { lineNo: 2, amount: 200000, discount: 0, pointsRedeemed: 0, promoPointsRedeemed: 0, pointsEarned: 100, payable: 200000, pointsPending: true },
      { lineNo: 3, amount: 100000, discount: 0, pointsRedeemed: 0, promoPointsRedeemed: 0, pointsEarned: 50, payable: 100000 },
    ]);
    expect(order.body.customer.balances.main).toBe(50);
    const pid = order.body.purchaseId;
    const v1 = await post("/visits", gate, { customer: { card: c.card }, eventCode: "2026-11-22", purchaseId: pid, lineNo: 1 });
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ counted: true, activatedPoints: 100, customer: { balances: { main: 150 } } });
    const again = await post("/visits", gate, { customer: { card: c.card }, eventCode: "2026-11-22", purchaseId: pid, lineNo: 1 });
    expect(again.body).toMatchObject({ counted: false, activatedPoints: 0, customer: { balances: { main: 150 } } });
    // The second ticket is refunded before use: its 100 pending points are gone for good.
    const ret = await post(`/purchases/${pid}/returns`, gate, { returnNumber: "RF-1", lines: [{ lineNo: 2, quantity: 1 }] });
    expect(ret.status).toBe(201);
    expect(ret.body.totals).toMatchObject({ pointsReclaimed: 100, pointsRefunded: 0 });
    expect(ret.body.customer.balances.main).toBe(150);
    const late = await post("/visits", gate, { customer: { card: c.card }, eventCode: "2026-11-23", purchaseId: pid, lineNo: 2 });
    expect(late.body).toMatchObject({ counted: true, activatedPoints: 0, customer: { balances: { main: 150 } } });
    const metric = await testDb().tierMetric.findFirstOrThrow({ where: { customerId: c.id } });
    expect(metric.visits).toBe(2);
    const wrongLine = await post("/visits", gate, { customer: { card: c.card }, eventCode: "x", purchaseId: pid, lineNo: 9 });
    expect(wrongLine.status).toBe(404);
    expect((await checkLedger(testDb(), { programId: park.programId })).discrepancies).toEqual([]);
    expect(await activityMismatches(testDb(), park.programId)).toEqual([]);
  });
});

describe("concurrency", () => {
  it("20 confirms at once on one customer, each spending points: no overdraft, ledger clean", async () => {
    const c = await registerCustomer(shop);
    await grant(c.id, 1000);
    // Each receipt of 2,000 RUB spends 150 points and earns 3 % of the 1,850 RUB paid (55 points):
    // each success costs 95 net, and one needs 150 available, so exactly 9 succeed (1,000 → 145).
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 200000, "merch")], redeemPoints: 150 })),
    );
    const ok = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    for (const r of refused) expect(r.body.error.code).toBe("insufficient_points");
    expect(ok.length).toBe(9);
    const acc = await testDb().account.findFirstOrThrow({ where: { customerId: c.id, kind: "main" } });
    expect(acc.available).toBe(1000 - 9 * 95);
    expect((await checkLedger(testDb(), { programId: club.programId })).discrepancies).toEqual([]);
    expect(await activityMismatches(testDb(), club.programId)).toEqual([]);
  });
});

describe("registration", () => {
  it("a phone registers once; a wrong code is refused; the code confirms the phone", async () => {
    const phone = newPhone();
    const reg = await post("/customers", shop, { phone, firstName: "Oleg", birthDate: "1990-05-17", consents: { sms: true } });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ phoneConfirmed: false, codeSent: true });
    const twice = await post("/customers", shop, { phone });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("already_exists");
    const bad = await post(`/customers/${reg.body.id}/confirm`, shop, { code: "000000" });
    expect(bad.status).toBe(422);
    expect(["invalid_code"]).toContain(bad.body.error.code);
    const unknown = await post(`/customers/cus_nothere/confirm`, shop, { code: "123456" });
    expect(unknown.status).toBe(404);
  });

  it("GET lookup needs exactly one identifier", async () => {
    expect((await call("GET", "/customers/lookup", { key: shop })).status).toBe(400);
    expect((await call("GET", "/customers/lookup?card=1&phone=%2B79990000000", { key: shop })).status).toBe(400);
  });
});

describe("idempotency key retention", () => {
  it("keys older than 7 days are purged by the job; newer ones stay and still replay", async () => {
    const { runPurgeIdempotencyKeys } = await import("@/lib/jobs/purge-idempotency-keys");
    const body = { receipt: { number: receiptNo() }, lines: [line(1, 100, "merch")] };
    const first = await post("/purchases", shop, body, `retention-${body.receipt.number}`);
    expect(first.status).toBe(201);
    const old = await post("/purchases", shop, { ...body, receipt: { number: receiptNo() } }, `retention-old-${body.receipt.number}`);
    expect(old.status).toBe(201);
    await testDb().$executeRaw`update "IdempotencyKey" set "createdAt" = now() - interval '8 days' where key = ${`retention-old-${body.receipt.number}`}`;
    const res = await runPurgeIdempotencyKeys(testDb(), new Date());
    expect(res.deleted).toBeGreaterThanOrEqual(1);
    expect(await testDb().idempotencyKey.count({ where: { key: `retention-old-${body.receipt.number}` } })).toBe(0);
    const replay = await post("/purchases", shop, body, `retention-${body.receipt.number}`);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
  });
});
