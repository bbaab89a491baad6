// Terminals of a coalition partner's store see masked names (lookup and receipt answers), and
// spending points there needs the member present — the cabinet's QR token or the SMS code —
// whatever the program says; the owner's own stores are unchanged.
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "../db";
import { ageCodes, get, lastCode, line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "../pos/harness";

let club: TestProgram;
let own: string;
let pub: string;

beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
  own = club.keys["stadium-shop"];
  pub = club.keys["pub-luzhniki"]; // a store of the partner "pub"
});

async function grant(customerId: string, points: number) {
  const { lockAccounts, accrue } = await import("@/lib/ledger");
  await testDb().$transaction(async (tx) => {
    const acc = await lockAccounts(tx, club.programId, customerId);
    await accrue(tx, acc.main, { amount: points, at: new Date(), activation: { kind: "immediate" }, expiresAt: null, reason: "test", type: "adjustment" });
  });
}

describe("partner terminals", () => {
  it("see masked names in lookups and receipt messages; the owner's tills see them in full", async () => {
    const c = await registerCustomer(own, { firstName: "Anna", lastName: "Petrova" });
    const mine = await get(`/customers/lookup?card=${c.card}`, own);
    expect(mine.body).toMatchObject({ firstName: "Anna", lastName: "Petrova" });
    const theirs = await get(`/customers/lookup?card=${c.card}`, pub);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ firstName: "A•••", lastName: "P•••" });
    const sale = await post("/purchases", pub, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 50000, "food")] });
    expect(sale.status).toBe(201);
    expect(JSON.stringify(sale.body)).not.toContain("Anna");
    expect(sale.body.receiptMessages[0]).toContain("A•••");
    const calc = await post("/purchases/calculate", pub, { customer: { card: c.card }, receipt: { number: "X" }, lines: [line(1, 50000, "food")] });
    expect(JSON.stringify(calc.body)).not.toContain("Anna");
  });

  it("spending at a partner's store needs the QR token or the SMS code, although the program asks for no code", async () => {
    const c = await registerCustomer(own);
    await grant(c.id, 1000);
    const qr = (await testDb().card.findFirstOrThrow({ where: { customerId: c.id } })).qrToken;
    const basket = (customer: object) => ({ customer, receipt: { number: receiptNo() }, lines: [line(1, 100000, "food")], redeemPoints: 100 });
    // The owner's store: the program needs no code.
    expect((await post("/purchases", own, basket({ card: c.card }))).status).toBe(201);
    // The partner's store: a card or a phone alone is not enough.
    for (const ref of [{ card: c.card }, { phone: c.phone }, { id: c.id }]) {
      const calc = await post("/purchases/calculate", pub, basket(ref));
      expect(calc.body.requiresRedemptionCode).toBe(true);
      const r = await post("/purchases", pub, basket(ref));
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe("redemption_code_required");
    }
    // The member present: the cabinet's QR token …
    expect((await post("/purchases", pub, basket({ qr }))).status).toBe(201);
    // … or the SMS code (the registration code was sent a moment ago: one code a minute per phone).
    await ageCodes(c.phone);
    expect((await post("/redemptions/authorize", pub, { customer: { card: c.card }, points: 100 })).status).toBe(200);
    const code = await lastCode(c.phone);
    const withCode = await post("/purchases", pub, { ...basket({ card: c.card }), redemptionCode: code });
    expect(withCode.status).toBe(201);
    expect(withCode.body.totals.pointsRedeemed).toBe(100);
  });
});
