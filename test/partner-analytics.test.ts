// Partner analytics and settlement reconcile with the receipts: a month of receipts, returns and a
// cancellation at the football club's two partners and its own shop, made through the tills'
// domain functions (lib/purchases), and every figure checked against numbers worked out by hand.
//
// Points (pointValue 100): the pub earns 5 % of the paid part, the coffee shop 4 %, the club's shop
// the novice rate 3 % (1,800 RUB at 5 % = 90 points).
import { beforeAll, describe, expect, it } from "vitest";
import { loadCohorts } from "@/lib/partner/analytics/cohorts";
import { analyticsRange } from "@/lib/partner/analytics/range";
import { loadPartnerReturns } from "@/lib/partner/analytics/returns";
import { listRfmCell, loadRfmGrid } from "@/lib/partner/analytics/rfm";
import { loadPartnerSales } from "@/lib/partner/analytics/sales";
import { statementMonth } from "@/lib/settlement/month";
import { partnerStatement, programLedgerTotals, programSettlement } from "@/lib/settlement/statement";
import { BEER, BURGER, coalitionFixture, LATTE, SCARF } from "@/test/coalition-fixture";
import { testDb } from "@/test/db";

const db = testDb();
const TZ = "Europe/Moscow";
let programId = "";
let partner = { pub: "", coffee: "" };

beforeAll(async () => {
  const fx = await coalitionFixture(db, ["Ann", "Boris", "Cyril", "Dana"]);
  ({ programId, partner } = fx);
  const { buy, giveBack, cancel } = fx;
  // September: Ann and Dana's first receipts at the pub.
  await buy("s1", "pub-luzhniki", "2026-09-20T12:00:00Z", "Ann", [BEER(2)]); // 1,000 RUB → 50 pts
  await buy("s2", "pub-arbat", "2026-09-25T12:00:00Z", "Dana", [BEER()]); // 25 pts
  // October.
  await buy("o2", "pub-luzhniki", "2026-10-03T12:00:00Z", "Ann", [BEER(2), BURGER]); // 1,800 RUB → 90 pts
  await buy("o3", "pub-arbat", "2026-10-05T12:00:00Z", "Ann", [BURGER], 40); // 40 pts pay 40 RUB; 760 RUB → 38 pts
  await buy("oc", "pub-luzhniki", "2026-10-08T12:00:00Z", "Cyril", [BEER()]); // 25 pts
  await buy("o4", "coffee-stadium", "2026-10-10T12:00:00Z", "Boris", [LATTE(2)]); // 500 RUB at 4 % → 20 pts
  await buy("o5", "pub-arbat", "2026-10-12T12:00:00Z", null, [BEER()]); // anonymous
  await giveBack("o2", "pub-luzhniki", "2026-10-15T12:00:00Z", [{ lineNo: 1, quantity: 1 }], "wrong_item"); // 500 RUB back; 90 × 500/1,800 = 25 pts taken back
  await buy("o7", "stadium-shop", "2026-10-20T12:00:00Z", "Ann", [SCARF]); // own store: 1,500 RUB at 3 % → 45 pts
  await buy("o8", "pub-luzhniki", "2026-10-25T12:00:00Z", "Boris", [BEER()]); // 25 pts…
  await cancel("o8", "pub-luzhniki", "2026-10-26T12:00:00Z"); // …taken back
  await buy("o10", "coffee-stadium", "2026-10-28T12:00:00Z", "Boris", [LATTE()], 10); // 240 RUB paid → 9 pts
  // November: Ann's burger of 5 October comes back.
  await giveBack("o3", "pub-arbat", "2026-11-02T12:00:00Z", [{ lineNo: 1, quantity: 1 }], "defect"); // 40 pts back to Ann, 38 taken
}, 120_000);

const october = () => analyticsRange({ from: "2026-10-01", to: "2026-10-31" }, TZ);

