// The legacy import on a real PostgreSQL: balances equal legacy_balance (no lots, lots summing to
// less, lots summing to more), the ledger reconciles, history counts toward statuses and earns no
// points, customers are matched by phone, a rerun changes nothing, bad rows are located by file,
// line and column with nothing written, and --skip-bad-rows imports the rest.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { activityMismatches } from "@/lib/segments/activity";
import { runImport } from "@/lib/import/run";
import { applyProgram } from "@/lib/program/apply-program";
import { clearProgramCache } from "@/lib/program/in-force";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { testDatabaseUrl, testDb } from "@/test/db";
import { makeCustomer, uniq } from "@/test/factories";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/legacy");
const NOW = new Date("2025-06-15T09:00:00Z");
const T0 = new Date("2018-01-01T00:00:00Z");

async function newProgram(name: "sportswear-retailer" | "football-club" = "sportswear-retailer") {
  clearProgramCache();
  const json = { ...(referenceProgramJson(name) as Record<string, unknown>), code: uniq("legacy") };
  return (await applyProgram(testDb(), json, { now: T0 })).programId;
}

const reports = () => mkdtempSync(path.join(tmpdir(), "tribune-import-"));

function importDir(programId: string, dir: string, extra: { dryRun?: boolean; skipBadRows?: boolean; recomputeTiers?: boolean } = {}) {
  return runImport(testDb(), { databaseUrl: testDatabaseUrl(), programId, dir: path.join(FIXTURES, dir), reportDir: reports(), now: NOW, ...extra });
}

async function balances(programId: string) {
  const rows = await testDb().account.findMany({ where: { programId }, select: { kind: true, available: true, held: true, customer: { select: { externalId: true } } } });
  const out: Record<string, number> = {};
  for (const r of rows) out[`${r.customer.externalId}/${r.kind}`] = r.available + r.held;
  return out;
}

async function snapshot(programId: string) {
  const db = testDb();
  const customers = { programId };
  const accounts = { account: { programId } };
  return {
    customers: await db.customer.count({ where: customers }),
    cards: await db.card.count({ where: customers }),
    accounts: await db.account.count({ where: customers }),
    lots: await db.lot.findMany({ where: accounts, select: { id: true, amount: true, remaining: true, expiresAt: true }, orderBy: { id: "asc" } }),
    entries: await db.ledgerEntry.count({ where: accounts }),
    purchases: await db.purchase.count({ where: customers }),
    returns: await db.purchaseReturn.count({ where: { purchase: customers } }),
    metrics: await db.tierMetric.findMany({ where: customers, select: { customerId: true, periodKey: true, spend: true, purchases: true }, orderBy: [{ customerId: "asc" }, { periodKey: "asc" }] }),
    tiers: await db.customerTier.findMany({ where: customers, orderBy: { customerId: "asc" } }),
    tierChanges: await db.tierChange.count({ where: customers }),
    achievements: await db.achievement.count({ where: customers }),
    balances: await balances(programId),
  };
}

