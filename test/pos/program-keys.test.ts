// A row a receipt writes names its program through its own parent's key (migration
// program_through_parent_keys): the customer's for ledger rows, lots and per-customer uses and a
// member's receipt, the receipt's for its lines, the promotion's for its uses. Each row of a real
// confirm, copied under a new key, is accepted in its own program and refused (SQLSTATE 23503) in
// another program that exists — which a key to "Program" alone let through — and in one that does not.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { makeProgram } from "@/test/factories";
import { line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";
import { testDatabaseUrl, testDb } from "../db";

let sw: TestProgram;
let other = "";
let purchaseId = "";
const client = new pg.Client({ connectionString: testDatabaseUrl() });

beforeAll(async () => {
  useTestDatabase();
  sw = await setupProgram("sportswear-retailer");
  other = (await makeProgram(testDb())).id;
  await applyPromotionsFile(testDb(), {
    program: sw.code,
    promotions: [
      {
        code: "keys-once",
        name: "Once per member",
        limits: { perCustomer: { uses: 1, period: "promotion" }, total: 1000 },
        effect: { type: "amountOff", amount: 1000 },
      },
      // The program's entry status earns 0 %: bonus points give the receipt its lot and entry.
      { code: "keys-bonus", name: "Bonus", effect: { type: "bonusPoints", points: 300 } },
    ],
  });
  const shop = Object.values(sw.keys)[0];
  const c = await registerCustomer(shop);
  const res = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 300000), line(2, 120000)] });
  expect(res.status).toBe(201);
  expect(res.body.appliedPromotions).toEqual(expect.arrayContaining([expect.objectContaining({ code: "keys-once" }), expect.objectContaining({ code: "keys-bonus" })]));
  purchaseId = res.body.purchaseId;
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

/**
 * Copies one row of `table` (found by `where`) with `changes` applied (a new key and the program),
 * inside a transaction that is always rolled back; the SQLSTATE it failed with, or "ok".
 */
async function copyRow(table: string, where: string, changes: Record<string, unknown>): Promise<string> {
  await client.query("begin");
  try {
    const r = await client.query(`insert into "${table}" select (jsonb_populate_record(null::"${table}", to_jsonb(t) || $2::jsonb)).* from "${table}" t where ${where} limit 1`, [
      purchaseId,
      JSON.stringify(changes),
    ]);
    if (r.rowCount !== 1) throw new Error(`no ${table} row of the receipt to copy`);
    return "ok";
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  } finally {
    await client.query("rollback");
  }
}

const ROWS: [table: string, where: string, newKey: Record<string, unknown>][] = [
  ["Purchase", `id = $1`, { id: "rcp_keys_copy", number: "keys-copy" }],
  ["PurchaseLine", `"purchaseId" = $1`, { id: "rln_keys_copy", lineNo: 99 }],
  ["PurchasePromotion", `"purchaseId" = $1`, { purchaseId: "rcp_keys_copy" }],
  ["PromotionCustomerUse", `"customerId" = (select "customerId" from "Purchase" where id = $1)`, { periodKey: "keys-copy" }],
  ["Lot", `"purchaseId" = $1`, { id: "lot_keys_copy" }],
  ["LedgerEntry", `"purchaseId" = $1`, { id: "ent_keys_copy" }],
];

describe("the program through the parent's key", () => {
  it.each(ROWS)("%s: its own program passes, another program or none is refused", async (table, where, newKey) => {
    expect(await copyRow(table, where, newKey)).toBe("ok");
    expect(await copyRow(table, where, { ...newKey, programId: other })).toBe("23503");
    expect(await copyRow(table, where, { ...newKey, programId: "prg_missing" })).toBe("23503");
  });

  it("a line cannot leave its receipt's program even when the customer is of that program", async () => {
    // The line's customer stays right; only the program differs from the receipt's.
    expect(await copyRow("PurchaseLine", `"purchaseId" = $1`, { id: "rln_keys_copy", lineNo: 99, customerId: null, programId: other })).toBe("23503");
  });
});
