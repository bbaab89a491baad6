// The console's promotion statistics against the receipts that made them (sportswear program):
// uses, receipts, discount and points net of returns, budgets left, uses per day; and the uplift's
// groups — every member in exactly the group the engine's holdout hash puts them in, with spend,
// receipts and visits per member recomputed here from the rows.
import { beforeAll, describe, expect, it } from "vitest";
import { inHoldout } from "@/lib/promotions/holdout";
import { promotionDays, promotionTotals, promotionUplift } from "@/lib/promotions/stats";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { codeCounts, listPromotions } from "@/lib/promotions/console";
import { generateCodes } from "@/lib/promotions/codes";
import { line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";
import { testDb } from "../db";

let ua: TestProgram;
let shop: string;
const CODE = "stats-socks";
const HOLDOUT = 30;

beforeAll(async () => {
  useTestDatabase();
  ua = await setupProgram("sportswear-retailer");
  shop = ua.keys[Object.keys(ua.stores).find((c) => !c.includes("outlet"))!];
  await applyPromotionsFile(testDb(), {
    program: ua.code,
    promotions: [
      {
        code: CODE,
        name: "Socks 20% + 50 points",
        audience: { holdoutPercent: HOLDOUT },
        basket: { items: { categories: ["socks"] } },
        effect: { type: "percentOff", percent: 20 },
        limits: { budget: { money: 10_000_000 }, total: 500 },
      },
      { code: "stats-bonus", name: "Bonus on socks", basket: { items: { categories: ["socks"] } }, effect: { type: "bonusPoints", points: 50 }, limits: { budget: { points: 100_000 } } },
      { code: "stats-codes", name: "Codes", trigger: "code", effect: { type: "amountOff", amount: 1000 }, codes: { unique: { count: 10, pattern: "ST-########" } } },
    ],
  });
});

const promotionIdOf = async (code: string) => (await testDb().promotion.findFirstOrThrow({ where: { programId: ua.programId, code }, select: { id: true } })).id;

describe("promotion statistics", () => {
  it("match the receipts: uses, receipts, discount and points net of returns, budgets left, per day", async () => {
    // Member ids are random, and so is who falls in the holdout: register until both groups have
    // at least 3 held out and 4 exposed (14 at first: none of 14 held out at 30 % is a 0.7 % chance, and CI met it).
    const members = await Promise.all(Array.from({ length: 14 }, () => registerCustomer(shop)));
    const held = () => members.filter((m) => inHoldout(CODE, m.id, HOLDOUT)).length;
    while ((held() < 3 || members.length - held() < 4) && members.length < 60) members.push(await registerCustomer(shop));
    expect(held()).toBeGreaterThanOrEqual(3);
    const receipts: { id: string; customerId: string; discount: number; points: number }[] = [];
    for (const [i, m] of members.entries()) {
      const r = await post("/purchases", shop, { customer: { card: m.card }, receipt: { number: receiptNo() }, lines: [line(1, 50000 + i * 1000, "socks", 2), line(2, 30000, "apparel")] });
      expect(r.status).toBe(201);
      const mine = r.body.appliedPromotions.find((a: { code: string }) => a.code === CODE);
      const bonus = r.body.appliedPromotions.find((a: { code: string }) => a.code === "stats-bonus");
      expect(Boolean(mine)).toBe(!inHoldout(CODE, m.id, HOLDOUT));
      receipts.push({ id: r.body.purchaseId, customerId: m.id, discount: mine?.discount ?? 0, points: bonus?.points ?? 0 });
    }
    // An anonymous receipt: members only, not counted.
    await post("/purchases", shop, { receipt: { number: receiptNo() }, lines: [line(1, 50000, "socks")] });
    // A return of one socks unit of the first exposed receipt gives back half its discount.
    const exposed = receipts.filter((r) => r.discount > 0);
    expect(exposed.length).toBeGreaterThan(3);
    const ret = await post(`/purchases/${exposed[0].id}/returns`, shop, { returnNumber: "RET-1", lines: [{ lineNo: 1, quantity: 1 }] });
    expect(ret.status).toBe(201);
    const stored = await testDb().purchasePromotion.findMany({ where: { promotionId: await promotionIdOf(CODE) } });
    const returned = stored.reduce((s, p) => s + p.moneyReturned, 0);
    expect(returned).toBe(exposed[0].discount / 2);

    const totals = await promotionTotals(testDb(), ua.programId, CODE);
    const given = exposed.reduce((s, r) => s + r.discount, 0);
    expect(totals).toMatchObject({ uses: exposed.length, receipts: exposed.length, held: 0, customers: exposed.length, discount: given - returned, points: 0 });
    expect(totals.budget).toMatchObject({ money: 10_000_000, moneyUsed: given - returned, moneyLeft: 10_000_000 - (given - returned), points: null, pointsLeft: null });
    expect(totals.total).toEqual({ limit: 500, left: 500 - exposed.length });

    const bonus = await promotionTotals(testDb(), ua.programId, "stats-bonus");
    const points = receipts.reduce((s, r) => s + r.points, 0);
    expect(points).toBe(50 * members.length);
    // The returned socks unit took back its share of the bonus too.
    const taken = (await testDb().purchasePromotion.findMany({ where: { promotionId: await promotionIdOf("stats-bonus") } })).reduce((s, p) => s + p.pointsReturned, 0);
    expect(taken).toBeGreaterThan(0);
    expect(bonus).toMatchObject({ uses: members.length, receipts: members.length, discount: 0, points: points - taken });
    expect(bonus.budget).toMatchObject({ points: 100_000, pointsUsed: points - taken, pointsLeft: 100_000 - (points - taken) });

    const days = await promotionDays(testDb(), ua.programId, CODE, "Europe/Moscow");
    expect(days.reduce((s, d) => s + d.uses, 0)).toBe(exposed.length);
    expect(days.reduce((s, d) => s + d.discount, 0)).toBe(given - returned);

    const row = (await listPromotions(testDb(), ua.programId, new Date())).find((r) => r.code === CODE)!;
    expect(row).toMatchObject({ status: "active", uses: exposed.length, moneyUsed: given - returned });
  });

  it("splits every member by the engine's holdout hash and compares spend, receipts and visits per member", async () => {
    // A visit for a few members (visits per member).
    const customers = await testDb().customer.findMany({ where: { programId: ua.programId }, select: { id: true, cards: { select: { number: true } } } });
    for (const c of customers.slice(0, 5)) expect((await post("/visits", shop, { customer: { card: c.cards[0].number }, eventCode: `v-${c.id}` })).status).toBe(200);
    const report = await promotionUplift(testDb(), ua.programId, CODE, new Date(Date.now() + 1000));
    expect(report).not.toBeNull();
    const holdout = customers.filter((c) => inHoldout(CODE, c.id, HOLDOUT));
    expect(report!.holdout).toBe(holdout.length);
    expect(report!.exposed).toBe(customers.length - holdout.length);
    expect(report!.holdout).toBeGreaterThan(0);

    // Recompute the means from the rows.
    const purchases = await testDb().purchase.findMany({ where: { programId: ua.programId, status: "committed", customerId: { not: null } }, include: { returns: true } });
    const visits = await testDb().visit.findMany({ where: { programId: ua.programId } });
    const inGroup = (h: boolean) => customers.filter((c) => inHoldout(CODE, c.id, HOLDOUT) === h).map((c) => c.id);
    const meanOf = (ids: string[], f: (id: string) => number) => ids.reduce((s, id) => s + f(id), 0) / ids.length;
    const spend = (id: string) => purchases.filter((p) => p.customerId === id).reduce((s, p) => s + p.payable - p.returns.reduce((x, r) => x + r.amount, 0), 0);
    const count = (id: string) => purchases.filter((p) => p.customerId === id).length;
    const visitsOf = (id: string) => visits.filter((v) => v.customerId === id).length;
    for (const [metric, f] of [
      ["spend", spend],
      ["receipts", count],
      ["visits", visitsOf],
    ] as const) {
      const u = report!.metrics[metric];
      expect(u.exposedMean, metric).toBeCloseTo(meanOf(inGroup(false), f), 6);
      expect(u.holdoutMean, metric).toBeCloseTo(meanOf(inGroup(true), f), 6);
      expect(u.difference, metric).toBeCloseTo(u.exposedMean - u.holdoutMean, 9);
    }
    // The holdout paid full price for socks: exposed members spent less per member on the same basket.
    expect(report!.metrics.spend.difference).toBeLessThan(0);
    // Without a holdout there is no uplift to show.
    expect(await promotionUplift(testDb(), ua.programId, "stats-bonus", new Date())).toBeNull();
  });

  it("compares only the promotion's audience: members of its segments, or nobody when no saved segment has that name", async () => {
    // Members who never bought socks are outside the "socks-buyers" audience.
    const outsiders = await Promise.all(Array.from({ length: 3 }, () => registerCustomer(shop)));
    for (const m of outsiders) expect((await post("/purchases", shop, { customer: { card: m.card }, receipt: { number: receiptNo() }, lines: [line(1, 40000, "apparel")] })).status).toBe(201);
    await testDb().segment.create({
      data: {
        id: `seg-${receiptNo()}`,
        programId: ua.programId,
        name: "Socks buyers",
        definition: { kind: "group", op: "and", children: [{ kind: "boughtCategory", categories: ["socks"], period: { kind: "allTime" } }] },
      },
    });
    await applyPromotionsFile(testDb(), {
      program: ua.code,
      promotions: [
        { code: "stats-targeted", name: "Socks buyers", audience: { segments: ["socks-buyers"], holdoutPercent: 30 }, effect: { type: "bonusPoints", points: 10 } },
        { code: "stats-nobody", name: "Nobody", audience: { segments: ["no-such-segment"], holdoutPercent: 30 }, effect: { type: "bonusPoints", points: 10 } },
      ],
    });
    const later = new Date(Date.now() + 1000);
    const buyers = await testDb().purchaseLine.findMany({
      where: { category: "socks", purchase: { programId: ua.programId, status: "committed", customerId: { not: null } } },
      select: { purchase: { select: { customerId: true } } },
    });
    const audience = new Set(buyers.map((b) => b.purchase.customerId!));
    expect(audience.size).toBeGreaterThan(5);
    for (const m of outsiders) expect(audience.has(m.id)).toBe(false);
    const report = (await promotionUplift(testDb(), ua.programId, "stats-targeted", later))!;
    expect(report.exposed + report.holdout).toBe(audience.size);
    expect(report.holdout).toBe([...audience].filter((id) => inHoldout("stats-targeted", id, 30)).length);
    expect(report.audience).toEqual({ tiers: [], segments: ["socks-buyers"], newMemberDays: null, missingSegments: [] });
    // The whole membership is larger: the outsiders are counted only without an audience.
    const everyone = (await promotionUplift(testDb(), ua.programId, CODE, later))!;
    expect(everyone.exposed + everyone.holdout).toBeGreaterThanOrEqual(audience.size + outsiders.length);
    expect(everyone.audience).toBeNull();
    const nobody = (await promotionUplift(testDb(), ua.programId, "stats-nobody", later))!;
    expect([nobody.exposed, nobody.holdout]).toEqual([0, 0]);
    expect(nobody.audience?.missingSegments).toEqual(["no-such-segment"]);
  });

  it("counts codes used and unused", async () => {
    const codes = await generateCodes(testDb(), { programId: ua.programId, promotionCode: "stats-codes", count: 4, actor: { type: "system" } });
    const m = await registerCustomer(shop);
    const r = await post("/purchases", shop, { customer: { card: m.card }, receipt: { number: receiptNo() }, lines: [line(1, 50000)], promoCodes: [codes[0].toLowerCase()] });
    expect(r.body.promoCodes[0].status).toBe("applied");
    expect(await codeCounts(testDb(), ua.programId, "stats-codes")).toMatchObject({ total: 4, used: 1, unused: 3, exhausted: 1 });
    expect(await codeCounts(testDb(), ua.programId, CODE)).toMatchObject({ total: 0, used: 0, unused: 0 });
    // A promotion without limits moves no counter of its own: its uses come from the receipts.
    expect((await testDb().promotion.findFirstOrThrow({ where: { programId: ua.programId, code: "stats-codes" } })).uses).toBe(0);
    expect(await promotionTotals(testDb(), ua.programId, "stats-codes")).toMatchObject({ uses: 1, receipts: 1, discount: 1000 });
    expect((await listPromotions(testDb(), ua.programId, new Date())).find((r) => r.code === "stats-codes")?.uses).toBe(1);
  });
});
