// Issue 10.9: codes and tokens never sit in clear text — the outbox keeps a redacted body in
// production (full only with OUTBOX_FULL_BODIES=1), production never falls back to the outbox
// senders silently, retention purges codes, tokens, counters and old outbox rows; a deletion
// request is listed for support, who anonymise the customer (ledger untouched); the data export
// leaves out staff notes.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { anonymiseCustomer, openDeletionRequests } from "@/lib/admin/deletion-requests";
import { requestEmailSignInLink } from "@/lib/customers/email-link";
import { exportCustomerData } from "@/lib/customers/export-data";
import { requestDeletion } from "@/lib/customers/profile";
import { requestSignInCode } from "@/lib/customers/sign-in";
import { emailSender } from "@/lib/email/email-sender";
import { env, messagesToOutbox, outboxFullBodies, productionEnvProblems, resetEnvCache } from "@/lib/env";
import { createId } from "@/lib/ids";
import { runPurgeMessages } from "@/lib/jobs/purge-messages";
import { accrue, lockAccounts } from "@/lib/ledger";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { findOrRegisterByPhone } from "@/lib/customers/register-online";
import { smsSender } from "@/lib/messaging/sms-sender";
import { balance, makeClubProgram, makeFan } from "../cabinet-factories";
import { makeStaff } from "../console-factories";
import { testDb } from "../db";
import { uniq } from "../factories";
import { newPhone } from "../pos/harness";

const db = testDb();
let programId: string;
let program: { id: string; name: string };
beforeAll(async () => {
  programId = await makeClubProgram(db);
  program = await db.program.findUniqueOrThrow({ where: { id: programId }, select: { id: true, name: true } });
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

/**
 * What a production deployment without OUTBOX_FULL_BODIES / MESSAGES_TO_OUTBOX gets, set
 * explicitly: NODE_ENV itself stays "test" (React's development build renders the emails).
 */
function productionMessaging(extra: Record<string, string> = {}) {
  vi.stubEnv("APP_URL", "https://club.tribune.example");
  vi.stubEnv("OUTBOX_FULL_BODIES", "0");
  vi.stubEnv("MESSAGES_TO_OUTBOX", "1");
  for (const [k, v] of Object.entries(extra)) vi.stubEnv(k, v);
  resetEnvCache();
}

describe("the outbox in production", () => {
  it("production defaults: bodies redacted, no outbox senders; development keeps both", () => {
    const prod = { ...env(), NODE_ENV: "production" as const, OUTBOX_FULL_BODIES: undefined, MESSAGES_TO_OUTBOX: undefined };
    expect(outboxFullBodies(prod)).toBe(false);
    expect(messagesToOutbox(prod)).toBe(false);
    expect(outboxFullBodies({ ...prod, OUTBOX_FULL_BODIES: "1" })).toBe(true);
    const dev = { ...prod, NODE_ENV: "development" as const };
    expect(outboxFullBodies(dev)).toBe(true);
    expect(messagesToOutbox(dev)).toBe(true);
  });

  it("keeps SMS codes and link tokens as •••; OUTBOX_FULL_BODIES=1 keeps them in full", async () => {
    productionMessaging();
    const phone = newPhone();
    await requestSignInCode(db, { program, phone, locale: "ru" });
    const sms = await db.outboxMessage.findFirstOrThrow({ where: { to: phone } });
    expect(sms.body).toContain("•••");
    expect(sms.body).not.toMatch(/\d{6}/);
    const email = `${uniq("fan")}@tribune.test`;
    await makeFan(db, programId, 0, { email });
    await requestEmailSignInLink(db, { programId, email });
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: email } });
    expect(mail.body).toContain("/cabinet/sign-in/email?token=•••");
    expect(mail.body + mail.html).not.toMatch(/token=[A-Za-z0-9_-]{20,}/);

    vi.stubEnv("OUTBOX_FULL_BODIES", "1");
    resetEnvCache();
    const phone2 = newPhone();
    const issued = await requestSignInCode(db, { program, phone: phone2, locale: "ru" });
    expect(issued.expiresAt).toBeInstanceOf(Date);
    expect((await db.outboxMessage.findFirstOrThrow({ where: { to: phone2 } })).body).toMatch(/\b\d{6}\b/);
  });

  it("never falls back silently to the outbox senders: no provider and no MESSAGES_TO_OUTBOX=1 fails loudly", async () => {
    productionMessaging({ MESSAGES_TO_OUTBOX: "0" });
    expect(() => smsSender()).toThrow(/SMS provider/);
    expect(() => emailSender()).toThrow(/email provider/);
    const production = () => ({ ...env(), NODE_ENV: "production" as const, AUTH_SECRET: "p".repeat(32) });
    const problems = productionEnvProblems(production()).join("\n");
    expect(problems).toMatch(/SMS_PROVIDER_URL/);
    expect(problems).toMatch(/RESEND_API_KEY/);
    await expect(requestSignInCode(db, { program, phone: newPhone(), locale: "ru" })).rejects.toThrow(/SMS provider/);
    vi.stubEnv("SMS_PROVIDER_URL", "http://127.0.0.1:9/sms");
    vi.stubEnv("RESEND_API_KEY", "re_test");
    resetEnvCache();
    expect(smsSender().name).toBe("http");
    expect(productionEnvProblems(production())).toEqual([]);
  });
});

