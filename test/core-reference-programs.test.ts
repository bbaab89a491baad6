// The reference programs' worked numbers through the whole core, as the POS flow uses it:
// tierForPricing → priceBasket (pure) → ledger lots → recordActivity, then the jobs.
// (The pure rules alone are covered in lib/rules/*.test.ts and lib/tiers/*.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolloverProgram } from "@/lib/jobs/rollover-periods";
import { accrue, expireDueLots, lockAccounts, spend } from "@/lib/ledger";
import { applyProgram } from "@/lib/program/apply-program";
import type { ProgramDefinition } from "@/lib/program/definition";
import { lotExpiresAt } from "@/lib/rules/expiry";
import { priceBasket, type BasketLineInput } from "@/lib/rules/price-basket";
import { referenceProgram, referenceProgramJson, type ReferenceProgram } from "@/lib/rules/reference-programs";
import { recordActivity, tierForPricing } from "@/lib/tiers/activity";
import { testDb } from "@/test/db";
import { makeCustomer, uniq } from "@/test/factories";

const db = testDb();
afterAll(async () => {
  await db.$disconnect();
});

type P = { programId: string; definition: ProgramDefinition };
async function program(name: ReferenceProgram): Promise<P> {
  const r = await applyProgram(db, { ...(referenceProgramJson(name) as object), code: uniq(name) }, { now: new Date("2020-01-01T00:00:00Z") });
  return { programId: r.programId, definition: referenceProgram(name) };
}

/** One committed receipt the way the POS confirm does it; returns the priced basket. */
async function receipt(p: P, customerId: string, storeCode: string, at: string, lines: BasketLineInput[], redeemPoints = 0) {
  const when = new Date(at);
  return db.$transaction(async (tx) => {
    const accounts = await lockAccounts(tx, p.programId, customerId);
    await expireDueLots(tx, accounts.main, when);
    const tierCode = await tierForPricing(tx, p.programId, customerId, p.definition, when);
    const store = p.definition.stores.find((s) => s.code === storeCode)!;
    const priced = priceBasket({
      definition: p.definition,
      customer: { tierCode, balances: { main: accounts.main.available, promo: accounts.promo.available } },
      store: { code: store.code, partnerCode: store.partner ?? null, tags: store.tags },
      lines,
      redeemPoints,
    });
    if (priced.totals.pointsRedeemed > 0) await spend(tx, accounts.main, { amount: priced.totals.pointsRedeemed, at: when, reason: "purchase" });
    if (priced.totals.pointsEarned > 0) {
      await accrue(tx, accounts.main, { amount: priced.totals.pointsEarned, at: when, reason: "purchase", activation: { kind: "immediate" }, expiresAt: lotExpiresAt(p.definition, when) });
    }
    const byCategory: Record<string, number> = {};
    for (const l of priced.lines) byCategory[l.category] = (byCategory[l.category] ?? 0) + l.amount - l.discount;
    const outcome = await recordActivity(tx, { ...p, customerId, at: when, spend: priced.totals.amount - priced.totals.discount, spendByCategory: byCategory, purchases: 1 });
    return { tierCode, priced, outcome };
  });
}

const line = (price: number, category = "apparel"): BasketLineInput => ({ lineNo: 1, sku: "SKU-1", category, quantity: 1, price });
const balance = async (customerId: string) => (await db.account.findUniqueOrThrow({ where: { customerId_kind: { customerId, kind: "main" } } })).available;

