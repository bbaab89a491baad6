// SMS drivers and one-time code rules (5 minutes, 5 attempts, 1 a minute and 5 an hour per phone
// and purpose; concurrency in test/security/one-time-codes.test.ts).
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { testDb } from "@/test/db";
import { makeClubProgram } from "@/test/cabinet-factories";
import { issueCode, verifyCode } from "./one-time-codes";
import { devSmsSender, httpSmsSender } from "./sms-sender";

const received: { auth?: string; body: unknown }[] = [];
let failNext = false;
const server = createServer((req: IncomingMessage, res) => {
  let data = "";
  req.on("data", (c) => (data += c));
  req.on("end", () => {
    received.push({ auth: req.headers.authorization, body: JSON.parse(data) });
    if (failNext) {
      failNext = false;
      res.writeHead(502).end("upstream down");
    } else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `msg-${received.length}` }));
  });
});
let url = "";
let programId = "";

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  programId = await makeClubProgram(testDb());
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const phone = () => `+7925${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

describe("SMS drivers", () => {
  it("the HTTP driver posts to the provider with the token and records the provider's id", async () => {
    const to = phone();
    await httpSmsSender(url, "secret-token", "Tribune").send(testDb(), { to, text: "123456 is your code", programId });
    expect(received.at(-1)).toEqual({ auth: "Bearer secret-token", body: { to, from: "Tribune", text: "123456 is your code" } });
    const row = await testDb().outboxMessage.findFirstOrThrow({ where: { to } });
    expect(row).toMatchObject({ channel: "sms", status: "sent", provider: "http", providerId: `msg-${received.length}` });
  });

  it("a provider failure is recorded as failed and reported", async () => {
    const to = phone();
    failNext = true;
    await expect(httpSmsSender(url, undefined, "Tribune").send(testDb(), { to, text: "x", programId })).rejects.toThrow(/502/);
    expect(await testDb().outboxMessage.findFirstOrThrow({ where: { to } })).toMatchObject({ status: "failed", error: expect.stringContaining("502") });
  });

  it("the development driver writes to the outbox and the log only", async () => {
    const to = phone();
    await devSmsSender.send(testDb(), { to, text: "dev", programId });
    expect(await testDb().outboxMessage.findFirstOrThrow({ where: { to } })).toMatchObject({ status: "logged", body: "dev" });
  });
});

describe("one-time codes", () => {
  it("6 digits, expire after 5 minutes, single use", async () => {
    const target = phone();
    const t0 = new Date("2026-11-22T10:00:00Z");
    const c = await issueCode(testDb(), { programId, purpose: "sign_in", target, now: t0 });
    expect(c.code).toMatch(/^\d{6}$/);
    await expect(verifyCode(testDb(), { purpose: "sign_in", target, code: c.code, now: new Date(t0.getTime() + 5 * 60_000 + 1) })).rejects.toMatchObject({ code: "code_expired" });
    const c2 = await issueCode(testDb(), { programId, purpose: "sign_in", target, now: new Date(t0.getTime() + 6 * 60_000) });
    await verifyCode(testDb(), { purpose: "sign_in", target, code: c2.code, now: new Date(t0.getTime() + 6 * 60_000 + 1000) });
    await expect(verifyCode(testDb(), { purpose: "sign_in", target, code: c2.code, now: new Date(t0.getTime() + 6 * 60_000 + 2000) })).rejects.toBeInstanceOf(AppError);
  });

  it("5 wrong attempts kill the code; then a new one is needed", async () => {
    const target = phone();
    const t0 = new Date("2026-11-22T11:00:00Z");
    const c = await issueCode(testDb(), { programId, purpose: "sign_in", target, now: t0 });
    const wrong = c.code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      await expect(verifyCode(testDb(), { purpose: "sign_in", target, code: wrong, now: t0 })).rejects.toBeInstanceOf(AppError);
    }
    await expect(verifyCode(testDb(), { purpose: "sign_in", target, code: c.code, now: t0 })).rejects.toMatchObject({ code: "too_many_attempts" });
  });

  it("at most 1 code a minute and 5 an hour per phone, with Retry-After seconds", async () => {
    const target = phone();
    const t0 = new Date("2026-11-22T12:00:00Z");
    await issueCode(testDb(), { programId, purpose: "sign_in", target, now: t0 });
    const tooSoon = await issueCode(testDb(), { programId, purpose: "sign_in", target, now: new Date(t0.getTime() + 30_000) }).catch((e) => e);
    expect(tooSoon).toMatchObject({ code: "rate_limited", retryAfter: 30 });
    for (let i = 1; i < 5; i++) await issueCode(testDb(), { programId, purpose: "sign_in", target, now: new Date(t0.getTime() + i * 61_000) });
    const sixth = await issueCode(testDb(), { programId, purpose: "sign_in", target, now: new Date(t0.getTime() + 10 * 61_000) }).catch((e) => e);
    expect(sixth).toMatchObject({ code: "rate_limited" });
    expect(sixth.retryAfter).toBeGreaterThan(60);
  });
});
