// Promotions through the processing API on the sportswear program (1 point = 1 RUB, silver 5 %):
// apply and version a file, the contract's "1 + 1 = 3", codes and their statuses, limits and
// budgets under concurrency, holds, returns, void and cancel, issued codes, the wrong-code throttle.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { applyPromotionsFile, exportPromotions, setPromotionStatus } from "@/lib/promotions/store";
import { get, line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";
import { testDatabaseUrl, testDb } from "../db";

let ua: TestProgram;
let shop: string;
let shop2: string;

const file = (promotions: unknown[]) => ({ program: ua.code, promotions });
const apply = (promotions: unknown[]) => applyPromotionsFile(testDb(), file(promotions));
const counters = async (code: string) => {
  const p = await testDb().promotion.findUniqueOrThrow({ where: { programId_code: { programId: ua.programId, code } } });
  return { uses: p.uses, money: Number(p.moneyUsed), points: Number(p.pointsUsed) };
};

beforeAll(async () => {
  useTestDatabase();
  ua = await setupProgram("sportswear-retailer");
  const codes = Object.keys(ua.stores).filter((c) => !c.includes("outlet"));
  shop = ua.keys[codes[0]];
  shop2 = ua.keys[codes[1]];
});

describe("applying promotions", () => {
  it("is idempotent, versioned per promotion, all or nothing, and exports what it applied", async () => {
    const socks = {
      code: "socks-1plus1",
      name: { en: "1 + 1 = 3 on socks", ru: "1 + 1 = 3 на носки" },
      basket: { items: { categories: ["socks"] } },
      effect: { type: "buyXgetY", buy: 2, get: 1, percent: 100 },
    };
    expect(await apply([socks])).toEqual([{ code: "socks-1plus1", version: 1, changed: true }]);
    expect(await apply([socks])).toEqual([{ code: "socks-1plus1", version: 1, changed: false }]);
    const bad = applyPromotionsFile(
      testDb(),
      file([
        { ...socks, effect: { type: "buyXgetY", buy: 2, get: 1, percent: 100, maxTimes: 3 } },
        { code: "x", name: "X", effect: { type: "percentOff", percent: 0 } },
      ]),
    );
    await expect(bad).rejects.toMatchObject({ code: "invalid_request", details: [{ path: "promotions[1].effect.percent", message: "must be more than 0" }] });
    expect(await apply([{ ...socks, effect: { ...socks.effect, maxTimes: 3 } }])).toEqual([{ code: "socks-1plus1", version: 2, changed: true }]);
    const exported = await exportPromotions(testDb(), ua.code);
    expect(exported.promotions.find((p) => p.code === "socks-1plus1")?.effect).toEqual({ type: "buyXgetY", buy: 2, get: 1, percent: 100, maxTimes: 3 });
    expect((await applyPromotionsFile(testDb(), exported)).every((r) => !r.changed)).toBe(true);
  });

  it("prices the contract's 1 + 1 = 3 at calculate and confirm, with the version used and the name in the program's language", async () => {
    const c = await registerCustomer(shop);
    const basket = { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 790000, "merch"), line(2, 60000, "socks", 2), line(3, 45000, "socks")] };
    const calc = await post("/purchases/calculate", shop, basket);
    expect(calc.body.appliedPromotions).toEqual([{ code: "socks-1plus1", name: "1 + 1 = 3 на носки", version: 2, discount: 45000, points: 0, lines: [{ lineNo: 3, discount: 45000 }] }]);
    const conf = await post("/purchases", shop, basket);
    expect(conf.status).toBe(201);
    expect(conf.body.totals).toMatchObject({ amount: 955000, discount: 45000, payable: 910000 });
    expect(conf.body.lines[2]).toMatchObject({ lineNo: 3, discount: 45000, payable: 0 });
    const stored = await testDb().purchasePromotion.findFirstOrThrow({ where: { purchaseId: conf.body.purchaseId } });
    expect(stored).toMatchObject({ discount: 45000, status: "committed" });
    const cancel = await post(`/purchases/${conf.body.purchaseId}/cancel`, shop, {});
    expect(cancel.body.appliedPromotions).toEqual([expect.objectContaining({ code: "socks-1plus1", discount: 45000 })]);
  });
});

