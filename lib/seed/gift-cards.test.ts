// The demo's gift certificates: realistic and consistent — every balance equals its ledger, no
// charge exceeds its receipt, the season has used-up, expired, blocked and unsold certificates.
import { beforeAll, describe, expect, it } from "vitest";
import { giftCardLiability } from "@/lib/giftcards/console";
import { line, post, receiptNo, setupProgram, useTestDatabase, type TestProgram } from "@/test/pos/harness";
import { testDb } from "@/test/db";
import { DEMO_GIFT_CARD, DEMO_GIFT_CARDS, DEMO_PRINTED_BATCH, seedGiftCards } from "./gift-cards";

let club: TestProgram;
const now = new Date();
const since = new Date(now.getTime() - 520 * 86_400_000);

beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
  const shop = club.keys["stadium-shop"];
  for (let i = 0; i < 40; i++) await post("/purchases", shop, { receipt: { number: receiptNo() }, lines: [line(1, 250_000 + i * 10_000, "merch")] });
  // Spread the receipts over the season.
  await testDb().$executeRaw`update "Purchase" set at = ${since}::timestamptz + (random() * interval '500 days') where "programId" = ${club.programId}`;
  await seedGiftCards(testDb(), { programId: club.programId, since, now, log: () => {} });
}, 120_000);

describe("demo gift certificates", () => {
  it("a few hundred sold, one batch printed and not sold, every balance equal to its ledger", async () => {
    const cards = await testDb().giftCard.findMany({ where: { programId: club.programId }, include: { entries: true } });
    expect(cards.filter((c) => c.status !== "printed")).toHaveLength(DEMO_GIFT_CARDS);
    expect(cards.filter((c) => c.status === "printed")).toHaveLength(DEMO_PRINTED_BATCH);
    for (const c of cards) {
      if (c.status === "printed") continue;
      expect(
        c.entries.reduce((s, e) => s + e.amount, 0),
        c.number,
      ).toBe(c.balance);
      expect(c.amount).toBeGreaterThanOrEqual(100_000);
      expect(c.amount).toBeLessThanOrEqual(1_000_000);
    }
    const statuses = new Set(cards.map((c) => (c.status === "active" && c.balance === 0 ? "used" : c.status)));
    for (const s of ["active", "used", "expired", "blocked", "printed"]) expect(statuses, s).toContain(s);
    expect(cards.find((c) => c.number === DEMO_GIFT_CARD.number)).toMatchObject({ status: "active", balance: 500_000 });
    expect((await giftCardLiability(testDb(), club.programId)).amount).toBeGreaterThan(0);
  });

  it("charges are tied to real receipts of the stadium shop, after the sale and within the receipt's amount", async () => {
    const charges = await testDb().giftCardEntry.findMany({ where: { type: "charge", giftCard: { programId: club.programId } }, include: { giftCard: true } });
    expect(charges.length).toBeGreaterThan(10);
    const receipts = new Map((await testDb().purchase.findMany({ where: { id: { in: charges.map((c) => c.purchaseId!) } } })).map((p) => [p.id, p]));
    const perReceipt = new Map<string, number>();
    for (const c of charges) {
      const p = receipts.get(c.purchaseId!)!;
      expect(p.storeId).toBe(club.stores["stadium-shop"]);
      expect(p.at.getTime()).toBeGreaterThan(c.giftCard.soldAt!.getTime());
      perReceipt.set(p.id, (perReceipt.get(p.id) ?? 0) - c.amount);
    }
    for (const [id, paid] of perReceipt) expect(paid).toBeLessThanOrEqual(receipts.get(id)!.payable);
  });

  it("the demo certificate pays at the till with its PIN", async () => {
    const r = await post("/purchases/calculate", club.keys["stadium-shop"], { receipt: { number: "X" }, lines: [line(1, 600_000, "merch")], giftCards: [{ ...DEMO_GIFT_CARD, amount: 500_000 }] });
    expect(r.status).toBe(200);
    expect(r.body.giftCards).toEqual([{ number: DEMO_GIFT_CARD.number, amount: 500_000, balance: 0 }]);
  });
});
