// Time travel through the background jobs (their `now`), on a scratch database of its own: the
// jobs sweep the whole database, which must not touch other test files' data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { createId } from "@/lib/ids";
import { migrate } from "@/lib/db/migrate";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { accrue, hold, lockAccounts } from "@/lib/ledger";
import { applyProgram } from "@/lib/program/apply-program";
import { lotAvailableAt, lotExpiresAt } from "@/lib/rules/expiry";
import { referenceProgram, referenceProgramJson } from "@/lib/rules/reference-programs";
import { recordActivity } from "@/lib/tiers/activity";
import { scratchDatabase } from "@/test/db";
import { makeCustomer } from "@/test/factories";
import { allJobs, findJob } from "./registry";

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: ReturnType<typeof createDb>;
const sportswear = referenceProgram("sportswear-retailer");
const football = referenceProgram("football-club");
let uaId: string;
let fcId: string;

const job = (name: string, at: string) => findJob(name)!.run(db, new Date(at));
const main = (customerId: string) => db.account.findUniqueOrThrow({ where: { customerId_kind: { customerId, kind: "main" } } });

beforeAll(async () => {
  scratch = await scratchDatabase();
  await migrate(scratch.url);
  db = createDb(scratch.url);
  const early = new Date("2020-01-01T00:00:00Z");
  uaId = (await applyProgram(db, referenceProgramJson("sportswear-retailer"), { now: early })).programId;
  fcId = (await applyProgram(db, referenceProgramJson("football-club"), { now: early })).programId;
}, 120_000);
afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});