describe("promo codes", () => {
  it("answers applied, unknown, expired, not yet valid, used up and not applicable; case-insensitive", async () => {
    await apply([
      {
        code: "doctors",
        name: { en: "99% off tickets for doctors", ru: "Скидка 99% на билеты для врачей" },
        trigger: "code",
        codes: { shared: "DOCTORS99" },
        effect: { type: "percentOff", percent: 99 },
        basket: { items: { categories: ["ticket"] } },
      },
      { code: "old", name: "Old", trigger: "code", codes: { shared: "OLD2020" }, validity: { from: "2020-01-01T00:00:00Z", to: "2021-01-01T00:00:00Z" }, effect: { type: "percentOff", percent: 10 } },
      { code: "future", name: "Future", trigger: "code", codes: { shared: "NEXTYEAR" }, validity: { from: "2099-01-01T00:00:00Z" }, effect: { type: "percentOff", percent: 10 } },
      { code: "once", name: "Once", trigger: "code", codes: { shared: "ONCEONLY", perCode: { maxUses: 1 } }, effect: { type: "amountOff", amount: 1000 } },
    ]);
    const c = await registerCustomer(shop);
    const r = await post("/purchases", shop, {
      customer: { card: c.card },
      receipt: { number: receiptNo() },
      lines: [line(1, 100000, "ticket"), line(2, 50000, "apparel")],
      promoCodes: ["doctors99", "NOPE-1234", "old2020", "NEXTYEAR", "ONCEONLY"],
    });
    expect(r.status).toBe(201);
    expect(r.body.promoCodes.map((x: { code: string; status: string }) => [x.code, x.status])).toEqual([
      ["DOCTORS99", "applied"],
      ["NOPE-1234", "unknown"],
      ["OLD2020", "expired"],
      ["NEXTYEAR", "not_yet_valid"],
      ["ONCEONLY", "applied"],
    ]);
    expect(r.body.promoCodes[0].message).toBe("Промокод DOCTORS99: Скидка 99% на билеты для врачей");
    // 99 % of 100,000 = 99,000; then 1,000 off the receipt over 1,000 : 50,000.
    expect(r.body.totals.discount).toBe(99000 + 1000);
    const again = await post("/purchases/calculate", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 50000, "apparel")], promoCodes: ["ONCEONLY", "DOCTORS99"] });
    expect(again.body.promoCodes).toEqual([
      { code: "ONCEONLY", status: "used_up", message: "Промокод ONCEONLY уже использован" },
      { code: "DOCTORS99", status: "not_applicable", message: "Промокод DOCTORS99 не действует на этот чек: в корзине нет подходящих товаров" },
    ]);
  });

  it("refuses every code after too many wrong ones in an hour, counting attempts of failed requests too", async () => {
    const c = await registerCustomer(shop);
    const wrong = Array.from({ length: 10 }, (_, i) => `WRONG-${i}`);
    const first = await post("/purchases/calculate", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 1000)], promoCodes: wrong });
    expect(first.body.promoCodes.every((x: { status: string }) => x.status === "unknown")).toBe(true);
    // A request that fails (a bad line) still spends its attempt.
    const failed = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 1000), line(1, 1000)], promoCodes: ["WRONG-X"] });
    expect(failed.status).toBe(400);
    const blocked = await post("/purchases/calculate", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 1000, "ticket")], promoCodes: ["DOCTORS99"] });
    expect(blocked.body.promoCodes).toEqual([{ code: "DOCTORS99", status: "not_applicable", message: "Слишком много неверных промокодов: попробуйте через час" }]);
  });
});

