// Attacker-vs-victim for the portal's customers, groups, contacts and earn rate: two partners of
// one program share a member; every query and write of one partner must never see or touch what
// happened at the other's stores (its receipts, categories, stores, groups, contacts, rate).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { openRequest } from "@/lib/feedback";
import { createId } from "@/lib/ids";
import { listPartnerContacts, createPartnerContact, deletePartnerContact, updatePartnerContact } from "@/lib/partner/contacts";
import { getPartnerCustomerCard, listPartnerCustomers, partnerCustomerBatches, prismaRows } from "@/lib/partner/customers";
import { changePartnerEarnRate, partnerEarnRate, setPartnerRateBounds } from "@/lib/partner/earn-rate";
import { memberIdFromRef, memberRef } from "@/lib/partner/member-ref";
import { createPartnerGroup, deletePartnerGroup, getPartnerGroup, listPartnerGroups, partnerSegmentDefinitionOrThrow, updatePartnerGroup } from "@/lib/partner/segments";
import { applyProgram } from "@/lib/program/apply-program";
import { definitionInForce } from "@/lib/program/in-force";
import { compileSegment, type SegmentContext } from "@/lib/segments/compile";
import type { SegmentCondition, SegmentDefinition } from "@/lib/segments/definition";
import { testDb } from "@/test/db";
import { makeCustomer, makeProgram, uniq } from "@/test/factories";

const db = testDb();
const NOW = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;

interface Tenant {
  partnerId: string;
  staffId: string;
  storeCodes: string[];
  storeIds: string[];
}

let programId = "";
let a: Tenant;
let b: Tenant;
/** Bought at both partners: a little at A long ago, a lot of beer at B yesterday. */
let shared = { id: "", phone: "" };
/** Bought only at B. */
let onlyB = { id: "" };
/** At A: only a cancelled receipt — not A's customer. */
let cancelledAtA = { id: "" };
/** At A: coffee, twice. */
let coffeeFan = { id: "" };

async function makeTenant(name: string): Promise<Tenant> {
  const partnerId = createId("ptn");
  await db.partner.create({ data: { id: partnerId, programId, code: uniq(name), name } });
  const staffId = createId("stf");
  await db.staffUser.create({ data: { id: staffId, programId, partnerId, email: `${uniq(name)}@test.local`, name: `${name} manager`, role: "partner_manager", passwordHash: "x" } });
  const storeIds: string[] = [];
  const storeCodes: string[] = [];
  for (let i = 0; i < 2; i++) {
    const id = createId("sto");
    const code = uniq(`${name}-s${i}`);
    await db.store.create({ data: { id, programId, partnerId, code, name: `${name} store ${i}`, timezone: "Europe/Moscow" } });
    storeIds.push(id);
    storeCodes.push(code);
  }
  return { partnerId, staffId, storeIds, storeCodes };
}

async function receipt(t: Tenant, customerId: string, o: { amount: number; daysAgo: number; category: string; status?: "committed" | "cancelled"; earned?: number; redeemed?: number }) {
  const id = createId("rcp");
  await db.purchase.create({
    data: {
      id,
      programId,
      storeId: t.storeIds[0],
      partnerId: t.partnerId,
      customerId,
      number: uniq("R"),
      at: new Date(NOW.getTime() - o.daysAgo * DAY),
      status: o.status ?? "committed",
      programVersionId: "pvr_test",
      amount: o.amount,
      payable: o.amount,
      pointsEarned: o.earned ?? o.amount / 100,
      pointsRedeemed: o.redeemed ?? 0,
      lines: {
        create: [
          {
            id: createId("rln"),
            programId,
            customerId,
            lineNo: 1,
            sku: `SKU-${o.category}`,
            category: o.category,
            name: o.category,
            quantityMilli: 1000,
            price: o.amount,
            amount: o.amount,
            pointsEarned: o.earned ?? o.amount / 100,
          },
        ],
      },
    },
  });
  return id;
}

let ctx: SegmentContext;
const actorOf = (t: Tenant) => ({ programId, partnerId: t.partnerId, staffUserId: t.staffId });
const group = (...children: SegmentCondition[]): SegmentDefinition => ({ kind: "group", op: "and", children });
const allTime = { kind: "allTime" } as const;
const ids = async (t: Tenant, definition?: SegmentDefinition) =>
  (await listPartnerCustomers(db, { partnerId: t.partnerId, ctx, definition, limit: 500 })).rows.map((r) => memberIdFromRef(t.partnerId, r.ref)).sort();

