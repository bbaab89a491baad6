// Promo-account points end to end through the processing API (sportswear program: 1 point = 1 RUB,
// every member earns 5 % — socks earn nothing — and may spend up to 30 % of a receipt, no SMS code): a promoAccount
// promotion credits 500 points spendable only on socks; the till's redeemPoints takes promo points
// first (on the socks lines), main points pay the rest; holds, void, commit, cancel and returns
// move both accounts; 20 receipts at once never overspend; the ledger reconciles throughout.
import { beforeAll, describe, expect, it } from "vitest";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { get, line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";
import { testDb } from "../db";

let ua: TestProgram;
let shop: string;

const SOCKS_POINTS = {
  code: "socks-points",
  name: { en: "500 points for socks", ru: "500 баллов на носки" },
  basket: { items: { categories: ["socks"] } },
  effect: { type: "promoAccount", points: 500, expiresInDays: 30 },
  limits: { perCustomer: { uses: 1, period: "promotion" } },
};

beforeAll(async () => {
  useTestDatabase();
  const json = referenceProgramJson("sportswear-retailer") as { tiers: Record<string, unknown>[]; redemption: Record<string, unknown>; earning: Record<string, unknown> };
  ua = await setupProgram("sportswear-retailer", {
    tiers: json.tiers.map((t, i) => (i === 0 ? { ...t, earnRate: 5, canRedeem: true, maxRedeemShare: 30 } : t)),
    redemption: { ...json.redemption, requiresCode: false },
    earning: { ...json.earning, excludedCategories: ["gift-card", "socks"] },
  });
  shop = ua.keys[Object.keys(ua.stores).find((c) => !c.includes("outlet"))!];
  await applyPromotionsFile(testDb(), { program: ua.code, promotions: [SOCKS_POINTS] });
});

const balances = async (customerId: string) => {
  const rows = await testDb().account.findMany({ where: { customerId } });
  const by = (k: string) => rows.find((r) => r.kind === k)!;
  return { main: by("main").available, promo: by("promo").available, promoHeld: by("promo").held, promoDebt: by("promo").debt };
};
const ledgerClean = async () => expect((await checkLedger(testDb(), { programId: ua.programId })).discrepancies).toEqual([]);

/** A member with 150 main points and 500 promo points (socks only), and the receipt that gave them. */
async function memberWithPromoPoints() {
  const c = await registerCustomer(shop);
  const earn = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 60000, "socks", 2), line(2, 300000, "apparel")] });
  expect(earn.status).toBe(201);
  expect(earn.body.appliedPromotions).toEqual([{ code: "socks-points", name: "500 баллов на носки", version: 1, discount: 0, points: 500, lines: [] }]);
  expect(earn.body.customer.balances).toEqual({ main: 150, promo: 500 });
  return { c, earnId: earn.body.purchaseId as string };
}

const spendBasket = (card: string, redeemPoints: number) => ({
  customer: { card },
  receipt: { number: receiptNo() },
  lines: [line(1, 100000, "socks"), line(2, 200000, "apparel")],
  redeemPoints,
});