describe("limits under concurrency", () => {
  it("20 simultaneous receipts against a total of 5: exactly 5 get the promotion", async () => {
    await apply([{ code: "first-five", name: "First five", audience: { members: false }, limits: { total: 5 }, effect: { type: "amountOff", amount: 5000 } }]);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post("/purchases", i % 2 ? shop : shop2, { receipt: { number: receiptNo() }, lines: [line(1, 100000)] })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const got = answers.filter((a) => a.body.appliedPromotions.some((p: { code: string }) => p.code === "first-five"));
    expect(got).toHaveLength(5);
    expect(await counters("first-five")).toEqual({ uses: 5, money: 25000, points: 0 });
  });

  it("a total used up by another receipt while this one was written: the commit refuses and the receipt is written again without it", async () => {
    await apply([{ code: "last-one", name: "Last one", audience: { members: false }, limits: { total: 1 }, effect: { type: "amountOff", amount: 7000 } }]);
    const other = new pg.Client({ connectionString: testDatabaseUrl() });
    await other.connect();
    try {
      // Another receipt took the last use and has not committed: this receipt prices with one left,
      // and its claim (a deferred trigger, at commit) waits for that row.
      for (const end of ["rollback", "commit"] as const) {
        await other.query("begin");
        await other.query(`update "Promotion" set uses = uses + 1, "moneyUsed" = "moneyUsed" + 7000 where "programId" = $1 and code = 'last-one'`, [ua.programId]);
        const number = receiptNo();
        const answer = post("/purchases", shop, { receipt: { number }, lines: [line(1, 100000)] });
        await new Promise((r) => setTimeout(r, 400));
        await other.query(end);
        const r = await answer;
        expect(r.status).toBe(201);
        const applied = r.body.appliedPromotions.map((p: { code: string }) => p.code);
        const purchase = await testDb().purchase.findFirstOrThrow({ where: { programId: ua.programId, number }, select: { id: true } });
        const kept = await testDb().purchasePromotion.count({
          where: { purchaseId: purchase.id, promotionId: (await testDb().promotion.findFirstOrThrow({ where: { programId: ua.programId, code: "last-one" } })).id },
        });
        if (end === "rollback") {
          // The other receipt gave the use back: this one got it.
          expect(applied).toContain("last-one");
          expect(kept).toBe(1);
          expect(await counters("last-one")).toEqual({ uses: 1, money: 7000, points: 0 });
          await testDb().$executeRaw`update "Promotion" set uses = 0, "moneyUsed" = 0 where "programId" = ${ua.programId} and code = 'last-one'`;
          await testDb().$executeRaw`update "PurchasePromotion" set counted = false where "promotionId" = (select id from "Promotion" where "programId" = ${ua.programId} and code = 'last-one')`;
        } else {
          // The other receipt committed the last use: the commit refused this one's claim (TR001),
          // and the receipt was priced and written again without the promotion.
          expect(applied).not.toContain("last-one");
          expect(r.body.totals.discount).toBe(0);
          expect(kept).toBe(0);
          expect(await counters("last-one")).toEqual({ uses: 1, money: 7000, points: 0 });
        }
      }
    } finally {
      await other.end();
    }
  });

  it("a shared code with one use per customer, used by the same customer from two tills at once, applies once", async () => {
    await apply([
      {
        code: "welcome-code",
        name: "Welcome",
        trigger: "code",
        codes: { shared: "HELLO500" },
        limits: { perCustomer: { uses: 1, period: "promotion" } },
        effect: { type: "amountOff", amount: 50000 },
      },
    ]);
    const c = await registerCustomer(shop);
    const body = () => ({ customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 200000)], promoCodes: ["hello500"] });
    const [a, b] = await Promise.all([post("/purchases", shop, body()), post("/purchases", shop2, body())]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const statuses = [a, b].map((x) => x.body.promoCodes[0].status).sort();
    expect(statuses).toEqual(["applied", "not_applicable"]);
    expect([a, b].map((x) => x.body.totals.discount).sort()).toEqual([0, 50000]);
  });

  it("a money budget: returns give back what their units used, void and cancel give back everything", async () => {
    await apply([{ code: "half-budget", name: "Half price", audience: { members: false }, limits: { budget: { money: 100000 } }, effect: { type: "percentOff", percent: 50 } }]);
    const buy = (key: string, extra: Record<string, unknown> = {}) => post("/purchases", key, { receipt: { number: receiptNo() }, lines: [line(1, 30000, "apparel", 2)], ...extra });
    const r1 = await buy(shop);
    expect(r1.body.totals.discount).toBe(30000);
    const held = await buy(shop, { hold: { ttlSeconds: 600 } });
    expect(held.body.totals.discount).toBe(30000);
    expect(await counters("half-budget")).toMatchObject({ uses: 2, money: 60000 });
    await post(`/purchases/${held.body.purchaseId}/void`, shop, {});
    expect(await counters("half-budget")).toMatchObject({ uses: 1, money: 30000 });
    const r3 = await buy(shop2);
    const r4 = await buy(shop2);
    const r5 = await buy(shop2);
    // 30,000 × 3 used: the fifth receipt gets only what is left (10,000), the sixth nothing.
    expect([r3.body.totals.discount, r4.body.totals.discount, r5.body.totals.discount]).toEqual([30000, 30000, 10000]);
    const r6 = await buy(shop);
    expect(r6.body.appliedPromotions).toEqual([]);
    expect(r6.body.totals.discount).toBe(0);
    // Returning one of two units of r1 gives back 15,000 (the use stays counted).
    await post(`/purchases/${r1.body.purchaseId}/returns`, shop, { returnNumber: "RET-1", lines: [{ lineNo: 1, quantity: 1 }] });
    expect(await counters("half-budget")).toEqual({ uses: 4, money: 85000, points: 0 });
    await post(`/purchases/${r3.body.purchaseId}/cancel`, shop2, {});
    expect(await counters("half-budget")).toEqual({ uses: 3, money: 55000, points: 0 });
    expect((await buy(shop)).body.totals.discount).toBe(30000);
    await post(`/purchases/${r1.body.purchaseId}/returns`, shop, { returnNumber: "RET-2", lines: [{ lineNo: 1, quantity: 1 }] });
    expect(await counters("half-budget")).toEqual({ uses: 4, money: 70000, points: 0 });
  });
});

