// Integration: segments count the right customers on known data, and hostile values are inert.
import { beforeAll, describe, expect, it } from "vitest";
import { createId } from "@/lib/ids";
import { testDb } from "@/test/db";
import { makeCustomer, makeProgram, makeVisit, uniq } from "@/test/factories";
import { segmentDefinitionOrThrow, type SegmentCondition, type SegmentNode } from "./definition";
import { countSegment, segmentBatches, segmentMembers } from "./run";
import { openExport, segmentCursor } from "./export";
import { testDatabaseUrl } from "@/test/db";
import type { SegmentContext } from "./compile";
import { createSegment, deleteSegment, getSegment, listSegments, updateSegment } from "./segments";

const db = testDb();
const NOW = new Date("2026-11-23T12:00:00Z");
const DAY = 86_400_000;
let ctx: SegmentContext;
let other: SegmentContext;
const ids: Record<string, string> = {};

async function purchase(
  programId: string,
  storeId: string,
  customerId: string | null,
  daysAgo: number,
  amount: number,
  lines: { sku: string; category: string }[],
  status: "committed" | "cancelled" = "committed",
) {
  const id = createId("rcp");
  const at = new Date(NOW.getTime() - daysAgo * DAY);
  await db.purchase.create({
    data: {
      id,
      programId,
      storeId,
      customerId,
      number: uniq("R"),
      at,
      status,
      programVersionId: "pvr_x",
      amount,
      payable: amount,
      discount: 0,
      lines: { create: lines.map((l, i) => ({ id: createId("rln"), programId, customerId, lineNo: i + 1, sku: l.sku, category: l.category, quantityMilli: 1000, price: amount, amount })) },
    },
  });
}

const count = (...children: SegmentNode[]) => countSegment(db, ctx, segmentDefinitionOrThrow({ kind: "group", op: "and", children }));
const one = (c: SegmentCondition) => count(c);

beforeAll(async () => {
  const program = await makeProgram(db);
  const partner = await db.partner.create({ data: { id: createId("ptn"), programId: program.id, code: "coffee", name: "Coffee" } });
  const shop = await db.store.create({ data: { id: createId("sto"), programId: program.id, code: "shop", name: "Shop", timezone: "Europe/Moscow" } });
  const cafe = await db.store.create({ data: { id: createId("sto"), programId: program.id, code: "cafe", name: "Cafe", timezone: "Europe/Moscow", partnerId: partner.id } });
  ctx = { programId: program.id, now: NOW, timeZone: "Europe/Moscow", entryTier: "bronze" };

  // ann: gold, 5000 points, 3 receipts (2 recent), merch at the shop, birthday Nov 25, email consent, web
  // bob: silver, 100 points, 1 old receipt at the café, a visit 10 days ago, birthday in March, pos
  // cat: no status row (entry tier), no account, nothing bought, registered 3 days ago, sms consent
  // dan: gold, a cancelled receipt only
  const mk = async (name: string, data: Record<string, unknown>) => {
    const c = await makeCustomer(db, program.id, { firstName: name });
    await db.customer.update({ where: { id: c.id }, data });
    ids[name] = c.id;
    return c.id;
  };
  const ann = await mk("ann", { birthDate: new Date("1990-11-25"), emailConsent: true, registrationChannel: "web", createdAt: new Date(NOW.getTime() - 400 * DAY) });
  const bob = await mk("bob", { birthDate: new Date("1985-03-10"), registrationChannel: "pos", createdAt: new Date(NOW.getTime() - 300 * DAY) });
  const cat = await mk("cat", { smsConsent: true, registrationChannel: "app", createdAt: new Date(NOW.getTime() - 3 * DAY) });
  const dan = await mk("dan", { registrationChannel: "pos", createdAt: new Date(NOW.getTime() - 100 * DAY) });
  void cat;
  for (const [cid, tier] of [
    [ann, "gold"],
    [bob, "silver"],
    [dan, "gold"],
  ] as const)
    await db.customerTier.create({ data: { customerId: cid, programId: program.id, tierCode: tier, periodKey: "lifetime", qualifiedTierCode: tier, since: NOW } });
  for (const [cid, pts] of [
    [ann, 5000],
    [bob, 100],
    [dan, 0],
  ] as const)
    await db.account.create({ data: { id: createId("acc"), programId: program.id, customerId: cid, kind: "main", available: pts } });

  await purchase(program.id, shop.id, ann, 5, 300_000, [{ sku: "JERSEY", category: "merch" }]);
  await purchase(program.id, shop.id, ann, 40, 200_000, [{ sku: "TICKET-1", category: "ticket" }]);
  await purchase(program.id, shop.id, ann, 500, 100_000, [{ sku: "SCARF", category: "merch" }]);
  await purchase(program.id, cafe.id, bob, 200, 50_000, [{ sku: "LATTE", category: "food" }]);
  await purchase(program.id, shop.id, dan, 3, 900_000, [{ sku: "JERSEY", category: "merch" }], "cancelled");
  await purchase(program.id, shop.id, null, 1, 70_000, [{ sku: "JERSEY", category: "merch" }]);
  await makeVisit(db, { programId: program.id, customerId: bob, eventCode: uniq("match"), at: new Date(NOW.getTime() - 10 * DAY), periodKey: "lifetime" });

  // Another program with a look-alike customer: never counted here.
  const p2 = await makeProgram(db);
  other = { programId: p2.id, now: NOW, timeZone: "Europe/Moscow", entryTier: "bronze" };
  const x = await makeCustomer(db, p2.id, { firstName: "ann" });
  await db.customerTier.create({ data: { customerId: x.id, programId: p2.id, tierCode: "gold", periodKey: "lifetime", qualifiedTierCode: "gold", since: NOW } });
});

