// The status view of the cabinet and console, and staff setting a status by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolloverProgram } from "@/lib/jobs/rollover-periods";
import { applyProgram } from "@/lib/program/apply-program";
import { referenceProgram, referenceProgramJson } from "@/lib/rules/reference-programs";
import { testDb } from "@/test/db";
import { makeCustomer, uniq } from "@/test/factories";
import { recordActivity } from "./activity";
import { customerTierView, setManualTier } from "./progress";

const db = testDb();
const football = referenceProgram("football-club");
const sportswear = referenceProgram("sportswear-retailer");
let fcId: string;
let uaId: string;

beforeAll(async () => {
  const early = new Date("2020-01-01T00:00:00Z");
  fcId = (await applyProgram(db, { ...(referenceProgramJson("football-club") as object), code: uniq("fc") }, { now: early })).programId;
  uaId = (await applyProgram(db, { ...(referenceProgramJson("sportswear-retailer") as object), code: uniq("ua") }, { now: early })).programId;
});
afterAll(async () => {
  await db.$disconnect();
});

const fan = (customerId: string, at: string, visits: number, rub: number) =>
  db.$transaction((tx) =>
    recordActivity(tx, { programId: fcId, customerId, definition: football, at: new Date(at), visits, purchases: 1, spend: rub * 100 + 50_000, spendByCategory: { ticket: rub * 100, food: 50_000 } }),
  );

describe("customerTierView", () => {
  it("shows each criterion toward the next status: 3 of 5 home matches, 12,400 of 15,000 RUB", async () => {
    const c = await makeCustomer(db, fcId);
    await fan(c.id, "2026-09-10T19:00:00+03:00", 3, 12_400);
    const v = await customerTierView(db, c.id, new Date("2026-11-23T12:00:00+03:00"));
    expect(v.tier).toMatchObject({ code: "regular", name: "Regular", earnRate: 5 });
    expect(v.tier.benefits).toContain("5% back in points");
    // The status page in Russian: the program's own Russian texts.
    const ru = await customerTierView(db, c.id, new Date("2026-11-23T12:00:00+03:00"), "ru");
    expect(ru.tier).toMatchObject({ code: "regular", name: "Завсегдатай" });
    expect(ru.tier.benefits).toEqual(["5% баллами", "Поздравление с днём рождения от команды"]);
    expect(ru.next?.tier.name).toBe("Болельщик");
    expect(ru.ladder.map((l) => l.tier.name)).toEqual(["Новичок", "Завсегдатай", "Болельщик", "Ультрас", "Ветеран", "Легенда"]);
    expect(v.source).toBe("qualified");
    expect(v.period).toEqual({ kind: "season", key: "2026/27", start: new Date("2026-06-30T21:00:00Z"), end: new Date("2027-06-30T21:00:00Z") });
    expect(v.securedForNextPeriod?.code).toBe("regular");
    expect(v.next?.tier.code).toBe("supporter");
    expect(v.next?.alternatives).toEqual([
      {
        met: false,
        criteria: [
          { metric: "spend", current: 1_240_000, target: 1_500_000, missing: 260_000, categories: ["merch", "season-ticket", "ticket"] },
          { metric: "visits", current: 3, target: 5, missing: 2 },
        ],
      },
    ]);
    expect(v.ladder.map((s) => [s.tier.code, s.reached, s.current])).toEqual([
      ["novice", true, false],
      ["regular", true, true],
      ["supporter", false, false],
      ["ultra", false, false],
      ["veteran", false, false],
      ["legend", false, false],
    ]);
  });

  it("a carried Legend: source carried, nothing above, this season secures Regular for the next", async () => {
    const c = await makeCustomer(db, fcId);
    await fan(c.id, "2026-04-10T19:00:00+03:00", 14, 120_000);
    await fan(c.id, "2026-09-10T19:00:00+03:00", 2, 5_000);
    const v = await customerTierView(db, c.id, new Date("2026-11-23T12:00:00+03:00"));
    expect(v).toMatchObject({ tier: { code: "legend" }, source: "carried", carried: { code: "legend" }, qualified: { code: "regular" }, securedForNextPeriod: { code: "regular" }, next: null });
  });

  it("a customer with no activity: the entry status, lifetime periods never end", async () => {
    const c = await makeCustomer(db, uaId);
    const v = await customerTierView(db, c.id, new Date("2026-11-23T12:00:00+03:00"));
    expect(v).toMatchObject({ tier: { code: "participant", canRedeem: false }, source: "qualified", securedForNextPeriod: null, period: { kind: "lifetime", end: null } });
    expect(v.next?.alternatives[0].criteria).toEqual([{ metric: "spend", current: 0, target: 1_000_000, missing: 1_000_000 }]);
    expect(sportswear.tiers[1].code).toBe("bronze");
  });

  it("another program's customer id is simply not found", async () => {
    await expect(customerTierView(db, "cus_nobody")).rejects.toMatchObject({ code: "customer_not_found" });
  });
});

