// Crash safety of the legacy import (lib/import/run.ts): the customers are committed first, then the
// ledger and the history each in its own transaction on its own connection. A run stopped at any
// step after the customers' commit, then run again with the same files, ends exactly where an
// uninterrupted run ends: balances, lots, entries, receipts, returns, status metrics, statuses and
// achievements, a clean ledger check and activity summary, a reconciliation without differences. A
// third run changes nothing. The run's staging schema is dropped, and a dead run's is swept.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runImport, type ImportStep } from "@/lib/import/run";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { applyProgram } from "@/lib/program/apply-program";
import { clearProgramCache } from "@/lib/program/in-force";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { activityMismatches } from "@/lib/segments/activity";
import { testDatabaseUrl, testDb } from "@/test/db";
import { makeCustomer, uniq } from "@/test/factories";

const NOW = new Date("2025-06-15T09:00:00Z");
const T0 = new Date("2018-01-01T00:00:00Z");

async function newProgram() {
  clearProgramCache();
  const json = { ...(referenceProgramJson("sportswear-retailer") as Record<string, unknown>), code: uniq("crash") };
  return (await applyProgram(testDb(), json, { now: T0 })).programId;
}

/**
 * The same legacy files for every program of this test (card numbers are unique across programs,
 * so each set gets its own): lots summing to less and to more than the balance, promo lots, no lots;
 * receipts in two periods' worth of dates, a return, achievements; C4 is a customer already there.
 */
function legacyFiles(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tribune-import-crash-"));
  const card = () => `77${String(Math.floor(Math.random() * 1e11)).padStart(11, "0")}`;
  writeFileSync(
    path.join(dir, "customers.csv"),
    "external_id,phone,first_name,card_number,tier,tier_since,legacy_balance\n" +
      `C1,+79210000001,Anna,${card()},bronze,2024-05-01,500\n` +
      `C2,+79210000002,Boris,${card()},silver,2025-01-01,300\n` +
      `C3,+79210000003,Vera,,,,120\n` +
      `C4,+79210000004,Gleb,,,,40\n` +
      `C5,+79210000005,Daria,${card()},,,0\n`,
  );
  writeFileSync(
    path.join(dir, "points.csv"),
    "external_id,points,earned_at,expires_at,account\n" +
      "C1,200,2024-01-10,2027-01-10,main\nC1,100,2024-02-01,,main\n" +
      "C2,250,2023-12-01,2026-12-01,main\nC2,100,2024-02-01,2027-02-01,main\n" +
      "C4,40,2024-03-01,,main\nC5,70,2024-04-01,,promo\n",
  );
  writeFileSync(
    path.join(dir, "history.csv"),
    "external_id,receipt_number,store,at,amount,kind\n" +
      "C1,K-1,msk-01,2024-05-02T10:00:00Z,5000000,purchase\nC1,K-2,msk-01,2025-03-02T10:00:00Z,3000000,purchase\n" +
      "C2,K-3,msk-01,2025-02-01,500000,purchase\nC2,K-3,msk-01,2025-02-10,100000,return\n" +
      "C4,K-4,msk-01,2025-04-01,70000,purchase\n",
  );
  writeFileSync(path.join(dir, "achievements.csv"), "external_id,code,name,achieved_at\nC1,club-5,5 years in the club,2024-01-01\nC3,marathon,Marathon,2023-05-01\n");
  return dir;
}

async function setUp() {
  const programId = await newProgram();
  await makeCustomer(testDb(), programId, { phone: "+79210000004", firstName: "Gleb" });
  return { programId, dir: legacyFiles() };
}

const run = (programId: string, dir: string, interrupt?: (step: ImportStep) => void) =>
  runImport(testDb(), { databaseUrl: testDatabaseUrl(), programId, dir, reportDir: mkdtempSync(path.join(tmpdir(), "tribune-import-crash-reports-")), now: NOW, interrupt });

/** Everything the import writes, by external_id (ids differ from program to program). */
async function state(programId: string) {
  const db = testDb();
  const ext = (c: { externalId: string | null } | null) => c?.externalId ?? null;
  const customer = { select: { externalId: true } };
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    customers: sorted((await db.customer.findMany({ where: { programId }, select: { externalId: true, phone: true, firstName: true, importedAt: true } })).map((c) => c)),
    cards: (await db.card.findMany({ where: { programId }, select: { customer } })).map((c) => ext(c.customer)).sort(),
    balances: sorted((await db.account.findMany({ where: { programId }, select: { kind: true, available: true, held: true, customer } })).map((a) => [ext(a.customer), a.kind, a.available, a.held])),
    lots: sorted(
      (await db.lot.findMany({ where: { programId }, select: { amount: true, remaining: true, expiresAt: true, availableAt: true, account: { select: { kind: true, customer } } } })).map((l) => [
        ext(l.account.customer),
        l.account.kind,
        l.amount,
        l.remaining,
        l.expiresAt,
        l.availableAt,
      ]),
    ),
    entries: sorted(
      (await db.ledgerEntry.findMany({ where: { programId }, select: { deltaAvailable: true, note: true, refId: true, type: true } })).map((e) => [e.refId, e.type, e.deltaAvailable, e.note]),
    ),
    purchases: sorted(
      (await db.purchase.findMany({ where: { programId }, select: { number: true, amount: true, periodKey: true, customer } })).map((p) => [ext(p.customer), p.number, p.amount, p.periodKey]),
    ),
    returns: sorted((await db.purchaseReturn.findMany({ where: { programId }, select: { amount: true, purchase: { select: { number: true } } } })).map((r) => [r.purchase.number, r.amount])),
    metrics: sorted(
      (await db.tierMetric.findMany({ where: { programId }, select: { periodKey: true, spend: true, purchases: true, customer } })).map((m) => [
        ext(m.customer),
        m.periodKey,
        Number(m.spend),
        m.purchases,
      ]),
    ),
    tiers: sorted(
      (
        await db.customerTier.findMany({
          where: { programId },
          select: { tierCode: true, qualifiedTierCode: true, carriedTierCode: true, manualTierCode: true, manualUntil: true, periodKey: true, since: true, customer },
        })
      ).map(({ customer: c, ...t }) => [ext(c), t]),
    ),
    tierChanges: sorted(
      (await db.tierChange.findMany({ where: { programId }, select: { fromTier: true, toTier: true, reason: true, customer } })).map((t) => [ext(t.customer), t.fromTier, t.toTier, t.reason]),
    ),
    achievements: sorted((await db.achievement.findMany({ where: { programId }, select: { code: true, title: true, customer } })).map((a) => [ext(a.customer), a.code, a.title])),
  };
}