describe("legacy import (basic files)", () => {
  let programId = "";
  let existingId = "";
  beforeAll(async () => {
    programId = await newProgram();
    existingId = (await makeCustomer(testDb(), programId, { phone: "+79160000004", firstName: "Gleb" })).id;
  });

  it("a dry run reconciles and writes nothing", async () => {
    const r = await importDir(programId, "basic", { dryRun: true });
    expect(r.badRows).toBe(0);
    expect(r.written).toBe(false);
    expect(r.reconciliation).toMatchObject({ customers: 5, legacyBalance: 920, importedBalance: 920, differing: 0 });
    expect(await testDb().customer.count({ where: { programId } })).toBe(1);
    expect(await testDb().lot.count({ where: { account: { programId } } })).toBe(0);
  });

  it("every main balance equals legacy_balance: opening-balance lot, oldest-first trimming, no lots", async () => {
    const r = await importDir(programId, "basic");
    expect(r.written).toBe(true);
    expect(r.counts).toMatchObject({ customersCreated: 4, customersMatchedByPhone: 1, receipts: 3, returns: 1, achievements: 3, openingLots: 2, promoPoints: 70 });
    expect(await balances(programId)).toEqual({
      "L001/main": 500,
      "L001/promo": 0,
      "L002/main": 300,
      "L002/promo": 0,
      "L003/main": 120,
      "L003/promo": 0,
      "L004/main": 0,
      "L004/promo": 0,
      "L005/main": 0,
      "L005/promo": 70,
    });
    // L001: lots 200 + 100 and an opening lot of 200; L002: the oldest lot (250) whole, then 50 of the next.
    const lotsOf = async (ext: string) =>
      (await testDb().lot.findMany({ where: { account: { kind: "main", customer: { programId, externalId: ext } } }, orderBy: { createdAt: "asc" } })).map((l) => [
        l.amount,
        l.remaining,
        l.expiresAt?.toISOString() ?? null,
      ]);
    expect(await lotsOf("L001")).toEqual([
      [200, 200, "2027-01-09T21:00:00.000Z"],
      [100, 100, null],
      [200, 200, null],
    ]);
    expect(await lotsOf("L002")).toEqual([
      [250, 250, "2026-11-30T21:00:00.000Z"],
      [50, 50, "2027-01-31T21:00:00.000Z"],
    ]);
    expect(await lotsOf("L003")).toEqual([[120, 120, null]]);
    expect((await checkLedger(testDb(), { programId })).discrepancies).toEqual([]);
    expect(await activityMismatches(testDb(), programId)).toEqual([]);

    const csv = readFileSync(r.reconciliationPath!, "utf8").trim().split("\r\n");
    expect(csv[0]).toBe("external_id,legacy_balance,imported_balance,difference,note");
    expect(csv.slice(1).map((l) => l.split(",").slice(0, 4).join(","))).toEqual(["L001,500,500,0", "L002,300,300,0", "L003,120,120,0", "L004,0,0,0", "L005,0,0,0"]);
    expect(csv[1]).toContain("opening balance lot 200");
    expect(csv[2]).toContain("50 points of the newest lots not imported");
    expect(csv[4]).toContain("matched by phone");
  });

  it("matches an existing customer by phone and keeps them", async () => {
    const c = await testDb().customer.findUniqueOrThrow({ where: { id: existingId } });
    expect(c.externalId).toBe("L004");
    expect(c.firstName).toBe("Gleb");
    const l003 = await testDb().customer.findFirstOrThrow({ where: { programId, externalId: "L003" } });
    expect(l003.lastName).toBe("Line\nBreak");
    const l002 = await testDb().customer.findFirstOrThrow({ where: { programId, externalId: "L002" } });
    expect([l002.phone, l002.lastName, l002.emailConsent, l002.smsConsent]).toEqual(["+79160000002", "Smirnov, Jr.", true, false]);
  });

  it("history counts toward the status in its own period and earns no points", async () => {
    const l001 = await testDb().customer.findFirstOrThrow({ where: { programId, externalId: "L001" }, include: { tier: true, metrics: true, purchases: true } });
    expect(l001.purchases.map((p) => [p.number, p.pointsEarned, p.pointsRedeemed, p.periodKey])).toEqual(
      expect.arrayContaining([
        ["A-1", 0, 0, "lifetime"],
        ["A-2", 0, 0, "lifetime"],
      ]),
    );
    expect(l001.metrics.map((m) => [m.periodKey, Number(m.spend), m.purchases])).toEqual([["lifetime", 8_000_000, 2]]);
    // Legacy bronze, but 80 000 ₽ of history qualifies for gold.
    expect(l001.tier?.tierCode).toBe("gold");
    // No entry of the ledger points at a history receipt: it earned nothing.
    expect(await testDb().ledgerEntry.count({ where: { purchaseId: { in: l001.purchases.map((p) => p.id) } } })).toBe(0);
    // Legacy silver holds although 5 000 ₽ of history earns only the entry status.
    const l002 = await testDb().customer.findFirstOrThrow({ where: { programId, externalId: "L002" }, include: { tier: true } });
    expect(l002.tier?.tierCode).toBe("silver");
    const achievements = await testDb().achievement.findMany({ where: { customer: { programId, externalId: "L003" } }, orderBy: { code: "asc" } });
    expect(achievements.map((a) => [a.code, a.title, a.source])).toEqual([
      ["club-10", "10 years in the club", "legacy-import"],
      ["marathon", 'Ran the "Spring" marathon', "legacy-import"],
    ]);
  });

  it("a rerun of the same files changes nothing", async () => {
    const before = await snapshot(programId);
    const r = await importDir(programId, "basic");
    expect(r.written).toBe(true);
    expect(r.counts).toMatchObject({ customersCreated: 0, customersAlreadyImported: 5, lots: 0, openingLots: 0, receipts: 0, returns: 0, achievements: 0 });
    expect(await snapshot(programId)).toEqual(before);
    expect(r.reconciliation).toMatchObject({ customers: 5, legacyBalance: 920, importedBalance: 920, differing: 0 });
    expect((await checkLedger(testDb(), { programId })).discrepancies).toEqual([]);
    expect(await activityMismatches(testDb(), programId)).toEqual([]);
  });

  it("--recompute-tiers reports the legacy status against the one history earns, and applies it", async () => {
    const r = await importDir(programId, "basic", { recomputeTiers: true, dryRun: true });
    expect(r.tiers?.matrix).toEqual({ bronze: { gold: 1 }, silver: { participant: 1 }, participant: { participant: 3 } });
    const lines = readFileSync(r.tiersPath!, "utf8").trim().split("\r\n");
    expect(lines).toContain("L002,silver,participant,participant");
    // A dry run: L002 still silver.
    expect((await testDb().customerTier.findFirstOrThrow({ where: { customer: { programId, externalId: "L002" } } })).tierCode).toBe("silver");
    // Applied when asked: the history alone decides.
    const applied = await importDir(programId, "basic", { recomputeTiers: true });
    expect(applied.written).toBe(true);
    const l002 = await testDb().customerTier.findFirstOrThrow({ where: { customer: { programId, externalId: "L002" } } });
    expect([l002.tierCode, l002.manualTierCode]).toEqual(["participant", null]);
    expect((await testDb().customerTier.findFirstOrThrow({ where: { customer: { programId, externalId: "L001" } } })).tierCode).toBe("gold");
    expect(await balances(programId)).toMatchObject({ "L001/main": 500, "L002/main": 300, "L003/main": 120 });
  });
});

