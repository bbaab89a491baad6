// A coalition partner's promo points are spendable only in that partner's stores (and only on its
// promotion's items): the football club's pub and coffee shop each run a promoAccount campaign
// (Promotion.partnerId); a member holding both sees each partner's points pay only at its own tills,
// the other partner's and the club's own shop take neither, and a spend at one never touches the other's lots.
import { beforeAll, describe, expect, it } from "vitest";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { calculatePurchase } from "@/lib/purchases/calculate";
import { lookupCustomer } from "@/lib/purchases/customers";
import { partnerStatementCsv } from "@/lib/settlement/csv";
import { partnerStatement, programLedgerTotals, programSettlement } from "@/lib/settlement/statement";
import { BEER, coalitionFixture, LATTE, SCARF } from "@/test/coalition-fixture";
import { testDb } from "@/test/db";

const db = testDb();
let fx: Awaited<ReturnType<typeof coalitionFixture>>;
const AT = "2026-11-10T12:00:00Z";

const campaign = (code: string, partner: string, points: number) => ({
  code,
  name: { en: `${points} promo points`, ru: `${points} промо-баллов` },
  where: { partners: [partner] },
  basket: { items: { categories: ["drinks"] } },
  effect: { type: "promoAccount", points },
  limits: { perCustomer: { uses: 1, period: "promotion" } },
});

beforeAll(async () => {
  fx = await coalitionFixture(db, ["Ann"]);
  const program = await db.program.findUniqueOrThrow({ where: { id: fx.programId } });
  await applyPromotionsFile(db, { program: program.code, promotions: [campaign("pub-drinks", "pub", 100), campaign("coffee-drinks", "coffee", 60)] });
  await db.promotion.updateMany({ where: { programId: fx.programId, code: "pub-drinks" }, data: { partnerId: fx.partner.pub } });
  await db.promotion.updateMany({ where: { programId: fx.programId, code: "coffee-drinks" }, data: { partnerId: fx.partner.coffee } });
  // Ann earns both partners' promo points (a beer at the pub, a latte at the coffee shop).
  expect((await fx.buy("pub", "pub-luzhniki", AT, "Ann", [BEER()])).promotions.applied.map((a) => a.code)).toEqual(["pub-drinks"]);
  expect((await fx.buy("coffee", "coffee-stadium", AT, "Ann", [LATTE()])).promotions.applied.map((a) => a.code)).toEqual(["coffee-drinks"]);
});

async function tillAt(store: string) {
  const s = await db.store.findFirstOrThrow({ where: { programId: fx.programId, code: store }, include: { partner: true } });
  const terminal = await db.terminal.findFirstOrThrow({ where: { storeId: s.id } });
  return {
    db,
    sql: db,
    till: { terminalId: terminal.id, programId: fx.programId, store: { id: s.id, code: s.code, tags: s.tags, partnerCode: s.partner?.code ?? null, timezone: s.timezone } },
    now: new Date(AT),
  };
}

/** What `store`'s till would let Ann pay with promo points (calculate: writes nothing). */
async function promoPayable(store: string, lines: { sku: string; name: string; category: string; quantity: number; price: number }[]) {
  const ctx = await tillAt(store);
  const input = { customer: { qr: fx.who.Ann.qr }, receipt: { number: "Q", at: AT }, lines: lines.map((l, i) => ({ lineNo: i + 1, ...l })), promoCodes: [] };
  const quote = await calculatePurchase(ctx, { ...input, redeemPoints: 0 });
  const main = quote.customer!.balances.main;
  const all = await calculatePurchase(ctx, { ...input, redeemPoints: quote.maxRedeemablePoints });
  return { max: quote.maxRedeemablePoints, main, promo: all.totals.promoPointsRedeemed, balances: quote.customer!.balances };
}

