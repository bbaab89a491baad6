// Gift certificates at the till (CONTRACTS.md, "Gift certificates (POS)"): selling, the PIN-guarded
// balance check with bounded attempts, paying receipts, and every way the money comes back. Every
// answer is checked against the served OpenAPI document by the harness.
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_PIN_ATTEMPTS } from "@/lib/giftcards/pin";
import { voidExpiredHolds } from "@/lib/purchases/holds";
import { testDb } from "../db";
import { call, get, line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";

let club: TestProgram;
let shop: string;

beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
  shop = club.keys["stadium-shop"];
});

async function sell(amount: number) {
  const r = await post("/gift-cards", shop, { amount }, `gc-${receiptNo()}`);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { number: string; pin: string; balance: number; expiresAt: string };
}

async function balanceOf(number: string) {
  return (await testDb().giftCard.findFirstOrThrow({ where: { programId: club.programId, number } })).balance;
}

function wrongPin(pin: string) {
  return String((Number(pin) + 1) % 1_000_000).padStart(6, "0");
}

describe("selling a certificate", () => {
  it("sells and activates one with a new number and PIN; a retry with the same key replays the sale; no points are earned", async () => {
    // Points entries of this program only (other test files write theirs at the same time).
    const programEntries = () => testDb().ledgerEntry.count({ where: { account: { programId: club.programId } } });
    const ledgerBefore = await programEntries();
    const key = `gc-${receiptNo()}`;
    const first = await post("/gift-cards", shop, { amount: 500_000 }, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ balance: 500_000 });
    expect(first.body.number).toMatch(/^77\d{14}$/);
    expect(first.body.pin).toMatch(/^\d{6}$/);
    const again = await post("/gift-cards", shop, { amount: 500_000 }, key);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    const cards = await testDb().giftCard.findMany({ where: { programId: club.programId, number: first.body.number }, include: { entries: true } });
    expect(cards).toHaveLength(1);
    expect(cards[0].entries.map((e) => [e.type, e.amount, e.balanceAfter])).toEqual([["sale", 500_000, 500_000]]);
    // Only a hash of the PIN is stored, and the stored answer kept for the replay holds it encrypted.
    expect(cards[0].pinHash).not.toContain(first.body.pin);
    const [stored] = await testDb().$queryRaw<{ body: string }[]>`select "responseBody"::text as body from "IdempotencyKey" where key = ${key}`;
    expect(stored.body).toContain(first.body.number);
    expect(stored.body).not.toContain(`"pin": "${first.body.pin}"`);
    expect(stored.body).not.toContain(`"${first.body.pin}"`);
    expect(stored.body).toContain("$sealed");
    expect(await programEntries()).toBe(ledgerBefore);
    const other = await post("/gift-cards", shop, { amount: 500_000 }, `${key}-other`);
    expect(other.body.number).not.toBe(first.body.number);
  });

  it("refuses bad amounts and an unknown printed number, writing nothing", async () => {
    const before = await testDb().giftCard.count({ where: { programId: club.programId } });
    expect((await post("/gift-cards", shop, { amount: 0 })).status).toBe(400);
    expect((await post("/gift-cards", shop, { amount: 10.5 })).status).toBe(400);
    const unknown = await post("/gift-cards", shop, { amount: 100_000, number: "7700000000000000" });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe("gift_card_not_found");
    expect(await testDb().giftCard.count({ where: { programId: club.programId } })).toBe(before);
  });
});