beforeAll(async () => {
  const program = await makeProgram(db);
  programId = program.id;
  ctx = { programId, now: NOW, timeZone: "Europe/Moscow", entryTier: null };
  a = await makeTenant("alpha");
  b = await makeTenant("beta");
  const c1 = await makeCustomer(db, programId, { firstName: "Ivan" });
  await db.customer.update({ where: { id: c1.id }, data: { lastName: "Secretov", email: `${uniq("ivan")}@mail.test` } });
  shared = { id: c1.id, phone: c1.phone! };
  onlyB = { id: (await makeCustomer(db, programId, { firstName: "Boris" })).id };
  cancelledAtA = { id: (await makeCustomer(db, programId, { firstName: "Cyril" })).id };
  coffeeFan = { id: (await makeCustomer(db, programId, { firstName: "Anna" })).id };
  const ra = await receipt(a, shared.id, { amount: 10_000, daysAgo: 200, category: "coffee", redeemed: 30 });
  await receipt(b, shared.id, { amount: 5_000_000, daysAgo: 1, category: "beer", redeemed: 500 });
  await receipt(b, shared.id, { amount: 2_000_000, daysAgo: 2, category: "beer" });
  await receipt(b, onlyB.id, { amount: 40_000, daysAgo: 3, category: "beer" });
  await receipt(a, cancelledAtA.id, { amount: 90_000, daysAgo: 3, category: "coffee", status: "cancelled" });
  await receipt(a, coffeeFan.id, { amount: 30_000, daysAgo: 5, category: "coffee" });
  await receipt(a, coffeeFan.id, { amount: 20_000, daysAgo: 40, category: "coffee" });
  await db.purchaseReturn.create({
    data: {
      id: createId("ret"),
      programId,
      customerId: shared.id,
      purchaseId: ra,
      purchaseAt: (await db.purchase.findFirstOrThrow({ where: { id: ra }, select: { at: true } })).at,
      number: uniq("RET"),
      at: new Date(NOW.getTime() - 199 * DAY),
      amount: 1000,
      pointsRefunded: 10,
      pointsReclaimed: 5,
      lines: [],
    },
  });
  // Feedback: one about A, one about B, one about the club.
  const topic = await db.feedbackTopic.create({ data: { id: createId("fbk"), programId, code: uniq("t"), title: "Partners" } });
  for (const [partnerId, subject] of [
    [a.partnerId, "Cold coffee at alpha"],
    [b.partnerId, "Warm beer at beta"],
    [null, "Club question"],
  ] as const) {
    const id = createId("fbk");
    await db.feedbackRequest.create({ data: { id, programId, customerId: shared.id, topicId: topic.id, partnerId, subject } });
    await db.feedbackMessage.create({ data: { id: createId("fbm"), programId, requestId: id, author: "customer", body: `${subject}: details` } });
  }
});

