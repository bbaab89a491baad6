// Numbers that do not fit the columns are a 400 with the field's path, never a 500 (the schema
// limits match the integer columns); Idempotency-Keys belong to the terminal that sent them.
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "../db";
import { call, line, makeKey, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";

let club: TestProgram;
let shop: string;

beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
  shop = club.keys["stadium-shop"];
});

const INT4 = 2_147_483_647;
const HUGE = [INT4 + 1, 3_000_000_000, 1e15, Number.MAX_SAFE_INTEGER, 1e300];

describe("amounts that do not fit the columns", () => {
  it("a price, a line amount or a receipt total past the integer columns is 400 with the path", async () => {
    const c = await registerCustomer(shop);
    const base = { customer: { card: c.card }, receipt: { number: receiptNo() } };
    const price = await post("/purchases", shop, { ...base, lines: [line(1, 3_000_000_000, "merch")] });
    expect(price.status).toBe(400);
    expect(price.body.error.details.map((d: { path: string }) => d.path)).toContain("lines[0].price");
    const amount = await post("/purchases", shop, { ...base, lines: [line(1, 2_000_000_000, "merch", 2)] });
    expect(amount.status).toBe(400);
    expect(amount.body.error.details[0].path).toBe("lines[0].price");
    const total = await post("/purchases", shop, { ...base, lines: [line(1, 1_500_000_000, "merch"), line(2, 1_500_000_000, "merch")] });
    expect(total.status).toBe(400);
    expect(total.body.error.details[0].path).toBe("lines");
    // The largest receipt that fits is accepted and stored exactly.
    const max = await post("/purchases", shop, { ...base, lines: [line(1, INT4, "merch")] });
    expect(max.status).toBe(201);
    expect((await testDb().purchase.findFirstOrThrow({ where: { id: max.body.purchaseId } })).amount).toBe(INT4);
  });

  it("every numeric field of every POS request: too large is 400, never 500, and writes nothing", async () => {
    const c = await registerCustomer(shop);
    const sale = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 10000, "merch")] });
    const held = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 10000, "merch")], hold: { ttlSeconds: 600 } });
    const receipts = await testDb().purchase.count({ where: { programId: club.programId } });
    const cases: [string, (n: number) => unknown][] = [
      ["/purchases", (n) => ({ receipt: { number: receiptNo() }, lines: [{ ...line(1, 100, "merch"), lineNo: n }] })],
      ["/purchases", (n) => ({ receipt: { number: receiptNo() }, lines: [line(1, 100, "merch", n)] })],
      ["/purchases", (n) => ({ receipt: { number: receiptNo() }, lines: [line(1, n, "merch")] })],
      ["/purchases", (n) => ({ receipt: { number: receiptNo() }, lines: [{ ...line(1, 100, "merch"), discount: n }] })],
      ["/purchases", (n) => ({ customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100, "merch")], redeemPoints: n })],
      ["/purchases", (n) => ({ receipt: { number: receiptNo() }, lines: [line(1, 100, "merch")], hold: { ttlSeconds: n } })],
      ["/purchases/calculate", (n) => ({ receipt: { number: "X" }, lines: [line(1, n, "merch")] })],
      [`/purchases/${sale.body.purchaseId}/returns`, (n) => ({ returnNumber: receiptNo(), lines: [{ lineNo: n, quantity: 1 }] })],
      [`/purchases/${sale.body.purchaseId}/returns`, (n) => ({ returnNumber: receiptNo(), lines: [{ lineNo: 1, quantity: n }] })],
      ["/redemptions/authorize", (n) => ({ customer: { card: c.card }, points: n })],
      ["/visits", (n) => ({ customer: { card: c.card }, eventCode: "e1", purchaseId: held.body.purchaseId, lineNo: n })],
    ];
    for (const [path, body] of cases) {
      for (const n of HUGE) {
        const r = await post(path, shop, body(n));
        expect(r.status, `${path} ${JSON.stringify(body(n))}`).toBe(400);
        expect(r.body.error.code).toBe("invalid_request");
      }
    }
    expect(await testDb().purchase.count({ where: { programId: club.programId } })).toBe(receipts);
  });
});

describe("idempotency keys per terminal", () => {
  it("two tills of one store may send the same key: both receipts are made; the same till replays", async () => {
    const second = await makeKey(club.stores["stadium-shop"]);
    const key = `till-seq-${receiptNo()}`;
    const a = await post("/purchases", shop, { receipt: { number: receiptNo() }, lines: [line(1, 100, "merch")] }, key);
    const b = await post("/purchases", second, { receipt: { number: receiptNo() }, lines: [line(1, 200, "merch")] }, key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get("idempotent-replayed")).toBeNull();
    expect(b.body.purchaseId).not.toBe(a.body.purchaseId);
    const again = await call("POST", "/purchases", { key: second, body: { receipt: { number: "other" }, lines: [line(1, 1, "merch")] }, idem: key });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("idempotency_key_reused");
  });
});
