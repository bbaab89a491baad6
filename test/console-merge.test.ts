// Merging duplicate customers and adjusting points from the console: balances add up, history
// moves over, the ledger stays reconciled, and bad requests change nothing.
import { describe, expect, it } from "vitest";
import { testDb } from "./db";
import { makeCustomer, makeProgram, makeVisit } from "./factories";
import { makeEarningReceipt, makeStaff, makeStore, makeVersion } from "./console-factories";
import { mergeCustomers } from "@/lib/admin/merge-customers";
import { issueReplacementCard, setCustomerBlocked } from "@/lib/admin/customer-actions";
import { adjustPoints } from "@/lib/ledger/adjust";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { activityMismatches } from "@/lib/segments/activity";
import { issueCard } from "@/lib/cards/issue-card";
import { createId } from "@/lib/ids";
import { accrue, lockAccounts, postEntry } from "@/lib/ledger";

const db = testDb();

async function world() {
  const program = await makeProgram(db);
  const version = await makeVersion(db, program.id);
  const store = await makeStore(db, program.id);
  const staff = await makeStaff(db, program.id, "support");
  return { program, version, store, staff };
}

async function ledgerProblemsFor(customerIds: string[]) {
  const accounts = await db.account.findMany({ where: { customerId: { in: customerIds } }, select: { id: true } });
  const ids = new Set(accounts.map((a) => a.id));
  const { discrepancies } = await checkLedger(db);
  return discrepancies.filter((d) => ids.has(d.id));
}

async function balance(customerId: string, kind: "main" | "promo" = "main") {
  return (await db.account.findUnique({ where: { customerId_kind: { customerId, kind } } }))?.available ?? 0;
}