describe("legacy import (bad rows)", () => {
  let programId = "";
  beforeAll(async () => {
    programId = await newProgram();
  });

  it("lists every bad row by file, line and column, and writes nothing", async () => {
    const r = await importDir(programId, "bad");
    expect(r.written).toBe(false);
    expect(r.counts).toBeNull();
    expect(r.firstBadRows.map((b) => [b.file, b.line, b.column])).toEqual([
      ["customers.csv", 3, "phone"],
      ["customers.csv", 4, "legacy_balance"],
      ["customers.csv", 5, "external_id"],
      ["points.csv", 3, "external_id"],
      ["points.csv", 4, "external_id"],
      ["points.csv", 5, "expires_at"],
      ["history.csv", 2, "store"],
      ["history.csv", 4, "receipt_number"],
    ]);
    expect(r.firstBadRows[2].reason).toBe("external_id appears again (first on line 2)");
    expect(r.firstBadRows[4].reason).toBe("the customer's row is bad (customers.csv line 3)");
    expect(readFileSync(r.badRowsPath!, "utf8")).toContain('customers.csv,3,phone,"""not-a-phone"" is not a phone number"');
    expect(await testDb().customer.count({ where: { programId } })).toBe(0);
    expect(await testDb().purchase.count({ where: { programId } })).toBe(0);
  });

  it("a bad row in history.csv alone still writes nothing (customers are written first, in the transaction that stages and checks every file)", async () => {
    const pid = await newProgram();
    const dir = mkdtempSync(path.join(tmpdir(), "tribune-legacy-late-bad-"));
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path.join(dir, "customers.csv"), "external_id,phone,legacy_balance\nB1,+79160000001,100\nB2,+79160000002,0\n");
    writeFileSync(path.join(dir, "points.csv"), "external_id,points,earned_at\nB1,60,2024-01-01\n");
    writeFileSync(path.join(dir, "history.csv"), "external_id,receipt_number,store,at,amount\nB1,H-1,msk-01,2025-03-02,1000\nB2,H-2,msk-01,2025-03-02,-5\n");
    writeFileSync(path.join(dir, "achievements.csv"), "external_id,code,name,achieved_at\nB9,club,Club,2024-01-01\n");
    const r = await runImport(testDb(), { databaseUrl: testDatabaseUrl(), programId: pid, dir, reportDir: reports(), now: NOW });
    expect(r.written).toBe(false);
    expect(r.counts).toBeNull();
    expect(r.rows).toEqual({ "customers.csv": 2, "points.csv": 1, "history.csv": 2, "achievements.csv": 1 });
    expect(r.firstBadRows.map((b) => [b.file, b.line, b.column])).toEqual([
      ["history.csv", 3, "amount"],
      ["achievements.csv", 2, "external_id"],
    ]);
    const db = testDb();
    expect(await db.customer.count({ where: { programId: pid } })).toBe(0);
    expect(await db.account.count({ where: { programId: pid } })).toBe(0);
    expect(await db.lot.count({ where: { programId: pid } })).toBe(0);
    expect(await db.purchase.count({ where: { programId: pid } })).toBe(0);
    // The same files with the bad rows skipped: everything else goes in.
    const skipped = await runImport(testDb(), { databaseUrl: testDatabaseUrl(), programId: pid, dir, reportDir: reports(), now: NOW, skipBadRows: true });
    expect(skipped.written).toBe(true);
    expect(await balances(pid)).toEqual({ "B1/main": 100, "B1/promo": 0, "B2/main": 0, "B2/promo": 0 });
    expect(await db.purchase.count({ where: { programId: pid } })).toBe(1);
    expect((await checkLedger(db, { programId: pid })).discrepancies).toEqual([]);
    expect(await activityMismatches(db, pid)).toEqual([]);
  });

  it("--skip-bad-rows imports the rest", async () => {
    const r = await importDir(programId, "bad", { skipBadRows: true });
    expect(r.written).toBe(true);
    expect(r.badRows).toBe(8);
    expect(await balances(programId)).toEqual({ "M001/main": 150, "M001/promo": 0, "M004/main": 40, "M004/promo": 0 });
    expect(await testDb().purchase.count({ where: { programId } })).toBe(1);
    expect(await testDb().achievement.count({ where: { customer: { programId } } })).toBe(1);
    expect((await testDb().customerTier.findFirstOrThrow({ where: { customer: { programId, externalId: "M004" } } })).tierCode).toBe("gold");
    expect((await checkLedger(testDb(), { programId })).discrepancies).toEqual([]);
    expect(await activityMismatches(testDb(), programId)).toEqual([]);
  });
});

