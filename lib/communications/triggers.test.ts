// Triggered messages on a scratch database (the daily job sweeps every program with triggers):
// status changes queued in the receipt's transaction (a rolled-back one queues nothing), welcome at
// registration, birthday with a promotion's code, expiring points, lapsed members — each once.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { findOrRegisterByPhone } from "@/lib/customers/register-online";
import { accrue, lockAccounts } from "@/lib/ledger";
import { applyProgram } from "@/lib/program/apply-program";
import { definitionById } from "@/lib/program/in-force";
import type { ProgramDefinition } from "@/lib/program/definition";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { recordActivity } from "@/lib/tiers/activity";
import { setManualTier } from "@/lib/tiers/progress";
import { scratchDatabase } from "@/test/db";
import { makeCustomer, makeVisit, uniq } from "@/test/factories";
import { createId } from "@/lib/ids";
import { runMessageTriggers } from "./triggers-job";
import { TRIGGER_KINDS } from "./trigger-kinds";

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: ReturnType<typeof createDb>;
let programId: string;
let def: ProgramDefinition;

beforeAll(async () => {
  scratch = await scratchDatabase();
  await migrate(scratch.url);
  db = createDb(scratch.url);
  const applied = await applyProgram(db, referenceProgramJson("football-club"), { now: new Date("2020-01-01T00:00:00Z") });
  programId = applied.programId;
  def = await definitionById(db, (await db.programVersion.findFirstOrThrow({ where: { programId } })).id);
  await applyPromotionsFile(db, JSON.parse(readFileSync("programs/football-club.promotions.json", "utf8")));
  for (const kind of TRIGGER_KINDS) {
    await db.messageTrigger.create({
      data: {
        programId,
        kind,
        enabled: true,
        channel: "email",
        subject: kind === "tier_up" ? { ru: "Новый статус: {tier}", en: "New status: {tier}" } : {},
        body: kind === "tier_up" ? { ru: "{name}, теперь вы {tier} (были {previousTier}).", en: "{name}, you are {tier} now." } : {},
        settings: kind === "birthday" ? { promotion: "next-merch-15", validDays: 30 } : kind === "lapsed" ? { days: 60 } : {},
      },
    });
  }
}, 120_000);
afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});

async function fan(over: { birthDate?: Date } = {}) {
  const c = await makeCustomer(db, programId, { firstName: "Анна" });
  return db.customer.update({ where: { id: c.id }, data: { email: `${uniq("fan")}@example.test`, emailConsent: true, birthDate: over.birthDate ?? null } });
}

const qualifyRegular = (customerId: string, at: Date) => (tx: Parameters<typeof recordActivity>[0]) =>
  recordActivity(tx, { programId, customerId, definition: def, at, visits: 2, spend: 500_000, spendByCategory: { ticket: 500_000 }, purchases: 1 });

describe("status changes", () => {
  it("a receipt that raises the status queues tier_up in its transaction; a rolled-back one queues nothing", async () => {
    const at = new Date("2026-09-10T12:00:00Z");
    const rolledBack = await fan();
    await expect(
      db.$transaction(async (tx) => {
        expect((await qualifyRegular(rolledBack.id, at)(tx)).changed).toBe(true);
        expect(await tx.message.count({ where: { customerId: rolledBack.id } })).toBe(1);
        throw new Error("the till lost the connection");
      }),
    ).rejects.toThrow("the till lost the connection");
    expect(await db.message.count({ where: { customerId: rolledBack.id } })).toBe(0);

    const committed = await fan();
    await db.$transaction((tx) => qualifyRegular(committed.id, at)(tx));
    const [m] = await db.message.findMany({ where: { customerId: committed.id } });
    expect(m).toMatchObject({ category: "transactional", template: "triggered", locale: "ru", status: "queued", to: committed.email });
    const data = m.data as Record<string, string>;
    expect(data.kind).toBe("tier_up");
    const regular = def.tiers[1].name as { ru: string };
    expect(data.subject).toBe(`Новый статус: ${regular.ru}`);
    expect(data.body).toBe(`Анна, теперь вы ${regular.ru} (были ${(def.tiers[0].name as { ru: string }).ru}).`);
    expect(m.dedupeKey).toMatch(/^tier:tie_/);
  });

  it("a manual lowering by staff queues tier_down with the default text", async () => {
    const c = await fan();
    const at = new Date("2026-09-11T12:00:00Z");
    await db.$transaction((tx) => qualifyRegular(c.id, at)(tx));
    await setManualTier(db, { customerId: c.id, tierCode: "novice", until: null, staffUserId: "stf_test", reason: "misuse of the card", at: new Date("2026-09-12T12:00:00Z") });
    const kinds = (await db.message.findMany({ where: { customerId: c.id }, orderBy: { createdAt: "asc" } })).map((m) => (m.data as { kind: string }).kind);
    expect(kinds).toEqual(["tier_up", "tier_down"]);
  });
});

