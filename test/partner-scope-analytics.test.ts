// Attacker-vs-victim for the portal's analytics and statements: the pub (A) and the coffee shop (B)
// of one coalition, with a member who buys at both. Every analytics figure, RFM cell, cohort,
// statement, its CSV route and the console's settlement CSV must show A only A's data, whatever
// the request says; members appear as first name and masked phone only.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";

const session = vi.hoisted(() => ({ staff: null as Principal | null }));
vi.mock("@/lib/auth/session", () => ({ getPrincipal: async () => session.staff }));

const statementCsv = await import("@/app/partner/statements/csv/route");
const settlementCsv = await import("@/app/api/admin/settlement/route");
const { testDb } = await import("./db");
const { useTestDatabase } = await import("./pos/harness");
const { BEER, LATTE, coalitionFixture } = await import("./coalition-fixture");
const { loadCohorts } = await import("@/lib/partner/analytics/cohorts");
const { analyticsRange } = await import("@/lib/partner/analytics/range");
const { loadPartnerReturns } = await import("@/lib/partner/analytics/returns");
const { listRfmCell, loadRfmGrid } = await import("@/lib/partner/analytics/rfm");
const { loadPartnerSales } = await import("@/lib/partner/analytics/sales");
const { loadPartnerStatement } = await import("@/lib/partner/statement");
const { memberIdFromRef } = await import("@/lib/partner/member-ref");

const db = testDb();
const TZ = "Europe/Moscow";
const NOW = new Date("2026-11-15T12:00:00Z");
let fx: Awaited<ReturnType<typeof coalitionFixture>>;
const range = () => analyticsRange({ from: "2026-10-01", to: "2026-10-31" }, TZ);
const staff = (role: "partner_manager" | "owner" | "analyst" | "marketer", partnerId: string | null = null): Principal => ({
  kind: "staff",
  id: `stf_${role}`,
  programId: fx.programId,
  role,
  partnerId,
});

beforeAll(async () => {
  useTestDatabase();
  fx = await coalitionFixture(db, ["Ivan", "Olga"]);
  await db.customer.update({ where: { id: fx.who.Ivan.id }, data: { lastName: "Secretov", email: "ivan@secret.test" } });
  // Ivan at the pub (A) and the coffee shop (B); Olga at the coffee shop only.
  await fx.buy("a1", "pub-luzhniki", "2026-10-03T12:00:00Z", "Ivan", [BEER(2)]);
  await fx.buy("a2", "pub-arbat", "2026-10-04T12:00:00Z", null, [BEER()]);
  await fx.giveBack("a1", "pub-luzhniki", "2026-10-05T12:00:00Z", [{ lineNo: 1, quantity: 1 }], "wrong_item");
  await fx.buy("b1", "coffee-stadium", "2026-10-06T12:00:00Z", "Ivan", [LATTE(3)]);
  await fx.buy("b2", "coffee-stadium", "2026-10-07T12:00:00Z", "Olga", [LATTE()]);
  await fx.buy("b3", "coffee-stadium", "2026-10-08T12:00:00Z", "Olga", [LATTE()]);
  await fx.giveBack("b3", "coffee-stadium", "2026-10-09T12:00:00Z", [{ lineNo: 1, quantity: 1 }], "defect");
}, 120_000);

