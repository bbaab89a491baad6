// Issue 10.7: a customer merge names the duplicate exactly (id, phone or card — no fuzzy search),
// shows both customers first, re-checks both under row locks taken in a fixed order, and a receipt
// that races the merge never credits the merged-away customer.
import { beforeAll, describe, expect, it } from "vitest";
import { createId } from "@/lib/ids";
import { findMergeCandidate, mergeCustomers } from "@/lib/admin/merge-customers";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { accrue, lockAccounts } from "@/lib/ledger";
import { testDb } from "../db";
import { uniq } from "../factories";
import { line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "../pos/harness";

const db = testDb();
let club: TestProgram;
let staffId = "";

beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
  staffId = createId("stf");
  await db.staffUser.create({ data: { id: staffId, programId: club.programId, email: `${uniq("sup")}@test.local`, name: "Support", role: "support", passwordHash: "x" } });
});

async function grant(customerId: string, points: number) {
  await db.$transaction(async (tx) => {
    const acc = await lockAccounts(tx, club.programId, customerId);
    await accrue(tx, acc.main, { amount: points, at: new Date(), activation: { kind: "immediate" }, expiresAt: null, reason: "test", type: "adjustment" });
  });
}

async function totals(customerId: string) {
  const rows = await db.account.findMany({ where: { customerId } });
  return rows.reduce((s, a) => s + a.available + a.pending + a.held, 0);
}

describe("finding the duplicate", () => {
  it("takes an exact id, phone or card and shows both customers; a name or part of a number is refused", async () => {
    const keep = await registerCustomer(club.keys["stadium-shop"], { firstName: "Ivan" });
    const dup = await registerCustomer(club.keys["stadium-shop"], { firstName: "Ivan" });
    const programId = club.programId;
    for (const ref of [dup.id, dup.phone, dup.card]) {
      const found = await findMergeCandidate(db, { programId, keepId: keep.id, ref });
      expect(found.keep.id).toBe(keep.id);
      expect(found.merge).toMatchObject({ id: dup.id, phone: dup.phone, cards: [dup.card] });
    }
    await expect(findMergeCandidate(db, { programId, keepId: keep.id, ref: "Ivan" })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(findMergeCandidate(db, { programId, keepId: keep.id, ref: dup.phone.slice(0, 8) })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(findMergeCandidate(db, { programId, keepId: keep.id, ref: keep.card })).rejects.toMatchObject({ code: "customer_not_found" });
    await expect(findMergeCandidate(db, { programId: "prg_other", keepId: keep.id, ref: dup.id })).rejects.toMatchObject({ code: "customer_not_found" });
  });
});

describe("merge under locks", () => {
  it("two opposite merges of the same pair at once: exactly one happens", async () => {
    const a = await registerCustomer(club.keys["stadium-shop"]);
    const b = await registerCustomer(club.keys["stadium-shop"]);
    const out = await Promise.allSettled([
      mergeCustomers(db, { programId: club.programId, keepId: a.id, mergeId: b.id, staffUserId: staffId, reason: "dup" }),
      mergeCustomers(db, { programId: club.programId, keepId: b.id, mergeId: a.id, staffUserId: staffId, reason: "dup" }),
    ]);
    expect(out.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const failed = out.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: "invalid_state" });
    expect(await db.customerMerge.count({ where: { mergedId: { in: [a.id, b.id] } } })).toBe(1);
  });

  it("receipts racing the merge on the duplicate's card end on the surviving customer; the ledger balances", async () => {
    const key = club.keys["stadium-shop"];
    const keep = await registerCustomer(key);
    const dup = await registerCustomer(key);
    await grant(dup.id, 5000);
    const before = (await totals(keep.id)) + (await totals(dup.id));
    const numbers = Array.from({ length: 20 }, () => receiptNo());
    const receipts = numbers.map((number, i) =>
      new Promise((r) => setTimeout(r, i * 3)).then(() => post("/purchases", key, { customer: { card: dup.card }, receipt: { number }, lines: [line(1, 100000, "merch")] })),
    );
    const merge = new Promise((r) => setTimeout(r, 10)).then(() => mergeCustomers(db, { programId: club.programId, keepId: keep.id, mergeId: dup.id, staffUserId: staffId, reason: "same fan" }));
    const [answers] = await Promise.all([Promise.all(receipts), merge]);
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(201);
    const earned = answers.reduce((s, a) => s + Number(a.body.totals.pointsEarned), 0);
    expect(earned).toBeGreaterThan(0);

    // Nothing is left on the merged-away customer; every receipt and every point is the survivor's.
    expect(await totals(dup.id)).toBe(0);
    expect(await db.purchase.count({ where: { number: { in: numbers }, customerId: keep.id } })).toBe(numbers.length);
    expect(await totals(keep.id)).toBe(before + earned);
    expect((await checkLedger(db, { programId: club.programId })).discrepancies).toEqual([]);
  });

  it("gate visits racing the merge count on the surviving customer", async () => {
    const key = club.keys["stadium-shop"];
    const keep = await registerCustomer(key);
    const dup = await registerCustomer(key);
    const events = Array.from({ length: 15 }, (_, i) => `${uniq("match")}-${i}`);
    const visits = events.map((eventCode, i) => new Promise((r) => setTimeout(r, i * 3)).then(() => post("/visits", key, { customer: { card: dup.card }, eventCode })));
    const merge = new Promise((r) => setTimeout(r, 10)).then(() => mergeCustomers(db, { programId: club.programId, keepId: keep.id, mergeId: dup.id, staffUserId: staffId, reason: "same fan" }));
    const [answers] = await Promise.all([Promise.all(visits), merge]);
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(await db.visit.count({ where: { eventCode: { in: events }, customerId: keep.id } })).toBe(events.length);
    expect(await db.tierMetric.count({ where: { customerId: dup.id } })).toBe(0);
  });
});
