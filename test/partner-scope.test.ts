// Attacker-vs-victim: two partners of one program, each with stores, terminals and receipts.
// Every portal query and key action of one partner must never see or touch the other's data.
import { beforeAll, describe, expect, it } from "vitest";
import { createId } from "@/lib/ids";
import { loadPartnerDashboard } from "@/lib/partner/dashboard";
import { maskPhone } from "@/lib/partner/mask";
import { getPartnerReceipt, listPartnerReceipts } from "@/lib/partner/receipts";
import { listPartnerStores, partnerStoreOptions } from "@/lib/partner/stores";
import { issuePartnerTerminalKey, revokePartnerTerminal } from "@/lib/partner/terminals";
import { asPartner } from "@/lib/partner/session";
import { testDb } from "@/test/db";
import { makeCustomer, makeProgram, uniq } from "@/test/factories";

const db = testDb();
const NOW = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;

interface Tenant {
  partnerId: string;
  staffId: string;
  storeIds: string[];
  terminalId: string;
  receiptIds: string[];
}

let programId = "";
let a: Tenant;
let b: Tenant;
let member = { id: "", phone: "" };

async function makeTenant(name: string, amounts: number[]): Promise<Tenant> {
  const partnerId = createId("ptn");
  await db.partner.create({ data: { id: partnerId, programId, code: uniq(name), name } });
  const staffId = createId("stf");
  await db.staffUser.create({ data: { id: staffId, programId, partnerId, email: `${uniq(name)}@test.local`, name: `${name} manager`, role: "partner_manager", passwordHash: "x" } });
  const storeIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    const id = createId("sto");
    await db.store.create({ data: { id, programId, partnerId, code: uniq(`${name}-s${i}`), name: `${name} store ${i}`, timezone: "Europe/Moscow" } });
    storeIds.push(id);
  }
  const terminalId = createId("trm");
  await db.terminal.create({ data: { id: terminalId, programId, storeId: storeIds[0], name: "Till 1", keyPrefix: "trm_live_test", keyHash: uniq("hash") } });
  const receiptIds: string[] = [];
  for (const [i, amount] of amounts.entries()) {
    const id = createId("rcp");
    const customerId = i % 2 === 0 ? member.id : null;
    await db.purchase.create({
      data: {
        id,
        programId,
        storeId: storeIds[i % 2],
        partnerId,
        customerId,
        number: `${name.toUpperCase()}-${1000 + i}`,
        at: new Date(NOW.getTime() - (i + 1) * DAY),
        status: "committed",
        programVersionId: "pvr_test",
        amount,
        payable: amount - 1000,
        pointsEarned: amount / 100,
        pointsRedeemed: 10,
        lines: {
          create: [
            {
              id: createId("rln"),
              programId,
              customerId,
              lineNo: 1,
              sku: "SKU",
              category: "food",
              name: "Item",
              quantityMilli: 1000,
              price: amount,
              amount,
              pointsEarned: amount / 100,
              pointsRedeemed: 10,
            },
          ],
        },
      },
    });
    receiptIds.push(id);
  }
  await db.purchaseReturn.create({
    data: {
      id: createId("ret"),
      programId,
      customerId: member.id,
      purchaseId: receiptIds[0],
      purchaseAt: (await db.purchase.findFirstOrThrow({ where: { id: receiptIds[0] }, select: { at: true } })).at,
      number: `${name}-RET-1`,
      at: new Date(NOW.getTime() - DAY / 2),
      amount: 500,
      pointsRefunded: 1,
      pointsReclaimed: 5,
      lines: [{ lineNo: 1, quantityMilli: 500, amount: 500 }],
    },
  });
  return { partnerId, staffId, storeIds, terminalId, receiptIds };
}

beforeAll(async () => {
  const program = await makeProgram(db);
  programId = program.id;
  const c = await makeCustomer(db, programId, { firstName: "Ivan" });
  await db.customer.update({ where: { id: c.id }, data: { lastName: "Secretov", email: `${uniq("ivan")}@mail.test` } });
  member = { id: c.id, phone: c.phone! };
  a = await makeTenant("alpha", [100_000, 200_000, 300_000]);
  b = await makeTenant("beta", [50_000, 70_000]);
});

