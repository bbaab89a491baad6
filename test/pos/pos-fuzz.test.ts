// Hostile input: more than a thousand malformed bodies (wrong types, negative and huge numbers,
// 10,000-line baskets, unicode, SQL fragments, missing fields, bad JSON). Every answer must be a
// 4xx in the contract's error shape, never a 5xx, and the database must not change.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "../db";
import { call, line, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";

let club: TestProgram;
let key: string;
let card: string;

const HOSTILE_STRINGS = [
  '\'; DROP TABLE "Purchase"; --',
  '" OR 1=1 --',
  "$1; select pg_sleep(10)",
  "\u0000",
  "\u202e\u0645\u0631\u062d\u0628\u0627",
  "👨‍👩‍👧‍👦".repeat(50),
  "x".repeat(100_000),
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "NaN",
  "",
  " ",
];
const HOSTILE_NUMBERS = [-1, -1e9, 1e20, Number.MAX_SAFE_INTEGER + 2, 0.5, 1.0001, 1e-9, 2 ** 53, -0.001];

/** Rows of this test's program (other test files write to the same database at the same time). */
async function counts() {
  const db = testDb();
  const programId = club.programId;
  const [purchases, lines, entries, customers, keys, codes, visits, returns, outbox] = await Promise.all([
    db.purchase.count({ where: { programId } }),
    db.purchaseLine.count({ where: { purchase: { programId } } }),
    db.ledgerEntry.count({ where: { account: { programId } } }),
    db.customer.count({ where: { programId } }),
    db.idempotencyKey.count({ where: { storeId: { in: Object.values(club.stores) } } }),
    db.oneTimeCode.count({ where: { programId } }),
    db.visit.count({ where: { programId } }),
    db.purchaseReturn.count({ where: { purchase: { programId } } }),
    db.outboxMessage.count({ where: { programId } }),
  ]);
  return { purchases, lines, entries, customers, keys, codes, visits, returns, outbox };
}

beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
  key = club.keys["stadium-shop"];
  card = (await registerCustomer(key)).card;
});

function validBasket() {
  return { customer: { card }, receipt: { number: receiptNo() }, lines: [line(1, 10000, "merch"), line(2, 5000, "ticket")], redeemPoints: 0 };
}

type Mutation = (b: Record<string, unknown>, v: unknown) => unknown;

/** Each mutation makes a valid basket invalid in one way. */
const MUTATIONS: Mutation[] = [
  (b, v) => ({ ...b, lines: v }),
  (b, v) => ({ ...b, receipt: v }),
  (b, v) => ({ ...b, customer: v }),
  (b) => ({ ...b, lines: [] }),
  (b) => ({ ...b, lines: Array.from({ length: 10_000 }, (_, i) => line(i + 1, 100, "merch")) }),
  (b) => ({ ...b, lines: [line(1, 100, "merch"), line(1, 200, "merch")] }),
  (b, v) => ({ ...b, lines: [{ ...line(1, 100, "merch"), price: typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? -1 : v }] }),
  (b, v) => ({ ...b, lines: [{ ...line(1, 100, "merch"), quantity: typeof v === "number" && v > 0 && Number.isInteger(v * 1000) ? 1.0001 : v }] }),
  (b, v) => ({ ...b, lines: [{ ...line(1, 100, "merch"), sku: typeof v === "string" && /^[\p{L}\p{N}][\p{L}\p{N}._:/#-]{0,63}$/u.test(v) ? "a'b" : v }] }),
  (b, v) => ({ ...b, lines: [{ ...line(1, 100, "merch"), lineNo: typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 100000 ? 0 : v }] }),
  (b, v) => ({ ...b, redeemPoints: typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 1e9 ? -5 : v }),
  (b, v) => ({ ...b, customer: { card: typeof v === "string" && /^\d{6,20}$/.test(v) ? "12ab" : v } }),
  (b, v) => ({ ...b, customer: { phone: typeof v === "string" && v.startsWith("+") ? "79990000000" : v } }),
  (b) => ({ ...b, customer: { card, phone: "+79990000001" } }),
  (b, v) => ({ ...b, unexpected: v ?? 1 }),
  (b) => {
    const { receipt, ...rest } = b;
    void receipt;
    return rest;
  },
  (b) => {
    const { lines, ...rest } = b;
    void lines;
    return rest;
  },
  (b, v) => ({ ...b, receipt: { number: typeof v === "string" && v.trim().length > 0 && v.trim().length <= 64 ? "" : v } }),
  (b) => ({ ...b, receipt: { number: "R-1", at: "yesterday" } }),
  (b) => ({ ...b, receipt: { number: "R-1", at: "2026-13-45T99:00:00Z" } }),
  (b, v) => ({ ...b, hold: { ttlSeconds: typeof v === "number" && Number.isInteger(v) && v >= 30 && v <= 86400 ? 5 : v } }),
  (b, v) => ({ ...b, redemptionCode: typeof v === "string" && /^\d{6}$/.test(v.trim()) ? "12" : (v ?? 1) }),
  (b, v) => ({ ...b, promoCodes: typeof v === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(v.trim()) ? ["no spaces allowed"] : [v ?? null] }),
];

const anyValue = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS, ...HOSTILE_NUMBERS, null, true, false, [], {}, [[]], { $ne: null }),
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.anything(), { maxKeys: 3 }),
);

const RAW_BODIES = ["", "{", "not json", "[]", "null", "42", '"text"', '{"lines": [', '{"a":1}}', "\u0000", '{"receipt": {"number": "R"}, "lines": [{}]}', "[".repeat(5000) + "]".repeat(5000)];

function expectContractError(status: number, body: unknown, context: string) {
  expect(status, context).toBeGreaterThanOrEqual(400);
  expect(status, context).toBeLessThan(500);
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } })?.error;
  expect(typeof err?.code, context).toBe("string");
  expect(err?.code as string, context).toMatch(/^[a-z_]+$/);
  expect(typeof err?.message, context).toBe("string");
  if (err?.details !== undefined) expect(Array.isArray(err.details), context).toBe(true);
}

