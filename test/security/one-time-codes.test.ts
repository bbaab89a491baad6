// Issue 10.2 and 10.3: issuing codes is serialised per phone and purpose (20 requests at once send
// one SMS), limits are per purpose, per client address and per program (hourly SMS budget), phones
// outside the program's countries are refused; attempts are claimed before comparing, outside the
// request's transaction (40 parallel wrong guesses leave the right code refused, counter = max).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { issueCode, MAX_ATTEMPTS } from "@/lib/messaging/one-time-codes";
import { requestSignInCode, signInWithPhoneCode } from "@/lib/customers/sign-in";
import { en } from "@/lib/i18n/messages/en";
import { ru } from "@/lib/i18n/messages/ru";
import { requestEmailSignInLink } from "@/lib/customers/email-link";
import { givePoints, makeFan } from "../cabinet-factories";
import { uniq } from "../factories";
import { testDb } from "../db";
import { lastCode, line, newPhone, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "../pos/harness";

const db = testDb();
let club: TestProgram;
let retail: TestProgram;
let program: { id: string; name: string };
beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
  retail = await setupProgram("football-club", { redemption: { requiresCode: true, excludedStoreTags: [], maxShare: 50 } });
  program = await db.program.findUniqueOrThrow({ where: { id: club.programId }, select: { id: true, name: true } });
});
// Every test opens 20 connections first: parallel requests must not be serialised by a cold pool
// that opens its connections one after another.
beforeEach(async () => {
  await Promise.all(Array.from({ length: 20 }, () => db.$queryRaw`select pg_sleep(0.05)::text`));
});

const smsTo = (to: string) => db.outboxMessage.count({ where: { to, channel: "sms" } });
const settle = async <T>(ps: Promise<T>[]) => Promise.allSettled(ps);
const wrongOf = (code: string) => (code === "000000" ? "111111" : "000000");