describe("balance and PIN", () => {
  it("answers the balance for the right PIN; a wrong PIN is invalid_pin", async () => {
    const c = await sell(300_000);
    const ok = await get(`/gift-cards/${c.number}?pin=${c.pin}`, shop);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ number: c.number, balance: 300_000, status: "active", expiresAt: c.expiresAt });
    const bad = await get(`/gift-cards/${c.number}?pin=${wrongPin(c.pin)}`, shop);
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("invalid_pin");
    expect((await get(`/gift-cards/7799999999999999?pin=123456`, shop)).body.error.code).toBe("gift_card_not_found");
    expect((await get(`/gift-cards/${c.number}`, shop)).status).toBe(400);
  });

  it("20 wrong PINs at once claim exactly the maximum of attempts; then the right PIN is refused too, at the till and in baskets", async () => {
    const c = await sell(200_000);
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(`/gift-cards/${c.number}?pin=${wrongPin(c.pin)}`, shop)));
    expect(answers.every((a) => a.status === 422)).toBe(true);
    const codes = answers.map((a) => a.body.error.code);
    expect(codes.filter((x) => x === "invalid_pin")).toHaveLength(MAX_PIN_ATTEMPTS);
    expect(codes.filter((x) => x === "too_many_attempts")).toHaveLength(20 - MAX_PIN_ATTEMPTS);
    expect((await testDb().giftCard.findFirstOrThrow({ where: { number: c.number } })).pinAttempts).toBe(MAX_PIN_ATTEMPTS);
    const right = await get(`/gift-cards/${c.number}?pin=${c.pin}`, shop);
    expect(right.body.error.code).toBe("too_many_attempts");
    const basket = await post("/purchases", shop, { receipt: { number: receiptNo() }, lines: [line(1, 100_000, "merch")], giftCards: [{ number: c.number, pin: c.pin, amount: 50_000 }] });
    expect(basket.status).toBe(422);
    expect(basket.body.error.code).toBe("too_many_attempts");
    expect(await balanceOf(c.number)).toBe(200_000);
  });

  it("a wrong PIN in a confirm that fails still uses up its attempt", async () => {
    const c = await sell(200_000);
    const number = receiptNo();
    const r = await post("/purchases", shop, { receipt: { number }, lines: [line(1, 100_000, "merch")], giftCards: [{ number: c.number, pin: wrongPin(c.pin), amount: 50_000 }] });
    expect(r.body.error.code).toBe("invalid_pin");
    expect(await testDb().purchase.count({ where: { number } })).toBe(0);
    expect((await testDb().giftCard.findFirstOrThrow({ where: { number: c.number } })).pinAttempts).toBe(1);
  });
});

describe("paying receipts", () => {
  it("calculate quotes what the certificate pays after discounts and points and writes nothing", async () => {
    const c = await sell(150_000);
    const q = await post("/purchases/calculate", shop, {
      receipt: { number: receiptNo() },
      lines: [line(1, 100_000, "merch"), line(2, 80_000, "merch")],
      giftCards: [{ number: c.number, pin: c.pin, amount: 120_000 }],
    });
    expect(q.status).toBe(200);
    expect(q.body.totals).toMatchObject({ payable: 180_000, giftCardsPaid: 120_000 });
    expect(q.body.giftCards).toEqual([{ number: c.number, amount: 120_000, balance: 30_000 }]);
    expect(await balanceOf(c.number)).toBe(150_000);
    const short = await post("/purchases/calculate", shop, { receipt: { number: receiptNo() }, lines: [line(1, 500_000, "merch")], giftCards: [{ number: c.number, pin: c.pin, amount: 160_000 }] });
    expect(short.body.error.code).toBe("gift_card_insufficient");
    const over = await post("/purchases/calculate", shop, { receipt: { number: receiptNo() }, lines: [line(1, 10_000, "merch")], giftCards: [{ number: c.number, pin: c.pin, amount: 20_000 }] });
    expect(over.status).toBe(400);
    expect(over.body.error.details[0].path).toBe("giftCards");
  });

  it("a customer's receipt paid partly by points and partly by a certificate: points are earned on the paid part as before", async () => {
    const fan = await registerCustomer(shop);
    const c = await sell(100_000);
    const r = await post("/purchases", shop, {
      customer: { card: fan.card },
      receipt: { number: receiptNo() },
      lines: [line(1, 150_000, "merch")],
      giftCards: [{ number: c.number, pin: c.pin, amount: 100_000 }],
    });
    expect(r.status).toBe(201);
    const plain = await post("/purchases/calculate", shop, { customer: { card: fan.card }, receipt: { number: receiptNo() }, lines: [line(1, 150_000, "merch")] });
    expect(r.body.totals.pointsEarned).toBe(plain.body.totals.pointsEarned);
    expect(r.body.totals.giftCardsPaid).toBe(100_000);
    expect(r.body.giftCards).toEqual([{ number: c.number, amount: 100_000, balance: 0 }]);
    expect((await get(`/gift-cards/${c.number}?pin=${c.pin}`, shop)).body.status).toBe("used");
  });

  it("20 receipts charging one certificate at once never overdraw it", async () => {
    const c = await sell(1_000_000);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        post("/purchases", shop, { receipt: { number: receiptNo() }, lines: [line(1, 100_000, "merch")], giftCards: [{ number: c.number, pin: c.pin, amount: 70_000 }] }),
      ),
    );
    const ok = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.every((a) => a.status === 422 && a.body.error.code === "gift_card_insufficient")).toBe(true);
    expect(ok).toHaveLength(14);
    const card = await testDb().giftCard.findFirstOrThrow({ where: { number: c.number }, include: { entries: true } });
    expect(card.balance).toBe(1_000_000 - 14 * 70_000);
    const charged = card.entries.filter((e) => e.type === "charge").reduce((s, e) => s - e.amount, 0);
    expect(charged).toBe(14 * 70_000);
    expect(charged).toBeLessThanOrEqual(1_000_000);
    expect(card.balance).toBeGreaterThanOrEqual(0);
  });

  it("the database refuses a negative balance by itself (CHECK)", async () => {
    const c = await sell(10_000);
    await expect(testDb().$executeRaw`update "GiftCard" set balance = -1 where number = ${c.number}`).rejects.toThrow();
  });
});

