// The receipts' monthly partitions on real PostgreSQL: Purchase and PurchaseLine partitioned by
// month with default partitions; a receipt number used once per store through ReceiptKey (written
// by the receipt's own insert, whatever the writer), also across months; a receipt moved to another
// month taking its lines and key along with the activity summary exact; months ahead created, a
// month whose rows wait in the default partition left for later; and the retention rule: nothing
// goes before the ledger's retention took the month, a held receipt, a lot with points and a recent
// return each hold their month (and the later ones), the month's returns leave with it, keys stay,
// and the activity check stays exact. Partitions are the database's: this runs on a scratch database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { listMonthPartitions } from "@/lib/db/partitions";
import { constraintOf, sqlState } from "@/lib/db/errors";
import { createId } from "@/lib/ids";
import { runPurchasePartitions } from "@/lib/jobs/purchase-partitions";
import { resetEnvCache } from "@/lib/env";
import { accrue, lockAccounts, spend } from "@/lib/ledger";
import { activityMismatches } from "@/lib/segments/activity";
import { scratchDatabase } from "@/test/db";
import { makeCustomer, makeProgram } from "@/test/factories";
import { ensurePurchasePartitions, purchaseHorizon, retirePurchaseMonths } from "./purchase-retention";

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Db;
let programId: string;
const NOW = new Date("2026-12-15T12:00:00Z");
const d = (iso: string) => new Date(iso);
const month = (table: string, y: number, m: number) => `${table}_p${y}_${String(m).padStart(2, "0")}`;

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

/** A committed receipt with two lines, written as a plain insert (the key comes from the trigger). */
async function receipt(customerId: string | null, at: Date, o: { number?: string; status?: "committed" | "held"; store?: string } = {}) {
  const id = createId("rcp", at.getTime());
  await db.purchase.create({
    data: {
      id,
      programId,
      storeId: o.store ?? "sto_a",
      customerId,
      number: o.number ?? id,
      at,
      status: o.status ?? "committed",
      programVersionId: "pvr_x",
      amount: 2000,
      payable: 2000,
      lines: {
        create: [1, 2].map((lineNo) => ({
          id: createId("rln"),
          programId,
          customerId,
          lineNo,
          sku: `S${lineNo}`,
          category: lineNo === 1 ? "food" : "merch",
          quantityMilli: 1000,
          price: 1000,
          amount: 1000,
        })),
      },
    },
  });
  return id;
}

