// Catalog redemptions against the real database: points through the ledger, stock, idempotent
// double clicks, concurrent buyers of the last unit, cancel returns points and stock, staff actions.
import { appUrl } from "@/lib/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { testDb } from "@/test/db";
import { balance, givePoints, makeClubProgram, makeFan, makeItem } from "@/test/cabinet-factories";
import { setEmailSenderForTests } from "@/lib/email/email-sender";
import { availabilityOf } from "./items";
import { cancelRedemption, cancelRedemptionByStaff, markRedemptionUsed, redeemCatalogItem } from "./redeem";
import { listMyRedemptions } from "./redemptions";

const db = testDb();
let programId: string;
beforeAll(async () => {
  programId = await makeClubProgram(db);
});
afterAll(async () => {
  await db.$disconnect();
});

const key = () => `k_${Math.random().toString(36).slice(2, 12)}`;

describe("redeemCatalogItem", () => {
  it("spends the price through the ledger, takes one unit and issues a voucher", async () => {
    const fan = await makeFan(db, programId, 5000);
    const item = await makeItem(db, programId, { pointsPrice: 1200, stock: 3 });
    const { redemption, replayed } = await redeemCatalogItem(db, { customerId: fan.id, itemId: item.id, idempotencyKey: key() });
    expect(replayed).toBe(false);
    expect(redemption.status).toBe("issued");
    expect(redemption.voucherCode).toMatch(/^TRB-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await balance(db, fan.id)).toBe(3800);
    expect((await db.catalogItem.findUniqueOrThrow({ where: { id: item.id } })).stock).toBe(2);
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { id: redemption.spendEntryId! } });
    expect(entry).toMatchObject({ type: "redemption", reason: "catalog", deltaAvailable: -1200, refType: "catalog_redemption", refId: redemption.id });
  });

  it("a double click (same key, at the same moment) charges once and returns the same voucher", async () => {
    const fan = await makeFan(db, programId, 5000);
    const item = await makeItem(db, programId, { pointsPrice: 1000, stock: 10 });
    const k = key();
    const results = await Promise.all(Array.from({ length: 5 }, () => redeemCatalogItem(db, { customerId: fan.id, itemId: item.id, idempotencyKey: k })));
    expect(new Set(results.map((r) => r.redemption.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await balance(db, fan.id)).toBe(4000);
    expect((await db.catalogItem.findUniqueOrThrow({ where: { id: item.id } })).stock).toBe(9);
    expect(await db.catalogRedemption.count({ where: { customerId: fan.id } })).toBe(1);
  });

  it("never oversells: 8 fans race for 3 units, exactly 3 get one and only they pay", async () => {
    const item = await makeItem(db, programId, { pointsPrice: 500, stock: 3 });
    const fans = await Promise.all(Array.from({ length: 8 }, () => makeFan(db, programId, 1000)));
    const outcomes = await Promise.allSettled(fans.map((f) => redeemCatalogItem(db, { customerId: f.id, itemId: item.id, idempotencyKey: key() })));
    const ok = outcomes.filter((o) => o.status === "fulfilled");
    expect(ok).toHaveLength(3);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toMatchObject({ code: "out_of_stock" });
    expect((await db.catalogItem.findUniqueOrThrow({ where: { id: item.id } })).stock).toBe(0);
    const balances = await Promise.all(fans.map((f) => balance(db, f.id)));
    expect(balances.filter((b) => b === 500)).toHaveLength(3);
    expect(balances.filter((b) => b === 1000)).toHaveLength(5);
  });

  it("refuses without enough points, below the minimum status, outside the window, and changes nothing", async () => {
    const fan = await makeFan(db, programId, 300);
    const cheap = await makeItem(db, programId, { pointsPrice: 500 });
    await expect(redeemCatalogItem(db, { customerId: fan.id, itemId: cheap.id, idempotencyKey: key() })).rejects.toMatchObject({ code: "insufficient_points" });
    await givePoints(db, programId, fan.id, 10_000);
    const vip = await makeItem(db, programId, { pointsPrice: 500, minTierCode: "legend" });
    await expect(redeemCatalogItem(db, { customerId: fan.id, itemId: vip.id, idempotencyKey: key() })).rejects.toMatchObject({ code: "not_available" });
    const later = await makeItem(db, programId, { availableFrom: new Date(Date.now() + 86400_000) });
    await expect(redeemCatalogItem(db, { customerId: fan.id, itemId: later.id, idempotencyKey: key() })).rejects.toMatchObject({ code: "not_available" });
    const sold = await makeItem(db, programId, { stock: 0 });
    await expect(redeemCatalogItem(db, { customerId: fan.id, itemId: sold.id, idempotencyKey: key() })).rejects.toMatchObject({ code: "out_of_stock" });
    expect(await balance(db, fan.id)).toBe(10_300);
    expect(await db.catalogRedemption.count({ where: { customerId: fan.id } })).toBe(0);
    expect((await db.catalogItem.findUniqueOrThrow({ where: { id: cheap.id } })).stock).toBe(10);
  });

  it("another program's item is not found", async () => {
    const other = await makeClubProgram(db);
    const item = await makeItem(db, other);
    const fan = await makeFan(db, programId, 5000);
    await expect(redeemCatalogItem(db, { customerId: fan.id, itemId: item.id, idempotencyKey: key() })).rejects.toMatchObject({ code: "not_found" });
  });

  it("unlimited stock stays unlimited", async () => {
    const fan = await makeFan(db, programId, 2000);
    const item = await makeItem(db, programId, { stock: null, pointsPrice: 100 });
    await redeemCatalogItem(db, { customerId: fan.id, itemId: item.id, idempotencyKey: key() });
    expect((await db.catalogItem.findUniqueOrThrow({ where: { id: item.id } })).stock).toBeNull();
  });
});