describe("sportswear retailer (UA Club), receipt by receipt", () => {
  let ua: P;
  beforeAll(async () => {
    ua = await program("sportswear-retailer");
  });

  it("a Participant earns nothing until 10,000 RUB cumulative spend, then Bronze earns 3 %; points expire a year later", async () => {
    const c = await makeCustomer(db, ua.programId);
    const r1 = await receipt(ua, c.id, "msk-01", "2025-03-01T12:00:00+03:00", [line(600_000)]);
    expect([r1.tierCode, r1.priced.totals.pointsEarned, r1.priced.maxRedeemablePoints]).toEqual(["participant", 0, 0]);
    // This receipt reaches 10,000 RUB: priced as a Participant, Bronze from now on.
    const r2 = await receipt(ua, c.id, "msk-02", "2025-03-05T12:00:00+03:00", [line(400_000)]);
    expect([r2.tierCode, r2.priced.totals.pointsEarned]).toEqual(["participant", 0]);
    expect(r2.outcome).toMatchObject({ tierCode: "bronze", previousTierCode: "participant", changed: true });
    const r3 = await receipt(ua, c.id, "msk-01", "2025-03-10T15:00:00+03:00", [line(500_000)]);
    expect([r3.tierCode, r3.priced.totals.pointsEarned]).toEqual(["bronze", 150]); // 3 % of 5,000 RUB
    expect(await balance(c.id)).toBe(150);
    const lot = await db.lot.findFirstOrThrow({ where: { account: { customerId: c.id } } });
    expect(lot.expiresAt?.toISOString()).toBe("2026-03-09T21:00:00.000Z"); // 2026-03-10 00:00 Moscow
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, ua.programId, c.id);
      await expireDueLots(tx, main, new Date("2026-03-09T23:59:59+03:00"));
    });
    expect(await balance(c.id)).toBe(150);
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, ua.programId, c.id);
      await expireDueLots(tx, main, new Date("2026-03-10T00:00:00+03:00"));
    });
    expect(await balance(c.id)).toBe(0);
  });

  it("a Silver receipt of 7,900 RUB may use at most 30 % in points (2,370); outlets take none", async () => {
    const c = await makeCustomer(db, ua.programId);
    await receipt(ua, c.id, "msk-01", "2026-01-10T12:00:00+03:00", [line(3_000_000)]); // → Silver
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, ua.programId, c.id);
      await accrue(tx, main, { amount: 10_000, at: new Date("2026-01-10T12:00:00+03:00"), reason: "manual", type: "adjustment", activation: { kind: "immediate" }, expiresAt: null });
    });
    const r = await receipt(ua, c.id, "msk-01", "2026-02-01T12:00:00+03:00", [line(790_000)], 2370);
    expect(r.tierCode).toBe("silver");
    expect(r.priced.maxRedeemablePoints).toBe(2370);
    expect(r.priced.totals).toMatchObject({ pointsRedeemed: 2370, payable: 553_000, pointsEarned: 276 }); // 5 % of 5,530 RUB paid
    const outlet = await receipt(ua, c.id, "outlet-01", "2026-02-02T12:00:00+03:00", [line(100_000)]);
    expect(outlet.priced.maxRedeemablePoints).toBe(0);
    expect(outlet.priced.redemptionBlocked).toBe("store");
    await expect(receipt(ua, c.id, "outlet-01", "2026-02-02T13:00:00+03:00", [line(100_000)], 10)).rejects.toMatchObject({ code: "redemption_not_allowed" });
  });
});

describe("coalition (City Plus)", () => {
  it("a partner's 5 % beats a 3 % Silver tier under `max`", async () => {
    const city = await program("coalition");
    const c = await makeCustomer(db, city.programId);
    await receipt(city, c.id, "books-tverskaya", "2026-03-01T12:00:00+03:00", [line(2_000_000, "books")]); // → Silver
    const coffee = await receipt(city, c.id, "coffee-arbat", "2026-03-02T09:00:00+03:00", [line(100_000, "coffee")]);
    expect(coffee.tierCode).toBe("silver");
    expect(coffee.priced.lines[0].earnRate).toBe(5);
    expect(coffee.priced.totals.pointsEarned).toBe(50);
    const cinema = await receipt(city, c.id, "cinema-atrium", "2026-03-02T19:00:00+03:00", [line(100_000, "cinema")]);
    expect(cinema.priced.lines[0].earnRate).toBe(3); // partner 3 % = tier 3 %
  });
});

describe("football club (FC Tribune)", () => {
  it("last season's Legend earns 30 % all this season, then the rate of what this season qualified", async () => {
    const fc = await program("football-club");
    const c = await makeCustomer(db, fc.programId);
    await db.$transaction((tx) =>
      recordActivity(tx, { ...fc, customerId: c.id, at: new Date("2026-04-01T19:00:00+03:00"), visits: 14, spend: 12_000_000, spendByCategory: { "season-ticket": 12_000_000 }, purchases: 1 }),
    );
    await rolloverProgram(db, fc.programId, fc.definition, new Date("2026-07-01T00:10:00+03:00"));
    const during = await receipt(fc, c.id, "stadium-shop", "2026-10-01T12:00:00+03:00", [line(790_000, "merch")]);
    expect([during.tierCode, during.priced.totals.pointsEarned]).toEqual(["legend", 2370]);
    await db.$transaction((tx) => recordActivity(tx, { ...fc, customerId: c.id, at: new Date("2026-10-02T19:00:00+03:00"), visits: 2 }));
    await rolloverProgram(db, fc.programId, fc.definition, new Date("2027-07-01T00:10:00+03:00"));
    const next = await receipt(fc, c.id, "stadium-shop", "2027-08-01T12:00:00+03:00", [line(790_000, "merch")]);
    expect([next.tierCode, next.priced.totals.pointsEarned]).toEqual(["regular", 395]); // 7,900 RUB + 2 matches = Regular, 5 %
  });
});
