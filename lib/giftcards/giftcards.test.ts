// Console side of gift certificates on real PostgreSQL: a printed batch (PINs once, as CSV) sold at
// a till, block/unblock (audited, PIN counter reset), the liability, expiry, and another program's
// certificates staying invisible.
import { beforeAll, describe, expect, it } from "vitest";
import { get, post, receiptNo, setupProgram, useTestDatabase, type TestProgram } from "@/test/pos/harness";
import { testDb } from "@/test/db";
import { batchCsv, blockGiftCard, expireGiftCards, giftCardHistory, giftCardLiability, issueBatch, listGiftCards, unblockGiftCard } from "./console";
import { MAX_PIN_ATTEMPTS } from "./pin";

let club: TestProgram;
let other: TestProgram;
let shop: string;
const actor = { type: "staff" as const, id: null };

beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
  other = await setupProgram("football-club");
  shop = club.keys["stadium-shop"];
});

const inAYear = () => new Date(Date.now() + 365 * 86_400_000);

describe("printed batches", () => {
  it("issues N numbered certificates whose PINs exist only in the answer; a till activates one at its printed amount and answers pin null", async () => {
    const { batchId, cards } = await issueBatch(testDb(), { programId: club.programId, count: 25, amount: 300_000, expiresAt: inAYear(), actorId: null });
    expect(cards).toHaveLength(25);
    expect(new Set(cards.map((c) => c.number)).size).toBe(25);
    const csv = batchCsv(cards).trim().split("\n");
    expect(csv[0]).toBe("number,pin,amount,expires");
    expect(csv[1]).toBe(`${cards[0].number},${cards[0].pin},3000.00,${cards[0].expiresAt.toISOString().slice(0, 10)}`);
    const stored = await testDb().giftCard.findMany({ where: { batchId } });
    expect(stored.every((c) => c.status === "printed" && c.balance === 0 && !c.pinHash.includes(c.number))).toBe(true);
    expect(stored.some((c) => cards.some((x) => c.pinHash.endsWith(x.pin)))).toBe(false);

    const c = cards[3];
    // Not sold yet: it cannot pay.
    const early = await post("/purchases/calculate", shop, {
      receipt: { number: "X" },
      lines: [{ lineNo: 1, sku: "S", category: "merch", quantity: 1, price: 100_000 }],
      giftCards: [{ number: c.number, pin: c.pin, amount: 1000 }],
    });
    expect(early.body.error.code).toBe("gift_card_inactive");
    const wrongAmount = await post("/gift-cards", shop, { number: c.number, amount: 200_000 });
    expect(wrongAmount.status).toBe(400);
    const sold = await post("/gift-cards", shop, { number: c.number, amount: 300_000 }, `sale-${receiptNo()}`);
    expect(sold.status).toBe(201);
    expect(sold.body).toMatchObject({ number: c.number, pin: null, balance: 300_000 });
    const twice = await post("/gift-cards", shop, { number: c.number, amount: 300_000 });
    expect(twice.status).toBe(409);
    expect((await get(`/gift-cards/${c.number}?pin=${c.pin}`, shop)).body).toMatchObject({ balance: 300_000, status: "active" });
    // Another program's till does not know it.
    const foreign = await get(`/gift-cards/${c.number}?pin=${c.pin}`, other.keys["stadium-shop"]);
    expect(foreign.body.error.code).toBe("gift_card_not_found");
    const history = await giftCardHistory(testDb(), club.programId, stored.find((s) => s.number === c.number)!.id);
    expect(history?.entries.map((e) => [e.type, e.amount])).toEqual([["activation", 300_000]]);
    expect(await giftCardHistory(testDb(), other.programId, history!.id)).toBeNull();
  });
});

describe("block and unblock", () => {
  it("a blocked certificate cannot pay; unblocking restores it and starts the PIN counter over; both are audited", async () => {
    const sale = await post("/gift-cards", shop, { amount: 150_000 });
    const card = await testDb().giftCard.findFirstOrThrow({ where: { programId: club.programId, number: sale.body.number } });
    await blockGiftCard(testDb(), { programId: club.programId, id: card.id, actor, reason: "lost" });
    expect((await get(`/gift-cards/${card.number}?pin=${sale.body.pin}`, shop)).body.status).toBe("blocked");
    const pay = await post("/purchases", shop, {
      receipt: { number: receiptNo() },
      lines: [{ lineNo: 1, sku: "S", category: "merch", quantity: 1, price: 100_000 }],
      giftCards: [{ number: card.number, pin: sale.body.pin, amount: 1000 }],
    });
    expect(pay.body.error.code).toBe("gift_card_inactive");
    await expect(blockGiftCard(testDb(), { programId: other.programId, id: card.id, actor, reason: null })).rejects.toMatchObject({ code: "invalid_state" });
    await testDb().giftCard.update({ where: { id: card.id }, data: { pinAttempts: MAX_PIN_ATTEMPTS } });
    await unblockGiftCard(testDb(), { programId: club.programId, id: card.id, actor, reason: "found" });
    const after = await testDb().giftCard.findUniqueOrThrow({ where: { id: card.id } });
    expect([after.status, after.pinAttempts]).toEqual(["active", 0]);
    expect((await get(`/gift-cards/${card.number}?pin=${sale.body.pin}`, shop)).body.status).toBe("active");
    const audit = await testDb().auditLog.findMany({ where: { entityId: card.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["giftcards.block", "giftcards.unblock"]);
    const entries = await testDb().giftCardEntry.findMany({ where: { giftCardId: card.id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => e.type)).toEqual(["sale", "block", "unblock"]);
  });
});

describe("liability, list and expiry", () => {
  it("the liability is the sum of active balances; expiry writes the rest off once", async () => {
    const p = await setupProgram("football-club");
    const key = p.keys["stadium-shop"];
    const a = await post("/gift-cards", key, { amount: 100_000 });
    await post("/gift-cards", key, { amount: 250_000 });
    await issueBatch(testDb(), { programId: p.programId, count: 3, amount: 500_000, expiresAt: inAYear(), actorId: null });
    expect(await giftCardLiability(testDb(), p.programId)).toEqual({ amount: 350_000, cards: 2 });
    const list = await listGiftCards(testDb(), p.programId, { status: "active" }, { limit: 10, offset: 0 });
    expect(list.total).toBe(2);
    expect((await listGiftCards(testDb(), p.programId, { status: "printed" }, { limit: 10, offset: 0 })).total).toBe(3);
    expect((await listGiftCards(testDb(), p.programId, { q: a.body.number.slice(-8) }, { limit: 10, offset: 0 })).rows.map((r) => r.number)).toEqual([a.body.number]);

    const later = new Date(Date.now() + 366 * 86_400_000);
    const [first, second] = await Promise.all([expireGiftCards(testDb(), later, { programId: p.programId }), expireGiftCards(testDb(), later, { programId: p.programId })]);
    expect(first + second).toBe(2);
    expect(await giftCardLiability(testDb(), p.programId, later)).toEqual({ amount: 0, cards: 0 });
    const card = await testDb().giftCard.findFirstOrThrow({ where: { programId: p.programId, number: a.body.number }, include: { entries: { orderBy: { id: "asc" } } } });
    expect(card.status).toBe("expired");
    expect(card.entries.map((e) => [e.type, e.amount, e.balanceAfter])).toEqual([
      ["sale", 100_000, 100_000],
      ["expiry", -100_000, 0],
    ]);
    expect((await get(`/gift-cards/${a.body.number}?pin=${a.body.pin}`, key)).body.status).toBe("expired");
  });
});