describe("confirmation email", () => {
  it("goes to a verified email after commit; a failing provider does not undo the redemption", async () => {
    const email = `red-${Date.now()}@fan.test`;
    const fan = await makeFan(db, programId, 3000, { email });
    const item = await makeItem(db, programId, { pointsPrice: 1000 });
    const { redemption } = await redeemCatalogItem(db, { customerId: fan.id, itemId: item.id, idempotencyKey: key() });
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: email } });
    expect(mail.html).toContain(redemption.voucherCode);
    expect(mail.html).toContain(appUrl("/cabinet/catalog?tab=mine"));
    setEmailSenderForTests({
      name: "down",
      send: async () => {
        throw new Error("down");
      },
    });
    try {
      const again = await redeemCatalogItem(db, { customerId: fan.id, itemId: item.id, idempotencyKey: key() });
      expect(again.redemption.status).toBe("issued");
      expect(await balance(db, fan.id)).toBe(1000);
    } finally {
      setEmailSenderForTests(null);
    }
  });
});

describe("cancel and mark used", () => {
  it("the fan cancels an unused voucher: points and the unit come back, once", async () => {
    const expiresAt = new Date(Date.now() + 200 * 86400_000);
    const fan = await makeFan(db, programId);
    await givePoints(db, programId, fan.id, 3000, { expiresAt });
    const item = await makeItem(db, programId, { pointsPrice: 2000, stock: 1 });
    const { redemption } = await redeemCatalogItem(db, { customerId: fan.id, itemId: item.id, idempotencyKey: key() });
    expect(await balance(db, fan.id)).toBe(1000);
    const cancelled = await cancelRedemption(db, { customerId: fan.id, redemptionId: redemption.id });
    expect(cancelled.status).toBe("cancelled");
    expect(await balance(db, fan.id)).toBe(3000);
    expect((await db.catalogItem.findUniqueOrThrow({ where: { id: item.id } })).stock).toBe(1);
    // The returned points keep the expiry of the lot they were spent from.
    const refund = await db.ledgerEntry.findFirstOrThrow({ where: { id: cancelled.refundEntryId! } });
    const lot = await db.lot.findUniqueOrThrow({ where: { id: refund.lotId! } });
    expect(lot.expiresAt?.toISOString()).toBe(expiresAt.toISOString());
    await expect(cancelRedemption(db, { customerId: fan.id, redemptionId: redemption.id })).rejects.toMatchObject({ code: "invalid_state" });
    expect(await balance(db, fan.id)).toBe(3000);
  });

  it("two cancels at once return the points once", async () => {
    const fan = await makeFan(db, programId, 1000);
    const item = await makeItem(db, programId, { pointsPrice: 1000 });
    const { redemption } = await redeemCatalogItem(db, { customerId: fan.id, itemId: item.id, idempotencyKey: key() });
    const r = await Promise.allSettled([cancelRedemption(db, { customerId: fan.id, redemptionId: redemption.id }), cancelRedemption(db, { customerId: fan.id, redemptionId: redemption.id })]);
    expect(r.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(await balance(db, fan.id)).toBe(1000);
  });

  it("a used voucher cannot be cancelled; another fan cannot cancel mine", async () => {
    const fan = await makeFan(db, programId, 3000);
    const thief = await makeFan(db, programId, 0);
    const item = await makeItem(db, programId, { pointsPrice: 1000 });
    const { redemption } = await redeemCatalogItem(db, { customerId: fan.id, itemId: item.id, idempotencyKey: key() });
    await expect(cancelRedemption(db, { customerId: thief.id, redemptionId: redemption.id })).rejects.toMatchObject({ code: "not_found" });
    const staff = "stf_test";
    const used = await markRedemptionUsed(db, { programId, voucherCode: redemption.voucherCode.toLowerCase(), staffUserId: staff });
    expect(used.status).toBe("used");
    await expect(markRedemptionUsed(db, { programId, redemptionId: redemption.id, staffUserId: staff })).rejects.toMatchObject({ code: "invalid_state" });
    await expect(cancelRedemption(db, { customerId: fan.id, redemptionId: redemption.id })).rejects.toMatchObject({ code: "invalid_state" });
    expect(await balance(db, fan.id)).toBe(2000);
  });

  it("staff of another program cannot touch a voucher; staff of this one can cancel it", async () => {
    const other = await makeClubProgram(db);
    const fan = await makeFan(db, programId, 1000);
    const item = await makeItem(db, programId, { pointsPrice: 400 });
    const { redemption } = await redeemCatalogItem(db, { customerId: fan.id, itemId: item.id, idempotencyKey: key() });
    await expect(cancelRedemptionByStaff(db, { programId: other, redemptionId: redemption.id, staffUserId: "stf_x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(markRedemptionUsed(db, { programId: other, redemptionId: redemption.id, staffUserId: "stf_x" })).rejects.toMatchObject({ code: "not_found" });
    await cancelRedemptionByStaff(db, { programId, redemptionId: redemption.id, staffUserId: "stf_x" });
    expect(await balance(db, fan.id)).toBe(1000);
    expect((await listMyRedemptions(db, fan.id))[0].status).toBe("cancelled");
  });

  it("the ledger stays consistent after all of the above", async () => {
    // The test database is shared: judge only this program's accounts and lots.
    const accounts = await db.account.findMany({ where: { programId }, select: { id: true } });
    const lots = await db.lot.findMany({ where: { accountId: { in: accounts.map((a) => a.id) } }, select: { id: true } });
    const mine = new Set([...accounts, ...lots].map((x) => x.id));
    expect(accounts.length).toBeGreaterThan(10);
    const report = await checkLedger(db);
    expect(report.discrepancies.filter((d) => mine.has(d.id))).toEqual([]);
  });
});

describe("availabilityOf", () => {
  const rank = (c: string) => ["novice", "regular", "legend"].indexOf(c);
  const base = { active: true, availableFrom: null, availableUntil: null, stock: 5, minTierCode: null, pointsPrice: 100 };
  const now = new Date("2026-01-01T00:00:00Z");
  it("explains why not, in order", () => {
    expect(availabilityOf(base, { tierCode: "novice", balance: 100 }, rank, now)).toEqual({ ok: true });
    expect(availabilityOf({ ...base, active: false }, { tierCode: "novice", balance: 100 }, rank, now)).toMatchObject({ reason: "inactive" });
    expect(availabilityOf({ ...base, availableUntil: now }, { tierCode: "novice", balance: 100 }, rank, now)).toMatchObject({ reason: "ended" });
    expect(availabilityOf({ ...base, stock: 0 }, { tierCode: "novice", balance: 100 }, rank, now)).toMatchObject({ reason: "sold_out" });
    expect(availabilityOf({ ...base, minTierCode: "regular" }, { tierCode: "novice", balance: 100 }, rank, now)).toMatchObject({ reason: "tier" });
    expect(availabilityOf({ ...base, minTierCode: "regular" }, { tierCode: "legend", balance: 100 }, rank, now)).toEqual({ ok: true });
    expect(availabilityOf(base, { tierCode: "novice", balance: 60 }, rank, now)).toEqual({ ok: false, reason: "points", missing: 40 });
  });
});