async function partitionOf(table: "Purchase" | "PurchaseLine", id: string): Promise<string> {
  const col = table === "Purchase" ? "id" : '"purchaseId"';
  const [row] = await db.$queryRawUnsafe<{ p: string }[]>(`select tableoid::regclass::text as p from "${table}" where ${col} = $1 limit 1`, id);
  return row.p.replace(/"/g, "");
}
const attached = async (table: string) => (await listMonthPartitions(db, table)).map((p) => p.name);
const ledgerArchivedTo = (to: Date) =>
  db.$executeRaw`insert into "LedgerArchive" (partition, "from", "to", entries, accounts, dropped) values (${"LedgerEntry_upto_" + to.toISOString().slice(0, 7)}, ${d("2020-01-01T00:00:00Z")}, ${to}, 0, 0, false)`;

describe("receipt partitions", () => {
  it("Purchase and PurchaseLine are partitioned by month with default partitions, keys holding the receipt's time", async () => {
    for (const [table, pk] of [
      ["Purchase", "PRIMARY KEY (id, at)"],
      ["PurchaseLine", 'PRIMARY KEY (id, "purchaseAt")'],
    ]) {
      const [{ strategy }] = await db.$queryRawUnsafe<{ strategy: string }[]>(`select partstrat::text as strategy from pg_partitioned_table where partrelid = '"${table}"'::regclass`);
      expect(strategy).toBe("r");
      const [{ def }] = await db.$queryRawUnsafe<{ def: string }[]>(
        `select c.relname as def from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = '"${table}"'::regclass and pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'`,
      );
      expect(def).toBe(`${table}_default`);
      expect(await attached(table)).toHaveLength(13);
      const [{ key }] = await db.$queryRawUnsafe<{ key: string }[]>(`select pg_get_constraintdef(oid) as key from pg_constraint where conrelid = '"${table}"'::regclass and contype = 'p'`);
      expect(key).toBe(pk);
    }
  });

  it("a store's receipt number is used once, also by a receipt of another month; the key names the receipt", async () => {
    const c = await makeCustomer(db, programId);
    const id = await receipt(c.id, d("2026-12-02T10:00:00Z"), { number: "N-1" });
    expect(await db.receiptKey.findUniqueOrThrow({ where: { storeId_number: { storeId: "sto_a", number: "N-1" } } })).toMatchObject({
      purchaseId: id,
      purchaseAt: d("2026-12-02T10:00:00Z"),
      customerId: c.id,
      programId,
    });
    const again = await receipt(c.id, d("2027-02-02T10:00:00Z"), { number: "N-1" }).catch((e: unknown) => e);
    expect(sqlState(again)).toBe("23505");
    expect(constraintOf(again)).toBe("ReceiptKey_pkey");
    // Another store may use the number.
    await receipt(c.id, d("2027-02-02T10:00:00Z"), { number: "N-1", store: "sto_b" });
    expect(await db.purchase.count({ where: { number: "N-1" } })).toBe(2);
    // A bare line without its receipt (or at another time than its receipt's) is refused.
    const stray = db.$executeRaw`insert into "PurchaseLine" (id, "programId", "purchaseId", "purchaseAt", "lineNo", sku, category, "quantityMilli", price, amount)
      values (${createId("rln")}, ${programId}, ${id}, ${d("2026-12-03T10:00:00Z")}, 9, 'S', 'c', 1000, 1, 1)`;
    await expect(stray).rejects.toMatchObject({ meta: { driverAdapterError: { cause: { originalCode: "23503" } } } });
  });

  it("a receipt moved to another month takes its lines and its key along; the activity summary stays exact", async () => {
    const c = await makeCustomer(db, programId);
    const id = await receipt(c.id, d("2026-12-05T10:00:00Z"));
    expect(await partitionOf("Purchase", id)).toBe(month("Purchase", 2026, 12));
    await db.$executeRaw`update "Purchase" set at = ${d("2027-03-05T10:00:00Z")} where id = ${id}`;
    expect(await partitionOf("Purchase", id)).toBe(month("Purchase", 2027, 3));
    expect(await partitionOf("PurchaseLine", id)).toBe(month("PurchaseLine", 2027, 3));
    expect((await db.receiptKey.findUniqueOrThrow({ where: { purchaseId: id } })).purchaseAt).toEqual(d("2027-03-05T10:00:00Z"));
    const a = await db.customerActivity.findUniqueOrThrow({ where: { customerId: c.id } });
    expect([a.receipts, a.lastPurchaseAt]).toEqual([1, d("2027-03-05T10:00:00Z")]);
    // Cancelled, then committed again: off and on once.
    await db.$executeRaw`update "Purchase" set status = 'cancelled' where id = ${id}`;
    expect((await db.customerActivity.findUniqueOrThrow({ where: { customerId: c.id } })).receipts).toBe(0);
    await db.$executeRaw`update "Purchase" set status = 'committed' where id = ${id}`;
    expect(await activityMismatches(db, programId)).toEqual([]);
  });

  it("creates months ahead; a month whose receipts wait in the default partition is left for later, its rows in place", async () => {
    const c = await makeCustomer(db, programId);
    const far = await receipt(c.id, d("2045-05-10T12:00:00Z"));
    expect(await partitionOf("Purchase", far)).toBe("Purchase_default");
    const out = await ensurePurchasePartitions(db, d("2045-04-01T00:00:00Z"), 1);
    expect(out.created).toEqual([month("Purchase", 2045, 4), month("PurchaseLine", 2045, 4)]);
    expect(out.waiting).toEqual([month("Purchase", 2045, 5), month("PurchaseLine", 2045, 5)]);
    expect(await partitionOf("Purchase", far)).toBe("Purchase_default");
    expect(await db.purchaseLine.count({ where: { purchaseId: far } })).toBe(2);
    expect(await activityMismatches(db, programId)).toEqual([]);
  });

  it("retention: the ledger, a held receipt, a lot with points and a recent return each hold their month; then exactly the months past it go", async () => {
    // Months back to January 2025 (the migration made the current one on).
    await ensurePurchasePartitions(db, d("2025-01-01T00:00:00Z"), 23);
    const c = await makeCustomer(db, programId);
    const jan = await receipt(c.id, d("2025-01-20T10:00:00Z"), { number: "OLD-1" });
    const held = await receipt(c.id, d("2025-03-10T10:00:00Z"), { status: "held" });
    const earned = await receipt(c.id, d("2025-04-10T10:00:00Z"));
    const returnedLate = await receipt(c.id, d("2025-05-10T10:00:00Z"));
    await receipt(null, d("2025-10-31T23:59:00Z"));
    const kept = await receipt(c.id, d("2025-11-01T00:00:00Z"));
    const ret = (purchaseId: string, purchaseAt: Date, at: Date) =>
      db.purchaseReturn.create({
        data: { id: createId("ret"), programId, customerId: c.id, purchaseId, purchaseAt, number: createId("ret"), at, amount: 1000, pointsRefunded: 0, pointsReclaimed: 0, lines: [] },
      });
    await ret(jan, d("2025-01-20T10:00:00Z"), d("2025-02-01T10:00:00Z"));
    const late = await ret(returnedLate, d("2025-05-10T10:00:00Z"), d("2026-06-01T10:00:00Z"));
    const lot = await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, programId, c.id);
      await accrue(tx, main, { amount: 50, at: d("2025-04-10T10:00:00Z"), reason: "purchase", purchaseId: earned, activation: { kind: "immediate" }, expiresAt: null });
      return main;
    });
    expect(await activityMismatches(db, programId)).toEqual([]);
    const keep = { retentionMonths: 13, archive: "schema" as const };

    expect(await retirePurchaseMonths(db, NOW, { retentionMonths: 0, archive: "schema" })).toEqual({ retired: [], blocked: null });
    // 1. The ledger keeps everything yet: no receipt may go.
    expect(await retirePurchaseMonths(db, NOW, keep)).toEqual({ retired: [], blocked: { partition: month("Purchase", 2025, 1), reason: "ledger", rows: 0 } });
    // The ledger's retention took everything before November 2025 offline.
    await ledgerArchivedTo(d("2025-11-01T00:00:00Z"));
    // 2. The held receipt of March 2025 holds March and what follows.
    let r = await retirePurchaseMonths(db, NOW, keep);
    expect(r.retired.map((x) => x.partition)).toEqual([month("Purchase", 2025, 1), month("Purchase", 2025, 2)]);
    expect(r.retired[0]).toEqual({ partition: month("Purchase", 2025, 1), receipts: 1, lines: 2, returns: 1 });
    expect(r.blocked).toEqual({ partition: month("Purchase", 2025, 3), reason: "held-receipts", rows: 1 });
    await db.$executeRaw`update "Purchase" set status = 'voided' where id = ${held}`;
    // 3. April's receipt earned points still on the balance.
    r = await retirePurchaseMonths(db, NOW, keep);
    expect(r.retired.map((x) => x.partition)).toEqual([month("Purchase", 2025, 3)]);
    expect(r.blocked).toEqual({ partition: month("Purchase", 2025, 4), reason: "open-lots", rows: 1 });
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, programId, c.id);
      await spend(tx, main, { amount: 50, at: d("2026-12-01T10:00:00Z"), reason: "catalog" });
    });
    void lot;
    // 4. May's receipt was returned in June 2026, inside the online window.
    r = await retirePurchaseMonths(db, NOW, keep);
    expect(r.retired.map((x) => x.partition)).toEqual([month("Purchase", 2025, 4)]);
    expect(r.blocked).toEqual({ partition: month("Purchase", 2025, 5), reason: "recent-returns", rows: 1 });
    // (The return made it; taken away here to let the month go.)
    await db.purchaseReturn.delete({ where: { id: late.id } });
    r = await retirePurchaseMonths(db, NOW, keep);
    // 13 whole months before December 2026: November 2025 on stays, October 2025 and older go.
    expect(r.retired.map((x) => x.partition)).toEqual([5, 6, 7, 8, 9, 10].map((m) => month("Purchase", 2025, m)));
    expect(r.blocked).toBeNull();
    expect((await attached("Purchase"))[0]).toBe(month("Purchase", 2025, 11));
    expect((await attached("PurchaseLine"))[0]).toBe(month("PurchaseLine", 2025, 11));
    expect(await partitionOf("Purchase", kept)).toBe(month("Purchase", 2025, 11));
    expect(await purchaseHorizon(db)).toEqual(d("2025-11-01T00:00:00Z"));
    // The archived months: out of the application's schema, their foreign keys gone, the returns with them.
    const [{ receipts, lines, returns, fks }] = await db.$queryRaw<{ receipts: number; lines: number; returns: number; fks: number }[]>`
      select (select count(*)::int from purchase_archive."Purchase_p2025_01") as receipts, (select count(*)::int from purchase_archive."PurchaseLine_p2025_01") as lines,
        (select count(*)::int from purchase_archive."PurchaseReturn_p2025_01") as returns,
        (select count(*)::int from pg_constraint where contype = 'f' and conrelid in ('purchase_archive."Purchase_p2025_01"'::regclass, 'purchase_archive."PurchaseLine_p2025_01"'::regclass)) as fks`;
    expect({ receipts, lines, returns, fks }).toEqual({ receipts: 1, lines: 2, returns: 1, fks: 0 });
    expect(await db.purchaseReturn.count({ where: { purchaseId: jan } })).toBe(0);
    // Keys stay: the number of a receipt offline is still taken.
    expect((await db.receiptKey.findUniqueOrThrow({ where: { purchaseId: jan } })).number).toBe("OLD-1");
    expect(sqlState(await receipt(c.id, d("2026-12-10T10:00:00Z"), { number: "OLD-1" }).catch((e: unknown) => e))).toBe("23505");
    // The activity summary keeps the offline months, and the check takes them as the reference.
    expect((await db.customerActivity.findUniqueOrThrow({ where: { customerId: c.id } })).receipts).toBe(4);
    expect(await activityMismatches(db, programId)).toEqual([]);
    await db.$executeRaw`update "CustomerActivityMonth" set receipts = receipts + 1 where "customerId" = ${c.id} and month = '2025-01-01'`;
    expect((await activityMismatches(db, programId)).map((m) => m.kind)).toContain("customer");
    await db.$executeRaw`update "CustomerActivityMonth" set receipts = receipts - 1 where "customerId" = ${c.id} and month = '2025-01-01'`;

    // A month later, with the ledger's November gone too: November 2025 is dropped.
    await ledgerArchivedTo(d("2025-12-01T00:00:00Z"));
    r = await retirePurchaseMonths(db, d("2027-01-15T00:00:00Z"), { retentionMonths: 13, archive: "drop" });
    expect(r.retired).toEqual([{ partition: month("Purchase", 2025, 11), receipts: 1, lines: 2, returns: 0 }]);
    const [{ gone }] = await db.$queryRaw<{ gone: boolean }[]>`select to_regclass('purchase_archive."Purchase_p2025_11"') is null and to_regclass('"Purchase_p2025_11"') is null as gone`;
    expect(gone).toBe(true);
    expect(await db.purchaseArchive.count()).toBe(11);
    expect(await activityMismatches(db, programId)).toEqual([]);
  });

  it("the job: months ahead, and with a retention of 0 nothing offline", async () => {
    process.env.PURCHASE_RETENTION_MONTHS = "0";
    resetEnvCache();
    try {
      const before = await db.purchaseArchive.count();
      const out = await runPurchasePartitions(db, d("2027-01-15T00:00:00Z"));
      expect(out.retired).toBe(0);
      expect(await db.purchaseArchive.count()).toBe(before);
    } finally {
      delete process.env.PURCHASE_RETENTION_MONTHS;
      resetEnvCache();
    }
  });
});