describe("partner portal scope", () => {
  it("the session guard lets only partner managers with a partner in", () => {
    expect(asPartner({ kind: "staff", id: "s", programId: "p", role: "partner_manager", partnerId: "ptn_1" })).toMatchObject({ partnerId: "ptn_1" });
    expect(asPartner({ kind: "staff", id: "s", programId: "p", role: "partner_manager", partnerId: null })).toBeNull();
    expect(asPartner({ kind: "staff", id: "s", programId: "p", role: "owner", partnerId: "ptn_1" })).toBeNull();
    expect(asPartner({ kind: "customer", id: "c", programId: "p" })).toBeNull();
    expect(asPartner(null)).toBeNull();
  });

  it("dashboards count only the partner's own stores", async () => {
    const da = await loadPartnerDashboard(db, { partnerId: a.partnerId, timeZone: "Europe/Moscow", period: "30d", now: NOW });
    expect(da.receipts).toEqual({ all: 3, members: 2, anonymous: 1, customers: 1 });
    expect(da.revenue).toMatchObject({ all: 600_000, members: 400_000, anonymous: 200_000, average: 200_000 });
    expect(da.points).toEqual({ issued: 6000, redeemed: 30 });
    expect(da.returns).toEqual({ count: 1, amount: 500, pointsRefunded: 1, pointsReclaimed: 5 });
    expect(da.bucket).toBe("day");
    expect(da.series).toHaveLength(30);
    expect(da.series.reduce((s, p) => s + p.receipts, 0)).toBe(3);
    expect(da.topStores.map((s) => s.id).sort()).toEqual([...a.storeIds].sort());

    const db_ = await loadPartnerDashboard(db, { partnerId: b.partnerId, timeZone: "Europe/Moscow", period: "30d", now: NOW });
    expect(db_.receipts.all).toBe(2);
    expect(db_.revenue.all).toBe(120_000);
    expect(db_.topStores.every((s) => b.storeIds.includes(s.id))).toBe(true);

    const year = await loadPartnerDashboard(db, { partnerId: a.partnerId, timeZone: "Europe/Moscow", period: "365d", now: NOW });
    expect(year.bucket).toBe("week");
    expect(year.series.length).toBeGreaterThanOrEqual(52);
    expect(year.series.reduce((s, p) => s + p.memberRevenue + p.anonymousRevenue, 0)).toBe(600_000);
  });

  it("receipt lists contain only the partner's receipts, even when filtered by the other's store", async () => {
    const la = await listPartnerReceipts(db, { partnerId: a.partnerId });
    expect(la.total).toBe(3);
    expect(la.rows.map((r) => r.id).sort()).toEqual([...a.receiptIds].sort());
    const lb = await listPartnerReceipts(db, { partnerId: b.partnerId });
    expect(lb.rows.map((r) => r.id).sort()).toEqual([...b.receiptIds].sort());

    // Partner A asks for partner B's store: nothing.
    expect(await listPartnerReceipts(db, { partnerId: a.partnerId, storeId: b.storeIds[0] })).toEqual({ rows: [], total: 0 });
    // Or searches B's receipt numbers: nothing.
    expect((await listPartnerReceipts(db, { partnerId: a.partnerId, number: "BETA-" })).total).toBe(0);
    expect((await listPartnerReceipts(db, { partnerId: a.partnerId, number: "alpha-100" })).total).toBe(3);
    expect((await listPartnerReceipts(db, { partnerId: a.partnerId, number: "ALPHA-1001" })).rows.map((r) => r.number)).toEqual(["ALPHA-1001"]);
    // A LIKE wildcard is taken literally.
    expect((await listPartnerReceipts(db, { partnerId: a.partnerId, number: "%" })).total).toBe(0);
  });

  it("filters by store and date and pages on the server", async () => {
    const s0 = await listPartnerReceipts(db, { partnerId: a.partnerId, storeId: a.storeIds[0] });
    expect(s0.total).toBe(2);
    const recent = await listPartnerReceipts(db, { partnerId: a.partnerId, from: new Date(NOW.getTime() - 2.5 * DAY), to: NOW });
    expect(recent.total).toBe(2);
    const page1 = await listPartnerReceipts(db, { partnerId: a.partnerId, limit: 2, offset: 0, sort: { id: "amount", desc: true } });
    const page2 = await listPartnerReceipts(db, { partnerId: a.partnerId, limit: 2, offset: 2, sort: { id: "amount", desc: true } });
    expect(page1.total).toBe(3);
    expect([...page1.rows, ...page2.rows].map((r) => r.amount)).toEqual([300_000, 200_000, 100_000]);
  });

  it("never exposes a member's phone, email or last name", async () => {
    const la = await listPartnerReceipts(db, { partnerId: a.partnerId });
    const withMember = la.rows.find((r) => r.member)!;
    expect(withMember.member).toEqual({ firstName: "Ivan", phone: maskPhone(member.phone) });
    const json = JSON.stringify([la, await getPartnerReceipt(db, { partnerId: a.partnerId, purchaseId: a.receiptIds[0] })]);
    expect(json).not.toContain(member.phone);
    expect(json).not.toContain(member.phone.slice(2));
    expect(json).not.toContain("Secretov");
    expect(json).not.toContain("@mail.test");
    expect(json).not.toContain(member.id);
  });

  it("a receipt id of the other partner is not found", async () => {
    const own = await getPartnerReceipt(db, { partnerId: a.partnerId, purchaseId: a.receiptIds[0] });
    expect(own?.lines).toHaveLength(1);
    expect(own?.returnsList).toHaveLength(1);
    expect(own?.returnsList[0].lines).toEqual([{ lineNo: 1, quantity: 0.5, amount: 500 }]);
    for (const id of b.receiptIds) expect(await getPartnerReceipt(db, { partnerId: a.partnerId, purchaseId: id })).toBeNull();
    for (const id of a.receiptIds) expect(await getPartnerReceipt(db, { partnerId: b.partnerId, purchaseId: id })).toBeNull();
  });

  it("stores and store options are the partner's own", async () => {
    const sa = await listPartnerStores(db, a.partnerId);
    expect(sa.map((s) => s.id).sort()).toEqual([...a.storeIds].sort());
    expect(sa.flatMap((s) => s.terminals.map((t) => t.id))).toEqual([a.terminalId]);
    expect((await partnerStoreOptions(db, b.partnerId)).map((s) => s.id).sort()).toEqual([...b.storeIds].sort());
  });

  it("keys: a partner issues and revokes at its own stores only, audited", async () => {
    const actorA = { partnerId: a.partnerId, staffUserId: a.staffId };
    // Attacker A against victim B's store and terminal.
    await expect(issuePartnerTerminalKey(db, actorA, { storeId: b.storeIds[0], name: "Evil till" })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokePartnerTerminal(db, actorA, { terminalId: b.terminalId })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.terminal.count({ where: { storeId: { in: b.storeIds } } })).toBe(1);
    expect((await db.terminal.findUniqueOrThrow({ where: { id: b.terminalId } })).revoked).toBe(false);

    const { terminal, key } = await issuePartnerTerminalKey(db, actorA, { storeId: a.storeIds[1], name: "Till 2" });
    expect(key).toMatch(/^trm_live_[0-9A-Za-z]{32}$/);
    expect(terminal.storeId).toBe(a.storeIds[1]);
    const stored = await db.terminal.findUniqueOrThrow({ where: { id: terminal.id } });
    expect(stored.keyHash).not.toContain(key.slice(9));
    await expect(issuePartnerTerminalKey(db, actorA, { storeId: a.storeIds[1], name: "   " })).rejects.toMatchObject({ code: "invalid_request" });

    const revoked = await revokePartnerTerminal(db, actorA, { terminalId: terminal.id });
    expect(revoked.revoked).toBe(true);
    expect((await revokePartnerTerminal(db, actorA, { terminalId: terminal.id })).revoked).toBe(true);
    // B cannot revoke A's terminal either.
    await expect(revokePartnerTerminal(db, { partnerId: b.partnerId, staffUserId: b.staffId }, { terminalId: a.terminalId })).rejects.toMatchObject({ code: "not_found" });
    expect((await db.terminal.findUniqueOrThrow({ where: { id: a.terminalId } })).revoked).toBe(false);

    const audit = await db.auditLog.findMany({ where: { entityId: terminal.id }, orderBy: { at: "asc" } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ["terminal.issue", a.staffId],
      ["terminal.revoke", a.staffId],
    ]);
  });
});
