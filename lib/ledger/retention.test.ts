// The ledger's monthly partitions on real PostgreSQL: months created ahead (rows already waiting in
// the default partition moved into theirs), rows routed to their month, and retention taking
// offline only the months nothing open needs, with every balance still equal to its entries.
// Partitions are the database's, not a program's: this runs on a scratch database of its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { listMonthPartitions } from "@/lib/db/partitions";
import { runLedgerPartitions } from "@/lib/jobs/ledger-partitions";
import { resetEnvCache } from "@/lib/env";
import { scratchDatabase } from "@/test/db";
import { makeCustomer, makeProgram } from "@/test/factories";
import { checkLedger } from "./check-ledger";
import { expireDueLots } from "./expire";
import { accrue, lockAccounts, reclaimPoints, spend } from "./index";
import { ensureLedgerPartitions, ledgerHorizon, retireLedgerMonths } from "./retention";
import type { LockedAccount, Tx } from "./types";

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Db;
let programId: string;

beforeAll(async () => {
  scratch = await scratchDatabase();
  await migrate(scratch.url);
  db = createDb(scratch.url);
  programId = (await makeProgram(db)).id;
}, 120_000);
afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

const d = (iso: string) => new Date(iso);

async function partitionOf(entryId: string): Promise<string> {
  const [row] = await db.$queryRaw<{ p: string }[]>`select tableoid::regclass::text as p from "LedgerEntry" where id = ${entryId}`;
  return row.p.replace(/"/g, "");
}

async function withAccount<T>(customerId: string, fn: (tx: Tx, main: LockedAccount) => Promise<T>) {
  return db.$transaction(async (tx) => fn(tx, (await lockAccounts(tx, programId, customerId)).main));
}

async function attached(): Promise<string[]> {
  return (await listMonthPartitions(db, "LedgerEntry")).map((p) => p.name);
}

async function expectBalanced() {
  const { discrepancies } = await checkLedger(db, { programId });
  expect(discrepancies).toEqual([]);
}

describe("ledger partitions", () => {
  it("creates the months ahead once, moving rows that waited in the default partition, and routes rows to their month", async () => {
    const c = await makeCustomer(db, programId);
    // No partition covers May 2045 yet: the entry goes to the default partition, the insert does not fail.
    const early = await withAccount(c.id, (tx, main) => accrue(tx, main, { amount: 30, at: d("2045-05-10T12:00:00Z"), activation: { kind: "immediate" }, expiresAt: null, reason: "manual" }));
    expect(await partitionOf(early!.entryId)).toBe("LedgerEntry_default");

    const created = await ensureLedgerPartitions(db, d("2045-04-20T00:00:00Z"), 2);
    expect(created).toEqual(["LedgerEntry_p2045_04", "LedgerEntry_p2045_05", "LedgerEntry_p2045_06"]);
    expect(await partitionOf(early!.entryId)).toBe("LedgerEntry_p2045_05");
    expect(await ensureLedgerPartitions(db, d("2045-04-20T00:00:00Z"), 2)).toEqual([]);

    // The month's edges, in UTC.
    const last = await withAccount(c.id, (tx, main) => accrue(tx, main, { amount: 1, at: d("2045-04-30T23:59:59.999Z"), activation: { kind: "immediate" }, expiresAt: null, reason: "manual" }));
    const first = await withAccount(c.id, (tx, main) => accrue(tx, main, { amount: 1, at: d("2045-05-01T00:00:00.000Z"), activation: { kind: "immediate" }, expiresAt: null, reason: "manual" }));
    expect(await partitionOf(last!.entryId)).toBe("LedgerEntry_p2045_04");
    expect(await partitionOf(first!.entryId)).toBe("LedgerEntry_p2045_05");
    // Still append-only in every partition.
    await expect(db.$executeRaw`update "LedgerEntry" set note = 'x' where id = ${first!.entryId}`).rejects.toThrow(/append-only/);
    await expectBalanced();
  });

  it("takes offline only the months nothing open needs, carrying balances forward, and ledger:check still balances", async () => {
    await ensureLedgerPartitions(db, d("2040-01-01T00:00:00Z"), 15); // 2040-01 … 2041-04
    const a = await makeCustomer(db, programId);
    const b = await makeCustomer(db, programId);
    const c = await makeCustomer(db, programId);
    // A: 100 points in January, 40 spent in February, the rest expired in June (lot closed).
    await withAccount(a.id, (tx, main) => accrue(tx, main, { amount: 100, at: d("2040-01-10T10:00:00Z"), activation: { kind: "immediate" }, expiresAt: d("2040-06-01T00:00:00Z"), reason: "manual" }));
    await withAccount(a.id, (tx, main) => spend(tx, main, { amount: 40, at: d("2040-02-10T10:00:00Z"), reason: "manual" }));
    await withAccount(a.id, (tx, main) => expireDueLots(tx, main, d("2040-06-02T00:00:00Z")));
    // B: 50 points in January whose lot stays open for now.
    await withAccount(b.id, (tx, main) => accrue(tx, main, { amount: 50, at: d("2040-01-20T10:00:00Z"), activation: { kind: "immediate" }, expiresAt: null, reason: "manual" }));
    // C: a receipt of March whose points expired in March, and a return of it taken as debt in April.
    const receipt = `rcp_ret_${Date.now()}`;
    await db.$executeRaw`insert into "Purchase" (id, "programId", "storeId", "customerId", number, at, status, "programVersionId", amount, payable, "pointsEarned")
      values (${receipt}, ${programId}, 'sto_x', ${c.id}, ${receipt}, ${d("2040-03-10T10:00:00Z")}, 'committed', 'pvr_x', 1000, 1000, 10)`;
    await withAccount(c.id, (tx, main) =>
      accrue(tx, main, { amount: 10, at: d("2040-03-10T10:00:00Z"), activation: { kind: "immediate" }, expiresAt: d("2040-03-20T00:00:00Z"), reason: "purchase", purchaseId: receipt }),
    );
    await withAccount(c.id, (tx, main) => expireDueLots(tx, main, d("2040-03-21T00:00:00Z")));
    await withAccount(c.id, (tx, main) => reclaimPoints(tx, main, { amount: 5, at: d("2040-04-05T10:00:00Z"), purchaseId: receipt, reason: "return" }));
    await expectBalanced();

    // 13 months kept from May 2041: the months up to March 2040 may go; B's open lot holds January (and so everything after it).
    const keep = { retentionMonths: 13, archive: "schema" as const };
    const first = await retireLedgerMonths(db, d("2041-04-15T00:00:00Z"), keep);
    expect(first.retired.map((r) => r.partition).filter((p) => p.startsWith("LedgerEntry_p2040"))).toEqual([]);
    expect(first.blocked).toMatchObject({ partition: "LedgerEntry_p2040_01", reason: "open-lots", rows: 1 });
    expect(await attached()).toContain("LedgerEntry_p2040_01");
    await expectBalanced();

    // B spends everything in May. A month later the months up to April 2040 may go: January and
    // February do; C's receipt of March goes on in April, which stays, so March stays with it.
    await withAccount(b.id, (tx, main) => spend(tx, main, { amount: 50, at: d("2040-05-05T10:00:00Z"), reason: "manual" }));
    const second = await retireLedgerMonths(db, d("2041-05-15T00:00:00Z"), keep);
    expect(second.retired.map((r) => r.partition)).toEqual(["LedgerEntry_p2040_01", "LedgerEntry_p2040_02"]);
    expect(second.retired[0]).toMatchObject({ entries: 2, accounts: 2 });
    expect(second.blocked).toMatchObject({ partition: "LedgerEntry_p2040_03", reason: "receipts-continue" });
    expect(await attached()).not.toContain("LedgerEntry_p2040_02");
    expect(await attached()).toContain("LedgerEntry_p2040_03");
    // Kept in the archive schema, out of the ledger.
    const [{ n }] = await db.$queryRaw<{ n: number }[]>`select count(*)::int as n from ledger_archive."LedgerEntry_p2040_01"`;
    expect(n).toBe(2);
    const carried = await db.ledgerEntry.findMany({ where: { reason: "carried_forward", customerId: { in: [a.id, b.id] } }, orderBy: [{ at: "asc" }, { customerId: "asc" }] });
    // January's sums at Feb 1 (A +100, B +50), then February's (A's carried 100 − 40) at Mar 1.
    expect(carried.map((e) => `${e.customerId === a.id ? "A" : "B"} ${e.at.toISOString().slice(0, 10)} ${e.deltaAvailable}`).sort()).toEqual(["A 2040-03-01 60", "B 2040-03-01 50"]);
    expect(await ledgerHorizon(db)).toEqual(d("2040-03-01T00:00:00Z"));
    await expectBalanced();

    // Three months later, dropping: March to June go together (C's receipt with them).
    const third = await retireLedgerMonths(db, d("2041-08-15T00:00:00Z"), { retentionMonths: 13, archive: "drop" });
    expect(third.retired.map((r) => r.partition)).toEqual(["LedgerEntry_p2040_03", "LedgerEntry_p2040_04", "LedgerEntry_p2040_05", "LedgerEntry_p2040_06"]);
    expect(third.blocked).toBeNull();
    const [{ gone }] = await db.$queryRaw<{ gone: boolean }[]>`select to_regclass('ledger_archive."LedgerEntry_p2040_04"') is null and to_regclass('"LedgerEntry_p2040_04"') is null as gone`;
    expect(gone).toBe(true);
    expect((await db.ledgerArchive.findUniqueOrThrow({ where: { partition: "LedgerEntry_p2040_04" } })).dropped).toBe(true);
    // Nothing of the first half of 2040 is online: A and B are back to zero, C's debt of 5 is carried to July 1.
    const left = await db.ledgerEntry.count({ where: { customerId: { in: [a.id, b.id, c.id] }, at: { lt: d("2040-07-01T00:00:00Z") } } });
    expect(left).toBe(0);
    const cDebt = await db.ledgerEntry.findMany({ where: { customerId: c.id }, select: { at: true, deltaDebt: true, reason: true } });
    expect(cDebt).toEqual([{ at: d("2040-07-01T00:00:00Z"), deltaDebt: 5, reason: "carried_forward" }]);
    await expectBalanced();
  });

  it("runs as the ledger-partitions job with the environment's settings", async () => {
    process.env.LEDGER_RETENTION_MONTHS = "0";
    resetEnvCache();
    try {
      const out = await runLedgerPartitions(db, d("2046-01-15T00:00:00Z"));
      expect(out).toMatchObject({ created: 13, retired: 0, blocked: 0 });
      expect(await attached()).toContain("LedgerEntry_p2047_01");
    } finally {
      delete process.env.LEDGER_RETENTION_MONTHS;
      resetEnvCache();
    }
  });
});