async function clean(programId: string) {
  expect((await checkLedger(testDb(), { programId })).discrepancies).toEqual([]);
  expect(await activityMismatches(testDb(), programId)).toEqual([]);
}

async function runSchemas(): Promise<string[]> {
  const rows = await testDb().$queryRawUnsafe<{ name: string }[]>(`select nspname as name from pg_namespace where nspname like 'legacy\\_import\\_%'`);
  return rows.map((r) => r.name);
}

describe("legacy import: a run stopped after the customers' commit is finished by a rerun", () => {
  let expected: Awaited<ReturnType<typeof state>> | null = null;

  /** The state of an uninterrupted import of the same files (into a program of its own). */
  async function uninterrupted() {
    if (expected) return expected;
    const { programId, dir } = await setUp();
    const r = await run(programId, dir);
    expect(r.written).toBe(true);
    expect(r.badRows).toBe(0);
    expect(r.reconciliation).toMatchObject({ customers: 5, legacyBalance: 960, importedBalance: 960, differing: 0 });
    await clean(programId);
    expected = await state(programId);
    expect(expected.lots.length).toBeGreaterThan(0);
    expect(expected.purchases).toHaveLength(4);
    expect(expected.returns).toHaveLength(1);
    expect(expected.metrics.length).toBeGreaterThan(0);
    expect(expected.achievements).toHaveLength(2);
    return expected;
  }

  const steps: [ImportStep, string][] = [
    ["customers committed", "customers committed, neither the ledger nor the history"],
    ["ledger written", "the ledger written but not committed (both transactions roll back)"],
    ["history written", "the history written but not committed (both transactions roll back)"],
    ["history committed", "the history committed, the ledger and statuses not"],
  ];
  for (const [step, what] of steps) {
    it(`stopped with ${what}: the rerun gives what an uninterrupted run gives`, async () => {
      const want = await uninterrupted();
      const { programId, dir } = await setUp();
      await expect(
        run(programId, dir, (s) => {
          if (s === step) throw new Error(`stopped at ${s}`);
        }),
      ).rejects.toThrow(`stopped at ${step}`);
      const db = testDb();
      // What the stop left behind: the customers, without the mark of an imported ledger.
      expect(await db.customer.count({ where: { programId } })).toBe(5);
      expect(await db.customer.count({ where: { programId, importedAt: { not: null } } })).toBe(0);
      expect(await db.lot.count({ where: { programId } })).toBe(0);
      expect(await db.purchase.count({ where: { programId } })).toBe(step === "history committed" ? 4 : 0);
      await clean(programId);

      const r = await run(programId, dir);
      expect(r.written).toBe(true);
      expect(r.reconciliation).toMatchObject({ customers: 5, legacyBalance: 960, importedBalance: 960, differing: 0, openingBalanceLots: 2 });
      expect(r.counts).toMatchObject({ customersCreated: 0, customersAlreadyImported: 0, lots: 6, receipts: step === "history committed" ? 0 : 4 });
      const got = await state(programId);
      expect(got).toEqual(want);
      await clean(programId);
      // And a third run changes nothing.
      const again = await run(programId, dir);
      expect(again.counts).toMatchObject({ customersAlreadyImported: 5, lots: 0, openingLots: 0, receipts: 0, returns: 0, achievements: 0 });
      expect(await state(programId)).toEqual(want);
      await clean(programId);
    });
  }

  it("drops its staging schema when it stops, and sweeps the schema of a run that died", async () => {
    const { programId, dir } = await setUp();
    // The program's runs' schemas (other programs' imports may run meanwhile).
    const key = (await testDb().$queryRawUnsafe<{ key: number }[]>(`select hashtext('legacy-import:' || $1) as key`, programId))[0].key;
    const prefix = `legacy_import_${(key >>> 0).toString(16)}_`;
    const ours = async () => (await runSchemas()).filter((s) => s.startsWith(prefix));
    await expect(
      run(programId, dir, (s) => {
        if (s === "ledger written") throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect(await ours()).toEqual([]);
    // A process that died leaves its schema behind: the program's next import drops it.
    const dead = `${prefix}dead0000`;
    await testDb().$executeRawUnsafe(`create schema ${dead}`);
    await testDb().$executeRawUnsafe(`create unlogged table ${dead}.import_customer (line int)`);
    expect(await ours()).toEqual([dead]);
    expect((await run(programId, dir)).written).toBe(true);
    expect(await ours()).toEqual([]);
  });
});