describe("partner analytics reconcile with the receipts", () => {
  it("sales by day, store and category: sold (committed, also if cancelled later) less returns and cancellations", async () => {
    const s = await loadPartnerSales(db, { partnerId: partner.pub, timeZone: TZ, range: october() });
    // Sold: o2 1,800 + o3 800 + oc 500 + o5 500 + o8 500 = 4,100 RUB in 5 receipts; back: o2's beer 500 + o8 cancelled 500.
    expect(s.totals).toEqual({ receipts: 5, sales: 410_000, returns: 100_000, net: 310_000, returnCount: 2, average: 82_000 });
    expect(s.byDay).toHaveLength(31);
    const days = Object.fromEntries(s.byDay.filter((d) => d.receipts || d.returns).map((d) => [d.day, [d.receipts, d.sales, d.returns]]));
    expect(days).toEqual({
      "2026-10-03": [1, 180_000, 0],
      "2026-10-05": [1, 80_000, 0],
      "2026-10-08": [1, 50_000, 0],
      "2026-10-12": [1, 50_000, 0],
      "2026-10-15": [0, 0, 50_000],
      "2026-10-25": [1, 50_000, 0],
      "2026-10-26": [0, 0, 50_000],
    });
    const stores = Object.fromEntries(s.byStore.map((x) => [x.code, [x.receipts, x.sales, x.returns, x.net]]));
    expect(stores).toEqual({ "pub-luzhniki": [3, 280_000, 100_000, 180_000], "pub-arbat": [2, 130_000, 0, 130_000] });
    expect(s.byCategory.map((c) => [c.category, c.quantity, c.sales, c.returnedQuantity, c.returns, c.net])).toEqual([
      ["drinks", 5, 250_000, 2, 100_000, 150_000],
      ["food", 2, 160_000, 0, 0, 160_000],
    ]);
    // The coffee shop's month: Boris's two receipts only.
    const c = await loadPartnerSales(db, { partnerId: partner.coffee, timeZone: TZ, range: october() });
    expect(c.totals).toMatchObject({ receipts: 2, sales: 75_000, returns: 0, net: 75_000 });
    expect(c.byStore.map((x) => x.code)).toEqual(["coffee-stadium"]);
  });

  it("purchases and returns by product, store and reason", async () => {
    const r = await loadPartnerReturns(db, { partnerId: partner.pub, range: october() });
    expect(r.byProduct.map((p) => [p.sku, p.sold, p.soldValue, p.returned, p.returnedValue, p.rate])).toEqual([
      ["BEER", 5, 250_000, 2, 100_000, 0.4],
      ["BURGER", 2, 160_000, 0, 0, 0],
    ]);
    expect(r.byStore.map((x) => [x.code, x.returns, x.soldValue, x.returnedValue])).toEqual([
      ["pub-luzhniki", 2, 280_000, 100_000],
      ["pub-arbat", 0, 130_000, 0],
    ]);
    expect(r.byReason).toEqual([
      { reason: "wrong_item", returns: 1, lines: 1, returned: 1, returnedValue: 50_000 },
      { reason: null, returns: 1, lines: 1, returned: 1, returnedValue: 50_000 },
    ]);
    // November: the burger, for a defect.
    const nov = await loadPartnerReturns(db, { partnerId: partner.pub, range: analyticsRange({ from: "2026-11-01", to: "2026-11-30" }, TZ) });
    expect(nov.byReason).toEqual([{ reason: "defect", returns: 1, lines: 1, returned: 1, returnedValue: 80_000 }]);
    expect(nov.byProduct).toEqual([expect.objectContaining({ sku: "BURGER", sold: 0, returned: 1, returnedValue: 80_000 })]);
  });

  it("RFM grid: recency × frequency quintiles over the partner's own customers, revenue net of returns", async () => {
    const now = new Date("2026-11-10T12:00:00Z");
    const g = await loadRfmGrid(db, { partnerId: partner.pub, now });
    // Ann: 3 receipts (last 5 Oct), 1,000 + 1,800 − 500 + 800 − 800 = 2,300 RUB; Cyril: 1 (8 Oct), 500; Dana: 1 (25 Sep), 500.
    // Boris's only pub receipt was cancelled. Recency: Dana 1, Ann 3, Cyril 5; frequency: Ann 5, the others 1.
    const filled = g.cells.filter((c) => c.customers > 0).map((c) => [c.r, c.f, c.customers, c.revenue]);
    expect(filled).toEqual([
      [5, 1, 1, 50_000],
      [3, 5, 1, 230_000],
      [1, 1, 1, 50_000],
    ]);
    expect(g.cells).toHaveLength(25);
    expect(g).toMatchObject({ customers: 3, revenue: 330_000 });
    const cell = await listRfmCell(db, { partnerId: partner.pub, r: 3, f: 5, now });
    expect(cell.total).toBe(1);
    expect(cell.rows[0]).toMatchObject({ receipts: 3, revenue: 230_000, member: { firstName: "Ann" } });
    expect(cell.rows[0].member.phone).toMatch(/^\+7 ••• •••-••-\d\d$/);
    // The coffee shop sees Boris alone, and not in the pub's cells.
    const coffee = await loadRfmGrid(db, { partnerId: partner.coffee, now });
    expect(coffee).toMatchObject({ customers: 1, revenue: 75_000 });
    expect((await listRfmCell(db, { partnerId: partner.coffee, r: 3, f: 5, now })).total).toBe(0);
  });

  it("repeat-purchase cohorts by the month of the first receipt at the partner", async () => {
    const cohorts = await loadCohorts(db, { partnerId: partner.pub, timeZone: TZ, months: 3, now: new Date("2026-11-10T12:00:00Z") });
    expect(cohorts).toEqual([
      { month: "2026-09", customers: 2, returning: [2, 1] }, // Ann and Dana; Ann came back in October (November is not over)
      { month: "2026-10", customers: 1, returning: [1] }, // Cyril
      { month: "2026-11", customers: 0, returning: [0] },
    ]);
  });
});

