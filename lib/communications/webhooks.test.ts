// The providers' webhooks through the routes' HTTP side. Resend's: a bad signature is 401 and
// changes nothing, a replayed event is dropped, statuses only move forward, opens and clicks are
// kept, a bounce or a complaint suppresses the address. The SMS provider's delivery reports: a
// missing or wrong secret is 401, a repeated report is dropped, statuses only move forward (a late
// "sent" never undoes "delivered"), failures keep their reason, an email with the same provider id
// is never touched. Messages of the run's database are made sent by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createId } from "@/lib/ids";
import { resetEnvCache } from "@/lib/env";
import { testDatabaseUrl, testDb } from "@/test/db";
import { makeCustomer, makeProgram, uniq } from "@/test/factories";
import { bearer, sameSecret } from "./sms-receipts";
import { resendWebhook, smsReceiptWebhook } from "./webhook-route";
import { signSvix, verifySvixSignature } from "./webhooks";

const SECRET = `whsec_${Buffer.from("tribune-test-webhook-secret-0123").toString("base64")}`;
const SMS_SECRET = "sms-provider-shared-secret-0123456789";
const db = testDb();
let programId: string;
let customerId: string;

beforeAll(async () => {
  process.env.RESEND_WEBHOOK_SECRET = SECRET;
  process.env.SMS_WEBHOOK_SECRET = SMS_SECRET;
  process.env.DATABASE_URL = testDatabaseUrl();
  resetEnvCache();
  programId = (await makeProgram(db)).id;
  customerId = (await makeCustomer(db, programId)).id;
});
afterAll(() => {
  delete process.env.RESEND_WEBHOOK_SECRET;
  delete process.env.SMS_WEBHOOK_SECRET;
  resetEnvCache();
});

async function sentMessage(channel: "email" | "sms" = "email", providerId = uniq(channel === "email" ? "re" : "sms")) {
  const to = channel === "email" ? `${uniq("fan")}@example.test` : "+79990000001";
  return db.message.create({
    data: {
      id: createId("msg"),
      programId,
      customerId,
      channel,
      to,
      category: "marketing",
      template: "triggered",
      data: {},
      locale: "en",
      status: "sent",
      notBefore: new Date(),
      sentAt: new Date(),
      providerId,
    },
  });
}

function event(type: string, emailId: string, to: string, extra: Record<string, unknown> = {}) {
  return { type, created_at: new Date().toISOString(), data: { email_id: emailId, to: [to], subject: "Offer", ...extra } };
}

function request(body: string, opts: { id?: string; secret?: string; timestamp?: number; signature?: string } = {}) {
  const id = opts.id ?? uniq("msg");
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return new Request("http://localhost/api/webhooks/resend", {
    method: "POST",
    headers: { "content-type": "application/json", "svix-id": id, "svix-timestamp": String(ts), "svix-signature": opts.signature ?? signSvix(opts.secret ?? SECRET, id, ts, body) },
    body,
  });
}

const post = (payload: unknown, opts: Parameters<typeof request>[1] = {}) => resendWebhook(request(JSON.stringify(payload), opts));