describe("merge customers", () => {
  it("moves cards, receipts, ledger, metrics, history; balances add up; ledger stays clean", async () => {
    const { program, version, store, staff } = await world();
    const keep = await makeCustomer(db, program.id, { firstName: "Ivan" });
    const dup = await db.customer.create({
      data: { id: createId("cus"), programId: program.id, email: `dup-${Date.now()}@example.test`, firstName: "Ivan", lastName: "Petrov", registrationChannel: "web", emailConsent: true },
    });
    await db.$transaction(async (tx) => {
      await issueCard(tx, program.id, keep.id);
      await issueCard(tx, program.id, dup.id);
    });
    const r1 = await makeEarningReceipt(db, { programId: program.id, storeId: store.id, versionId: version.id, customerId: keep.id, amount: 100000, points: 300 });
    const r2 = await makeEarningReceipt(db, { programId: program.id, storeId: store.id, versionId: version.id, customerId: dup.id, amount: 200000, points: 600 });
    await adjustPoints(db, { customerId: dup.id, account: "promo", points: 50, reason: "promo gift", staffUserId: staff.id });
    // As if a promoAccount promotion had given them: they pay only for its items, wherever they move.
    await db.lot.updateMany({ where: { account: { customerId: dup.id, kind: "promo" } }, data: { promotionId: "prm_merch" } });
    await adjustPoints(db, { customerId: dup.id, account: "main", points: -100, reason: "correction", staffUserId: staff.id });
    for (const [customerId, spend, visits, purchases] of [
      [keep.id, 100000n, 1, 1],
      [dup.id, 200000n, 2, 1],
    ] as const) {
      await db.tierMetric.create({
        data: { id: createId("met"), programId: program.id, customerId, periodKey: "lifetime", periodStart: new Date(0), spend, visits, purchases, spendByCategory: { merch: Number(spend) } },
      });
    }
    await db.customerTier.create({ data: { customerId: keep.id, programId: program.id, tierCode: "base", periodKey: "lifetime", qualifiedTierCode: "base", since: new Date() } });
    await db.customerTier.create({ data: { customerId: dup.id, programId: program.id, tierCode: "gold", periodKey: "lifetime", qualifiedTierCode: "gold", since: new Date() } });
    await db.tierChange.create({ data: { id: createId("tie"), programId: program.id, customerId: dup.id, fromTier: "base", toTier: "gold", reason: "qualified" } });
    for (const c of [keep.id, dup.id]) {
      await db.achievement.create({
        data: {
          id: createId("ach"),
          programId: program.id,
          customerId: c,
          code: "legacy-10y",
          title: "10 years",
          earnedAt: new Date(c === dup.id ? "2015-01-01" : "2018-01-01"),
          source: "legacy-import",
        },
      });
      await makeVisit(db, { programId: program.id, customerId: c, eventCode: "match-1", at: new Date(), periodKey: "lifetime" });
    }
    await makeVisit(db, { programId: program.id, customerId: dup.id, eventCode: "match-2", at: new Date(), periodKey: "lifetime" });

    const topic = await db.feedbackTopic.create({ data: { id: createId("fbk"), programId: program.id, code: `t-${Date.now()}`, title: "Points" } });
    await db.feedbackRequest.create({ data: { id: createId("fbk"), programId: program.id, customerId: dup.id, topicId: topic.id, subject: "Where are my points?" } });
    expect(await ledgerProblemsFor([keep.id, dup.id])).toEqual([]);
    const before = { main: (await balance(keep.id)) + (await balance(dup.id)), promo: (await balance(keep.id, "promo")) + (await balance(dup.id, "promo")) };
    expect(before).toEqual({ main: 800, promo: 50 });

    const out = await mergeCustomers(db, { programId: program.id, keepId: keep.id, mergeId: dup.id, staffUserId: staff.id, reason: "same person, two accounts" });
    // Receipts and visits moved (the shared match visit kept once): the segments' summary follows.
    expect(await activityMismatches(db, program.id)).toEqual([]);
    expect(await db.customerActivity.findUnique({ where: { customerId: keep.id }, select: { receipts: true, visits: true } })).toEqual({ receipts: 2, visits: 2 });

    // The duplicate is an empty, blocked tombstone pointing at the golden record.
    const tomb = await db.customer.findUniqueOrThrow({ where: { id: dup.id } });
    expect({ status: tomb.status, phone: tomb.phone, email: tomb.email }).toEqual({ status: "blocked", phone: null, email: null });
    expect((await db.customerMerge.findUniqueOrThrow({ where: { mergedId: dup.id } })).keptId).toBe(keep.id);
    expect(await balance(dup.id)).toBe(0);
    expect(await balance(dup.id, "promo")).toBe(0);
    expect(await balance(keep.id)).toBe(800);
    expect(await balance(keep.id, "promo")).toBe(50);
    expect((await db.lot.findFirstOrThrow({ where: { account: { customerId: keep.id, kind: "promo" }, remaining: { gt: 0 } } })).promotionId).toBe("prm_merch");
    expect(await ledgerProblemsFor([keep.id, dup.id])).toEqual([]);
    expect(await db.account.count({ where: { customerId: keep.id } })).toBe(2);
    expect(await db.card.count({ where: { customerId: keep.id } })).toBe(2);
    expect((await db.purchase.findMany({ where: { customerId: keep.id } })).map((p) => p.id).sort()).toEqual([r1, r2].sort());
    // The duplicate's receipt lot moved with its receipt reference (a later return finds it).
    const moved = await db.lot.findFirstOrThrow({ where: { account: { customerId: keep.id }, purchaseId: r2 } });
    expect(moved.remaining).toBe(500);
    expect(await db.ledgerEntry.count({ where: { account: { customerId: dup.id }, reason: "merge-out" } })).toBe(2);
    const metric = await db.tierMetric.findUniqueOrThrow({ where: { customerId_periodKey: { customerId: keep.id, periodKey: "lifetime" } } });
    // match-1 was attended by both records: it counts once.
    expect({ spend: metric.spend, visits: metric.visits, purchases: metric.purchases, byCat: metric.spendByCategory }).toEqual({ spend: 300000n, visits: 2, purchases: 2, byCat: { merch: 300000 } });
    expect((await db.visit.findMany({ where: { customerId: keep.id } })).map((v) => v.eventCode).sort()).toEqual(["match-1", "match-2"]);
    const ach = await db.achievement.findMany({ where: { customerId: keep.id } });
    expect(ach).toHaveLength(1);
    expect(ach[0].earnedAt.toISOString()).toBe("2015-01-01T00:00:00.000Z");
    expect((await db.customerTier.findUniqueOrThrow({ where: { customerId: keep.id } })).tierCode).toBe("gold");
    expect(await db.tierChange.count({ where: { customerId: keep.id } })).toBe(1);
    expect(await db.feedbackRequest.count({ where: { customerId: keep.id } })).toBe(1);
    // The golden record takes the missing email, name and consent from the duplicate.
    expect(out.customer.email).toBe(dup.email);
    expect(out.customer.lastName).toBe("Petrov");
    expect(out.customer.emailConsent).toBe(true);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: keep.id, action: "customer.merge" } });
    expect(audit.actorId).toBe(staff.id);
    expect(audit.reason).toBe("same person, two accounts");
    expect((audit.before as { merged: { id: string } }).merged.id).toBe(dup.id);
  });

  it("moves pending points (with their activation) and debt; a merged duplicate cannot be merged again", async () => {
    const { program, staff } = await world();
    const keep = await makeCustomer(db, program.id);
    const dup = await makeCustomer(db, program.id);
    const later = new Date(Date.now() + 7 * 86400_000);
    await db.$transaction(async (tx) => {
      const acc = await lockAccounts(tx, program.id, dup.id);
      await accrue(tx, acc.main, { amount: 70, at: new Date(), activation: { kind: "date", availableAt: later }, expiresAt: null, reason: "purchase" });
      await postEntry(tx, acc.main, { type: "debt", reason: "return", at: new Date(), deltaDebt: 15 });
    });
    await mergeCustomers(db, { programId: program.id, keepId: keep.id, mergeId: dup.id, staffUserId: staff.id, reason: "duplicate" });
    const acc = await db.account.findUniqueOrThrow({ where: { customerId_kind: { customerId: keep.id, kind: "main" } } });
    expect({ pending: acc.pending, debt: acc.debt, available: acc.available }).toEqual({ pending: 70, debt: 15, available: 0 });
    const lot = await db.lot.findFirstOrThrow({ where: { accountId: acc.id } });
    expect(lot.availableAt?.toISOString()).toBe(later.toISOString());
    expect(lot.activatedAt).toBeNull();
    expect(await ledgerProblemsFor([keep.id, dup.id])).toEqual([]);
    await expect(mergeCustomers(db, { programId: program.id, keepId: keep.id, mergeId: dup.id, staffUserId: staff.id, reason: "again" })).rejects.toMatchObject({ code: "invalid_state" });
    await expect(mergeCustomers(db, { programId: program.id, keepId: dup.id, mergeId: keep.id, staffUserId: staff.id, reason: "reverse" })).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("refuses without a reason, the same customer twice, or another program's customer — and changes nothing", async () => {
    const { program, staff } = await world();
    const other = await makeProgram(db);
    const a = await makeCustomer(db, program.id);
    const b = await makeCustomer(db, program.id);
    const foreign = await makeCustomer(db, other.id);
    await expect(mergeCustomers(db, { programId: program.id, keepId: a.id, mergeId: b.id, staffUserId: staff.id, reason: "  " })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(mergeCustomers(db, { programId: program.id, keepId: a.id, mergeId: a.id, staffUserId: staff.id, reason: "x" })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(mergeCustomers(db, { programId: program.id, keepId: a.id, mergeId: foreign.id, staffUserId: staff.id, reason: "x" })).rejects.toMatchObject({ code: "customer_not_found" });
    expect(await db.customerMerge.count({ where: { mergedId: { in: [a.id, b.id, foreign.id] } } })).toBe(0);
  });
});

describe("points adjustments from the console", () => {
  it("adds and removes points with an audit entry; never below zero; ledger clean", async () => {
    const { program, staff } = await world();
    const c = await makeCustomer(db, program.id);
    await adjustPoints(db, { customerId: c.id, account: "main", points: 500, reason: "goodwill", staffUserId: staff.id });
    await adjustPoints(db, { customerId: c.id, account: "main", points: -200, reason: "mistake", staffUserId: staff.id });
    expect(await balance(c.id)).toBe(300);
    await expect(adjustPoints(db, { customerId: c.id, account: "main", points: -301, reason: "too much", staffUserId: staff.id })).rejects.toMatchObject({ code: "insufficient_points" });
    await expect(adjustPoints(db, { customerId: c.id, account: "main", points: 10, reason: "", staffUserId: staff.id })).rejects.toMatchObject({ code: "invalid_request" });
    expect(await balance(c.id)).toBe(300);
    const entries = await db.ledgerEntry.findMany({ where: { account: { customerId: c.id } }, orderBy: { at: "asc" } });
    expect(entries.map((e) => [e.type, e.deltaAvailable, e.staffUserId, e.note])).toEqual([
      ["adjustment", 500, staff.id, "goodwill"],
      ["adjustment", -200, staff.id, "mistake"],
    ]);
    expect(await db.auditLog.count({ where: { action: "points.adjust", actorId: staff.id } })).toBe(2);
    expect(await ledgerProblemsFor([c.id])).toEqual([]);
  });
});

describe("block and new card", () => {
  it("blocking ends sessions and is audited; a new card replaces the old one", async () => {
    const { program, staff } = await world();
    const c = await makeCustomer(db, program.id);
    const old = await db.$transaction((tx) => issueCard(tx, program.id, c.id));
    await setCustomerBlocked(db, { programId: program.id, customerId: c.id, staffUserId: staff.id, reason: "fraud", blocked: true });
    const blocked = await db.customer.findUniqueOrThrow({ where: { id: c.id } });
    expect(blocked.status).toBe("blocked");
    expect(blocked.sessionVersion).toBe(c.sessionVersion + 1);
    await setCustomerBlocked(db, { programId: program.id, customerId: c.id, staffUserId: staff.id, reason: "resolved", blocked: false });
    expect((await db.customer.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("active");
    const { card } = await issueReplacementCard(db, { programId: program.id, customerId: c.id, staffUserId: staff.id, reason: "lost" });
    expect((await db.card.findUniqueOrThrow({ where: { id: old.id } })).status).toBe("replaced");
    expect(card.status).toBe("active");
    expect(await db.auditLog.count({ where: { entityId: c.id, action: { in: ["customer.block", "customer.unblock", "card.reissue"] } } })).toBe(3);
    await expect(setCustomerBlocked(db, { programId: program.id, customerId: c.id, staffUserId: staff.id, reason: "", blocked: true })).rejects.toMatchObject({ code: "invalid_request" });
  });
});
