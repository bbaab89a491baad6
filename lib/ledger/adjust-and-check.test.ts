// Manual adjustments (audited, never below zero) and the reconciliation catching corrupted data.
// The corruption runs in a scratch database: the shared test database must stay clean.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { scratchDatabase, testDb } from "@/test/db";
import { makeCustomer, makeProgram } from "@/test/factories";
import { adjustPoints } from "./adjust";
import { checkLedger } from "./check-ledger";
import { accrue, lockAccounts, reclaimPoints, refundPoints, spend } from "./index";

const db = testDb();
let programId: string;
const staffUserId = "stf_support";
const T0 = new Date("2026-05-01T10:00:00Z");

beforeAll(async () => {
  programId = (await makeProgram(db)).id;
});
afterAll(async () => {
  await db.$disconnect();
});

describe("adjustPoints", () => {
  it("adds a lot, takes points back, audits both with the balances before and after", async () => {
    const c = await makeCustomer(db, programId);
    const plus = await adjustPoints(db, { customerId: c.id, account: "main", points: 500, reason: "Lost receipt, goodwill", staffUserId, at: T0, expiresAt: new Date("2027-05-01T00:00:00Z") });
    expect(plus.before).toEqual({ available: 0, held: 0, pending: 0, debt: 0 });
    expect(plus.after).toEqual({ available: 500, held: 0, pending: 0, debt: 0 });
    const lot = await db.lot.findFirstOrThrow({ where: { accountId: plus.accountId } });
    expect(lot).toMatchObject({ amount: 500, remaining: 500 });
    expect(lot.expiresAt?.toISOString()).toBe("2027-05-01T00:00:00.000Z");
    const minus = await adjustPoints(db, { customerId: c.id, account: "main", points: -120, reason: "Double accrual", staffUserId, at: T0 });
    expect(minus.after.available).toBe(380);
    const entries = await db.ledgerEntry.findMany({ where: { accountId: plus.accountId }, orderBy: { deltaAvailable: "desc" } });
    expect(entries.map((e) => [e.type, e.deltaAvailable, e.staffUserId, e.note])).toEqual([
      ["adjustment", 500, staffUserId, "Lost receipt, goodwill"],
      ["adjustment", -120, staffUserId, "Double accrual"],
    ]);
    const audit = await db.auditLog.findMany({ where: { entityId: plus.accountId, action: "points.adjust" }, orderBy: { id: "asc" } });
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ actorType: "staff", actorId: staffUserId, reason: "Double accrual", before: { available: 500 }, after: { available: 380, points: -120 } });
  });

  it("the promo account is separate", async () => {
    const c = await makeCustomer(db, programId);
    await adjustPoints(db, { customerId: c.id, account: "promo", points: 50, reason: "Promo code fix", staffUserId, at: T0 });
    const accs = await db.account.findMany({ where: { customerId: c.id }, orderBy: { kind: "asc" } });
    expect(accs.map((a) => [a.kind, a.available])).toEqual([
      ["main", 0],
      ["promo", 50],
    ]);
  });

  it("refuses to go below zero and writes nothing", async () => {
    const c = await makeCustomer(db, programId);
    await adjustPoints(db, { customerId: c.id, account: "main", points: 30, reason: "x", staffUserId, at: T0 });
    const err = await adjustPoints(db, { customerId: c.id, account: "main", points: -31, reason: "too much", staffUserId, at: T0 }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("insufficient_points");
    expect(await db.ledgerEntry.count({ where: { account: { customerId: c.id } } })).toBe(1);
    expect(await db.auditLog.count({ where: { reason: "too much" } })).toBe(0);
  });

  it("validates: non-zero integer, a reason, a known customer", async () => {
    const c = await makeCustomer(db, programId);
    const bad = async (over: Partial<Parameters<typeof adjustPoints>[1]>) =>
      adjustPoints(db, { customerId: c.id, account: "main", points: 10, reason: "ok", staffUserId, ...over }).catch((e: AppError) => [e.code, e.details?.map((d) => d.path)]);
    expect(await bad({ points: 0 })).toEqual(["invalid_request", ["points"]]);
    expect(await bad({ points: 1.5 })).toEqual(["invalid_request", ["points"]]);
    expect(await bad({ reason: "  " })).toEqual(["invalid_request", ["reason"]]);
    expect(await bad({ customerId: "cus_missing" })).toEqual(["customer_not_found", undefined]);
  });

  it("repays debt first when adding points", async () => {
    const c = await makeCustomer(db, programId);
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, programId, c.id);
      await reclaimPoints(tx, main, { amount: 40, at: T0, purchaseId: "rcp_gone", reason: "return" });
    });
    const r = await adjustPoints(db, { customerId: c.id, account: "main", points: 100, reason: "goodwill", staffUserId, at: T0 });
    expect(r.after).toMatchObject({ available: 60, debt: 0 });
  });
});