describe("points promotions and issued codes", () => {
  it("bonus points are earned with the receipt and taken back by its return; an issued code works for its member only", async () => {
    for (const code of ["half-budget", "first-five", "socks-1plus1"]) await setPromotionStatus(testDb(), ua.programId, code, "paused", { type: "system" });
    await apply([
      {
        code: "next-visit",
        name: { en: "500 off your next visit", ru: "500 ₽ на следующую покупку" },
        trigger: "code",
        codes: { unique: { count: 1, pattern: "UA-####-####" }, perCode: { maxUses: 1 } },
        effect: { type: "amountOff", amount: 50000 },
      },
      { code: "give-code", name: "A code for the next visit", basket: { minAmount: 300000 }, effect: { type: "issueCode", promotion: "next-visit", validDays: 30 } },
      { code: "bonus-300", name: "300 bonus points", basket: { minAmount: 300000 }, effect: { type: "bonusPoints", points: 300 }, limits: { budget: { points: 1000 } } },
      { code: "promo-gift", name: "Promo points", basket: { minAmount: 300000 }, effect: { type: "promoAccount", points: 200, expiresInDays: 30 } },
    ]);
    const c = await registerCustomer(shop);
    const other = await registerCustomer(shop);
    const r = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 300000)] });
    // Participant earns 0 %; the bonus gives 300 and the promo account 200.
    expect(r.body.appliedPromotions.map((p: { code: string }) => p.code)).toEqual(["bonus-300", "give-code", "promo-gift"]);
    expect(r.body.totals.pointsEarned).toBe(300);
    expect(r.body.customer.balances).toEqual({ main: 300, promo: 200 });
    const message = r.body.receiptMessages.find((m: string) => m.startsWith("Ваш промокод"));
    const code = /UA-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(message)![0];
    const look = await get(`/customers/lookup?card=${c.card}`, shop);
    expect(look.body.offers).toContainEqual({
      code: "next-visit",
      name: "500 ₽ на следующую покупку",
      description: null,
      summary: expect.stringMatching(/^500.*скидки на чек$/),
      promoCode: code,
      validUntil: expect.any(String),
    });
    expect((await get(`/customers/lookup?card=${other.card}`, shop)).body.offers.map((o: { code: string }) => o.code)).not.toContain("next-visit");
    const stranger = await post("/purchases/calculate", shop, { customer: { card: other.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000)], promoCodes: [code] });
    expect(stranger.body.promoCodes[0].status).toBe("unknown");
    const use = await post("/purchases/calculate", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000)], promoCodes: [code.toLowerCase()] });
    expect(use.body.promoCodes[0]).toMatchObject({ status: "applied" });
    expect(use.body.totals.discount).toBe(50000);
    const ret = await post(`/purchases/${r.body.purchaseId}/returns`, shop, { returnNumber: "RET-1", lines: [{ lineNo: 1, quantity: 1 }] });
    expect(ret.body.totals.pointsReclaimed).toBe(300);
    expect(await counters("bonus-300")).toMatchObject({ uses: 1, points: 0 });
    expect((await checkLedger(testDb(), { programId: ua.programId })).discrepancies).toEqual([]);
  });
});
