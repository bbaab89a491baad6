// The ledger against a real PostgreSQL: random operation sequences (fast-check) keep every
// invariant after every step; parallel spends never overdraw.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { testDb } from "@/test/db";
import { makeCustomer, makeProgram } from "@/test/factories";
import { adjustPoints } from "./adjust";
import { checkLedger } from "./check-ledger";
import { accrue, activateLot, ensureAccounts, captureHold, expireDueLots, hold, lockAccounts, reclaimPoints, refundPoints, releaseHold, spend } from "./index";

const db = testDb();
let programId: string;
const DAY = 86400_000;
const T0 = new Date("2026-01-01T00:00:00Z");

beforeAll(async () => {
  programId = (await makeProgram(db)).id;
});
afterAll(async () => {
  await db.$disconnect();
});

async function balances(customerId: string) {
  return db.account.findUniqueOrThrow({ where: { customerId_kind: { customerId, kind: "main" } } });
}

async function assertInvariants(customerId: string) {
  const acc = await balances(customerId);
  expect(acc.available).toBeGreaterThanOrEqual(0);
  expect(acc.held).toBeGreaterThanOrEqual(0);
  const sums = await db.ledgerEntry.aggregate({ where: { accountId: acc.id }, _sum: { deltaAvailable: true, deltaHeld: true, deltaPending: true, deltaDebt: true } });
  expect(sums._sum.deltaAvailable ?? 0).toBe(acc.available);
  expect(sums._sum.deltaHeld ?? 0).toBe(acc.held);
  expect(sums._sum.deltaPending ?? 0).toBe(acc.pending);
  expect(sums._sum.deltaDebt ?? 0).toBe(acc.debt);
  const lots = await db.lot.aggregate({ where: { accountId: acc.id }, _sum: { remaining: true, held: true } });
  expect(lots._sum.remaining ?? 0).toBe(acc.available + acc.held + acc.pending);
  expect(lots._sum.held ?? 0).toBe(acc.held);
  // Debt and available never coexist: accruals repay debt first.
  expect(acc.debt === 0 || acc.available === 0).toBe(true);
}

const op = fc.oneof(
  fc.record({
    k: fc.constant("accrue" as const),
    amount: fc.integer({ min: 1, max: 500 }),
    mode: fc.constantFrom("immediate", "date", "validation"),
    expiresInDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
  }),
  fc.record({ k: fc.constant("spend" as const), amount: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ k: fc.constant("hold" as const), amount: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ k: fc.constant("capture" as const) }),
  fc.record({ k: fc.constant("release" as const) }),
  fc.record({ k: fc.constant("activate" as const) }),
  fc.record({ k: fc.constant("return" as const), refund: fc.integer({ min: 0, max: 200 }), reclaim: fc.integer({ min: 0, max: 600 }) }),
  fc.record({ k: fc.constant("advance" as const), days: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ k: fc.constant("adjust" as const), amount: fc.integer({ min: -300, max: 300 }).filter((x) => x !== 0) }),
);