describe("welcome", () => {
  it("registration queues one welcome, on the trigger's channel, only when the member has an address there", async () => {
    const phone = `+7916${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
    const { customer } = await findOrRegisterByPhone(db, { programId, phone, locale: "en" });
    // Online sign-up has a phone only: an email trigger has no address, so nothing is queued.
    expect(await db.message.count({ where: { customerId: customer.id } })).toBe(0);
    await db.messageTrigger.update({ where: { programId_kind: { programId, kind: "welcome" } }, data: { channel: "sms" } });
    try {
      const phone2 = `+7916${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
      const { customer: c2 } = await findOrRegisterByPhone(db, { programId, phone: phone2, locale: "en" });
      const again = await findOrRegisterByPhone(db, { programId, phone: phone2, locale: "en" });
      expect(again.created).toBe(false);
      const msgs = await db.message.findMany({ where: { customerId: c2.id } });
      expect(msgs).toHaveLength(1);
      expect(msgs[0]).toMatchObject({ channel: "sms", to: phone2, locale: "en", dedupeKey: `welcome:${c2.id}` });
      expect((msgs[0].data as { subject: string }).subject).toBe(`Welcome to ${def.name}!`);
    } finally {
      await db.messageTrigger.update({ where: { programId_kind: { programId, kind: "welcome" } }, data: { channel: "email" } });
    }
  });
});

describe("the daily message-triggers job", () => {
  const now = new Date("2026-12-02T07:00:00Z"); // 10:00 in Moscow

  it("birthday: today's members get one message with a fresh code of the promotion, once", async () => {
    const today = await fan({ birthDate: new Date("1990-12-02T00:00:00Z") });
    const tomorrow = await fan({ birthDate: new Date("1990-12-03T00:00:00Z") });
    const runs = await Promise.all([runMessageTriggers(db, now), runMessageTriggers(db, now)]);
    await runMessageTriggers(db, new Date(now.getTime() + 3_600_000));
    expect(runs[0].birthday + runs[1].birthday).toBeGreaterThanOrEqual(1);
    const msgs = await db.message.findMany({ where: { customerId: today.id } });
    expect(msgs).toHaveLength(1);
    const data = msgs[0].data as { kind: string; code: string; body: string };
    expect(msgs[0]).toMatchObject({ category: "marketing", dedupeKey: `birthday:${today.id}:2026` });
    expect(data.kind).toBe("birthday");
    const codes = await db.promoCode.findMany({ where: { customerId: today.id } });
    expect(codes).toHaveLength(1);
    expect(data.code).toBe(codes[0].code);
    expect(data.body).toContain("1 января 2027");
    expect(await db.message.count({ where: { customerId: tomorrow.id } })).toBe(0);
  });

  it("points expiring within 14 days: one message with the sum and the first date, once", async () => {
    const c = await fan();
    await db.$transaction(async (tx) => {
      const { main } = await lockAccounts(tx, programId, c.id);
      const earned = new Date("2025-12-01T10:00:00Z");
      await accrue(tx, main, { amount: 120, at: earned, reason: "purchase", activation: { kind: "immediate" }, expiresAt: new Date("2026-12-10T21:00:00Z") });
      await accrue(tx, main, { amount: 30, at: earned, reason: "purchase", activation: { kind: "immediate" }, expiresAt: new Date("2026-12-14T21:00:00Z") });
      await accrue(tx, main, { amount: 999, at: earned, reason: "purchase", activation: { kind: "immediate" }, expiresAt: new Date("2027-03-01T21:00:00Z") });
    });
    await runMessageTriggers(db, now);
    await runMessageTriggers(db, now);
    const msgs = await db.message.findMany({ where: { customerId: c.id } });
    expect(msgs).toHaveLength(1);
    expect(msgs[0].dedupeKey).toBe(`expiring:${c.id}:2026-12-11`);
    expect((msgs[0].data as { subject: string }).subject).toBe("Баллы сгорят 11 декабря 2026 г.: 150");
  });

  it("lapsed: a member without a receipt or visit for 60 days gets one message; long-lapsed and active ones none", async () => {
    const visitAt = async (customerId: string, at: Date) => makeVisit(db, { programId, customerId, eventCode: uniq("match"), at, periodKey: "2026" });
    const lapsedFan = await fan();
    const longGone = await fan();
    const active = await fan();
    await visitAt(lapsedFan.id, new Date("2026-10-01T15:00:00Z"));
    await visitAt(longGone.id, new Date("2026-03-01T15:00:00Z"));
    await visitAt(active.id, new Date("2026-11-20T15:00:00Z"));
    await runMessageTriggers(db, now);
    await runMessageTriggers(db, now);
    expect(await db.message.findMany({ where: { customerId: lapsedFan.id } })).toMatchObject([{ dedupeKey: `lapsed:${lapsedFan.id}:2026-10-01`, category: "marketing" }]);
    expect(await db.message.count({ where: { customerId: { in: [longGone.id, active.id] } } })).toBe(0);
  });
});