describe("Resend webhooks", () => {
  it("verifies Svix signatures on the raw body, with several signatures and a 5-minute tolerance", () => {
    const body = '{"a":1}';
    const ts = 1_800_000_000;
    const sig = signSvix(SECRET, "evt_1", ts, body);
    const at = new Date(ts * 1000);
    expect(verifySvixSignature(SECRET, { id: "evt_1", timestamp: String(ts), signature: `v1,bm90LWl0 ${sig}` }, body, at)).toBe(true);
    expect(verifySvixSignature(SECRET, { id: "evt_1", timestamp: String(ts), signature: sig }, '{"a":2}', at)).toBe(false);
    expect(verifySvixSignature(SECRET, { id: "evt_2", timestamp: String(ts), signature: sig }, body, at)).toBe(false);
    expect(verifySvixSignature(SECRET, { id: "evt_1", timestamp: String(ts), signature: sig }, body, new Date((ts + 301) * 1000))).toBe(false);
    expect(verifySvixSignature(SECRET, { id: "evt_1", timestamp: String(ts), signature: sig }, body, new Date((ts - 299) * 1000))).toBe(true);
    expect(verifySvixSignature(SECRET, { id: "evt_1", timestamp: String(ts), signature: sig.replace("v1,", "v2,") }, body, at)).toBe(false);
    expect(verifySvixSignature(SECRET, { id: "evt_1", timestamp: null, signature: sig }, body, at)).toBe(false);
  });

  it("a bad signature is 401 and nothing changes", async () => {
    const m = await sentMessage();
    const other = `whsec_${Buffer.from("another-secret-of-someone-else").toString("base64")}`;
    const bad = await post(event("email.bounced", m.providerId!, m.to), { secret: other });
    expect(bad.status).toBe(401);
    const stale = await post(event("email.bounced", m.providerId!, m.to), { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.status).toBe(401);
    const body = JSON.stringify(event("email.bounced", m.providerId!, m.to));
    const id = uniq("evt");
    const ts = Math.floor(Date.now() / 1000);
    const tampered = await resendWebhook(request(body.replace("Offer", "0ffer"), { id, timestamp: ts, signature: signSvix(SECRET, id, ts, body) }));
    expect(tampered.status).toBe(401);
    expect((await db.message.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("sent");
    expect(await db.suppression.count({ where: { address: m.to } })).toBe(0);
    expect(await db.messageEvent.count({ where: { messageId: m.id } })).toBe(0);
  });

  it("moves forward only, keeps opens and clicks, and drops a replayed event", async () => {
    const m = await sentMessage();
    const delivered = { id: uniq("evt") };
    expect(await (await post(event("email.delivered", m.providerId!, m.to), delivered)).json()).toEqual({ ok: true, outcome: "applied" });
    expect(await (await post(event("email.clicked", m.providerId!, m.to))).json()).toMatchObject({ outcome: "applied" });
    // An open reported after the click, and the delivery event sent again: the status stays "clicked".
    await post(event("email.opened", m.providerId!, m.to));
    expect(await (await post(event("email.delivered", m.providerId!, m.to), delivered)).json()).toEqual({ ok: true, outcome: "duplicate" });
    await post(event("email.delivered", m.providerId!, m.to));
    const row = await db.message.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.status).toBe("clicked");
    expect(row.deliveredAt).not.toBeNull();
    expect(row.openedAt).not.toBeNull();
    expect(row.clickedAt).not.toBeNull();
    expect(await db.messageEvent.count({ where: { messageId: m.id } })).toBe(4);
  });

  it("a bounce or a complaint suppresses the address; a transient bounce does not", async () => {
    const a = await sentMessage();
    await post(event("email.bounced", a.providerId!, a.to, { bounce: { type: "Permanent", message: "mailbox does not exist" } }));
    expect(await db.message.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "bounced", reason: "bounced" });
    expect(await db.suppression.findUnique({ where: { channel_address: { channel: "email", address: a.to } } })).toMatchObject({ reason: "bounced", source: a.id });
    // A later "delivered" does not undo the bounce.
    await post(event("email.delivered", a.providerId!, a.to));
    expect((await db.message.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("bounced");

    const b = await sentMessage();
    await post(event("email.complained", b.providerId!, b.to));
    expect(await db.suppression.findUnique({ where: { channel_address: { channel: "email", address: b.to } } })).toMatchObject({ reason: "complained" });

    const c = await sentMessage();
    await post(event("email.bounced", c.providerId!, c.to, { bounce: { type: "Transient" } }));
    expect(await db.message.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "bounced", reason: "transient_bounce" });
    expect(await db.suppression.count({ where: { address: c.to } })).toBe(0);
  });

  it("an event for an unknown email is kept, a malformed one is 400", async () => {
    expect(await (await post(event("email.delivered", uniq("nobody"), "x@example.test"))).json()).toMatchObject({ outcome: "unknown_message" });
    expect((await post({ hello: "world" })).status).toBe(400);
  });
});

const postSms = (payload: unknown, auth: string | null = `Bearer ${SMS_SECRET}`) =>
  smsReceiptWebhook(
    new Request("http://localhost/api/webhooks/sms", {
      method: "POST",
      headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
      body: typeof payload === "string" ? payload : JSON.stringify(payload),
    }),
  );
const outcome = async (r: Response) => ((await r.json()) as { outcome: string }).outcome;
const row = (id: string) => db.message.findUniqueOrThrow({ where: { id } });

describe("SMS delivery reports", () => {
  it("compares the secret in constant time and reads only a bearer token", () => {
    expect(sameSecret(SMS_SECRET, SMS_SECRET)).toBe(true);
    expect(sameSecret(`${SMS_SECRET}x`, SMS_SECRET)).toBe(false);
    expect(sameSecret("short", SMS_SECRET)).toBe(false);
    expect(sameSecret(null, SMS_SECRET)).toBe(false);
    expect(bearer(`Bearer ${SMS_SECRET}`)).toBe(SMS_SECRET);
    expect(bearer(`bearer ${SMS_SECRET}`)).toBe(SMS_SECRET);
    expect(bearer(SMS_SECRET)).toBeNull();
    expect(bearer(`Basic ${SMS_SECRET}`)).toBeNull();
  });

  it("a missing or wrong secret is 401 and nothing changes; bad bodies are 400", async () => {
    const m = await sentMessage("sms");
    expect((await postSms({ id: m.providerId, status: "delivered" }, null)).status).toBe(401);
    expect((await postSms({ id: m.providerId, status: "delivered" }, "Bearer not-the-secret-at-all")).status).toBe(401);
    expect((await postSms({ id: m.providerId, status: "delivered" }, SMS_SECRET)).status).toBe(401);
    expect(await row(m.id)).toMatchObject({ status: "sent", deliveredAt: null });
    expect(await db.messageEvent.count({ where: { messageId: m.id } })).toBe(0);

    expect((await postSms("{not json")).status).toBe(400);
    const bad = await postSms({ id: m.providerId, status: "read" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_request", details: [{ path: "status" }] } });
    expect((await postSms({ status: "delivered" })).status).toBe(400);
    expect((await row(m.id)).status).toBe("sent");
  });

  it("moves forward only and drops a repeated report", async () => {
    const m = await sentMessage("sms");
    const at = "2026-11-20T10:00:05Z";
    expect(await outcome(await postSms({ id: m.providerId, status: "enroute", event_id: uniq("dlr") }))).toBe("ignored");
    expect(await outcome(await postSms({ id: m.providerId, status: "delivered", at }))).toBe("applied");
    // The same report again (no event id: the SMS and its status identify it), then a late "sent".
    expect(await outcome(await postSms({ id: m.providerId, status: "delivered", at }))).toBe("duplicate");
    expect(await outcome(await postSms({ id: m.providerId, status: "sent" }))).toBe("applied");
    expect(await row(m.id)).toMatchObject({ status: "delivered", deliveredAt: new Date(at), reason: null });
    expect(await db.messageEvent.count({ where: { messageId: m.id } })).toBe(3);
    expect(await db.messageEvent.count({ where: { id: `sms:${m.providerId}:delivered` } })).toBe(1);
  });

  it("a failed delivery keeps its reason; an email with the same provider id and unknown ids are untouched", async () => {
    const id = uniq("shared");
    const sms = await sentMessage("sms", id);
    const email = await sentMessage("email", id);
    const eventId = uniq("dlr");
    expect(await outcome(await postSms({ id, status: "undelivered", event_id: eventId, error: "absent subscriber" }))).toBe("applied");
    expect(await outcome(await postSms({ id, status: "delivered", event_id: eventId }))).toBe("duplicate");
    expect(await row(sms.id)).toMatchObject({ status: "failed", reason: "sms_undelivered" });
    expect(await row(email.id)).toMatchObject({ status: "sent", reason: null });
    expect(await outcome(await postSms({ id: uniq("nobody"), status: "delivered" }))).toBe("unknown_message");
    // Nothing puts a phone on the suppression list.
    expect(await db.suppression.count({ where: { channel: "sms", address: sms.to } })).toBe(0);
  });

  it("without SMS_WEBHOOK_SECRET the route is unavailable", async () => {
    delete process.env.SMS_WEBHOOK_SECRET;
    resetEnvCache();
    try {
      const m = await sentMessage("sms");
      expect((await postSms({ id: m.providerId, status: "delivered" })).status).toBe(503);
    } finally {
      process.env.SMS_WEBHOOK_SECRET = SMS_SECRET;
      resetEnvCache();
    }
  });
});