describe("background jobs", () => {
  it("are all registered with a schedule", () => {
    expect(
      allJobs()
        .map((j) => j.name)
        .sort(),
    ).toEqual([
      "activate-lots",
      "daily-review-report",
      "deliver-messages",
      "expire-gift-cards",
      "expire-lots",
      "ledger-partitions",
      "legacy-imports",
      "message-triggers",
      "oidc-housekeeping",
      "program-simulations",
      "purchase-partitions",
      "purge-idempotency-keys",
      "purge-messages",
      "rollover-periods",
      "send-campaigns",
      "send-surveys",
      "visit-partitions",
      "void-expired-holds",
      "wallet-push",
    ]);
    for (const j of allJobs()) expect(j.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
  });

  it("expire-lots: points earned 2025-03-10 are gone on 2026-03-10, once, even with two runs at a time", async () => {
    const c = await makeCustomer(db, uaId);
    const earned = new Date("2025-03-10T15:00:00+03:00");
    await db.$transaction(async (tx) => {
      const { main: acc } = await lockAccounts(tx, uaId, c.id);
      await accrue(tx, acc, { amount: 300, at: earned, reason: "purchase", activation: { kind: "immediate" }, expiresAt: lotExpiresAt(sportswear, earned) });
    });
    await job("expire-lots", "2026-03-09T23:59:00+03:00");
    expect((await main(c.id)).available).toBe(300);
    const runs = await Promise.all([job("expire-lots", "2026-03-10T00:00:00+03:00"), job("expire-lots", "2026-03-10T00:00:00+03:00")]);
    expect(runs.reduce((s, r) => s + r.points, 0)).toBe(300);
    await job("expire-lots", "2026-04-01T00:00:00+03:00");
    expect((await main(c.id)).available).toBe(0);
    expect(await db.ledgerEntry.count({ where: { type: "expiry", account: { customerId: c.id } } })).toBe(1);
  });

  it("activate-lots: points pending for a return window become spendable on their date, once", async () => {
    const def = { ...sportswear, earning: { ...sportswear.earning, activation: { afterDays: 14 } } };
    const c = await makeCustomer(db, uaId);
    const at = new Date("2026-02-01T12:00:00+03:00");
    const availableAt = lotAvailableAt(def, def.earning.activation, at)!;
    expect(availableAt.toISOString()).toBe("2026-02-15T09:00:00.000Z");
    await db.$transaction(async (tx) => {
      const { main: acc } = await lockAccounts(tx, uaId, c.id);
      await accrue(tx, acc, { amount: 120, at, reason: "purchase", activation: { kind: "date", availableAt }, expiresAt: lotExpiresAt(def, at) });
    });
    expect(await main(c.id)).toMatchObject({ available: 0, pending: 120 });
    await job("activate-lots", "2026-02-15T11:59:00+03:00");
    expect(await main(c.id)).toMatchObject({ available: 0, pending: 120 });
    await Promise.all([job("activate-lots", "2026-02-15T12:00:00+03:00"), job("activate-lots", "2026-02-15T12:00:00+03:00")]);
    expect(await main(c.id)).toMatchObject({ available: 120, pending: 0 });
    expect(await db.ledgerEntry.count({ where: { type: "activation", account: { customerId: c.id } } })).toBe(1);
  });

  it("void-expired-holds: a held receipt past its TTL is voided and its points return", async () => {
    const c = await makeCustomer(db, uaId);
    const at = new Date("2026-05-01T12:00:00+03:00");
    const ttl = new Date(at.getTime() + 900_000);
    await db.$transaction(async (tx) => {
      const { main: acc } = await lockAccounts(tx, uaId, c.id);
      await accrue(tx, acc, { amount: 500, at, reason: "purchase", activation: { kind: "immediate" }, expiresAt: null });
      const holdId = await hold(tx, acc, { amount: 200, at, expiresAt: ttl, purchaseId: "rcp_held" });
      await tx.purchase.create({
        data: {
          id: "rcp_held",
          programId: uaId,
          storeId: "sto_x",
          customerId: c.id,
          number: "H-1",
          at,
          status: "held",
          programVersionId: "pvr_x",
          amount: 100_000,
          pointsRedeemed: 200,
          payable: 80_000,
          holdId,
          holdExpiresAt: ttl,
        },
      });
    });
    expect(await main(c.id)).toMatchObject({ available: 300, held: 200 });
    expect(await job("void-expired-holds", "2026-05-01T12:14:00+03:00")).toEqual({ voided: 0 });
    expect(await job("void-expired-holds", "2026-05-01T12:15:00+03:00")).toEqual({ voided: 1 });
    expect(await job("void-expired-holds", "2026-05-01T12:20:00+03:00")).toEqual({ voided: 0 });
    expect(await main(c.id)).toMatchObject({ available: 500, held: 0 });
    expect((await db.purchase.findFirstOrThrow({ where: { id: "rcp_held" } })).status).toBe("voided");
    expect((await checkLedger(db, { programId: uaId })).discrepancies).toEqual([]);
  });

  it("rollover-periods: a season ends for every customer of a 1,200-customer club in batches; twice changes nothing", async () => {
    const customers = Array.from({ length: 1200 }, (_, i) => ({ id: createId("cus"), programId: fcId, phone: `+7955${String(i).padStart(7, "0")}`, registrationChannel: "admin" as const }));
    await db.customer.createMany({ data: customers });
    // Season 2025/26: every third fan qualified Supporter.
    for (const [i, c] of customers.entries()) {
      await db.$transaction((tx) =>
        recordActivity(tx, {
          programId: fcId,
          customerId: c.id,
          definition: football,
          at: new Date("2026-04-01T12:00:00+03:00"),
          ...(i % 3 === 0 ? { visits: 5, spend: 1_500_000, spendByCategory: { ticket: 1_500_000 } } : { visits: 1 }),
        }),
      );
    }
    const supporters = await db.customerTier.count({ where: { programId: fcId, tierCode: "supporter" } });
    expect(supporters).toBe(400);
    // July 2026: kept for season 2026/27.
    const kept = await job("rollover-periods", "2026-07-01T00:10:00+03:00");
    expect(kept).toMatchObject({ customers: 1200, changed: 0 });
    // July 2027: nobody did anything in 2026/27 — every Supporter drops to Novice.
    const [a, b] = await Promise.all([job("rollover-periods", "2027-07-01T00:10:00+03:00"), job("rollover-periods", "2027-07-01T00:10:00+03:00")]);
    expect(a.customers + b.customers).toBe(1200);
    expect(a.changed + b.changed).toBe(400);
    expect(await db.customerTier.count({ where: { programId: fcId, tierCode: "novice", periodKey: "2027/28" } })).toBe(1200);
    expect(await db.tierChange.count({ where: { programId: fcId, reason: "period_end" } })).toBe(400);
    expect(await job("rollover-periods", "2027-07-02T00:10:00+03:00")).toMatchObject({ customers: 0, changed: 0 });
  }, 180_000);
});