describe("setManualTier", () => {
  it("sets a status until a date (audited, history with staff), then it lapses through the rollover job", async () => {
    const c = await makeCustomer(db, fcId);
    await fan(c.id, "2026-09-10T19:00:00+03:00", 2, 5_000);
    const at = new Date("2026-10-01T12:00:00+03:00");
    const r = await setManualTier(db, { customerId: c.id, tierCode: "veteran", until: new Date("2026-12-01T00:00:00+03:00"), staffUserId: "stf_owner", reason: "Club ambassador", at });
    expect(r).toEqual({ tierCode: "veteran", previousTierCode: "regular", changed: true });
    const v = await customerTierView(db, c.id, new Date("2026-11-01T12:00:00+03:00"));
    expect(v).toMatchObject({ tier: { code: "veteran" }, source: "manual", manual: { tierCode: "veteran" } });
    const change = await db.tierChange.findFirstOrThrow({ where: { customerId: c.id, reason: "manual" } });
    expect(change).toMatchObject({ fromTier: "regular", toTier: "veteran", staffUserId: "stf_owner", note: "Club ambassador" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: c.id, action: "tier.manual_set" } });
    expect(audit).toMatchObject({ actorType: "staff", actorId: "stf_owner", reason: "Club ambassador", before: { tierCode: "regular" }, after: { tierCode: "veteran" } });
    // The cabinet shows the lapse at once; the job writes it.
    expect((await customerTierView(db, c.id, new Date("2026-12-02T12:00:00+03:00"))).tier.code).toBe("regular");
    await rolloverProgram(db, fcId, football, new Date("2026-12-01T00:30:00+03:00"));
    expect(await db.customerTier.findUniqueOrThrow({ where: { customerId: c.id } })).toMatchObject({ tierCode: "regular", manualTierCode: null });
    expect(await db.tierChange.findFirst({ where: { customerId: c.id, note: "manual status ended" } })).toMatchObject({ fromTier: "veteran", toTier: "regular", reason: "manual" });
  });

  it("can lower a status and be removed again", async () => {
    const c = await makeCustomer(db, fcId);
    await fan(c.id, "2026-09-10T19:00:00+03:00", 5, 15_000);
    const at = new Date("2026-10-01T12:00:00+03:00");
    expect(await setManualTier(db, { customerId: c.id, tierCode: "novice", until: null, staffUserId: "stf_support", reason: "Fraud investigation", at })).toMatchObject({
      tierCode: "novice",
      changed: true,
    });
    expect(await setManualTier(db, { customerId: c.id, tierCode: null, until: null, staffUserId: "stf_support", reason: "Cleared", at })).toMatchObject({ tierCode: "supporter", changed: true });
  });

  it("refuses an unknown status, a missing reason, an end in the past", async () => {
    const c = await makeCustomer(db, fcId);
    const at = new Date("2026-10-01T12:00:00+03:00");
    const base = { customerId: c.id, until: null, staffUserId: "stf_owner", reason: "x", at };
    await expect(setManualTier(db, { ...base, tierCode: "platinum" })).rejects.toMatchObject({ code: "invalid_request", details: [{ path: "tierCode" }] });
    await expect(setManualTier(db, { ...base, tierCode: "ultra", reason: " " })).rejects.toMatchObject({ code: "invalid_request", details: [{ path: "reason" }] });
    await expect(setManualTier(db, { ...base, tierCode: "ultra", until: new Date("2026-01-01T00:00:00Z") })).rejects.toMatchObject({ details: [{ path: "until" }] });
    expect(await db.customerTier.findUnique({ where: { customerId: c.id } })).toBeNull();
  });
});
