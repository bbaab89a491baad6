// The queue and the deliver-messages job on a scratch database of their own (the job sweeps every
// due message): transactions, dedupe, gates (consent, suppression, holdout, quiet hours, the weekly
// cap under 20 parallel runs), retries with backoff, and RFC 8058 headers in the outbox.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setClock } from "@/lib/clock";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { setEmailSenderForTests } from "@/lib/email/email-sender";
import { applyProgram } from "@/lib/program/apply-program";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { scratchDatabase } from "@/test/db";
import { makeCustomer, uniq } from "@/test/factories";
import { backoffMs, MAX_ATTEMPTS, runDeliverMessages } from "./deliver";
import { enqueueMessage, type EnqueueInput } from "./queue";
import { readUnsubscribeToken, unsubscribe, unsubscribeToken } from "./unsubscribe";

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: ReturnType<typeof createDb>;
let programId: string;

// Europe/Moscow is UTC+3 all year: 22:30 local is 19:30Z, quiet hours end at 09:00 local = 06:00Z.
const EVENING = new Date("2026-12-02T19:30:00Z");
const MORNING = new Date("2026-12-03T06:00:00Z");
const NOON = new Date("2026-12-02T09:00:00Z");

beforeAll(async () => {
  scratch = await scratchDatabase();
  await migrate(scratch.url);
  db = createDb(scratch.url);
  const def = referenceProgramJson("football-club") as Record<string, unknown>;
  const json = { ...def, communications: { quietHours: { from: "21:00", to: "09:00" }, marketingPerWeek: 3 } };
  programId = (await applyProgram(db, json, { now: new Date("2020-01-01T00:00:00Z") })).programId;
}, 120_000);
afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});
afterEach(() => {
  setClock();
  setEmailSenderForTests(null);
});

async function member(over: { emailConsent?: boolean; smsConsent?: boolean } = {}) {
  const c = await makeCustomer(db, programId);
  return db.customer.update({ where: { id: c.id }, data: { email: `${uniq("fan")}@example.test`, emailConsent: over.emailConsent ?? true, smsConsent: over.smsConsent ?? true } });
}

const mail = (customerId: string, over: Partial<EnqueueInput> = {}): EnqueueInput => ({
  programId,
  customerId,
  channel: "email",
  category: "marketing",
  template: "triggered",
  data: { subject: "Match-day offer", body: "20% off scarves on Saturday.", ctaPath: "/cabinet" },
  ...over,
});

const message = (id: string) => db.message.findUniqueOrThrow({ where: { id } });

describe("the queue", () => {
  it("writes in the caller's transaction: a rolled-back cause leaves no message", async () => {
    const c = await member();
    const key = uniq("rollback");
    await expect(
      db.$transaction(async (tx) => {
        expect(await enqueueMessage(tx, mail(c.id, { dedupeKey: key }))).not.toBeNull();
        throw new Error("the receipt failed");
      }),
    ).rejects.toThrow("the receipt failed");
    expect(await db.message.count({ where: { programId, dedupeKey: key } })).toBe(0);
  });

  it("a second enqueue with the same dedupe key is a no-op; the address and language default to the member's", async () => {
    const c = await member();
    const key = uniq("once");
    const first = await enqueueMessage(db, mail(c.id, { dedupeKey: key, notBefore: NOON }));
    const second = await enqueueMessage(db, mail(c.id, { dedupeKey: key, notBefore: NOON }));
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    const m = await message(first!.id);
    expect(m).toMatchObject({ to: c.email, locale: "ru", status: "queued" });
  });

  it("refuses an unknown template and queues nothing for a member without an address", async () => {
    const c = await makeCustomer(db, programId);
    await expect(enqueueMessage(db, mail(c.id, { template: "nope" }))).rejects.toThrow(/unknown template/);
    expect(await enqueueMessage(db, mail(c.id))).toBeNull();
  });

  it("defaults notBefore to the clock of lib/clock", async () => {
    setClock(EVENING);
    const c = await member();
    const m = await message((await enqueueMessage(db, mail(c.id)))!.id);
    expect(m.notBefore.toISOString()).toBe(EVENING.toISOString());
  });
});