describe("settlement from the ledger", () => {
  it("October: each partner's statement by hand, and the rows (with the own stores') add up to the program's ledger", async () => {
    const m = statementMonth("2026-10", TZ, new Date("2026-12-01T00:00:00Z"));
    const pub = await partnerStatement(db, { programId, partnerId: partner.pub, ...m });
    // Issued 90 + 38 + 25 + 25 = 178; taken back 25 (o2's beer) + 25 (o8 cancelled); spent 40 (o3).
    expect(pub.totals).toEqual({
      issued: 178,
      issuedMain: 178,
      issuedPromo: 0,
      reclaimed: 50,
      redeemed: 40,
      redeemedMain: 40,
      redeemedPromo: 0,
      refunded: 0,
      netIssued: 128,
      netRedeemed: 40,
      owed: 12_800,
      reimbursed: 4_000,
      balance: 8_800,
      receipts: 4,
    });
    expect(pub.lines.map((l) => [l.code, l.netIssued, l.netRedeemed])).toEqual([
      ["pub-arbat", 38, 40],
      ["pub-luzhniki", 90, 0],
    ]);
    const coffee = await partnerStatement(db, { programId, partnerId: partner.coffee, ...m });
    expect(coffee.totals).toMatchObject({ issued: 29, reclaimed: 0, redeemed: 10, refunded: 0, owed: 2_900, reimbursed: 1_000, balance: 1_900 });

    const all = await programSettlement(db, { programId, ...m });
    const row = (id: string | null) => all.rows.find((r) => r.partnerId === id)!;
    expect(row(partner.pub)).toMatchObject(pub.totals);
    expect(row(partner.coffee)).toMatchObject(coffee.totals);
    expect(row(null)).toMatchObject({ issued: 45, reclaimed: 0, redeemed: 0, owed: 4_500 });
    const ledger = await programLedgerTotals(db, { programId, ...m });
    expect(ledger).toEqual({ issued: 252, issuedPromo: 0, reclaimed: 50, redeemed: 50, redeemedPromo: 0, refunded: 0 });
    const sum = (k: "issued" | "issuedPromo" | "reclaimed" | "redeemed" | "redeemedPromo" | "refunded" | "owed" | "reimbursed" | "balance") => all.rows.reduce((s, r) => s + r[k], 0);
    expect({
      issued: sum("issued"),
      issuedPromo: sum("issuedPromo"),
      reclaimed: sum("reclaimed"),
      redeemed: sum("redeemed"),
      redeemedPromo: sum("redeemedPromo"),
      refunded: sum("refunded"),
    }).toEqual(ledger);
    expect([sum("owed"), sum("reimbursed"), sum("balance")]).toEqual([all.totals.owed, all.totals.reimbursed, all.totals.balance]);
  });

  it("November: the return of an October receipt nets out in the month it happened", async () => {
    const m = statementMonth("2026-11", TZ, new Date("2026-12-01T00:00:00Z"));
    const pub = await partnerStatement(db, { programId, partnerId: partner.pub, ...m });
    expect(pub.totals).toEqual({
      issued: 0,
      issuedMain: 0,
      issuedPromo: 0,
      reclaimed: 38,
      redeemed: 0,
      redeemedMain: 0,
      redeemedPromo: 0,
      refunded: 40,
      netIssued: -38,
      netRedeemed: -40,
      owed: -3_800,
      reimbursed: -4_000,
      balance: 200,
      receipts: 0,
    });
    const coffee = await partnerStatement(db, { programId, partnerId: partner.coffee, ...m });
    expect(coffee.totals.issued + coffee.totals.redeemed).toBe(0);
  });
});