describe("segment counts on known data", () => {
  it("everyone, and nothing from another program", async () => {
    expect(await count()).toBe(4);
    expect(await countSegment(db, other, segmentDefinitionOrThrow({ kind: "group", op: "and", children: [{ kind: "tier", op: "in", tiers: ["gold"] }] }))).toBe(1);
  });

  it("tier, with customers without a status row in the entry tier", async () => {
    expect(await one({ kind: "tier", op: "in", tiers: ["gold"] })).toBe(2);
    expect(await one({ kind: "tier", op: "in", tiers: ["bronze"] })).toBe(1);
    expect(await one({ kind: "tier", op: "in", tiers: ["bronze", "silver"] })).toBe(2);
    expect(await one({ kind: "tier", op: "notIn", tiers: ["gold"] })).toBe(2);
  });

  it("balance, with no account counted as zero", async () => {
    expect(await one({ kind: "balance", op: "gte", value: 100 })).toBe(2);
    expect(await one({ kind: "balance", op: "lt", value: 100 })).toBe(2);
    expect(await one({ kind: "balance", op: "eq", value: 0 })).toBe(2);
    expect(await one({ kind: "balance", op: "between", value: 50, to: 4999 })).toBe(1);
  });

  it("spend, receipts and visits in a period (cancelled receipts do not count)", async () => {
    expect(await one({ kind: "spend", period: { kind: "lastDays", days: 60 }, op: "gte", value: 500_000 })).toBe(1);
    expect(await one({ kind: "spend", period: { kind: "allTime" }, op: "gt", value: 0 })).toBe(2);
    expect(await one({ kind: "receipts", period: { kind: "allTime" }, op: "eq", value: 0 })).toBe(2);
    expect(await one({ kind: "receipts", period: { kind: "lastDays", days: 365 }, op: "gte", value: 2 })).toBe(1);
    expect(await one({ kind: "receipts", period: { kind: "lastDays", days: 365 }, op: "lte", value: 1 })).toBe(3);
    expect(await one({ kind: "visits", period: { kind: "lastDays", days: 30 }, op: "gte", value: 1 })).toBe(1);
  });

  it("days since the last purchase or visit (never = no match)", async () => {
    expect(await one({ kind: "daysSinceLastPurchase", op: "lte", value: 7 })).toBe(1);
    expect(await one({ kind: "daysSinceLastPurchase", op: "gte", value: 30 })).toBe(1);
    expect(await one({ kind: "daysSinceLastPurchase", op: "between", value: 100, to: 250 })).toBe(1);
    expect(await one({ kind: "daysSinceLastVisit", op: "eq", value: 10 })).toBe(1);
  });

  it("bought a category or SKU, at a store or partner", async () => {
    expect(await one({ kind: "boughtCategory", categories: ["merch"], period: { kind: "lastDays", days: 30 } })).toBe(1);
    expect(await one({ kind: "boughtCategory", categories: ["merch"], period: { kind: "lastDays", days: 30 }, negate: true })).toBe(3);
    expect(await one({ kind: "boughtSku", skus: ["SCARF", "LATTE"], period: { kind: "allTime" } })).toBe(2);
    expect(await one({ kind: "boughtAtStore", stores: ["cafe"], period: { kind: "allTime" } })).toBe(1);
    expect(await one({ kind: "boughtAtPartner", partners: ["coffee"], period: { kind: "between", from: "2026-01-01", to: "2026-12-31" } })).toBe(1);
    expect(await one({ kind: "boughtAtPartner", partners: ["coffee"], period: { kind: "lastDays", days: 100 } })).toBe(0);
  });

  it("birthday, registration and consents", async () => {
    expect(await one({ kind: "birthdayMonth", months: [11] })).toBe(1);
    expect(await one({ kind: "birthdayMonth", months: [3, 11] })).toBe(2);
    expect(await one({ kind: "birthdayMonth", months: [12, 1, 2, 4, 10] })).toBe(0);
    expect(await one({ kind: "birthdayWithin", days: 2 })).toBe(1);
    expect(await one({ kind: "birthdayWithin", days: 1 })).toBe(0);
    expect(await one({ kind: "registrationChannel", channels: ["pos"] })).toBe(2);
    expect(await one({ kind: "registeredIn", period: { kind: "lastDays", days: 7 } })).toBe(1);
    expect(await one({ kind: "consent", channel: "email", given: true })).toBe(1);
    expect(await one({ kind: "consent", channel: "sms", given: false })).toBe(3);
  });

  it("RFM cell over the customers who bought in the window", async () => {
    // Two buyers in 365 days: ann (recent, 2 receipts, more money) scores high, bob low.
    expect(await one({ kind: "rfm", r: [5], f: [], m: [] })).toBe(1);
    expect(await one({ kind: "rfm", r: [], f: [], m: [] })).toBe(2);
  });

  it("nested AND/OR groups", async () => {
    const n = await count({
      kind: "group",
      op: "or",
      children: [
        { kind: "tier", op: "in", tiers: ["silver"] },
        {
          kind: "group",
          op: "and",
          children: [
            { kind: "consent", channel: "sms", given: true },
            { kind: "registeredIn", period: { kind: "lastDays", days: 7 } },
          ],
        },
      ],
    });
    expect(n).toBe(2);
  });

  it("receipt conditions give the same answer per customer (next to a cheap condition) as in one pass", async () => {
    const everyone: SegmentCondition = { kind: "registrationChannel", channels: ["pos", "web", "app", "wallet", "ticketing", "import", "admin"] };
    const conditions: SegmentCondition[] = [
      { kind: "spend", period: { kind: "lastDays", days: 60 }, op: "gte", value: 500_000 },
      { kind: "spend", period: { kind: "allTime" }, op: "lt", value: 100_000 },
      { kind: "receipts", period: { kind: "allTime" }, op: "eq", value: 0 },
      { kind: "receipts", period: { kind: "lastDays", days: 365 }, op: "between", value: 1, to: 2 },
      { kind: "visits", period: { kind: "lastDays", days: 30 }, op: "gte", value: 1 },
      { kind: "visits", period: { kind: "allTime" }, op: "lte", value: 0 },
      { kind: "daysSinceLastPurchase", op: "lte", value: 7 },
      { kind: "daysSinceLastPurchase", op: "gte", value: 30 },
      { kind: "daysSinceLastVisit", op: "between", value: 5, to: 15 },
    ];
    for (const c of conditions) {
      const alone = await one(c);
      expect(await count(everyone, c), JSON.stringify(c)).toBe(alone);
    }
  });

  it("balance per customer (next to a status list and a recent purchase) gives the same answer as the set of accounts", async () => {
    const named: SegmentCondition = { kind: "tier", op: "in", tiers: ["silver", "gold"] };
    const balances: SegmentCondition[] = [
      { kind: "balance", op: "gte", value: 100 },
      { kind: "balance", op: "lt", value: 100 },
      { kind: "balance", op: "eq", value: 0 },
      { kind: "balance", op: "between", value: 50, to: 4999 },
    ];
    for (const d of [7, 30, 365]) {
      const recent: SegmentCondition = { kind: "daysSinceLastPurchase", op: "lte", value: d };
      for (const b of balances) {
        // In its own group the balance stays a set of accounts.
        const asSet = await count(named, recent, { kind: "group", op: "and", children: [b] });
        expect(await count(named, recent, b), `${d} ${JSON.stringify(b)}`).toBe(asSet);
      }
    }
    for (const d of [0, 7, 30, 365]) {
      for (const op of d > 0 ? (["lte", "lt"] as const) : (["lte"] as const)) {
        const recent: SegmentCondition = { kind: "daysSinceLastPurchase", op, value: d };
        // The plain semi-join on the window against the per-customer max compared in HAVING.
        const viaMax = await one({ kind: "daysSinceLastPurchase", op: "between", value: 0, to: op === "lte" ? d : d - 1 });
        expect(await one(recent), `${op} ${d}`).toBe(viaMax);
      }
    }
  });

  it("hostile values are plain data: no error, no match, tables intact", async () => {
    for (const h of ['\'; DROP TABLE "Customer"; --', "x' OR '1'='1", "Ёлка 🎄", "$1"]) {
      expect(await one({ kind: "tier", op: "in", tiers: [h] })).toBe(0);
      expect(await one({ kind: "boughtSku", skus: [h], period: { kind: "allTime" } })).toBe(0);
    }
    expect(await one({ kind: "spend", period: { kind: "allTime" }, op: "lt", value: 10_000_000_000_000 })).toBe(4);
    expect(await db.customer.count({ where: { programId: ctx.programId } })).toBe(4);
  });

  it("members page by page and in batches, in id order", async () => {
    const def = segmentDefinitionOrThrow({ kind: "group", op: "and", children: [] });
    const first = await segmentMembers(db, ctx, def, { limit: 3 });
    const rest = await segmentMembers(db, ctx, def, { limit: 3, afterId: first[2].id });
    expect(first.map((m) => m.id).concat(rest.map((m) => m.id))).toEqual(Object.values(ids).sort());
    const ann = first.concat(rest).find((m) => m.id === ids.ann)!;
    expect(ann).toMatchObject({ tierCode: "gold", balance: 5000, emailConsent: true, registrationChannel: "web" });
    const batches: number[] = [];
    for await (const b of segmentBatches(db, ctx, def, 3)) batches.push(b.length);
    expect(batches).toEqual([3, 1]);
    // The export's server-side cursor: same rows, same order, dates as calendar dates.
    const streamed: string[] = [];
    for await (const b of segmentCursor(await openExport(testDatabaseUrl()), ctx, def, 3)) streamed.push(...b.map((m) => m.id));
    expect(streamed).toEqual(Object.values(ids).sort());
    for await (const b of segmentCursor(await openExport(testDatabaseUrl()), ctx, segmentDefinitionOrThrow({ kind: "group", op: "and", children: [{ kind: "birthdayMonth", months: [11] }] }))) {
      expect(b.map((m) => [m.id, m.birthDate?.toISOString().slice(0, 10), m.tierCode])).toEqual([[ids.ann, "1990-11-25", "gold"]]);
    }
  });
});