describe("issuing codes (10.2)", () => {
  it("20 simultaneous sign-in code requests for one phone send exactly one SMS", async () => {
    const phone = newPhone();
    const results = await settle(Array.from({ length: 20 }, () => requestSignInCode(db, { program, phone, locale: "ru" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code);
    expect(new Set(refused)).toEqual(new Set(["rate_limited"]));
    expect(await smsTo(phone)).toBe(1);
    expect(await db.oneTimeCode.count({ where: { target: phone } })).toBe(1);
  });

  it("20 simultaneous redemption authorizations at the till send one SMS", async () => {
    const key = Object.values(club.keys)[0];
    const c = await registerCustomer(key);
    await givePoints(db, club.programId, c.id, 500);
    const before = await smsTo(c.phone);
    const answers = await Promise.all(Array.from({ length: 20 }, () => post("/redemptions/authorize", key, { customer: { card: c.card }, points: 100 })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(19);
    expect((await smsTo(c.phone)) - before).toBe(1);
  });

  it("20 simultaneous email sign-in link requests for one address send one email", async () => {
    const email = `${uniq("links")}@tribune.test`;
    await makeFan(db, club.programId, 0, { email });
    const results = await settle(Array.from({ length: 20 }, () => requestEmailSignInLink(db, { programId: club.programId, email })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason.code === "rate_limited")).toBe(true);
    expect(await db.outboxMessage.count({ where: { to: email, channel: "email" } })).toBe(1);
    expect(await db.emailToken.count({ where: { email } })).toBe(1);
  });

  it("limits are per purpose: a registration code does not block a redemption code", async () => {
    const phone = newPhone();
    await issueCode(db, { programId: club.programId, purpose: "phone_confirm", target: phone });
    await expect(issueCode(db, { programId: club.programId, purpose: "redemption", target: phone })).resolves.toMatchObject({ code: expect.stringMatching(/^\d{6}$/) });
    await expect(issueCode(db, { programId: club.programId, purpose: "redemption", target: phone })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("one client address gets at most CODES_PER_IP_PER_HOUR codes an hour, even in parallel", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const now = new Date();
    const results = await settle(Array.from({ length: 20 }, () => issueCode(db, { programId: club.programId, purpose: "sign_in", target: newPhone(), ip, now })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason.code === "rate_limited")).toBe(true);
    await expect(issueCode(db, { programId: club.programId, purpose: "sign_in", target: newPhone(), ip: "203.0.113.9", now })).resolves.toBeTruthy();
  });

  it("the program's hourly SMS budget holds under 20 parallel requests", async () => {
    const small = await setupProgram("football-club", { messaging: { smsCountryPrefixes: ["7"], smsPerHour: 3 } });
    const results = await settle(Array.from({ length: 20 }, () => issueCode(db, { programId: small.programId, purpose: "sign_in", target: newPhone() })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason.code === "rate_limited")).toBe(true);
    expect(await db.oneTimeCode.count({ where: { programId: small.programId } })).toBe(3);
  });

  it("phones outside the program's country prefixes are refused (SMS pumping), at the till too", async () => {
    await expect(requestSignInCode(db, { program, phone: "+447700900123", locale: "en" })).rejects.toMatchObject({ code: "sms_country_not_allowed", status: 422 });
    expect(await smsTo("+447700900123")).toBe(0);
    const key = Object.values(club.keys)[0];
    const reg = await post("/customers", key, { phone: "+12025550123", firstName: "Sam" });
    expect(reg.status).toBe(422);
    expect(reg.body.error.code).toBe("sms_country_not_allowed");
    expect(await db.customer.count({ where: { programId: club.programId, phone: "+12025550123" } })).toBe(0);
    expect(en["errors.code.sms_country_not_allowed"]).toBeTruthy();
    expect(ru["errors.code.sms_country_not_allowed"]).toBeTruthy();
  });
});

describe("attempts (10.3)", () => {
  it("POS phone confirmation: 40 parallel wrong codes, then the right one is refused; attempts = max", async () => {
    const key = Object.values(club.keys)[0];
    const phone = newPhone();
    const reg = await post("/customers", key, { phone, firstName: "Anna" });
    expect(reg.status).toBe(201);
    const code = await lastCode(phone);
    const wrong = await Promise.all(Array.from({ length: 40 }, () => post(`/customers/${reg.body.id}/confirm`, key, { code: wrongOf(code) })));
    expect(wrong.every((a) => a.status === 422)).toBe(true);
    const right = await post(`/customers/${reg.body.id}/confirm`, key, { code });
    expect(right.status).toBe(422);
    expect(right.body.error.code).toBe("too_many_attempts");
    const row = await db.oneTimeCode.findFirstOrThrow({ where: { target: phone, purpose: "phone_confirm" } });
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, maxAttempts: MAX_ATTEMPTS, consumedAt: null });
    expect((await db.customer.findUniqueOrThrow({ where: { id: reg.body.id } })).phoneVerifiedAt).toBeNull();
  });

  it("redemption code on a receipt: 40 parallel wrong codes, then the right one is refused", async () => {
    const key = Object.values(retail.keys)[0];
    const c = await registerCustomer(key);
    await givePoints(db, retail.programId, c.id, 1000);
    const auth = await post("/redemptions/authorize", key, { customer: { card: c.card }, points: 100 });
    expect(auth.status).toBe(200);
    const code = await lastCode(c.phone);
    const purchase = (redemptionCode: string) => post("/purchases", key, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100000)], redeemPoints: 100, redemptionCode });
    const wrong = await Promise.all(Array.from({ length: 40 }, () => purchase(wrongOf(code))));
    expect([...new Set(wrong.map((a) => `${a.status} ${a.body?.error?.code}`))]).toEqual(["422 invalid_redemption_code"]);
    const right = await purchase(code);
    expect(right.status).toBe(422);
    expect(right.body.error.code).toBe("invalid_redemption_code");
    const row = await db.oneTimeCode.findFirstOrThrow({ where: { customerId: c.id, purpose: "redemption" } });
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, consumedAt: null });
  });

  it("cabinet SMS sign-in: 40 parallel wrong codes, then the right one is refused", async () => {
    const phone = newPhone();
    await requestSignInCode(db, { program, phone, locale: "ru" });
    const code = await lastCode(phone);
    const wrong = await settle(Array.from({ length: 40 }, () => signInWithPhoneCode(db, { programId: program.id, phone, code: wrongOf(code) })));
    expect(wrong.every((r) => r.status === "rejected")).toBe(true);
    await expect(signInWithPhoneCode(db, { programId: program.id, phone, code })).rejects.toMatchObject({ code: "too_many_attempts" });
    expect(await db.oneTimeCode.findFirstOrThrow({ where: { target: phone, purpose: "sign_in" } })).toMatchObject({ attempts: MAX_ATTEMPTS, consumedAt: null });
    expect(await db.customer.count({ where: { programId: program.id, phone } })).toBe(0);
  });

  it("codes are stored only as keyed hashes", async () => {
    const phone = newPhone();
    const issued = await issueCode(db, { programId: club.programId, purpose: "sign_in", target: phone });
    const row = await db.oneTimeCode.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(issued.code);
  });
});