describe("partner customers", () => {
  it("lists only members with a committed receipt at the partner, with the partner's own numbers", async () => {
    expect(await ids(a)).toEqual([shared.id, coffeeFan.id].sort());
    expect(await ids(b)).toEqual([shared.id, onlyB.id].sort());
    const rows = (await listPartnerCustomers(db, { partnerId: a.partnerId, ctx })).rows;
    const ivan = rows.find((r) => r.firstName === "Ivan")!;
    // Only A's receipt: 100.00, not B's 70,000.00.
    expect(ivan).toMatchObject({ receipts: 1, spend: 10_000, pointsEarned: 100, pointsRedeemed: 30 });
    const anna = rows.find((r) => r.firstName === "Anna")!;
    expect(anna).toMatchObject({ receipts: 2, spend: 50_000 });
    expect((await listPartnerCustomers(db, { partnerId: a.partnerId, ctx, sort: { id: "spend", desc: true } })).rows.map((r) => r.firstName)).toEqual(["Anna", "Ivan"]);
  });

  it("searches by first name or a whole phone, never another partner's customer", async () => {
    const q = async (t: Tenant, text: string) => (await listPartnerCustomers(db, { partnerId: t.partnerId, ctx, q: text })).rows.map((r) => r.firstName);
    expect(await q(a, "iv")).toEqual(["Ivan"]);
    expect(await q(a, "Boris")).toEqual([]);
    expect(await q(b, "Boris")).toEqual(["Boris"]);
    expect(await q(a, shared.phone)).toEqual(["Ivan"]);
    expect(await q(a, "%")).toEqual([]);
  });

  it("a group's purchase conditions see only the partner's receipts, categories and stores", async () => {
    // Ivan spent 70,100.00 in all, but 100.00 at A.
    expect(await ids(a, group({ kind: "spend", period: allTime, op: "gte", value: 1_000_000 }))).toEqual([]);
    expect(await ids(b, group({ kind: "spend", period: allTime, op: "gte", value: 1_000_000 }))).toEqual([shared.id]);
    // Beer was bought only at B.
    expect(await ids(a, group({ kind: "boughtCategory", categories: ["beer"], period: allTime }))).toEqual([]);
    expect(await ids(a, group({ kind: "boughtSku", skus: ["SKU-beer"], period: allTime }))).toEqual([]);
    expect(await ids(a, group({ kind: "boughtCategory", categories: ["coffee"], period: allTime }))).toEqual([shared.id, coffeeFan.id].sort());
    // B's store codes match nothing at A.
    expect(await ids(a, group({ kind: "boughtAtStore", stores: b.storeCodes, period: allTime }))).toEqual([]);
    // Ivan bought at B yesterday, at A 200 days ago.
    expect(await ids(a, group({ kind: "daysSinceLastPurchase", op: "lte", value: 10 }))).toEqual([coffeeFan.id]);
    expect(await ids(a, group({ kind: "receipts", period: { kind: "lastDays", days: 30 }, op: "gte", value: 1 }))).toEqual([coffeeFan.id]);
    // Negations and "zero matches" stay within the partner's customers (Boris never appears at A).
    expect(await ids(a, group({ kind: "boughtCategory", categories: ["beer"], period: allTime, negate: true }))).toEqual([shared.id, coffeeFan.id].sort());
    expect(await ids(a, group({ kind: "spend", period: { kind: "lastDays", days: 30 }, op: "lt", value: 1 }))).toEqual([shared.id]);
    // The correlated path (a cheap sibling) is scoped too.
    const consentAll = { kind: "consent", channel: "sms", given: false } as const;
    expect(await ids(a, group(consentAll, { kind: "spend", period: allTime, op: "gte", value: 1_000_000 }))).toEqual([]);
    expect(await ids(a, group(consentAll, { kind: "daysSinceLastPurchase", op: "gte", value: 100 }))).toEqual([shared.id]);
    // RFM among A's customers only.
    expect((await ids(a, group({ kind: "rfm", days: 365, r: [], f: [], m: [] }))).length).toBe(2);
    expect(await ids(a, group({ kind: "rfm", days: 365, r: [5], f: [], m: [] }))).toEqual([coffeeFan.id]);
  });

  it("conditions about the rest of the program are refused, by the validator and by the compiler", () => {
    for (const c of [
      { kind: "balance", op: "gte", value: 1 },
      { kind: "visits", period: allTime, op: "gte", value: 1 },
      { kind: "boughtAtPartner", partners: ["x"], period: allTime },
    ] as SegmentCondition[]) {
      expect(() => partnerSegmentDefinitionOrThrow(group(c))).toThrow(expect.objectContaining({ code: "invalid_request" }));
      expect(() => compileSegment(group(c), { ...ctx, partnerId: a.partnerId })).toThrow(/cannot use/);
    }
    expect(() => partnerSegmentDefinitionOrThrow({ kind: "group", op: "or", children: [{ kind: "group", op: "and", children: [{ kind: "visits", period: allTime, op: "gte", value: 1 }] }] })).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ path: "children[0].children[0].kind" })] }),
    );
  });

  it("the card shows only the partner's receipts, points and feedback, and never the member's identity", async () => {
    const card = (await getPartnerCustomerCard(db, { partnerId: a.partnerId, programId, ref: memberRef(a.partnerId, shared.id), locale: "en" }))!;
    expect(card.firstName).toBe("Ivan");
    expect(card.summary).toMatchObject({ receipts: 1, spend: 10_000, pointsEarned: 95, pointsSpent: 20, returns: 1 });
    expect(card.receipts).toHaveLength(1);
    expect(card.feedback.map((f) => f.subject)).toEqual(["Cold coffee at alpha"]);
    const json = JSON.stringify(card);
    for (const secret of [shared.phone, shared.phone.slice(2), "Secretov", "@mail.test", shared.id, "beer"]) expect(json).not.toContain(secret);
  });

  it("a member who never bought at the partner, or a reference of another partner, is not found", async () => {
    const card = (partnerId: string, ref: string) => getPartnerCustomerCard(db, { partnerId, programId, ref, locale: "en" });
    expect(await card(a.partnerId, memberRef(a.partnerId, onlyB.id))).toBeNull();
    expect(await card(a.partnerId, memberRef(a.partnerId, cancelledAtA.id))).toBeNull();
    // B's reference of the shared member means nothing to A, and vice versa.
    expect(memberRef(a.partnerId, shared.id)).not.toBe(memberRef(b.partnerId, shared.id));
    expect(await card(a.partnerId, memberRef(b.partnerId, shared.id))).toBeNull();
    expect(memberIdFromRef(a.partnerId, memberRef(b.partnerId, shared.id))).toBeNull();
    // A customer id, garbage and a tampered reference.
    expect(await card(a.partnerId, shared.id)).toBeNull();
    expect(await card(a.partnerId, "x".repeat(60))).toBeNull();
    const ref = memberRef(a.partnerId, shared.id);
    expect(memberIdFromRef(a.partnerId, ref.slice(0, -2) + (ref.endsWith("AA") ? "BB" : "AA"))).toBeNull();
    expect(memberIdFromRef(a.partnerId, ref)).toBe(shared.id);
  });

  it("the export's batches hold the same customers as the list", async () => {
    const got: string[] = [];
    for await (const rows of partnerCustomerBatches(prismaRows(db), { partnerId: a.partnerId, ctx }, 1)) got.push(...rows.map((r) => memberIdFromRef(a.partnerId, r.ref)!));
    expect(got.sort()).toEqual([shared.id, coffeeFan.id].sort());
    const coffee: string[] = [];
    for await (const rows of partnerCustomerBatches(prismaRows(db), { partnerId: b.partnerId, ctx, definition: group({ kind: "boughtCategory", categories: ["coffee"], period: allTime }) }))
      coffee.push(...rows.map((r) => r.ref));
    expect(coffee).toEqual([]);
  });
});