describe("promo-account points at the till", () => {
  it("calculate quotes promo points first on the socks line, main points on the rest, one 30 % cap", async () => {
    const { c } = await memberWithPromoPoints();
    const quote = await post("/purchases/calculate", shop, spendBasket(c.card, 0));
    // 30 % of 3,000 RUB = 900 points; the member has 150 main + 500 promo usable on the socks line.
    expect(quote.body.maxRedeemablePoints).toBe(650);
    const calc = await post("/purchases/calculate", shop, spendBasket(c.card, 600));
    expect(calc.status).toBe(200);
    expect(calc.body.totals).toMatchObject({ pointsRedeemed: 600, promoPointsRedeemed: 500, payable: 240000 });
    // Main 100 over what is left to pay: socks 500 RUB, apparel 2,000 RUB → 20 / 80.
    expect(calc.body.lines).toEqual([
      expect.objectContaining({ lineNo: 1, pointsRedeemed: 520, promoPointsRedeemed: 500, payable: 48000 }),
      expect.objectContaining({ lineNo: 2, pointsRedeemed: 80, promoPointsRedeemed: 0, payable: 192000 }),
    ]);
    // Without socks the promo points cannot pay: only the 150 main points.
    const noSocks = await post("/purchases/calculate", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 300000, "apparel")], redeemPoints: 0 });
    expect(noSocks.body.maxRedeemablePoints).toBe(150);
    const tooMuch = await post("/purchases/calculate", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 300000, "apparel")], redeemPoints: 300 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.code).toBe("insufficient_points");
    // The share cap holds promo points too: 30 % of 1,000 RUB of socks is 300 points, all of them promo.
    const socksOnly = (redeemPoints: number) => ({ customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000, "socks")], redeemPoints });
    const three = await post("/purchases/calculate", shop, socksOnly(300));
    expect(three.body.totals).toMatchObject({ pointsRedeemed: 300, promoPointsRedeemed: 300, payable: 70000 });
    expect(three.body.maxRedeemablePoints).toBe(300);
    const capped = await post("/purchases/calculate", shop, socksOnly(301));
    expect(capped.body.error.code).toBe("redeem_limit_exceeded");
  });

  it("confirm spends promo then main; partial returns give each account back what it paid and take back the promo points earned", async () => {
    const { c, earnId } = await memberWithPromoPoints();
    const spend = await post("/purchases", shop, spendBasket(c.card, 600));
    expect(spend.status).toBe(201);
    expect(spend.body.totals).toMatchObject({ pointsRedeemed: 600, promoPointsRedeemed: 500, pointsEarned: 96 });
    expect(spend.body.customer.balances).toEqual({ main: 146, promo: 0 });
    const stored = await testDb().purchase.findFirstOrThrow({ where: { id: spend.body.purchaseId }, include: { lines: { orderBy: { lineNo: "asc" } } } });
    expect(stored.promoPointsRedeemed).toBe(500);
    const promotion = await testDb().promotion.findUniqueOrThrow({ where: { programId_code: { programId: ua.programId, code: "socks-points" } } });
    expect(stored.lines.map((l) => [l.promoPointsRedeemed, l.promoPromotionId])).toEqual([
      [500, promotion.id],
      [0, null],
    ]);
    await ledgerClean();

    // Returning one of the two socks of the receipt that gave the 500 promo points takes back 250;
    // the promo account is empty, so it becomes debt. Main: nothing (socks earn no points).
    const back = await post(`/purchases/${earnId}/returns`, shop, { returnNumber: "RET-1", lines: [{ lineNo: 1, quantity: 1 }] });
    expect(back.status).toBe(201);
    expect(back.body.totals).toMatchObject({ pointsReclaimed: 0, promoPointsReclaimed: 250, promoPointsRefunded: 0 });
    expect(await balances(c.id)).toEqual({ main: 146, promo: 0, promoHeld: 0, promoDebt: 250 });
    await ledgerClean();

    // Returning the socks bought with promo points gives them back (repaying the debt first), and main its 20.
    const ret = await post(`/purchases/${spend.body.purchaseId}/returns`, shop, { returnNumber: "RET-2", lines: [{ lineNo: 1, quantity: 1 }] });
    expect(ret.body.lines).toEqual([expect.objectContaining({ lineNo: 1, pointsRefunded: 520, promoPointsRefunded: 500, pointsReclaimed: 0 })]);
    expect(await balances(c.id)).toEqual({ main: 166, promo: 250, promoHeld: 0, promoDebt: 0 });
    // The given-back lot is the promotion's and keeps the expiry of the lot it was spent from.
    const lots = await testDb().lot.findMany({ where: { account: { customerId: c.id, kind: "promo" } }, orderBy: { createdAt: "asc" } });
    expect(lots.every((l) => l.promotionId === promotion.id)).toBe(true);
    expect(lots.at(-1)!.expiresAt).toEqual(lots[0].expiresAt);
    await ledgerClean();

    // The rest of the earning receipt: the other 250 promo points go too (from the balance now).
    const rest = await post(`/purchases/${earnId}/returns`, shop, { returnNumber: "RET-3", lines: [{ lineNo: 1, quantity: 1 }] });
    expect(rest.body.totals.promoPointsReclaimed).toBe(250);
    expect((await balances(c.id)).promo).toBe(0);
    await ledgerClean();
  });

  it("a hold reserves promo lots; void releases them; commit spends them; cancel gives them back", async () => {
    const { c } = await memberWithPromoPoints();
    const held = await post("/purchases", shop, { ...spendBasket(c.card, 600), hold: { ttlSeconds: 900 } });
    expect(held.body.status).toBe("held");
    expect(held.body.totals.promoPointsRedeemed).toBe(500);
    expect(await balances(c.id)).toEqual({ main: 50, promo: 0, promoHeld: 500, promoDebt: 0 });
    await ledgerClean();
    // Nothing else can spend the held promo points.
    const other = await post("/purchases/calculate", shop, spendBasket(c.card, 0));
    expect(other.body.maxRedeemablePoints).toBe(50);
    const voided = await post(`/purchases/${held.body.purchaseId}/void`, shop, {});
    expect(voided.body.customer.balances).toEqual({ main: 150, promo: 500 });
    expect(await balances(c.id)).toMatchObject({ promoHeld: 0 });
    await ledgerClean();

    const held2 = await post("/purchases", shop, { ...spendBasket(c.card, 600), hold: { ttlSeconds: 900 } });
    const committed = await post(`/purchases/${held2.body.purchaseId}/commit`, shop, {});
    expect(committed.body.status).toBe("committed");
    expect(committed.body.totals).toMatchObject({ pointsRedeemed: 600, promoPointsRedeemed: 500 });
    expect(committed.body.lines[0]).toMatchObject({ promoPointsRedeemed: 500 });
    expect(await balances(c.id)).toEqual({ main: 146, promo: 0, promoHeld: 0, promoDebt: 0 });
    await ledgerClean();

    const cancelled = await post(`/purchases/${held2.body.purchaseId}/cancel`, shop, {});
    expect(cancelled.body.reversed).toMatchObject({ pointsRefunded: 600, promoPointsRefunded: 500, pointsReclaimed: 96 });
    expect(await balances(c.id)).toEqual({ main: 150, promo: 500, promoHeld: 0, promoDebt: 0 });
    await ledgerClean();
  });

  it("an expired hold gives the promo points back", async () => {
    const { c } = await memberWithPromoPoints();
    const held = await post("/purchases", shop, { ...spendBasket(c.card, 500), hold: { ttlSeconds: 60 } });
    expect(held.body.totals.promoPointsRedeemed).toBe(500);
    const { voidExpiredHolds } = await import("@/lib/purchases/holds");
    expect(await voidExpiredHolds(testDb(), new Date(Date.now() + 120_000))).toBeGreaterThanOrEqual(1);
    expect(await balances(c.id)).toEqual({ main: 150, promo: 500, promoHeld: 0, promoDebt: 0 });
    await ledgerClean();
  });

  it("20 receipts at once spend the same promo balance: never more than it holds, never negative", async () => {
    const { c } = await memberWithPromoPoints();
    // Each wants 100 points on a socks receipt: (socks earn nothing): promo first, then main; 500 + 150 points cover 6.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000, "socks")], redeemPoints: 100 })),
    );
    const ok = answers.filter((a) => a.status === 201);
    expect(answers.filter((a) => a.status !== 201).every((a) => a.status === 422 && a.body.error.code === "insufficient_points")).toBe(true);
    expect(ok).toHaveLength(6);
    const promoSpent = ok.reduce((s, a) => s + a.body.totals.promoPointsRedeemed, 0);
    expect(promoSpent).toBe(500);
    const after = await balances(c.id);
    expect(after).toEqual({ main: 50, promo: 0, promoHeld: 0, promoDebt: 0 });
    await ledgerClean();
  });
});