describe("saved segments", () => {
  it("create, update, list and delete within the program; another program's id is not found", async () => {
    const staff = "stf_test";
    const def = { kind: "group", op: "and", children: [{ kind: "tier", op: "in", tiers: ["gold"] }] };
    const s = await createSegment(db, { programId: ctx.programId, name: "  Gold  fans ", definition: def, staffUserId: staff });
    expect(s.name).toBe("Gold fans");
    await expect(createSegment(db, { programId: ctx.programId, name: "Gold fans", definition: def, staffUserId: staff })).rejects.toMatchObject({ code: "already_exists" });
    await expect(createSegment(db, { programId: ctx.programId, name: "Bad", definition: { kind: "group", op: "xor", children: [] }, staffUserId: staff })).rejects.toMatchObject({
      code: "invalid_request",
    });
    await expect(getSegment(db, other.programId, s.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateSegment(db, { programId: other.programId, id: s.id, name: "x", definition: def, staffUserId: staff })).rejects.toMatchObject({ code: "not_found" });
    const u = await updateSegment(db, { programId: ctx.programId, id: s.id, name: "Gold", definition: { ...def, op: "or" }, staffUserId: staff });
    expect(u.definition.op).toBe("or");
    expect((await listSegments(db, ctx.programId)).map((x) => x.name)).toEqual(["Gold"]);
    await expect(deleteSegment(db, { programId: other.programId, id: s.id, staffUserId: staff })).rejects.toMatchObject({ code: "not_found" });
    await deleteSegment(db, { programId: ctx.programId, id: s.id, staffUserId: staff });
    expect(await listSegments(db, ctx.programId)).toEqual([]);
    const audit = await db.auditLog.findMany({ where: { entityType: "segment", entityId: s.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["segment.create", "segment.update", "segment.delete"]);
  });
});