describe("money coming back", () => {
  const basket = (c: { number: string; pin: string }, amount: number, extra: Record<string, unknown> = {}) => ({
    receipt: { number: receiptNo() },
    lines: [line(1, 100_000, "merch"), line(2, 100_000, "merch")],
    giftCards: [{ number: c.number, pin: c.pin, amount }],
    ...extra,
  });

  it("a hold reserves the charge at once; void credits it back", async () => {
    const c = await sell(300_000);
    const held = await post("/purchases", shop, basket(c, 120_000, { hold: { ttlSeconds: 600 } }));
    expect(held.status).toBe(201);
    expect(held.body.status).toBe("held");
    expect(await balanceOf(c.number)).toBe(180_000);
    const voided = await post(`/purchases/${held.body.purchaseId}/void`, shop, {});
    expect(voided.status).toBe(200);
    expect(voided.body.giftCards).toEqual([{ number: c.number, amount: 120_000, balance: 300_000 }]);
    expect(await balanceOf(c.number)).toBe(300_000);
  });

  it("a hold that expires is voided and credits the certificate back; commit charges nothing more", async () => {
    const c = await sell(300_000);
    const held = await post("/purchases", shop, basket(c, 50_000, { hold: { ttlSeconds: 30 } }));
    const kept = await post("/purchases", shop, basket(c, 60_000, { hold: { ttlSeconds: 3600 } }));
    expect(await balanceOf(c.number)).toBe(190_000);
    const committed = await post(`/purchases/${kept.body.purchaseId}/commit`, shop, {});
    expect(committed.body.totals.giftCardsPaid).toBe(60_000);
    expect(await voidExpiredHolds(testDb(), new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    expect((await testDb().purchase.findFirstOrThrow({ where: { id: held.body.purchaseId } })).status).toBe("voided");
    expect(await balanceOf(c.number)).toBe(240_000);
  });

  it("cancel credits the certificate back", async () => {
    const c = await sell(300_000);
    const r = await post("/purchases", shop, basket(c, 150_000));
    expect(await balanceOf(c.number)).toBe(150_000);
    const cancelled = await post(`/purchases/${r.body.purchaseId}/cancel`, shop, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.giftCards).toEqual([{ number: c.number, amount: 150_000, balance: 300_000 }]);
    expect(await balanceOf(c.number)).toBe(300_000);
  });

  it("returns refund the returned lines' money to the certificate first, never more than it paid", async () => {
    const c = await sell(300_000);
    const r = await post("/purchases", shop, basket(c, 150_000));
    const first = await post(`/purchases/${r.body.purchaseId}/returns`, shop, { returnNumber: receiptNo(), lines: [{ lineNo: 1, quantity: 1 }] });
    expect(first.status).toBe(201);
    expect(first.body.giftCards).toEqual([{ number: c.number, amount: 100_000, balance: 250_000 }]);
    const second = await post(`/purchases/${r.body.purchaseId}/returns`, shop, { returnNumber: receiptNo(), lines: [{ lineNo: 2, quantity: 1 }] });
    // Line 2's 100,000 was paid 50,000 by the certificate and 50,000 by other means.
    expect(second.body.giftCards).toEqual([{ number: c.number, amount: 50_000, balance: 300_000 }]);
    // Cancelling what is left gives the certificate nothing more.
    const entries = await testDb().giftCardEntry.findMany({ where: { giftCard: { number: c.number } }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.type, e.amount])).toEqual([
      ["sale", 300_000],
      ["charge", -150_000],
      ["refund", 100_000],
      ["refund", 50_000],
    ]);
  });
});

describe("errors", () => {
  it("speak the program's language", async () => {
    const r = await call("GET", `/gift-cards/7711111111111111?pin=000000`, { key: shop });
    expect(r.body.error.code).toBe("gift_card_not_found");
    expect(r.body.error.message).toMatch(/7711111111111111/);
  });
});