describe("feedback addressed to a partner", () => {
  it("a fan addresses a request to a partner of their own program only; the card shows it to that partner alone", async () => {
    const topic = await db.feedbackTopic.findFirstOrThrow({ where: { programId } });
    const other = await makeProgram(db);
    const stranger = createId("ptn");
    await db.partner.create({ data: { id: stranger, programId: other.id, code: uniq("x"), name: "Stranger" } });
    await expect(openRequest(db, { customerId: coffeeFan.id, topicId: topic.id, subject: "About a stranger", body: "…", partnerId: stranger })).rejects.toMatchObject({
      code: "invalid_request",
      details: [{ path: "partnerId", message: "unknown_partner" }],
    });
    const r = await openRequest(db, { customerId: coffeeFan.id, topicId: topic.id, subject: "Great flat white", body: "Thanks!", partnerId: a.partnerId });
    expect(r.partnerId).toBe(a.partnerId);
    const card = (partnerId: string) => getPartnerCustomerCard(db, { partnerId, programId, ref: memberRef(partnerId, coffeeFan.id), locale: "en" });
    expect((await card(a.partnerId))?.feedback.map((f) => f.subject)).toEqual(["Great flat white"]);
    // Anna never bought at B: no card there at all.
    expect(await card(b.partnerId)).toBeNull();
    // Without a partner: nobody's.
    const none = await openRequest(db, { customerId: coffeeFan.id, topicId: topic.id, subject: "Club only", body: "…", partnerId: "" });
    expect(none.partnerId).toBeNull();
  });
});