describe("legacy import (seasons)", () => {
  it("an imported status holds until the end of the current season unless history qualifies higher", async () => {
    const programId = await newProgram("football-club");
    const dir = mkdtempSync(path.join(tmpdir(), "tribune-legacy-season-"));
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path.join(dir, "customers.csv"), "external_id,phone,tier,legacy_balance\nS1,+79180000001,ultra,0\nS2,+79180000002,regular,0\n");
    // S2 spent 20 000 ₽ this season (from 2024-07-01) and 2 000 ₽ in the last one.
    writeFileSync(path.join(dir, "history.csv"), "external_id,receipt_number,store,at,amount\nS2,R1,stadium-shop,2025-03-01,2000000\nS2,R0,stadium-shop,2024-05-01,200000\n");
    const r = await runImport(testDb(), { databaseUrl: testDatabaseUrl(), programId, dir, now: NOW });
    expect(r.written).toBe(true);
    const tiers = await testDb().customerTier.findMany({ where: { programId }, include: { customer: { select: { externalId: true } } } });
    const byExt = Object.fromEntries(tiers.map((t) => [t.customer.externalId, [t.tierCode, t.carriedTierCode, t.periodKey]]));
    // S1 keeps ultra through the season (carried); S2's legacy "regular" is carried, its history qualifies no higher (visits count too).
    expect(byExt.S1).toEqual(["ultra", "ultra", "2024/25"]);
    expect(byExt.S2[1]).toBe("regular");
    const metrics = await testDb().tierMetric.findMany({ where: { programId }, orderBy: { periodKey: "asc" } });
    expect(metrics.map((m) => [m.periodKey, Number(m.spend)])).toEqual([
      ["2023/24", 200_000],
      ["2024/25", 2_000_000],
    ]);
  });
});