describe("partner promo points at partners' tills", () => {
  it("each partner's points pay only at its own stores, on drinks only", async () => {
    const pub = await promoPayable("pub-arbat", [BEER(4)]);
    expect(pub.balances.promo).toBe(160);
    expect(pub.promo).toBe(100);
    const coffee = await promoPayable("coffee-stadium", [LATTE(4)]);
    expect(coffee.promo).toBe(60);
    // The club's own shop takes neither partner's promo points (scarf: not a drink either way).
    const shop = await promoPayable("stadium-shop", [SCARF]);
    expect(shop.promo).toBe(0);
    expect(shop.max).toBeLessThanOrEqual(shop.main);
  });

  it("the till's lookup lists each partner's promo balance and whether this store takes it", async () => {
    const look = await lookupCustomer(await tillAt("pub-arbat"), { qr: fx.who.Ann.qr });
    expect(look.balances.promo).toBe(160);
    expect(look.promoBalances.map((b) => [b.promotion, b.points, b.partner, b.spendableHere]).sort()).toEqual([
      ["coffee-drinks", 60, "coffee", false],
      ["pub-drinks", 100, "pub", true],
    ]);
    expect(look.promoBalances[0].items).toEqual({ categories: ["drinks"], skus: [], excludeSkus: [] });
  });

  it("a spend at the pub takes only the pub's lots; the coffee shop's stay whole", async () => {
    const r = await fx.buy("spend", "pub-luzhniki", AT, "Ann", [BEER(4)], 120);
    expect(r.totals.promoPointsRedeemed).toBe(100);
    const lots = await db.lot.findMany({ where: { account: { customerId: fx.who.Ann.id, kind: "promo" } }, include: { allocations: true } });
    const promotions = await db.promotion.findMany({ where: { programId: fx.programId, code: { in: ["pub-drinks", "coffee-drinks"] } } });
    const left = Object.fromEntries(promotions.map((p) => [p.code, lots.filter((l) => l.promotionId === p.id).reduce((s, l) => s + l.remaining, 0)]));
    expect(left).toEqual({ "pub-drinks": 0, "coffee-drinks": 60 });
    // …and the coffee shop still takes its own 60.
    expect((await promoPayable("coffee-stadium", [LATTE(4)])).promo).toBe(60);
    expect((await promoPayable("pub-arbat", [BEER(4)])).promo).toBe(0);
  });

  it("settlement splits main and promo points per partner; the rows still add up to the ledger", async () => {
    const m = { from: new Date("2026-11-01T00:00:00+03:00"), to: new Date("2026-12-01T00:00:00+03:00") };
    const { rows, totals } = await programSettlement(db, { programId: fx.programId, ...m });
    const row = (id: string | null) => rows.find((r) => r.partnerId === id)!;
    // The pub gave 100 promo points (and main points on two beer receipts) and took 100 promo + 20 main back in payment.
    expect(row(fx.partner.pub)).toMatchObject({ issuedPromo: 100, redeemedPromo: 100, redeemedMain: 20, redeemed: 120 });
    expect(row(fx.partner.coffee)).toMatchObject({ issuedPromo: 60, redeemedPromo: 0 });
    for (const r of rows) expect([r.issuedMain + r.issuedPromo, r.redeemedMain + r.redeemedPromo]).toEqual([r.issued, r.redeemed]);
    const ledger = await programLedgerTotals(db, { programId: fx.programId, ...m });
    expect({ issued: totals.issued, issuedPromo: totals.issuedPromo, redeemed: totals.redeemed, redeemedPromo: totals.redeemedPromo }).toEqual({
      issued: ledger.issued,
      issuedPromo: ledger.issuedPromo,
      redeemed: ledger.redeemed,
      redeemedPromo: ledger.redeemedPromo,
    });
    expect(ledger.issuedPromo).toBe(160);
    const pub = await partnerStatement(db, { programId: fx.programId, partnerId: fx.partner.pub, ...m });
    expect(pub.totals).toMatchObject({ issuedPromo: 100, redeemedPromo: 100 });
    const csv = partnerStatementCsv({ month: "2026-11", currency: "RUB", lines: pub.lines, totals: pub.totals });
    const [head, ...lines] = csv.replace("\uFEFF", "").trim().split(/\r?\n/);
    const cols = head.split(",");
    const total = lines.at(-1)!.split(",");
    expect([total[cols.indexOf("points_issued_promo")], total[cols.indexOf("points_redeemed_promo")], total[cols.indexOf("points_redeemed_main")]]).toEqual(["100", "100", "20"]);
  });
});