describe("retention", () => {
  it("purges expired codes and tokens, old counters and outbox rows older than OUTBOX_RETENTION_DAYS; keeps the rest", async () => {
    // Dates far in the past: other test files' rows are all newer than the cut-offs used here.
    const now = new Date("2001-03-01T00:00:00Z");
    const old = new Date("2001-02-20T00:00:00Z");
    const fresh = new Date("2001-02-28T23:00:00Z");
    const tag = uniq("ret");
    for (const [suffix, at] of [
      ["old", old],
      ["fresh", fresh],
    ] as const) {
      await db.oneTimeCode.create({ data: { id: createId("otp"), programId, purpose: "sign_in", target: `${tag}-${suffix}`, codeHash: "00", expiresAt: at, createdAt: at } });
      await db.emailToken.create({
        data: { id: createId("eml"), programId, purpose: "sign_in", email: `${tag}-${suffix}`, customerId: "x", tokenHash: `${tag}-${suffix}`, expiresAt: at, createdAt: at },
      });
      await db.rateCounter.create({ data: { key: `${tag}-${suffix}`, windowStart: at, used: 1 } });
    }
    await db.outboxMessage.create({ data: { id: createId("sms"), channel: "sms", to: `${tag}-old`, body: "x", status: "logged", createdAt: new Date("2001-01-01T00:00:00Z") } });
    await db.outboxMessage.create({ data: { id: createId("sms"), channel: "sms", to: `${tag}-fresh`, body: "x", status: "logged", createdAt: new Date("2001-02-15T00:00:00Z") } });
    const result = await runPurgeMessages(db, now);
    expect(result.codes).toBeGreaterThanOrEqual(1);
    expect(await db.oneTimeCode.findMany({ where: { target: { startsWith: tag } }, select: { target: true } })).toEqual([{ target: `${tag}-fresh` }]);
    expect(await db.emailToken.findMany({ where: { email: { startsWith: tag } }, select: { email: true } })).toEqual([{ email: `${tag}-fresh` }]);
    expect(await db.rateCounter.findMany({ where: { key: { startsWith: tag } }, select: { key: true } })).toEqual([{ key: `${tag}-fresh` }]);
    expect(await db.outboxMessage.findMany({ where: { to: { startsWith: tag } }, select: { to: true } })).toEqual([{ to: `${tag}-fresh` }]);
  });
});

describe("deletion requests and anonymisation", () => {
  it("support sees the request, anonymises the customer: personal fields wiped, phone and email freed, ledger untouched, audited", async () => {
    const email = `${uniq("gone")}@tribune.test`;
    const fan = await makeFan(db, programId, 700, { email });
    const phone = (await db.customer.findUniqueOrThrow({ where: { id: fan.id } })).phone!;
    await db.customer.update({ where: { id: fan.id }, data: { firstName: "Ivan", lastName: "Petrov", birthDate: new Date("1990-05-01") } });
    await requestDeletion(db, { customerId: fan.id, reason: "please delete" });
    const staff = await makeStaff(db, programId, "support");
    const list = await openDeletionRequests(db, programId);
    expect(list.find((r) => r.customerId === fan.id)).toMatchObject({ phone, email, name: "Petrov Ivan", reason: "please delete" });

    // Another program's support cannot reach this customer.
    const otherProgram = await makeClubProgram(db);
    const outsider = await makeStaff(db, otherProgram, "support");
    await expect(anonymiseCustomer(db, { programId: otherProgram, customerId: fan.id, staffUserId: outsider.id })).rejects.toMatchObject({ code: "customer_not_found" });
    expect((await openDeletionRequests(db, otherProgram)).some((r) => r.customerId === fan.id)).toBe(false);

    const before = await balance(db, fan.id);
    const entries = await db.ledgerEntry.count({ where: { account: { customerId: fan.id } } });
    await anonymiseCustomer(db, { programId, customerId: fan.id, staffUserId: staff.id });
    const after = await db.customer.findUniqueOrThrow({ where: { id: fan.id } });
    expect(after).toMatchObject({
      phone: null,
      email: null,
      firstName: null,
      lastName: null,
      birthDate: null,
      emailVerifiedAt: null,
      phoneVerifiedAt: null,
      smsConsent: false,
      emailConsent: false,
      status: "blocked",
    });
    expect(await balance(db, fan.id)).toBe(before);
    expect(await db.ledgerEntry.count({ where: { account: { customerId: fan.id } } })).toBe(entries);
    expect((await checkLedger(db, { programId })).discrepancies).toEqual([]);
    expect((await openDeletionRequests(db, programId)).some((r) => r.customerId === fan.id)).toBe(false);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: fan.id, action: "customer.anonymised" } });
    expect(audit).toMatchObject({ actorType: "staff", actorId: staff.id });
    expect(JSON.stringify([audit.before, audit.after, audit.reason])).not.toContain(phone);
    // The phone is free: signing up with it makes a new customer.
    const { customer, created } = await findOrRegisterByPhone(db, { programId, phone, at: new Date() });
    expect(created).toBe(true);
    expect(customer.id).not.toBe(fan.id);
    // Twice is refused (no open request any more).
    await expect(anonymiseCustomer(db, { programId, customerId: fan.id, staffUserId: staff.id })).rejects.toMatchObject({ code: "invalid_state" });
  });
});

describe("personal data export", () => {
  it("leaves out staff notes on points movements", async () => {
    const fan = await makeFan(db, programId);
    await db.$transaction(async (tx) => {
      const acc = await lockAccounts(tx, programId, fan.id);
      await accrue(tx, acc.main, { amount: 50, at: new Date(), activation: { kind: "immediate" }, expiresAt: null, reason: "manual", type: "adjustment", note: "STAFF-ONLY: rude at the till" });
    });
    const data = await exportCustomerData(db, fan.id);
    expect(data.pointsMovements).toHaveLength(1);
    expect(JSON.stringify(data)).not.toContain("STAFF-ONLY");
  });
});