describe("legacy import (text travels intact)", () => {
  it("backslashes, tabs, quotes and line breaks in values arrive as they were in the file", async () => {
    const programId = await newProgram();
    const dir = mkdtempSync(path.join(tmpdir(), "tribune-legacy-text-"));
    const { writeFileSync } = await import("node:fs");
    // Staging goes through COPY's text format, where \, tab and line breaks are special.
    writeFileSync(path.join(dir, "customers.csv"), 'external_id,phone,first_name,last_name,legacy_balance\nT\\1,+79170000001,"Ann\ta","O""Brien\nSmith",10\nT\\N,+79170000002,\\N,back\\slash\\,5\n');
    writeFileSync(path.join(dir, "points.csv"), "external_id,points,earned_at\nT\\1,10,2024-01-01\nT\\N,3,2024-01-01\n");
    const r = await runImport(testDb(), { databaseUrl: testDatabaseUrl(), programId, dir, reportDir: reports(), now: NOW });
    expect(r.badRows).toBe(0);
    expect(r.written).toBe(true);
    const rows = await testDb().customer.findMany({ where: { programId }, select: { externalId: true, firstName: true, lastName: true }, orderBy: { phone: "asc" } });
    expect(rows).toEqual([
      { externalId: "T\\1", firstName: "Ann\ta", lastName: 'O"Brien\nSmith' },
      { externalId: "T\\N", firstName: "\\N", lastName: "back\\slash\\" },
    ]);
    expect(await balances(programId)).toEqual({ "T\\1/main": 10, "T\\1/promo": 0, "T\\N/main": 5, "T\\N/promo": 0 });
    expect((await checkLedger(testDb(), { programId })).discrepancies).toEqual([]);
  });
});

describe("legacy import (activity summary)", () => {
  it("adds the history to a customer's existing activity summary exactly, and a rerun adds nothing", async () => {
    const programId = await newProgram();
    const db = testDb();
    const store = await db.store.findFirstOrThrow({ where: { programId, code: "msk-01" } });
    const existing = await makeCustomer(db, programId, { phone: "+79190000001" });
    // A receipt from the till before the import: the trigger puts it in the summary.
    await db.$executeRawUnsafe(
      `insert into "Purchase" (id, "programId", "storeId", "customerId", number, at, status, "programVersionId", amount, discount, payable)
       values ($1, $2, $3, $4, 'till-1', '2025-03-20T10:00:00Z', 'committed', 'pvr_x', 70000, 5000, 65000)`,
      uniq("rcp"),
      programId,
      store.id,
      existing.id,
    );
    const dir = mkdtempSync(path.join(tmpdir(), "tribune-legacy-activity-"));
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path.join(dir, "customers.csv"), "external_id,phone,legacy_balance\nA1,+79190000001,0\nA2,+79190000002,0\n");
    // A1: one receipt in the month of the till's (added to its row), one in an earlier month, a return; A2: new.
    writeFileSync(
      path.join(dir, "history.csv"),
      "external_id,receipt_number,store,at,amount,kind\nA1,H-1,msk-01,2025-03-02T12:00:00Z,100000,purchase\nA1,H-2,msk-01,2025-01-31T23:30:00Z,50000,purchase\n" +
        "A1,H-1,msk-01,2025-03-05,40000,return\nA2,H-3,msk-01,2025-02-01,30000,purchase\n",
    );
    const run = () => runImport(db, { databaseUrl: testDatabaseUrl(), programId, dir, reportDir: reports(), now: NOW });
    expect((await run()).counts).toMatchObject({ customersMatchedByPhone: 1, receipts: 3, returns: 1 });
    expect(await activityMismatches(db, programId)).toEqual([]);
    const activity = async () =>
      (await db.customerActivity.findMany({ where: { programId }, orderBy: { customerId: "asc" } })).map((a) => [a.customerId, a.receipts, Number(a.spend), a.lastPurchaseAt?.toISOString()]);
    const after = await activity();
    expect(after).toContainEqual([existing.id, 3, 65000 + 100000 + 50000, "2025-03-20T10:00:00.000Z"]);
    const months = await db.customerActivityMonth.findMany({ where: { customerId: existing.id }, orderBy: { month: "asc" } });
    expect(months.map((m) => [m.month.toISOString().slice(0, 10), m.receipts, Number(m.spend)])).toEqual([
      ["2025-01-01", 1, 50000],
      ["2025-03-01", 2, 165000],
    ]);
    // A receipt from the till afterwards: still exact.
    await db.$executeRawUnsafe(
      `insert into "Purchase" (id, "programId", "storeId", "customerId", number, at, status, "programVersionId", amount, discount, payable)
       values ($1, $2, $3, $4, 'till-2', '2025-04-01T10:00:00Z', 'committed', 'pvr_x', 1000, 0, 1000)`,
      uniq("rcp"),
      programId,
      store.id,
      existing.id,
    );
    expect(await activityMismatches(db, programId)).toEqual([]);
    expect((await run()).counts).toMatchObject({ receipts: 0, returns: 0 });
    expect(await activityMismatches(db, programId)).toEqual([]);
  });
});
