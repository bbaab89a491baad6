// Statuses against the real database: metrics upserts, immediate upgrades, retention over a
// season and the rollover job (time travel through the job's `now`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolloverProgram } from "@/lib/jobs/rollover-periods";
import { applyProgram } from "@/lib/program/apply-program";
import type { ProgramDefinition } from "@/lib/program/definition";
import { referenceProgram, referenceProgramJson, type ReferenceProgram } from "@/lib/rules/reference-programs";
import { testDb } from "@/test/db";
import { makeCustomer, uniq } from "@/test/factories";
import { recordActivity, tierForPricing, tierInForce, type Activity } from "./activity";
import { metricsAt } from "./metrics";

const db = testDb();
afterAll(async () => {
  await db.$disconnect();
});

async function program(name: ReferenceProgram, at = new Date("2020-01-01T00:00:00Z")) {
  const json = { ...(referenceProgramJson(name) as Record<string, unknown>), code: uniq(name) };
  const r = await applyProgram(db, json, { now: at });
  return { programId: r.programId, definition: referenceProgram(name) };
}

type P = { programId: string; definition: ProgramDefinition };
const act = (p: P, customerId: string, at: string, m: Omit<Activity, "programId" | "customerId" | "definition" | "at">) =>
  db.$transaction((tx) => recordActivity(tx, { ...p, customerId, at: new Date(at), ...m }));
