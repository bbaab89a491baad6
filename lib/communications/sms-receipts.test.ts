// The SMS provider's delivery reports through the route's HTTP side: a missing or wrong secret is
// 401 and changes nothing, a repeated report is dropped, statuses only move forward (a late "sent"
// never undoes "delivered"), failures keep their reason, and an email with the same provider id is
// never touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createId } from "@/lib/ids";
import { resetEnvCache } from "@/lib/env";
import { testDatabaseUrl, testDb } from "@/test/db";
import { makeCustomer, makeProgram, uniq } from "@/test/factories";
import { bearer, sameSecret } from "./sms-receipts";
import { smsReceiptWebhook } from "./webhook-route";

const SECRET = "sms-provider-shared-secret-0123456789";
const db = testDb();
let programId: string;
let customerId: string;

beforeAll(async () => {
  process.env.SMS_WEBHOOK_SECRET = SECRET;
  process.env.DATABASE_URL = testDatabaseUrl();
  resetEnvCache();
  programId = (await makeProgram(db)).id;
  customerId = (await makeCustomer(db, programId)).id;
});
afterAll(() => {
  delete process.env.SMS_WEBHOOK_SECRET;
  resetEnvCache();
});

async function sentMessage(channel: "sms" | "email" = "sms", providerId = uniq("sms")) {
  return db.message.create({
    data: {
      id: createId("msg"),
      programId,
      customerId,
      channel,
      to: channel === "sms" ? "+79990000001" : "fan@example.test",
      category: "marketing",
      template: "triggered",
      data: {},
      locale: "en",
      status: "sent",
      notBefore: new Date(),
      sentAt: new Date(),
      provider: "http",
      providerId,
    },
  });
}

const post = (payload: unknown, auth: string | null = `Bearer ${SECRET}`) =>
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
    expect(sameSecret(SECRET, SECRET)).toBe(true);
    expect(sameSecret(`${SECRET}x`, SECRET)).toBe(false);
    expect(sameSecret("short", SECRET)).toBe(false);
    expect(sameSecret(null, SECRET)).toBe(false);
    expect(bearer(`Bearer ${SECRET}`)).toBe(SECRET);
    expect(bearer(`bearer ${SECRET}`)).toBe(SECRET);
    expect(bearer(SECRET)).toBeNull();
    expect(bearer(`Basic ${SECRET}`)).toBeNull();
  });

  it("a missing or wrong secret is 401 and nothing changes; bad bodies are 400", async () => {
    const m = await sentMessage();
    expect((await post({ id: m.providerId, status: "delivered" }, null)).status).toBe(401);
    expect((await post({ id: m.providerId, status: "delivered" }, "Bearer not-the-secret-at-all")).status).toBe(401);
    expect((await post({ id: m.providerId, status: "delivered" }, SECRET)).status).toBe(401);
    expect(await row(m.id)).toMatchObject({ status: "sent", deliveredAt: null });
    expect(await db.messageEvent.count({ where: { messageId: m.id } })).toBe(0);

    expect((await post("{not json")).status).toBe(400);
    const bad = await post({ id: m.providerId, status: "read" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_request", details: [{ path: "status" }] } });
    expect((await post({ status: "delivered" })).status).toBe(400);
    expect((await row(m.id)).status).toBe("sent");
  });

  it("moves forward only and drops a repeated report", async () => {
    const m = await sentMessage();
    const at = "2026-11-20T10:00:05Z";
    expect(await outcome(await post({ id: m.providerId, status: "enroute", event_id: uniq("dlr") }))).toBe("ignored");
    expect(await outcome(await post({ id: m.providerId, status: "delivered", at }))).toBe("applied");
    // The same report again (no event id: the SMS and its status identify it), then a late "sent".
    expect(await outcome(await post({ id: m.providerId, status: "delivered", at }))).toBe("duplicate");
    expect(await outcome(await post({ id: m.providerId, status: "sent" }))).toBe("applied");
    expect(await row(m.id)).toMatchObject({ status: "delivered", deliveredAt: new Date(at), reason: null });
    expect(await db.messageEvent.count({ where: { messageId: m.id } })).toBe(3);
    expect(await db.messageEvent.count({ where: { id: `sms:${m.providerId}:delivered` } })).toBe(1);
  });

  it("a failed delivery keeps its reason; an email with the same provider id and unknown ids are untouched", async () => {
    const id = uniq("shared");
    const sms = await sentMessage("sms", id);
    const email = await sentMessage("email", id);
    const eventId = uniq("dlr");
    expect(await outcome(await post({ id, status: "undelivered", event_id: eventId, error: "absent subscriber" }))).toBe("applied");
    expect(await outcome(await post({ id, status: "delivered", event_id: eventId }))).toBe("duplicate");
    expect(await row(sms.id)).toMatchObject({ status: "failed", reason: "sms_undelivered" });
    expect(await row(email.id)).toMatchObject({ status: "sent", reason: null });
    expect(await outcome(await post({ id: uniq("nobody"), status: "delivered" }))).toBe("unknown_message");
    // Nothing puts a phone on the suppression list.
    expect(await db.suppression.count({ where: { channel: "sms", address: sms.to } })).toBe(0);
  });

  it("without SMS_WEBHOOK_SECRET the route is unavailable", async () => {
    delete process.env.SMS_WEBHOOK_SECRET;
    resetEnvCache();
    try {
      const m = await sentMessage();
      expect((await post({ id: m.providerId, status: "delivered" })).status).toBe(503);
    } finally {
      process.env.SMS_WEBHOOK_SECRET = SECRET;
      resetEnvCache();
    }
  });
});
