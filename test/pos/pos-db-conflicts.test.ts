// Database conflicts on the processing API are classified by SQLSTATE: a deadlock is retried (it
// used to be answered 409 request_in_progress because the message text was matched), a lock held
// too long is a 503 with Retry-After, never a 500.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { testDatabaseUrl, testDb } from "../db";
import { line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";

let club: TestProgram;
let shop: string;
let other: pg.Client;

beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
  shop = club.keys["stadium-shop"];
  other = new pg.Client({ connectionString: testDatabaseUrl() });
  await other.connect();
});
afterAll(() => other.end());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("conflicts inside a confirm", () => {
  it("a confirm chosen as a deadlock victim runs again and succeeds", async () => {
    const c = await registerCustomer(shop);
    // Another transaction holds the customer's promo account; the confirm locks main, then waits for promo.
    await other.query("begin");
    await other.query(`select id from "Account" where "customerId" = $1 and kind = 'promo' for update`, [c.id]);
    const confirm = post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000, "merch")] });
    await sleep(300);
    // Now the other transaction wants main: a cycle. The confirm waited first, so it is the victim.
    const otherLock = other.query(`select id from "Account" where "customerId" = $1 and kind = 'main' for update`, [c.id]);
    await otherLock;
    await sleep(100);
    await other.query("commit");
    const r = await confirm;
    expect(r.body?.error?.code).toBeUndefined();
    expect(r.status).toBe(201);
    expect(r.body.customer.balances.main).toBe(30);
    expect((await checkLedger(testDb(), { programId: club.programId })).discrepancies).toEqual([]);
  });

  it("a customer locked longer than the POS lock timeout: 503 unavailable with Retry-After, nothing written", async () => {
    const c = await registerCustomer(shop);
    await other.query("begin");
    await other.query(`select id from "Account" where "customerId" = $1 for update`, [c.id]);
    const number = receiptNo();
    try {
      const r = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number }, lines: [line(1, 100000, "merch")] });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe("unavailable");
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await other.query("rollback");
    }
    expect(await testDb().purchase.count({ where: { number } })).toBe(0);
  });
});