const pricing = (p: P, customerId: string, at: string) => db.$transaction((tx) => tierForPricing(tx, p.programId, customerId, p.definition, new Date(at)));
const row = (customerId: string) => db.customerTier.findUniqueOrThrow({ where: { customerId } });
/** The rollover job for one program (the shared test database holds other tests' programs too). */
const rollover = (p: P, at: string) => rolloverProgram(db, p.programId, p.definition, new Date(at));
const changes = (customerId: string) => db.tierChange.findMany({ where: { customerId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
/** Football spend that counts for status: half tickets, half merchandise. */
const fanSpend = (rub: number) => ({ spend: rub * 100, spendByCategory: { ticket: rub * 50, merch: rub * 50 } });

describe("recordActivity", () => {
  let football: P;
  let sportswear: P;
  beforeAll(async () => {
    football = await program("football-club");
    sportswear = await program("sportswear-retailer");
  });

  it("sportswear: a Participant becomes Bronze once 10,000 RUB have accumulated (lifetime)", async () => {
    const c = await makeCustomer(db, sportswear.programId);
    expect(await pricing(sportswear, c.id, "2026-01-10T10:00:00+03:00")).toBe("participant");
    const first = await act(sportswear, c.id, "2026-01-10T10:00:00+03:00", { spend: 600_000, purchases: 1 });
    expect(first).toMatchObject({ tierCode: "participant", previousTierCode: "participant", changed: false });
    const second = await act(sportswear, c.id, "2027-05-01T10:00:00+03:00", { spend: 400_000, purchases: 1 });
    expect(second).toMatchObject({ tierCode: "bronze", previousTierCode: "participant", changed: true });
    expect(await metricsAt(db, c.id, sportswear.definition, new Date())).toMatchObject({ spend: 1_000_000, purchases: 2 });
    // A return lowers a lifetime status again (nothing is carried).
    const back = await act(sportswear, c.id, "2027-05-02T10:00:00+03:00", { spend: -400_000, purchases: -1 });
    expect(back).toMatchObject({ tierCode: "participant", changed: true });
    expect((await changes(c.id)).map((x) => [x.fromTier, x.toTier, x.reason])).toEqual([
      ["participant", "bronze", "qualified"],
      ["bronze", "participant", "qualified"],
    ]);
  });

  it("adds category spend key by key and never lets counts go below zero", async () => {
    const c = await makeCustomer(db, football.programId);
    await act(football, c.id, "2026-09-01T12:00:00+03:00", { spend: 1000, spendByCategory: { ticket: 700, food: 300 }, visits: 1, purchases: 1 });
    await act(football, c.id, "2026-09-02T12:00:00+03:00", { spend: 500, spendByCategory: { ticket: 200, merch: 300 }, visits: 1, purchases: 1 });
    await act(football, c.id, "2026-09-03T12:00:00+03:00", { spend: -200, spendByCategory: { ticket: -200 }, purchases: -5 });
    const m = await metricsAt(db, c.id, football.definition, new Date("2026-10-01T00:00:00+03:00"));
    expect(m).toEqual({ spend: 1300, spendByCategory: { ticket: 700, food: 300, merch: 300 }, visits: 2, purchases: 0 });
  });

  it("concurrent activity on one customer loses no increment", async () => {
    const c = await makeCustomer(db, sportswear.programId);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.$transaction((tx) => recordActivity(tx, { ...sportswear, customerId: c.id, at: new Date("2026-02-01T10:00:00Z"), spend: 100_000, purchases: 1 }), { timeout: 30_000, maxWait: 30_000 }),
      ),
    );
    expect(await metricsAt(db, c.id, sportswear.definition, new Date())).toMatchObject({ spend: 2_000_000, purchases: 20 });
    expect((await row(c.id)).tierCode).toBe("bronze");
    expect(await changes(c.id)).toHaveLength(1);
  });

  it("football: a Legend of last season stays Legend all this season, then drops to what this season qualified", async () => {
    const c = await makeCustomer(db, football.programId);
    // Season 2025/26: 14 home matches and 120,000 RUB on tickets and merchandise → Legend at once.
    const up = await act(football, c.id, "2026-03-01T15:00:00+03:00", { ...fanSpend(120_000), visits: 14, purchases: 6 });
    expect(up).toMatchObject({ tierCode: "legend", changed: true });

    // The season ends at midnight July 1 (Moscow); the job runs a little later.
    expect(await rollover(football, "2026-07-01T00:30:00+03:00")).toMatchObject({ changed: 0 });
    expect(await row(c.id)).toMatchObject({ tierCode: "legend", periodKey: "2026/27", carriedTierCode: "legend", qualifiedTierCode: "novice" });

    // Season 2026/27: only 3 matches and 6,000 RUB — qualifies Regular, still Legend.
    await act(football, c.id, "2026-09-15T19:00:00+03:00", { ...fanSpend(6_000), visits: 3, purchases: 2 });
    expect(await row(c.id)).toMatchObject({ tierCode: "legend", qualifiedTierCode: "regular" });
    expect(await pricing(football, c.id, "2027-06-30T23:59:00+03:00")).toBe("legend");

    // Before the job runs, the read-only answer already knows the season is over; it writes nothing.
    expect(await tierInForce(db, football.programId, c.id, football.definition, new Date("2027-07-01T00:01:00+03:00"))).toBe("regular");
    expect((await row(c.id)).tierCode).toBe("legend");
    // July 1, 2027: the status becomes what 2026/27 qualified.
    const first = await rollover(football, "2027-07-01T00:05:00+03:00");
    expect(first.changed).toBeGreaterThanOrEqual(1);
    expect(await row(c.id)).toMatchObject({ tierCode: "regular", periodKey: "2027/28", carriedTierCode: "regular", qualifiedTierCode: "novice" });
    const history = await changes(c.id);
    expect(history.map((x) => [x.fromTier, x.toTier, x.reason, x.periodKey])).toEqual([
      ["novice", "legend", "qualified", "2025/26"],
      ["legend", "regular", "period_end", "2027/28"],
    ]);
    expect(history[1].at.toISOString()).toBe("2027-06-30T21:00:00.000Z");

    // Running it again (or concurrently) changes nothing more.
    const again = await Promise.all([rollover(football, "2027-07-01T01:05:00+03:00"), rollover(football, "2027-07-01T01:05:00+03:00")]);
    expect(again.map((r) => r.customers)).toEqual([0, 0]);
    expect(await changes(c.id)).toHaveLength(2);
    // A season later with no activity at all: Novice.
    await rollover(football, "2028-07-01T00:05:00+03:00");
    expect((await row(c.id)).tierCode).toBe("novice");
  });

  it("football: qualifying higher upgrades at once; a return lowers it, but never below the carried status", async () => {
    const c = await makeCustomer(db, football.programId);
    await act(football, c.id, "2025-12-01T15:00:00+03:00", { ...fanSpend(5_000), visits: 2, purchases: 1 }); // 2025/26: Regular
    // No job has run: the first receipt of the new season rolls the status itself.
    expect(await pricing(football, c.id, "2026-08-01T12:00:00+03:00")).toBe("regular");
    const up = await act(football, c.id, "2026-08-01T12:00:00+03:00", { ...fanSpend(15_000), visits: 5, purchases: 1 });
    expect(up).toMatchObject({ tierCode: "supporter", previousTierCode: "regular", changed: true });
    const ret = await act(football, c.id, "2026-08-01T12:00:00+03:00", { spend: -1_500_000, spendByCategory: { ticket: -750_000, merch: -750_000 }, purchases: -1 });
    expect(ret).toMatchObject({ tierCode: "regular", previousTierCode: "supporter", changed: true });
    expect(await row(c.id)).toMatchObject({ carriedTierCode: "regular", qualifiedTierCode: "novice" });
  });

  it("an offline receipt of the finished season sent late still raises the carried status", async () => {
    const c = await makeCustomer(db, football.programId);
    await act(football, c.id, "2026-09-01T12:00:00+03:00", { ...fanSpend(1_000), visits: 1, purchases: 1 });
    expect((await row(c.id)).periodKey).toBe("2026/27");
    await act(football, c.id, "2026-06-20T12:00:00+03:00", { ...fanSpend(20_000), visits: 6, purchases: 1 });
    expect(await row(c.id)).toMatchObject({ periodKey: "2026/27", carriedTierCode: "supporter", tierCode: "supporter" });
    // Pricing an old offline receipt uses the status in force at its time.
    expect(await pricing(football, c.id, "2026-06-20T12:00:00+03:00")).toBe("novice");
  });

  it("liquor chain: a rolling 12-month window drops a status when old purchases leave it", async () => {
    const liquor = await program("liquor-chain");
    const c = await makeCustomer(db, liquor.programId);
    await act(liquor, c.id, "2026-01-10T12:00:00+03:00", { spend: 2_000_000, purchases: 1 });
    expect(await act(liquor, c.id, "2026-02-10T12:00:00+03:00", { spend: 1_000_000, purchases: 1 })).toMatchObject({ tierCode: "connoisseur", changed: true });
    // A day's purchases count for 12 months: through the day before their anniversary.
    await rollover(liquor, "2027-01-09T23:30:00+03:00");
    expect((await row(c.id)).tierCode).toBe("connoisseur");
    await rollover(liquor, "2027-01-10T00:30:00+03:00");
    expect(await row(c.id)).toMatchObject({ tierCode: "member", periodKey: "rolling@2027-01-10" });
    expect((await changes(c.id)).at(-1)).toMatchObject({ fromTier: "connoisseur", toTier: "member" });
  });
});
