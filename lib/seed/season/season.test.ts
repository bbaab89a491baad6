// The bulk path of the demo season gives exactly the database the domain gives: a sample season
// (a few hundred fans, every kind of event: receipts with points spent, returns, visits, vouchers,
// support corrections, old-card balances expiring, the season rollover) is written once by the
// in-memory simulation and once replayed event by event through lib/purchases, lib/ledger,
// lib/tiers, lib/catalog and lib/jobs; the two databases must match row for row, and both pass
// ledger:check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { activityMismatches } from "@/lib/segments/activity";
import { heldCodes } from "@/lib/promotions/offers";
import { recentMonths, statementMonth } from "@/lib/settlement/month";
import { programLedgerTotals, programSettlement } from "@/lib/settlement/statement";
import { DEMO_FAN, seedDemo } from "@/lib/seed/seed-demo";
import { scratchDatabase } from "@/test/db";
import { seasonSnapshot } from "./snapshot";

const NOW = new Date("2026-11-30T21:40:00Z");
const FANS = 200;

type Snapshot = Awaited<ReturnType<typeof seasonSnapshot>>;
let bulk: Snapshot;
let domain: Snapshot;
let events: Record<string, number>;
let bulkDb: Awaited<ReturnType<typeof seeded>>["db"];
let programId: string;
const cleanup: (() => Promise<void>)[] = [];

async function seeded(through: "bulk" | "domain") {
  const scratch = await scratchDatabase();
  await migrate(scratch.url);
  const db = createDb(scratch.url);
  cleanup.push(async () => {
    await db.$disconnect();
    await scratch.drop();
  });
  const { season } = await seedDemo(db, { databaseUrl: scratch.url, customers: FANS, now: NOW, through, skipMovingIn: true });
  expect((await checkLedger(db)).discrepancies).toEqual([]);
  // Both paths keep the segments' activity summary exact (its triggers see every bulk statement).
  expect(await activityMismatches(db, season.plan.world.programId)).toEqual([]);
  return { db, season, programId: season.plan.world.programId };
}

beforeAll(async () => {
  const a = await seeded("bulk");
  const b = await seeded("domain");
  bulk = await seasonSnapshot(a.db);
  bulkDb = a.db;
  programId = a.programId;
  domain = await seasonSnapshot(b.db);
  events = {};
  for (const e of a.season.sim.log) events[e.kind] = (events[e.kind] ?? 0) + 1;
}, 600_000);

afterAll(async () => {
  for (const c of cleanup) await c();
});