describe("promo points pay for the items of the version they were issued under", () => {
  // v1: 200 points spendable on caps; v2 (applied later) moves them to footwear. Points given under
  // v1 still pay for caps only, v2's for footwear only — before and after a return gives them back.
  const KIT_V1 = {
    code: "kit-points",
    name: { en: "200 points for the kit", ru: "200 баллов на экипировку" },
    trigger: "code",
    codes: { shared: "KIT200" },
    basket: { items: { categories: ["caps"] } },
    effect: { type: "promoAccount", points: 200 },
  };
  const KIT_V2 = { ...KIT_V1, basket: { items: { categories: ["footwear"] } } };
  const kitBasket = (card: string, redeemPoints: number) => ({
    customer: { card },
    receipt: { number: receiptNo() },
    lines: [line(1, 100000, "caps"), line(2, 100000, "footwear"), line(3, 100000, "apparel")],
    redeemPoints,
  });
  const promoLines = (body: { lines: { lineNo: number; promoPointsRedeemed: number }[] }) => body.lines.map((l) => [l.lineNo, l.promoPointsRedeemed]);

  it("a worked example: v1 points on caps, v2 points on footwear, a return keeps the version", async () => {
    await applyPromotionsFile(testDb(), { program: ua.code, promotions: [KIT_V1] });
    const c = await registerCustomer(shop);
    // Under v1: a caps line qualifies → 200 promo points of v1.
    const earn1 = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 50000, "caps")], promoCodes: ["KIT200"] });
    expect(earn1.body.appliedPromotions).toEqual([expect.objectContaining({ code: "kit-points", version: 1, points: 200 })]);
    const [v1, v2] = await (async () => {
      await applyPromotionsFile(testDb(), { program: ua.code, promotions: [SOCKS_POINTS, KIT_V2] });
      const versions = await testDb().promotionVersion.findMany({ where: { promotion: { programId: ua.programId, code: "kit-points" } }, orderBy: { version: "asc" } });
      return versions.map((v) => v.id);
    })();
    expect((await testDb().lot.findFirstOrThrow({ where: { purchaseId: earn1.body.purchaseId, account: { kind: "promo" } } })).promotionVersionId).toBe(v1);

    // Version 2 is in force (footwear), but the 200 points were given under v1: they pay the caps line only.
    const q1 = await post("/purchases/calculate", shop, kitBasket(c.card, 200));
    expect(q1.status).toBe(200);
    expect(promoLines(q1.body)).toEqual([
      [1, 200],
      [2, 0],
      [3, 0],
    ]);
    const noCaps = await post("/purchases/calculate", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000, "footwear")], redeemPoints: 0 });
    expect(noCaps.body.maxRedeemablePoints).toBe(noCaps.body.customer.balances.main);

    // Under v2: a footwear receipt with the code gives 200 points of v2 (and 5 % main points).
    const earn2 = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000, "footwear")], promoCodes: ["KIT200"] });
    expect(earn2.body.appliedPromotions).toEqual([expect.objectContaining({ code: "kit-points", version: 2, points: 200 })]);
    expect(earn2.body.customer.balances.promo).toBe(400);
    const main = earn2.body.customer.balances.main as number;
    // The till's lookup shows the promo balance per promotion and version: what each pays for.
    const look = await get(`/customers/lookup?card=${c.card}`, shop);
    expect(look.body.balances.promo).toBe(400);
    expect(look.body.promoBalances).toEqual([
      {
        promotion: "kit-points",
        version: 1,
        name: "200 баллов на экипировку",
        points: 200,
        expiresAt: null,
        items: { categories: ["caps"], skus: [], excludeSkus: [] },
        partner: null,
        spendableHere: true,
      },
      {
        promotion: "kit-points",
        version: 2,
        name: "200 баллов на экипировку",
        points: 200,
        expiresAt: null,
        items: { categories: ["footwear"], skus: [], excludeSkus: [] },
        partner: null,
        spendableHere: true,
      },
    ]);

    // Both at once: v1's on caps, v2's on footwear, main points on what is left.
    const spend = await post("/purchases", shop, kitBasket(c.card, 400 + main));
    expect(spend.status).toBe(201);
    expect(promoLines(spend.body)).toEqual([
      [1, 200],
      [2, 200],
      [3, 0],
    ]);
    expect(spend.body.totals).toMatchObject({ pointsRedeemed: 400 + main, promoPointsRedeemed: 400 });
    const spentLots = await testDb().lotAllocation.findMany({ where: { entryId: { not: null }, lot: { account: { customerId: c.id, kind: "promo" } } }, include: { lot: true } });
    expect(spentLots.map((a) => [a.lot.promotionVersionId, a.amount]).sort()).toEqual([
      [v1, 200],
      [v2, 200],
    ]);
    await ledgerClean();

    // Returning the caps gives the 200 back as v1 points: still caps only, not footwear.
    const back = await post(`/purchases/${spend.body.purchaseId}/returns`, shop, { returnNumber: "RET-KIT", lines: [{ lineNo: 1, quantity: 1 }] });
    expect(back.body.totals).toMatchObject({ promoPointsRefunded: 200 });
    const refunded = await testDb().lot.findFirstOrThrow({ where: { purchaseId: spend.body.purchaseId, account: { kind: "promo" } } });
    expect([refunded.amount, refunded.promotionVersionId]).toEqual([200, v1]);
    const footwearOnly = await post("/purchases/calculate", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 300000, "footwear")], redeemPoints: 0 });
    const capsOnly = await post("/purchases/calculate", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 300000, "caps")], redeemPoints: 0 });
    expect(footwearOnly.body.maxRedeemablePoints).toBe(footwearOnly.body.customer.balances.main);
    expect(capsOnly.body.maxRedeemablePoints).toBe(200 + capsOnly.body.customer.balances.main);
    await ledgerClean();
  });

  it("a hold priced before a new version commits with the lots it reserved", async () => {
    await applyPromotionsFile(testDb(), { program: ua.code, promotions: [SOCKS_POINTS, { ...KIT_V1, code: "kit-hold", codes: { shared: "KITHOLD" } }] });
    const c = await registerCustomer(shop);
    await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 50000, "caps")], promoCodes: ["KITHOLD"] });
    const held = await post("/purchases", shop, { ...kitBasket(c.card, 200), hold: { ttlSeconds: 900 } });
    expect(promoLines(held.body)).toEqual([
      [1, 200],
      [2, 0],
      [3, 0],
    ]);
    // The promotion moves to footwear while the receipt is held: the commit spends the reserved v1 points as priced.
    await applyPromotionsFile(testDb(), { program: ua.code, promotions: [SOCKS_POINTS, { ...KIT_V2, code: "kit-hold", codes: { shared: "KITHOLD" } }] });
    const committed = await post(`/purchases/${held.body.purchaseId}/commit`, shop, {});
    expect(committed.body.status).toBe("committed");
    expect(promoLines(committed.body)).toEqual([
      [1, 200],
      [2, 0],
      [3, 0],
    ]);
    expect(await balances(c.id)).toMatchObject({ promo: 0, promoHeld: 0 });
    await ledgerClean();
  });
});
