// A store's receipt number is used once (ReceiptKey, claimed by the receipt's own insert: "Purchase"
// is partitioned by month and cannot hold the rule, and a till may resend last month's receipt):
// 20 tills of one store sending the same number at once, half of them dated last month, write one
// receipt — one key naming it, its lines in the receipt's month, the points earned once — and the
// other 19 get 409 duplicate_receipt; commit, return and cancel find the receipt by its key's month.
import { beforeAll, describe, expect, it } from "vitest";
import { activityMismatches } from "@/lib/segments/activity";
import { checkLedger } from "@/lib/ledger/check-ledger";
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
});