describe("POS API under hostile input", () => {
  it("answers at least 1,000 malformed bodies with a 4xx error shape and writes nothing", { timeout: 240_000 }, async () => {
    const before = await counts();
    const samples = fc.sample(fc.tuple(fc.nat({ max: MUTATIONS.length - 1 }), anyValue, fc.constantFrom("/purchases", "/purchases/calculate")), { numRuns: 1000, seed: 20261123 });
    let n = 0;
    for (const [m, v, path] of samples) {
      const body = MUTATIONS[m](validBasket(), v);
      const r = await call("POST", path, { key, body });
      expectContractError(r.status, r.body, `${path} mutation ${m} value ${JSON.stringify(v)?.slice(0, 80)}`);
      n++;
    }
    for (const raw of RAW_BODIES) {
      for (const path of ["/purchases", "/purchases/calculate", "/customers", "/visits", "/redemptions/authorize", "/purchases/rcp_x/returns"]) {
        const r = await call("POST", path, { key, rawBody: raw });
        expectContractError(r.status, r.body, `${path} raw ${raw.slice(0, 30)}`);
        n++;
      }
    }
    const others: [string, unknown][] = [
      ["/customers", { phone: '\'; DROP TABLE "Customer"; --' }],
      ["/customers", { phone: "+79990000000", email: "not-an-email" }],
      ["/customers", { phone: "+79990000000", birthDate: "1990-02-30" }],
      ["/customers", { phone: "+79990000000", consents: { sms: "yes" } }],
      ["/visits", { customer: { card }, eventCode: "'; --" }],
      ["/visits", { customer: { card }, eventCode: "e1", purchaseId: "rcp_x" }],
      ["/redemptions/authorize", { customer: { card }, points: -1 }],
      ["/redemptions/authorize", { customer: { card }, points: 1e12 }],
      ["/redemptions/authorize", { customer: { card: "0000000000000" }, points: 1 }],
      ["/purchases/rcp_doesnotexist/returns", { returnNumber: "R", lines: [{ lineNo: 1, quantity: 1 }] }],
      ["/purchases/rcp_doesnotexist/returns", { returnNumber: "R", lines: [{ lineNo: 1, quantity: -1 }] }],
      ["/purchases/rcp_doesnotexist/commit", { extra: 1 }],
    ];
    for (const [path, body] of others) {
      const r = await call("POST", path, { key, body });
      expectContractError(r.status, r.body, `${path} ${JSON.stringify(body)}`);
      n++;
    }
    // Headers: a bad Idempotency-Key and an oversized body.
    const badKey = await call("POST", "/purchases", { key, body: validBasket(), idem: "x".repeat(300) });
    expectContractError(badKey.status, badKey.body, "long idempotency key");
    const huge = await call("POST", "/purchases", { key, rawBody: JSON.stringify({ ...validBasket(), pad: "x".repeat(600_000) }) });
    expectContractError(huge.status, huge.body, "huge body");
    n += 2;
    expect(n).toBeGreaterThanOrEqual(1000);
    expect(await counts()).toEqual(before);
  });
});