describe("ledger:check catches corrupted data", () => {
  it("reports a tampered balance and receipts whose points do not match their entries (net of returns); the script exits 1", async () => {
    const scratch = await scratchDatabase();
    await migrate(scratch.url);
    const sdb = createDb(scratch.url);
    try {
      const program = await makeProgram(sdb);
      const c = await makeCustomer(sdb, program.id);
      const purchase = (id: string, earned: number, redeemed: number, status: "committed" | "held" | "voided" = "committed") =>
        sdb.purchase.create({
          data: {
            id,
            programId: program.id,
            storeId: "sto_x",
            customerId: c.id,
            number: id,
            at: T0,
            status,
            programVersionId: "pvr_x",
            amount: 100_000,
            pointsEarned: earned,
            pointsRedeemed: redeemed,
            payable: 100_000 - redeemed * 100,
          },
        });
      await purchase("rcp_a", 300, 0);
      await purchase("rcp_b", 50, 100);
      await sdb.$transaction(async (tx) => {
        const { main } = await lockAccounts(tx, program.id, c.id);
        await accrue(tx, main, { amount: 300, at: T0, reason: "purchase", purchaseId: "rcp_a", activation: { kind: "immediate" }, expiresAt: null });
        await spend(tx, main, { amount: 100, at: T0, reason: "purchase", purchaseId: "rcp_b" });
        await accrue(tx, main, { amount: 50, at: T0, reason: "purchase", purchaseId: "rcp_b", activation: { kind: "immediate" }, expiresAt: null });
        // A partial return of rcp_b: 40 spent points back, 20 earned points taken back.
        const returnId = createId("ret");
        await tx.purchaseReturn.create({
          data: {
            id: returnId,
            programId: program.id,
            customerId: c.id,
            purchaseId: "rcp_b",
            purchaseAt: T0,
            number: "RET-1",
            at: T0,
            amount: 40_000,
            pointsRefunded: 40,
            pointsReclaimed: 20,
            lines: [],
          },
        });
        await refundPoints(tx, main, { amount: 40, at: T0, purchaseId: "rcp_b", returnId, fallbackExpiresAt: null, reason: "return" });
        await reclaimPoints(tx, main, { amount: 20, at: T0, purchaseId: "rcp_b", returnId, reason: "return" });
      });
      expect((await checkLedger(sdb)).discrepancies).toEqual([]);

      // Corrupt: a cached balance, a receipt's earned points, a return's refunded points.
      await sdb.$executeRaw`update "Account" set available = available + 7 where "customerId" = ${c.id} and kind = 'main'`;
      await sdb.$executeRaw`update "Purchase" set "pointsEarned" = 310 where id = 'rcp_a'`;
      await sdb.$executeRaw`update "PurchaseReturn" set "pointsRefunded" = 30 where number = 'RET-1'`;
      // The database compares by status (check-ledger.ts RECEIPTS_WRONG): a held receipt whose points
      // were never held, and a voided receipt that kept an accrual.
      await purchase("rcp_held", 0, 25, "held");
      await purchase("rcp_void", 0, 0, "voided");
      await sdb.$transaction(async (tx) => {
        const { main } = await lockAccounts(tx, program.id, c.id);
        await accrue(tx, main, { amount: 30, at: T0, reason: "purchase", purchaseId: "rcp_void", activation: { kind: "immediate" }, expiresAt: null });
      });
      const receipts = (await checkLedger(sdb)).discrepancies.filter((d) => d.kind === "receipt≠entries");
      expect(receipts.map((d) => d.id).sort()).toEqual(["rcp_a", "rcp_held", "rcp_void"]);
      expect(receipts.find((d) => d.id === "rcp_held")?.detail).toBe("held receipt: redeemed 25, hold entries 0, accruals 0");
      expect(receipts.find((d) => d.id === "rcp_void")?.detail).toBe("voided receipt: accrued 30, spent 0, held 0, released 0");
      const kinds = (await checkLedger(sdb)).discrepancies.map((d) => `${d.kind} ${d.kind.startsWith("receipt") || d.kind.startsWith("return") ? d.id.slice(0, 3) : ""}`.trim());
      expect(kinds).toEqual(expect.arrayContaining(["balance≠entries", "balance≠lots", "receipt≠entries rcp", "receipt-net≠entries rcp", "return≠entries ret"]));
      const net = (await checkLedger(sdb)).discrepancies
        .filter((d) => d.kind === "receipt-net≠entries")
        .map((d) => d.id)
        .sort();
      expect(net).toEqual(["rcp_a", "rcp_b"]);

      const run = await promisify(execFile)("npx", ["tsx", "scripts/ledger-check.ts"], { env: { ...process.env, DATABASE_URL: scratch.url } }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
      expect(run.code).toBe(1);
      expect(run.out).toMatch(/receipt-net≠entries\s+rcp_a\s+net of returns: earned 310 vs entries 300/);
      expect(run.out).toMatch(/balance≠entries/);
      expect(run.out).toMatch(/discrepancies/);
    } finally {
      await sdb.$disconnect();
      await scratch.drop();
    }
  }, 120_000);
});
