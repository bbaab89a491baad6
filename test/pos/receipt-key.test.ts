// A store's receipt number is used once (ReceiptKey, claimed by the receipt's own insert: "Purchase"
// is partitioned by month and cannot hold the rule, and a till may resend last month's receipt):
// 20 tills of one store sending the same number at once, half of them dated last month, write one
// receipt — one key naming it, its lines in the receipt's month, the points earned once — and the
// other 19 get 409 duplicate_receipt; commit, return and cancel find the receipt by its key's month.
import { beforeAll, describe, expect, it } from "vitest";
import { activityMismatches } from "@/lib/segments/activity";
import { checkLedger } from "@/lib/ledger/check-ledger";
import type { PosContext } from "@/lib/purchases/context";
import { lockPurchase, purchaseLines } from "@/lib/purchases/stored-receipt";
import { testDb } from "../db";
import { line, makeKey, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";

let club: TestProgram;
let store: string;

beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
  store = Object.keys(club.stores)[0];
}, 60_000);

describe("receipt numbers on a partitioned table", () => {
  it("20 tills send the same receipt number at once (half dated last month): one receipt, 19 duplicates", async () => {
    const c = await registerCustomer(club.keys[store]);
    const tills = await Promise.all(Array.from({ length: 20 }, () => makeKey(club.stores[store])));
    const number = receiptNo();
    const lastMonth = new Date(Date.now() - 35 * 86_400_000).toISOString();
    const answers = await Promise.all(
      tills.map((key, i) =>
        post(
          "/purchases",
          key,
          { customer: { card: c.card }, receipt: { number, ...(i % 2 ? { at: lastMonth } : {}) }, lines: [line(1, 100000, "merch"), line(2, 50000, "food")] },
          `till-${i}-${number}`,
        ),
      ),
    );
    const ok = answers.filter((a) => a.status === 201);
    expect(ok).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error.code)).toEqual(Array(19).fill("duplicate_receipt"));

    const db = testDb();
    const receipts = await db.purchase.findMany({ where: { number }, include: { lines: true } });
    expect(receipts).toHaveLength(1);
    const [p] = receipts;
    expect(p.id).toBe(ok[0].body.purchaseId);
    expect(p.lines.map((l) => l.purchaseAt)).toEqual([p.at, p.at]);
    expect(await db.receiptKey.findMany({ where: { number } })).toEqual([{ storeId: club.stores[store], number, programId: club.programId, purchaseId: p.id, purchaseAt: p.at, customerId: c.id }]);
    expect(await db.lot.count({ where: { purchaseId: p.id } })).toBeGreaterThan(0);
    expect((await db.customerActivity.findUniqueOrThrow({ where: { customerId: c.id } })).receipts).toBe(1);

    // The receipt is found by id through its key's month: a return and a cancel.
    const ret = await post(`/purchases/${p.id}/returns`, club.keys[store], { returnNumber: "R-1", lines: [{ lineNo: 2, quantity: 1 }] });
    expect(ret.status).toBe(201);
    expect((await db.purchaseReturn.findFirstOrThrow({ where: { purchaseId: p.id } })).purchaseAt).toEqual(p.at);
    const cancel = await post(`/purchases/${p.id}/cancel`, club.keys[store], {});
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe("cancelled");
    expect((await db.customerActivity.findUniqueOrThrow({ where: { customerId: c.id } })).receipts).toBe(0);
    expect(await activityMismatches(db, club.programId)).toEqual([]);
    expect((await checkLedger(db, { programId: club.programId })).discrepancies).toEqual([]);
  });

  it("a stored receipt is locked and read in its own month's partitions only (commit, void, return, cancel)", async () => {
    const c = await registerCustomer(club.keys[store]);
    const number = receiptNo();
    const at = new Date(Date.now() - 35 * 86_400_000);
    const res = await post("/purchases", club.keys[store], { customer: { card: c.card }, receipt: { number, at: at.toISOString() }, lines: [line(1, 100000, "merch")] });
    expect(res.status).toBe(201);
    const locked = await testDb().$transaction(async (tx) => {
      const ctx = { sql: tx, till: { programId: club.programId, store: { id: club.stores[store] } } } as unknown as PosContext;
      const p = await lockPurchase(ctx, res.body.purchaseId);
      expect(p.id).toBe(res.body.purchaseId);
      expect(await purchaseLines(ctx, p)).toHaveLength(1);
      const rows = await tx.$queryRaw<{ relname: string }[]>`
        select c.relname from pg_locks l join pg_class c on c.oid = l.relation
        where l.pid = pg_backend_pid() and c.relname ~ '^Purchase(Line)?_(p[0-9]{4}_[0-9]{2}|default)'`;
      // The partition that holds it: its month's, or the default one when the month has none.
      const [{ part }] = await tx.$queryRaw<{ part: string }[]>`select tableoid::regclass::text as part from "Purchase" where id = ${p.id}`;
      return { part: part.replaceAll('"', "").replace(/^Purchase_/, ""), names: rows.map((r) => r.relname) };
    });
    // A month taken from a sub-select or a join would have the planner lock every month's partition
    // and index (369 locks, docs/benchmarks.md): here only the receipt's month.
    expect(locked.names.length).toBeGreaterThan(0);
    expect(locked.names.filter((r) => !r.startsWith(`Purchase_${locked.part}`) && !r.startsWith(`PurchaseLine_${locked.part}`))).toEqual([]);
  });
});