describe("demo season: bulk path = domain replay", () => {
  it("covers every kind of event", () => {
    for (const kind of ["purchase", "return", "visit", "voucher", "adjust", "legacy", "expire-lots", "rollover"]) expect(events[kind], kind).toBeGreaterThan(0);
    expect(bulk.entries.some((e) => e.includes('"redemption"') && e.includes('"purchase"'))).toBe(true);
    expect(bulk.entries.some((e) => e.includes('"expiry"'))).toBe(true);
    // Statuses carried from last season into this one by the rollover.
    expect(bulk.statuses.some((c) => /"carriedTierCode":"(regular|supporter|ultra|veteran|legend)"/.test(c))).toBe(true);
  });

  it("prices the receipts with the club's promotions: discounts, bonus points, shared and issued codes", async () => {
    const uses = bulk.promotionUses.map((r) => JSON.parse(r) as { code: string; discount: number; points: number; promoCode: string | null });
    const used = new Set(uses.map((u) => u.code));
    for (const code of ["matchday-merch", "season-ticket-bonus", "merch-thank-you", "next-merch-15", "programme-500"]) expect(used, code).toContain(code);
    expect(uses.some((u) => u.discount > 0) && uses.some((u) => u.points > 0)).toBe(true);
    expect(uses.some((u) => u.promoCode?.startsWith("issued:"))).toBe(true);
    expect(uses.some((u) => u.promoCode === "PROGRAMME500")).toBe(true);
    // The promoAccount promotion: promo points credited, then paid (promo first) on merch, and some given back by returns.
    expect(used).toContain("merch-wallet");
    const promoEntries = bulk.entries.filter((e) => e.includes('"kind":"promo"'));
    expect(promoEntries.some((e) => e.includes('"type":"accrual"') && e.includes('"promotion":"merch-wallet"'))).toBe(true);
    expect(promoEntries.some((e) => e.includes('"type":"redemption"'))).toBe(true);
    expect(bulk.lines.some((l) => l.includes('"promoPromotion":"merch-wallet"'))).toBe(true);
    // The demo fan holds a code for the next purchase (the cabinet's "My offers" shows it).
    const fan = await bulkDb.customer.findFirstOrThrow({ where: { programId, phone: DEMO_FAN.phone } });
    expect((await heldCodes(bulkDb, programId, fan.id, NOW)).length).toBeGreaterThan(0);
  });

  it("a partner's promo points pay only in that partner's stores", async () => {
    // Every promo point a receipt spent, with the partner of the promotion its lot came from and the receipt's partner.
    const rows = await bulkDb.$queryRaw<{ promotionPartner: string | null; receiptPartner: string | null; points: bigint }[]>`
      select pr."partnerId" as "promotionPartner", pu."partnerId" as "receiptPartner", sum(a.amount)::bigint as points
      from "LedgerEntry" e
      join "Account" ac on ac.id = e."accountId" and ac.kind = 'promo'
      join "LotAllocation" a on a."entryId" = e.id
      join "Lot" l on l.id = a."lotId"
      join "Promotion" pr on pr.id = l."promotionId"
      join "Purchase" pu on pu.id = e."purchaseId"
      where e."programId" = ${programId} and e.type = 'redemption'
      group by 1, 2`;
    expect(rows.some((r) => r.promotionPartner === null)).toBe(true);
    // The pub's "Wings club" gave promo points of a partner's promotion.
    const [issued] = await bulkDb.$queryRaw<{ n: bigint }[]>`
      select count(*)::bigint as n from "Lot" l join "Promotion" pr on pr.id = l."promotionId"
      where l."programId" = ${programId} and pr."partnerId" is not null`;
    expect(Number(issued.n)).toBeGreaterThan(0);
    expect(rows.filter((r) => r.promotionPartner !== null && r.promotionPartner !== r.receiptPartner)).toEqual([]);
  });

  it("settlement: every month's partner rows and the own stores' row add up to the program's ledger", async () => {
    const { timezone } = await bulkDb.program.findUniqueOrThrow({ where: { id: programId }, select: { timezone: true } });
    const partners = { issued: 0, redeemed: 0 };
    for (const month of recentMonths(timezone, NOW, 18)) {
      const m = statementMonth(month, timezone, NOW);
      const [s, ledger] = await Promise.all([programSettlement(bulkDb, { programId, ...m }), programLedgerTotals(bulkDb, { programId, ...m })]);
      const sum = (k: "issued" | "issuedPromo" | "reclaimed" | "redeemed" | "redeemedPromo" | "refunded") => s.rows.reduce((x, r) => x + r[k], 0);
      expect(
        { issued: sum("issued"), issuedPromo: sum("issuedPromo"), reclaimed: sum("reclaimed"), redeemed: sum("redeemed"), redeemedPromo: sum("redeemedPromo"), refunded: sum("refunded") },
        month,
      ).toEqual(ledger);
      expect(s.rows.every((r) => r.issuedMain + r.issuedPromo === r.issued && r.redeemedMain + r.redeemedPromo === r.redeemed)).toBe(true);
      expect(s.rows.reduce((x, r) => x + r.balance, 0)).toBe(s.totals.balance);
      for (const r of s.rows.filter((x) => x.partnerId)) for (const k of ["issued", "redeemed"] as const) partners[k] += r[k];
    }
    // The sample's partners issued points and took them in payment.
    expect(partners.issued).toBeGreaterThan(0);
    expect(partners.redeemed).toBeGreaterThan(0);
  });

  for (const table of [
    "accounts",
    "purchases",
    "lines",
    "returns",
    "visits",
    "lots",
    "entries",
    "allocations",
    "metrics",
    "statuses",
    "statusChanges",
    "vouchers",
    "stock",
    "audit",
    "promotionUses",
    "promotionCounters",
    "promotionCustomerUses",
    "promoCodes",
  ] as const) {
    it(`${table} are identical`, () => {
      expect(bulk[table].length).toBeGreaterThan(0);
      const missing = domain[table].filter((r) => !bulk[table].includes(r)).slice(0, 3);
      const extra = bulk[table].filter((r) => !domain[table].includes(r)).slice(0, 3);
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      expect(bulk[table]).toEqual(domain[table]);
    });
  }
});
