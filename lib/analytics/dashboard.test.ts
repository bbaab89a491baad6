// Integration: the dashboard's numbers on known data.
import { describe, expect, it } from "vitest";
import { createId } from "@/lib/ids";
import { testDb } from "@/test/db";
import { makeCustomer, makeProgram, uniq } from "@/test/factories";
import { loadDashboard } from "./dashboard";

const db = testDb();
const NOW = new Date("2026-11-23T12:00:00Z"); // a Monday
const DAY = 86_400_000;

describe("dashboard", () => {
  it("counts members, points, revenue, averages and statuses for the program only", async () => {
    const program = await makeProgram(db);
    const store = await db.store.create({ data: { id: createId("sto"), programId: program.id, code: uniq("s"), name: "S", timezone: "Europe/Moscow" } });
    const a = await makeCustomer(db, program.id);
    const b = await makeCustomer(db, program.id);
    await db.customer.update({ where: { id: a.id }, data: { createdAt: new Date(NOW.getTime() - 200 * DAY) } });
    await db.customer.update({ where: { id: b.id }, data: { createdAt: new Date(NOW.getTime() - 2 * 3600_000) } });
    await db.customerTier.create({ data: { customerId: a.id, programId: program.id, tierCode: "gold", periodKey: "lifetime", qualifiedTierCode: "gold", since: NOW } });
    const acc = await db.account.create({ data: { id: createId("acc"), programId: program.id, customerId: a.id, kind: "main", available: 700, pending: 50 } });
    const entry = (type: "accrual" | "redemption" | "expiry", dA: number, daysAgo: number, dP = 0) =>
      db.ledgerEntry.create({
        data: { id: createId("pts"), programId: program.id, customerId: a.id, accountId: acc.id, type, deltaAvailable: dA, deltaPending: dP, reason: "t", at: new Date(NOW.getTime() - daysAgo * DAY) },
      });
    await entry("accrual", 1000, 3);
    await entry("accrual", 0, 2, 50);
    await entry("redemption", -200, 1);
    await entry("expiry", -100, 1);
    await entry("accrual", 5000, 60); // outside a 30-day period
    const receipt = (customerId: string | null, amount: number, daysAgo: number) =>
      db.purchase.create({
        data: {
          id: createId("rcp"),
          programId: program.id,
          storeId: store.id,
          customerId,
          number: uniq("R"),
          at: new Date(NOW.getTime() - daysAgo * DAY),
          status: "committed",
          programVersionId: "pvr_x",
          amount,
          payable: amount,
        },
      });
    await receipt(a.id, 300_000, 5);
    await receipt(a.id, 100_000, 4);
    await receipt(null, 100_000, 4);
    await receipt(null, 300_000, 100);

    const d = await loadDashboard(db, { programId: program.id, timeZone: "Europe/Moscow", period: "30d", now: NOW, entryTier: "bronze", pointValue: 100 });
    expect(d.members).toEqual({ total: 2, active90: 1, newThisWeek: 1, newInPeriod: 1 });
    expect(d.points).toEqual({ earned: 1050, spent: 200, expired: 100, outstanding: 700, pending: 50, liability: 70_000 });
    expect(d.revenue).toMatchObject({ members: 400_000, all: 500_000, share: 0.8, memberReceipts: 2, anonymousReceipts: 1, avgMember: 200_000, avgAnonymous: 100_000 });
    expect(d.tiers.sort((x, y) => x.code.localeCompare(y.code))).toEqual([
      { code: "bronze", customers: 1 },
      { code: "gold", customers: 1 },
    ]);
    expect(d.bucket).toBe("day");
    expect(d.series).toHaveLength(30);
    expect(d.series.reduce((s, p) => s + p.memberRevenue, 0)).toBe(400_000);
    expect(d.series.reduce((s, p) => s + p.earned, 0)).toBe(1050);
    expect(d.series.at(-1)).toMatchObject({ day: "2026-11-23", newMembers: 1 });

    const year = await loadDashboard(db, { programId: program.id, timeZone: "Europe/Moscow", period: "365d", now: NOW });
    expect(year.bucket).toBe("week");
    expect(year.revenue.all).toBe(800_000);
    expect(year.series.reduce((s, p) => s + p.anonymousRevenue, 0)).toBe(400_000);
  });
});