describe("deliver-messages", () => {
  it("quiet hours defer marketing to 09:00 member time, then it goes with List-Unsubscribe (RFC 8058)", async () => {
    setClock(EVENING);
    const c = await member();
    const { id } = (await enqueueMessage(db, mail(c.id)))!;
    await runDeliverMessages(db, EVENING);
    let m = await message(id);
    expect(m).toMatchObject({ status: "queued", gate: "deferred:quiet_hours", attempts: 0 });
    expect(m.notBefore.toISOString()).toBe(MORNING.toISOString());
    await runDeliverMessages(db, new Date(MORNING.getTime() - 60_000));
    expect((await message(id)).status).toBe("queued");
    await runDeliverMessages(db, MORNING);
    m = await message(id);
    expect(m).toMatchObject({ status: "sent", gate: "passed", attempts: 1, subject: "Match-day offer" });
    const out = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.outboxId! } });
    expect(out).toMatchObject({ channel: "email", to: c.email, template: "triggered", subject: "Match-day offer" });
    expect(out.body).toContain("20% off scarves");
    const headers = out.headers as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const link = /^<(http:\/\/localhost:3000\/unsubscribe\/([^>]+))>$/.exec(headers["List-Unsubscribe"]);
    expect(link).not.toBeNull();
    expect(readUnsubscribeToken(link![2])).toEqual({ customerId: c.id, channel: "email" });
    expect(out.html).toContain(link![1]);
  });

  it("transactional messages are not held for quiet hours and carry no List-Unsubscribe", async () => {
    const c = await member({ emailConsent: false });
    const { id } = (await enqueueMessage(db, mail(c.id, { category: "transactional", notBefore: EVENING })))!;
    await runDeliverMessages(db, EVENING);
    const m = await message(id);
    expect(m.status).toBe("sent");
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: m.outboxId! } })).headers).toBeNull();
  });

  it("the weekly marketing cap (3) holds under 20 parallel delivery runs", async () => {
    const c = await member();
    const ids = [];
    for (let i = 0; i < 20; i++) ids.push((await enqueueMessage(db, mail(c.id, { notBefore: NOON })))!.id);
    const runs = await Promise.all(Array.from({ length: 20 }, () => runDeliverMessages(db, NOON, { batch: 1 })));
    expect(runs.reduce((s, r) => s + r.sent, 0)).toBe(3);
    const rows = await db.message.findMany({ where: { id: { in: ids } } });
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(3);
    expect(rows.filter((r) => r.status === "suppressed" && r.reason === "frequency_cap")).toHaveLength(17);
    // A week later the member has slots again; transactional messages never count.
    const later = new Date(NOON.getTime() + 7 * 24 * 3_600_000 + 1000);
    const next = (await enqueueMessage(db, mail(c.id, { notBefore: later })))!.id;
    const service = (await enqueueMessage(db, mail(c.id, { category: "transactional", notBefore: NOON })))!.id;
    await runDeliverMessages(db, NOON);
    expect((await message(service)).status).toBe("sent");
    await runDeliverMessages(db, later);
    expect((await message(next)).status).toBe("sent");
  });

  it("the cap holds when 20 enqueues and deliveries race for one member", async () => {
    const c = await member();
    const at = new Date("2026-06-01T10:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 20 }, async () => {
        await db.$transaction((tx) => enqueueMessage(tx, mail(c.id, { notBefore: at })));
        return runDeliverMessages(db, at);
      }),
    );
    await runDeliverMessages(db, at);
    expect(await db.message.count({ where: { customerId: c.id, status: "sent" } })).toBe(3);
    expect(await db.message.count({ where: { customerId: c.id, status: "suppressed", reason: "frequency_cap" } })).toBe(17);
    expect(results.length).toBe(20);
  });

  it("one batch of many members: each member's cap counts the slots the batch itself takes and holds", async () => {
    const at = new Date("2026-06-08T10:00:00Z");
    const [a, b, c] = [await member(), await member(), await member({ emailConsent: false })];
    // A retry of a's that already holds a slot of this week, then five more of a's, two of b's, one of c's.
    const retry = (await enqueueMessage(db, mail(a.id, { notBefore: at })))!.id;
    await db.message.update({ where: { id: retry }, data: { capAt: new Date(at.getTime() - 3_600_000), attempts: 1 } });
    const ofA = [];
    for (let i = 0; i < 5; i++) ofA.push((await enqueueMessage(db, mail(a.id, { notBefore: at })))!.id);
    const ofB = [(await enqueueMessage(db, mail(b.id, { notBefore: at })))!.id, (await enqueueMessage(db, mail(b.id, { notBefore: at })))!.id];
    const ofC = (await enqueueMessage(db, mail(c.id, { notBefore: at })))!.id;
    const run = await runDeliverMessages(db, at, { batch: 200, maxBatches: 1 });
    expect(run).toMatchObject({ claimed: 9, sent: 5, suppressed: 4 });
    expect((await message(retry)).status).toBe("sent");
    const a5 = await db.message.findMany({ where: { id: { in: ofA } } });
    expect(a5.filter((r) => r.status === "sent")).toHaveLength(2);
    expect(a5.filter((r) => r.status === "suppressed" && r.reason === "frequency_cap" && r.capAt === null)).toHaveLength(3);
    expect(await db.message.count({ where: { id: { in: ofB }, status: "sent" } })).toBe(2);
    expect(await message(ofC)).toMatchObject({ status: "suppressed", reason: "no_consent", gate: "suppressed:no_consent" });
  });

  it("unsubscribed members get no marketing or survey message; suppressed addresses get nothing at all", async () => {
    const unsubscribed = await member();
    const token = unsubscribeToken(unsubscribed.id);
    const tampered = `${token.slice(0, -1)}${token.endsWith("0") ? "1" : "0"}`;
    expect(await unsubscribe(db, tampered, NOON)).toBe(false);
    expect(await unsubscribe(db, `${unsubscribed.id}.e.${"0".repeat(40)}`, NOON)).toBe(false);
    expect((await db.customer.findUniqueOrThrow({ where: { id: unsubscribed.id } })).emailConsent).toBe(true);
    expect(await unsubscribe(db, token, NOON)).toBe(true);
    expect((await db.customer.findUniqueOrThrow({ where: { id: unsubscribed.id } })).emailConsent).toBe(false);
    const m1 = (await enqueueMessage(db, mail(unsubscribed.id, { notBefore: NOON })))!.id;
    const m2 = (await enqueueMessage(db, mail(unsubscribed.id, { category: "survey", notBefore: NOON })))!.id;

    const bounced = await member();
    await db.suppression.create({ data: { channel: "email", address: bounced.email!, reason: "bounced" } });
    const m3 = (await enqueueMessage(db, mail(bounced.id, { category: "transactional", notBefore: NOON })))!.id;
    const before = await db.outboxMessage.count({ where: { to: { in: [unsubscribed.email!, bounced.email!] } } });

    await runDeliverMessages(db, NOON);
    expect(await message(m1)).toMatchObject({ status: "suppressed", reason: "no_consent", gate: "suppressed:no_consent" });
    expect(await message(m2)).toMatchObject({ status: "suppressed", reason: "no_consent" });
    expect(await message(m3)).toMatchObject({ status: "suppressed", reason: "address_suppressed" });
    expect(await db.outboxMessage.count({ where: { to: { in: [unsubscribed.email!, bounced.email!] } } })).toBe(before);
  });

  it("a campaign's holdout gets nothing, recorded as such", async () => {
    const c = await member();
    const id = (await enqueueMessage(db, mail(c.id, { campaignId: uniq("cmp"), holdoutPercent: 100, notBefore: NOON })))!.id;
    await runDeliverMessages(db, NOON);
    expect(await message(id)).toMatchObject({ status: "suppressed", reason: "holdout" });
  });

  it("a provider error is retried with exponential backoff, then the message fails", async () => {
    const c = await member();
    const id = (await enqueueMessage(db, mail(c.id, { category: "transactional", notBefore: NOON })))!.id;
    setEmailSenderForTests({
      name: "down",
      send: () => Promise.reject(new Error("provider is down")),
    });
    let at = NOON;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      await runDeliverMessages(db, at);
      const m = await message(id);
      expect(m).toMatchObject({ status: "queued", attempts: attempt, gate: "retry:provider_error", lastError: "provider is down" });
      expect(m.notBefore.getTime() - at.getTime()).toBe(backoffMs(attempt));
      expect(backoffMs(attempt)).toBe(2 ** (attempt - 1) * 60_000);
      // Not due before its backoff has passed.
      expect((await runDeliverMessages(db, new Date(m.notBefore.getTime() - 1))).claimed).toBe(0);
      at = m.notBefore;
    }
    await runDeliverMessages(db, at);
    expect(await message(id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, reason: "provider_error" });
  });

  it("SMS go through the SMS sender into the outbox", async () => {
    const c = await member();
    const id = (await enqueueMessage(db, mail(c.id, { channel: "sms", category: "transactional", notBefore: NOON })))!.id;
    await runDeliverMessages(db, NOON);
    const m = await message(id);
    expect(m).toMatchObject({ status: "sent", to: c.phone });
    const out = await db.outboxMessage.findUniqueOrThrow({ where: { id: m.outboxId! } });
    expect(out).toMatchObject({ channel: "sms", to: c.phone });
    expect(out.body).toContain("20% off scarves");
  });
});