describe("partner groups", () => {
  it("are the partner's own: invisible, unreadable and unchangeable by another partner; audited", async () => {
    const def = group({ kind: "boughtCategory", categories: ["coffee"], period: allTime });
    const g = await createPartnerGroup(db, actorOf(a), { name: "Coffee lovers", definition: def });
    // Same name at B is fine; twice at A is not.
    const gb = await createPartnerGroup(db, actorOf(b), { name: "Coffee lovers", definition: def });
    await expect(createPartnerGroup(db, actorOf(a), { name: " Coffee   lovers ", definition: def })).rejects.toMatchObject({ code: "already_exists" });
    expect((await listPartnerGroups(db, a.partnerId)).map((x) => x.id)).toEqual([g.id]);
    expect((await listPartnerGroups(db, b.partnerId)).map((x) => x.id)).toEqual([gb.id]);
    await expect(getPartnerGroup(db, b.partnerId, g.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updatePartnerGroup(db, actorOf(b), { id: g.id, name: "Hijacked", definition: group() })).rejects.toMatchObject({ code: "not_found" });
    await expect(deletePartnerGroup(db, actorOf(b), { id: g.id })).rejects.toMatchObject({ code: "not_found" });
    expect((await getPartnerGroup(db, a.partnerId, g.id)).name).toBe("Coffee lovers");
    await expect(updatePartnerGroup(db, actorOf(a), { id: g.id, name: "x", definition: group({ kind: "visits", period: allTime, op: "gte", value: 1 }) })).rejects.toMatchObject({
      code: "invalid_request",
    });
    const renamed = await updatePartnerGroup(db, actorOf(a), { id: g.id, name: "Coffee regulars", definition: def });
    expect(renamed.name).toBe("Coffee regulars");
    await deletePartnerGroup(db, actorOf(a), { id: g.id });
    await expect(getPartnerGroup(db, a.partnerId, g.id)).rejects.toMatchObject({ code: "not_found" });
    const audit = await db.auditLog.findMany({ where: { entityId: g.id }, orderBy: { at: "asc" } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ["partner.group.create", a.staffId],
      ["partner.group.update", a.staffId],
      ["partner.group.delete", a.staffId],
    ]);
  });
});

describe("partner groups in both languages", () => {
  it("are read in the reader's language; saved unchanged they stay bilingual, renamed they are as typed", async () => {
    const def = group({ kind: "boughtCategory", categories: ["coffee"], period: allTime });
    const g = await createPartnerGroup(db, actorOf(a), { name: { en: "Regular guests", ru: "Постоянные гости" }, definition: def });
    expect((await getPartnerGroup(db, a.partnerId, g.id, "en")).name).toBe("Regular guests");
    expect((await getPartnerGroup(db, a.partnerId, g.id, "ru")).name).toBe("Постоянные гости");
    expect((await listPartnerGroups(db, a.partnerId, "ru")).find((x) => x.id === g.id)?.name).toBe("Постоянные гости");
    // A typed name that reads as the group's name in either language is taken.
    await expect(createPartnerGroup(db, actorOf(a), { name: "Постоянные гости", definition: def })).rejects.toMatchObject({ code: "already_exists" });
    await expect(createPartnerGroup(db, actorOf(a), { name: "Regular guests", definition: def })).rejects.toMatchObject({ code: "already_exists" });
    // The Russian reader saves the conditions with the name shown to them: both languages stay.
    await updatePartnerGroup(db, actorOf(a), { id: g.id, name: "Постоянные гости", definition: group() });
    expect((await getPartnerGroup(db, a.partnerId, g.id, "en")).name).toBe("Regular guests");
    expect((await getPartnerGroup(db, a.partnerId, g.id, "ru")).name).toBe("Постоянные гости");
    // A rename is user content: shown as typed in every language.
    await updatePartnerGroup(db, actorOf(a), { id: g.id, name: "Гости по будням", definition: def });
    expect((await getPartnerGroup(db, a.partnerId, g.id, "en")).name).toBe("Гости по будням");
    expect((await getPartnerGroup(db, a.partnerId, g.id, "ru")).name).toBe("Гости по будням");
    await deletePartnerGroup(db, actorOf(a), { id: g.id });
  });
});

describe("partner contacts in both languages", () => {
  it("show the role in the reader's language until the manager changes it", async () => {
    const c = await createPartnerContact(db, actorOf(a), { name: "Мария Орлова", role: { en: "Owner", ru: "Владелец" }, email: "maria@alpha.test", phone: "" });
    const role = async (locale: "en" | "ru") => (await listPartnerContacts(db, a.partnerId, locale)).find((x) => x.id === c.id)?.role;
    expect([await role("en"), await role("ru")]).toEqual(["Owner", "Владелец"]);
    await updatePartnerContact(db, actorOf(a), { id: c.id, name: "Мария Орлова", role: "Владелец", email: "maria@alpha.test", phone: "+79990001122" });
    expect([await role("en"), await role("ru")]).toEqual(["Owner", "Владелец"]);
    await updatePartnerContact(db, actorOf(a), { id: c.id, name: "Мария Орлова", role: "Co-owner", email: "maria@alpha.test", phone: null });
    expect([await role("en"), await role("ru")]).toEqual(["Co-owner", "Co-owner"]);
    await deletePartnerContact(db, actorOf(a), { id: c.id });
  });
});

describe("partner contacts", () => {
  it("are managed by the partner only, validated and audited", async () => {
    const c = await createPartnerContact(db, actorOf(a), { name: "Olga Petrova", role: "Store manager", email: " Olga@Alpha.TEST ", phone: "8 (999) 111-22-33" });
    expect(c).toMatchObject({ email: "olga@alpha.test", phone: "+79991112233" });
    await createPartnerContact(db, actorOf(b), { name: "Beta Person", role: "Accountant", email: "acc@beta.test", phone: "" });
    expect((await listPartnerContacts(db, a.partnerId)).map((x) => x.name)).toEqual(["Olga Petrova"]);
    expect((await listPartnerContacts(db, b.partnerId)).map((x) => x.name)).toEqual(["Beta Person"]);
    // Bad input: a clear error with the field, nothing written.
    await expect(createPartnerContact(db, actorOf(a), { name: "X", role: "Manager", email: "not-an-email", phone: "12" })).rejects.toMatchObject({
      code: "invalid_request",
      details: expect.arrayContaining([expect.objectContaining({ path: "email" }), expect.objectContaining({ path: "phone" }), expect.objectContaining({ path: "name" })]),
    });
    expect(await db.partnerContact.count({ where: { partnerId: a.partnerId } })).toBe(1);
    // B cannot change or delete A's contact.
    await expect(updatePartnerContact(db, actorOf(b), { id: c.id, name: "Hijacked", role: "x y", email: "x@y.test", phone: null })).rejects.toMatchObject({ code: "not_found" });
    await expect(deletePartnerContact(db, actorOf(b), { id: c.id })).rejects.toMatchObject({ code: "not_found" });
    expect((await db.partnerContact.findUniqueOrThrow({ where: { id: c.id } })).name).toBe("Olga Petrova");
    const updated = await updatePartnerContact(db, actorOf(a), { id: c.id, name: "Olga Petrova", role: "Head of stores", email: "olga@alpha.test", phone: null });
    expect(updated).toMatchObject({ role: "Head of stores", phone: null });
    await deletePartnerContact(db, actorOf(a), { id: c.id });
    await expect(deletePartnerContact(db, actorOf(a), { id: c.id })).rejects.toMatchObject({ code: "not_found" });
    const audit = await db.auditLog.findMany({ where: { entityId: c.id }, orderBy: { at: "asc" } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ["partner.contact.create", a.staffId],
      ["partner.contact.update", a.staffId],
      ["partner.contact.delete", a.staffId],
    ]);
  });
});

describe("partner earn rate", () => {
  let pid = "";
  let coffee = "";
  let pub = "";
  let owner = "";
  let manager = "";
  beforeAll(async () => {
    const json = JSON.parse(readFileSync("programs/football-club.json", "utf8"));
    const applied = await applyProgram(db, { ...json, code: uniq("rate") }, { now: new Date(NOW.getTime() - 10 * DAY) });
    pid = applied.programId;
    coffee = (await db.partner.findFirstOrThrow({ where: { programId: pid, code: "coffee" } })).id;
    pub = (await db.partner.findFirstOrThrow({ where: { programId: pid, code: "pub" } })).id;
    owner = createId("stf");
    await db.staffUser.create({ data: { id: owner, programId: pid, email: `${uniq("owner")}@test.local`, name: "Owner", role: "owner", passwordHash: "x" } });
    manager = createId("stf");
    await db.staffUser.create({ data: { id: manager, programId: pid, partnerId: coffee, email: `${uniq("mgr")}@test.local`, name: "Coffee manager", role: "partner_manager", passwordHash: "x" } });
  });
  const versions = () => db.programVersion.count({ where: { programId: pid } });

  it("cannot change without the owner's bounds; the owner's bounds are validated and scoped to the program", async () => {
    expect(await partnerEarnRate(db, coffee)).toMatchObject({ partnerCode: "coffee", rateBp: 400, bounds: null, version: 1 });
    await expect(changePartnerEarnRate(db, { partnerId: coffee, staffUserId: manager, rate: 5 })).rejects.toMatchObject({ code: "invalid_state" });
    await expect(setPartnerRateBounds(db, { programId: pid, partnerId: coffee, staffUserId: owner, min: 6, max: 3 })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(setPartnerRateBounds(db, { programId: pid, partnerId: coffee, staffUserId: owner, min: 1.005, max: 3 })).rejects.toMatchObject({ code: "invalid_request" });
    // Another program's owner cannot set this partner's bounds.
    await expect(setPartnerRateBounds(db, { programId, partnerId: coffee, staffUserId: owner, min: 0, max: 100 })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.partnerEarnRateBounds.count({ where: { partnerId: coffee } })).toBe(0);
    // The database refuses an inverted range whatever the code does.
    await expect(db.partnerEarnRateBounds.create({ data: { partnerId: pub, programId: pid, minBp: 500, maxBp: 100 } })).rejects.toThrow();
    expect(await setPartnerRateBounds(db, { programId: pid, partnerId: coffee, staffUserId: owner, min: 2, max: 8.5 })).toEqual({ minBp: 200, maxBp: 850 });
    expect(await versions()).toBe(1);
  });

  it("out of bounds is a clear error and changes nothing", async () => {
    for (const rate of [1.99, 8.51, 100, -1, "abc", 5.555]) {
      await expect(changePartnerEarnRate(db, { partnerId: coffee, staffUserId: manager, rate })).rejects.toMatchObject({
        code: "invalid_request",
        details: [expect.objectContaining({ path: "rate" })],
      });
    }
    expect(await versions()).toBe(1);
    expect((await partnerEarnRate(db, coffee)).rateBp).toBe(400);
  });

  it("a change within bounds is a new program version in force, audited; the other partner's rate stays", async () => {
    const r = await changePartnerEarnRate(db, { partnerId: coffee, staffUserId: manager, rate: "6.5", now: NOW });
    expect(r).toEqual({ changed: true, version: 2, fromBp: 400, toBp: 650 });
    const inForce = await definitionInForce(db, pid, new Date(NOW.getTime() + 1000));
    expect(inForce?.version).toBe(2);
    expect(inForce?.definition.partners.find((p) => p.code === "coffee")?.earnRate).toBe(6.5);
    expect(inForce?.definition.partners.find((p) => p.code === "pub")?.earnRate).toBe(5);
    expect((await db.programVersion.findFirstOrThrow({ where: { programId: pid, version: 2 } })).createdById).toBe(manager);
    const audit = await db.auditLog.findMany({ where: { programId: pid, action: { in: ["partner.earn_rate", "program.version"] } }, orderBy: { at: "asc" } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ["program.version", manager],
      ["partner.earn_rate", manager],
    ]);
    expect(audit[1].after).toEqual({ earnRate: 6.5, version: 2 });
    // The same rate again: no new version.
    expect(await changePartnerEarnRate(db, { partnerId: coffee, staffUserId: manager, rate: 6.5 })).toMatchObject({ changed: false, version: 2 });
    expect(await versions()).toBe(2);
  });

  it("20 changes at once: each its own version, none lost, the last version holds the last change", async () => {
    const before = await versions();
    const rates = Array.from({ length: 20 }, (_, i) => 3 + i * 0.25);
    const results = await Promise.all(rates.map((rate) => changePartnerEarnRate(db, { partnerId: coffee, staffUserId: manager, rate })));
    const changed = results.filter((r) => r.changed);
    expect(changed.length).toBe(20);
    expect(new Set(changed.map((r) => r.version)).size).toBe(20);
    expect(await versions()).toBe(before + 20);
    // Each change started from the rate the version before it had.
    const byVersion = [...changed].sort((x, y) => x.version - y.version);
    for (let i = 1; i < byVersion.length; i++) expect(byVersion[i].fromBp).toBe(byVersion[i - 1].toBp);
    expect((await partnerEarnRate(db, coffee)).rateBp).toBe(byVersion[byVersion.length - 1].toBp);
  });
});