describe("ledger invariants (property-based, real database)", () => {
  it("hold after every step of random operation sequences", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
        const customer = await makeCustomer(db, programId);
        await db.$transaction((tx) => ensureAccounts(tx, programId, customer.id));
        let clock = T0.getTime();
        const holds: string[] = [];
        for (const o of ops) {
          const at = new Date(clock);
          try {
            if (o.k === "adjust") {
              // Staff adjustment through its own API (own transaction, audit log entry).
              await adjustPoints(db, { customerId: customer.id, account: "main", points: o.amount, reason: "property test", staffUserId: "stf_test", at });
              await assertInvariants(customer.id);
              continue;
            }
            await db.$transaction(async (tx) => {
              const { main } = await lockAccounts(tx, programId, customer.id);
              switch (o.k) {
                case "accrue":
                  await accrue(tx, main, {
                    amount: o.amount,
                    at,
                    reason: "purchase",
                    purchaseId: `rcp_${clock}`,
                    activation: o.mode === "immediate" ? { kind: "immediate" } : o.mode === "date" ? { kind: "date", availableAt: new Date(clock + 14 * DAY) } : { kind: "validation" },
                    expiresAt: o.expiresInDays === null ? null : new Date(clock + o.expiresInDays * DAY),
                  });
                  break;
                case "spend":
                  await spend(tx, main, { amount: o.amount, at, reason: "purchase" });
                  break;
                case "hold":
                  holds.push(await hold(tx, main, { amount: o.amount, at, expiresAt: new Date(clock + DAY) }));
                  break;
                case "capture":
                  if (holds.length) await captureHold(tx, main, holds.pop()!, at);
                  break;
                case "release":
                  if (holds.length) await releaseHold(tx, main, holds.pop()!, at);
                  break;
                case "activate": {
                  const pending = await tx.lot.findMany({ where: { accountId: main.id, activatedAt: null, expiredAt: null, voidedAt: null } });
                  for (const l of pending) await activateLot(tx, main, l, at, "ticket-validation");
                  break;
                }
                case "return":
                  await refundPoints(tx, main, { amount: o.refund, at, purchaseId: "rcp_x", fallbackExpiresAt: new Date(clock + 365 * DAY), reason: "return" });
                  await reclaimPoints(tx, main, { amount: o.reclaim, at, purchaseId: "rcp_x", reason: "return" });
                  break;
                case "advance":
                  clock += o.days * DAY;
                  await expireDueLots(tx, main, new Date(clock));
                  break;
              }
            });
          } catch (e) {
            // Refusals are fine (and must change nothing); anything else is a bug.
            if (!(e instanceof AppError) || e.code !== "insufficient_points") throw e;
          }
          await assertInvariants(customer.id);
        }
      }),
      { numRuns: 40 },
    );
    const { discrepancies } = await checkLedger(db, { programId });
    expect(discrepancies).toEqual([]);
  }, 240_000);

  it("expiry takes points after their date and never twice", async () => {
    const customer = await makeCustomer(db, programId);
    const at = new Date("2025-03-10T10:00:00+03:00");
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, programId, customer.id);
      await accrue(tx, main, { amount: 100, at, reason: "purchase", activation: { kind: "immediate" }, expiresAt: new Date("2026-03-10T10:00:00+03:00") });
    });
    for (const when of ["2026-03-10T09:59:59+03:00", "2026-03-10T10:00:00+03:00", "2026-03-11T00:00:00+03:00"]) {
      await db.$transaction(async (tx) => {
        const { main } = await lockAccounts(tx, programId, customer.id);
        await expireDueLots(tx, main, new Date(when));
      });
      const acc = await balances(customer.id);
      expect(acc.available, when).toBe(when.startsWith("2026-03-10T09") ? 100 : 0);
    }
    const expiries = await db.ledgerEntry.count({ where: { account: { customerId: customer.id }, type: "expiry" } });
    expect(expiries).toBe(1);
  });

  it("debt from a return is repaid by the next accrual first", async () => {
    const customer = await makeCustomer(db, programId);
    const at = T0;
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, programId, customer.id);
      await accrue(tx, main, { amount: 100, at, reason: "purchase", purchaseId: "rcp_a", activation: { kind: "immediate" }, expiresAt: null });
      await spend(tx, main, { amount: 80, at, reason: "purchase" });
      const r = await reclaimPoints(tx, main, { amount: 100, at, purchaseId: "rcp_a", reason: "return" });
      expect(r).toEqual({ fromBalance: 20, debt: 80 });
    });
    expect(await balances(customer.id)).toMatchObject({ available: 0, debt: 80 });
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, programId, customer.id);
      await accrue(tx, main, { amount: 50, at, reason: "purchase", activation: { kind: "immediate" }, expiresAt: null });
    });
    expect(await balances(customer.id)).toMatchObject({ available: 0, debt: 30 });
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, programId, customer.id);
      await accrue(tx, main, { amount: 50, at, reason: "purchase", activation: { kind: "immediate" }, expiresAt: null });
    });
    expect(await balances(customer.id)).toMatchObject({ available: 20, debt: 0 });
    await assertInvariants(customer.id);
  });

  it("points released from a hold repay a debt that a return left meanwhile (found by the property test)", async () => {
    const customer = await makeCustomer(db, programId);
    const at = T0;
    let holdId = "";
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, programId, customer.id);
      await accrue(tx, main, { amount: 10, at, reason: "purchase", purchaseId: "rcp_other", activation: { kind: "immediate" }, expiresAt: null });
      holdId = await hold(tx, main, { amount: 10, at, expiresAt: new Date(at.getTime() + DAY) });
      await reclaimPoints(tx, main, { amount: 4, at, purchaseId: "rcp_returned", reason: "return" });
    });
    expect(await balances(customer.id)).toMatchObject({ available: 0, held: 10, debt: 4 });
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, programId, customer.id);
      await releaseHold(tx, main, holdId, at);
    });
    expect(await balances(customer.id)).toMatchObject({ available: 6, held: 0, debt: 0 });
    await assertInvariants(customer.id);
  });

  it("the database itself refuses a negative balance and any change to an entry", async () => {
    const customer = await makeCustomer(db, programId);
    await db.$transaction(async (tx) => void (await lockAccounts(tx, programId, customer.id)));
    await expect(db.$executeRaw`update "Account" set available = -1 where "customerId" = ${customer.id}`).rejects.toThrow(/Account_available_nonneg/);
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, programId, customer.id);
      await accrue(tx, main, { amount: 10, at: T0, reason: "purchase", activation: { kind: "immediate" }, expiresAt: null });
    });
    await expect(db.$executeRaw`update "LedgerEntry" set "deltaAvailable" = 1000 where "accountId" in (select id from "Account" where "customerId" = ${customer.id})`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`delete from "LedgerEntry" where "accountId" in (select id from "Account" where "customerId" = ${customer.id})`).rejects.toThrow(/append-only/);
  });
});

describe("ledger concurrency (real database)", () => {
  it("50 parallel spends far above the balance: exactly the affordable ones succeed", async () => {
    const customer = await makeCustomer(db, programId);
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, programId, customer.id);
      await accrue(tx, main, { amount: 1000, at: T0, reason: "purchase", activation: { kind: "immediate" }, expiresAt: null });
      await accrue(tx, main, { amount: 37, at: T0, reason: "purchase", activation: { kind: "immediate" }, expiresAt: new Date(T0.getTime() + 365 * DAY) });
    });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        db.$transaction(
          async (tx) => {
            const { main } = await lockAccounts(tx, programId, customer.id);
            await spend(tx, main, { amount: 100, at: T0, reason: "purchase" });
          },
          { timeout: 30_000, maxWait: 30_000 },
        ),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const refused = results.filter((r) => r.status === "rejected" && (r.reason as AppError).code === "insufficient_points").length;
    expect(ok).toBe(10);
    expect(refused).toBe(40);
    expect(await balances(customer.id)).toMatchObject({ available: 37, held: 0 });
    await assertInvariants(customer.id);
    expect((await checkLedger(db, { programId })).discrepancies).toEqual([]);
  }, 120_000);
});