describe("partner analytics scope", () => {
  it("sales, returns and their reasons are the partner's own", async () => {
    const a = await loadPartnerSales(db, { partnerId: fx.partner.pub, timeZone: TZ, range: range() });
    expect(a.totals).toMatchObject({ receipts: 2, sales: 150_000, returns: 50_000 });
    expect(a.byStore.map((s) => s.code).sort()).toEqual(["pub-arbat", "pub-luzhniki"]);
    expect(a.byCategory.map((c) => c.sales)).toEqual([150_000]);
    const b = await loadPartnerSales(db, { partnerId: fx.partner.coffee, timeZone: TZ, range: range() });
    expect(b.totals).toMatchObject({ receipts: 3, sales: 125_000, returns: 25_000 });
    expect(b.byStore.map((s) => s.code)).toEqual(["coffee-stadium"]);

    const ra = await loadPartnerReturns(db, { partnerId: fx.partner.pub, range: range() });
    expect(ra.byReason.map((r) => r.reason)).toEqual(["wrong_item"]);
    expect(ra.byProduct.map((p) => p.sku)).toEqual(["BEER"]);
    expect(ra.byStore.every((s) => s.code.startsWith("pub-"))).toBe(true);
    const rb = await loadPartnerReturns(db, { partnerId: fx.partner.coffee, range: range() });
    expect(rb.byReason.map((r) => r.reason)).toEqual(["defect"]);
    expect(rb.byProduct.map((p) => p.sku)).toEqual(["LATTE"]);
  });

  it("RFM grids and cells hold only the partner's customers, masked", async () => {
    const a = await loadRfmGrid(db, { partnerId: fx.partner.pub, now: NOW });
    expect(a).toMatchObject({ customers: 1, revenue: 50_000 });
    const b = await loadRfmGrid(db, { partnerId: fx.partner.coffee, now: NOW });
    expect(b).toMatchObject({ customers: 2, revenue: 75_000 + 25_000 });
    // Every cell of A's grid, listed: Ivan only, with A's revenue (not his coffee).
    const listed = [];
    for (const c of a.cells) listed.push(...(await listRfmCell(db, { partnerId: fx.partner.pub, r: c.r, f: c.f, now: NOW })).rows);
    expect(listed).toEqual([expect.objectContaining({ receipts: 1, revenue: 50_000, member: { firstName: "Ivan", phone: expect.stringMatching(/^\+7 ••• •••-••-\d\d$/) } })]);
    // Each member is addressed by the pub's own reference, which the coffee shop cannot decode.
    expect(memberIdFromRef(fx.partner.pub, listed[0].ref)).toBe(fx.who.Ivan.id);
    expect(memberIdFromRef(fx.partner.coffee, listed[0].ref)).toBeNull();
    const json = JSON.stringify(listed);
    for (const secret of [fx.who.Ivan.phone, fx.who.Ivan.phone.slice(2), "Secretov", "secret.test", fx.who.Ivan.id, "Olga"]) expect(json).not.toContain(secret);
  });

  it("cohorts count the partner's customers only", async () => {
    const a = await loadCohorts(db, { partnerId: fx.partner.pub, timeZone: TZ, months: 2, now: NOW });
    expect(a.map((c) => [c.month, c.customers])).toEqual([
      ["2026-10", 1],
      ["2026-11", 0],
    ]);
    const b = await loadCohorts(db, { partnerId: fx.partner.coffee, timeZone: TZ, months: 2, now: NOW });
    expect(b.map((c) => [c.month, c.customers])).toEqual([
      ["2026-10", 2],
      ["2026-11", 0],
    ]);
  });

  it("statements: the partner's stores and ledger entries only", async () => {
    const a = await loadPartnerStatement(db, { partnerId: fx.partner.pub, month: "2026-10", now: NOW });
    expect(a?.lines.map((l) => l.code)).toEqual(["pub-arbat", "pub-luzhniki"]);
    // Ivan's 1,000 RUB at 5 % = 50 points, half taken back by the return.
    expect(a?.totals).toMatchObject({ issued: 50, reclaimed: 25, redeemed: 0, owed: 2_500 });
    const b = await loadPartnerStatement(db, { partnerId: fx.partner.coffee, month: "2026-10", now: NOW });
    expect(b?.lines.map((l) => l.code)).toEqual(["coffee-stadium"]);
    // 750 RUB at 4 % = 30, 250 RUB = 10 twice; Olga's second latte taken back.
    expect(b?.totals).toMatchObject({ issued: 50, reclaimed: 10, owed: 4_000 });
  });
});

describe("statement CSV routes", () => {
  const get = (route: typeof statementCsv, query: string) => route.GET(new Request(`http://portal.test/partner/statements/csv?${query}`));

  it("answers the session's partner only, whatever the request names", async () => {
    session.staff = staff("partner_manager", fx.partner.pub);
    const res = await get(statementCsv, `month=2026-10&partnerId=${fx.partner.coffee}&partner=coffee`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="statement-pub-2026-10.csv"');
    const csv = (await res.text()).replace(/^\uFEFF/, "");
    const rows = csv.trim().split("\r\n");
    expect(rows[0]).toBe(
      "month,currency,store_code,store,receipts,points_issued,points_issued_main,points_issued_promo,points_reclaimed,net_points_issued,owed_minor,points_redeemed,points_redeemed_main,points_redeemed_promo,points_refunded,net_points_redeemed,reimbursed_minor,balance_minor",
    );
    expect(rows.slice(1).map((r) => r.split(",")[2])).toEqual(["pub-arbat", "pub-luzhniki", "TOTAL"]);
    expect(rows.at(-1)).toBe("2026-10,RUB,TOTAL,,1,50,50,0,25,25,2500,0,0,0,0,0,0,2500");
    expect(csv).not.toContain("coffee");

    session.staff = staff("partner_manager", fx.partner.coffee);
    const other = (await (await get(statementCsv, "month=2026-10")).text()).trim().split("\r\n");
    expect(other.slice(1).map((r) => r.split(",")[2])).toEqual(["coffee-stadium", "TOTAL"]);
  });

  it("refuses anyone who is not a partner manager bound to a partner", async () => {
    for (const who of [null, staff("owner"), staff("partner_manager", null), { kind: "customer", id: fx.who.Ivan.id, programId: fx.programId } as Principal]) {
      session.staff = who;
      const res = await get(statementCsv, "month=2026-10");
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
  });

  it("the console's settlement CSV: owner and analyst only, a row per partner and the own stores", async () => {
    for (const [who, status] of [
      [staff("partner_manager", fx.partner.pub), 403],
      [staff("marketer"), 403],
      [null, 401],
    ] as const) {
      session.staff = who;
      expect((await settlementCsv.GET(new Request("http://console.test/api/admin/settlement?month=2026-10"))).status).toBe(status);
    }
    for (const role of ["owner", "analyst"] as const) {
      session.staff = staff(role);
      const res = await settlementCsv.GET(new Request("http://console.test/api/admin/settlement?month=2026-10"));
      expect(res.status).toBe(200);
      const rows = (await res.text())
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n");
      expect(rows.slice(1).map((r) => r.split(",")[2])).toEqual(["pub", "coffee", "", "TOTAL"]); // by name: Extra Time, Half-Time, then the own stores
      expect(rows.at(-1)).toBe("2026-10,RUB,TOTAL,,4,100,100,0,35,65,6500,0,0,0,0,0,0,6500");
    }
  });
});
