// The fan's side of the account: phone sign-in with online sign-up (one customer, one card even
// when two sign-ups race), email links (single use, verified emails only), profile rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidCardNumber } from "@/lib/cards/card-number";
import { issueCode } from "@/lib/messaging/one-time-codes";
import { testDb } from "@/test/db";
import { makeClubProgram, makeFan } from "@/test/cabinet-factories";
import { consumeEmailSignInToken, requestEmailSignInLink, requestEmailVerification, verifyEmailToken } from "./email-link";
import { exportCustomerData } from "./export-data";
import { normalizePhone } from "./phone";
import { confirmPhoneChange, requestDeletion, requestPhoneChange, setBirthDate, signOutEverywhere, updateConsents } from "./profile";
import { findOrRegisterByPhone } from "./register-online";
import { requestSignInCode, signInWithPhoneCode } from "./sign-in";

const db = testDb();
let programId: string;
beforeAll(async () => {
  programId = await makeClubProgram(db);
});
afterAll(async () => {
  await db.$disconnect();
});

let seq = Math.floor(Math.random() * 1e6);
const newPhone = () => `+7977${String(++seq).padStart(7, "0")}`;
const lastCode = async (to: string) => (await db.outboxMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } })).body.match(/\d{6}/)![0];
const lastLink = async (to: string) => (await db.outboxMessage.findFirstOrThrow({ where: { to, channel: "email" }, orderBy: { createdAt: "desc" } })).body.match(/token=([A-Za-z0-9_-]+)/)![1];

describe("phone sign-in", () => {
  it("normalises Russian spellings of a phone", () => {
    expect(normalizePhone("8 (999) 000-00-01")).toBe("+79990000001");
    expect(normalizePhone("+7 999 000 00 01")).toBe("+79990000001");
    expect(normalizePhone("9990000001")).toBe("+79990000001");
    expect(normalizePhone("12")).toBeNull();
  });

  it("a new phone signs up: channel web, both accounts, a valid EAN-13 virtual card", async () => {
    const program = await db.program.findUniqueOrThrow({ where: { id: programId } });
    const phone = newPhone();
    await requestSignInCode(db, { program, phone, locale: "ru" });
    const { customer, created } = await signInWithPhoneCode(db, { programId, phone, code: await lastCode(phone) });
    expect(created).toBe(true);
    expect(customer).toMatchObject({ registrationChannel: "web", phone });
    expect(customer.phoneVerifiedAt).not.toBeNull();
    expect(await db.account.count({ where: { customerId: customer.id } })).toBe(2);
    const cards = await db.card.findMany({ where: { customerId: customer.id } });
    expect(cards).toHaveLength(1);
    expect(isValidCardNumber(cards[0].number)).toBe(true);
    // The code works once.
    await expect(signInWithPhoneCode(db, { programId, phone, code: await lastCode(phone) })).rejects.toMatchObject({ code: "invalid_code" });
  });

  it("a wrong code is refused and creates nobody", async () => {
    const program = await db.program.findUniqueOrThrow({ where: { id: programId } });
    const phone = newPhone();
    await requestSignInCode(db, { program, phone, locale: "en" });
    const right = await lastCode(phone);
    const wrong = right === "000000" ? "111111" : "000000";
    await expect(signInWithPhoneCode(db, { programId, phone, code: wrong })).rejects.toMatchObject({ code: "invalid_code" });
    expect(await db.customer.count({ where: { programId, phone } })).toBe(0);
  });

  it("asking for a second code within a minute is rate limited", async () => {
    const program = await db.program.findUniqueOrThrow({ where: { id: programId } });
    const phone = newPhone();
    await requestSignInCode(db, { program, phone, locale: "ru" });
    await expect(requestSignInCode(db, { program, phone, locale: "ru" })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("an existing fan (registered at a till) signs in to the same account", async () => {
    const fan = await makeFan(db, programId);
    await issueCode(db, { programId, purpose: "sign_in", target: fan.phone!, now: new Date() });
    const row = await db.oneTimeCode.findFirstOrThrow({ where: { target: fan.phone! }, orderBy: { createdAt: "desc" } });
    expect(row).toBeTruthy();
    const { customer, created } = await findOrRegisterByPhone(db, { programId, phone: fan.phone! });
    expect(created).toBe(false);
    expect(customer.id).toBe(fan.id);
  });

  it("ten simultaneous sign-ups of one phone make one customer with one card; of ten phones, ten distinct card numbers", async () => {
    const phone = newPhone();
    const same = await Promise.all(Array.from({ length: 10 }, () => findOrRegisterByPhone(db, { programId, phone })));
    expect(new Set(same.map((r) => r.customer.id)).size).toBe(1);
    expect(await db.card.count({ where: { customerId: same[0].customer.id } })).toBe(1);
    const many = await Promise.all(Array.from({ length: 10 }, () => findOrRegisterByPhone(db, { programId, phone: newPhone() })));
    const numbers = await db.card.findMany({ where: { customerId: { in: many.map((m) => m.customer.id) } }, select: { number: true } });
    expect(new Set(numbers.map((n) => n.number)).size).toBe(10);
  });
});

describe("email links", () => {
  it("adding an email links it only once verified; then it signs in, once", async () => {
    const fan = await makeFan(db, programId);
    const email = `fan-${seq++}@mail.test`;
    await requestEmailVerification(db, { customerId: fan.id, email });
    expect((await db.customer.findUniqueOrThrow({ where: { id: fan.id } })).email).toBeNull();
    // Not verified yet: no sign-in link is sent.
    expect((await requestEmailSignInLink(db, { programId, email })).sent).toBe(false);
    const token = await lastLink(email);
    await verifyEmailToken(db, token);
    const after = await db.customer.findUniqueOrThrow({ where: { id: fan.id } });
    expect(after.email).toBe(email);
    expect(after.emailVerifiedAt).not.toBeNull();
    await expect(verifyEmailToken(db, token)).rejects.toMatchObject({ code: "invalid_code" });

    await new Promise((r) => setTimeout(r, 5));
    const sent = await requestEmailSignInLink(db, { programId, email, now: new Date(Date.now() + 61_000) });
    expect(sent.sent).toBe(true);
    const signIn = await lastLink(email);
    expect((await consumeEmailSignInToken(db, signIn, new Date(Date.now() + 62_000))).id).toBe(fan.id);
    await expect(consumeEmailSignInToken(db, signIn)).rejects.toMatchObject({ code: "invalid_code" });
    // Tokens are stored hashed.
    expect(await db.emailToken.count({ where: { tokenHash: signIn } })).toBe(0);
  });

  it("an expired link is refused; a verification link is not a sign-in link", async () => {
    const fan = await makeFan(db, programId);
    const email = `fan-${seq++}@mail.test`;
    await requestEmailVerification(db, { customerId: fan.id, email });
    const token = await lastLink(email);
    await expect(consumeEmailSignInToken(db, token)).rejects.toMatchObject({ code: "invalid_code" });
    await expect(verifyEmailToken(db, token, new Date(Date.now() + 25 * 3600_000))).rejects.toMatchObject({ code: "code_expired" });
  });

  it("an email of another customer cannot be claimed", async () => {
    const owner = await makeFan(db, programId, 0, { email: `own-${seq++}@mail.test` });
    const thief = await makeFan(db, programId);
    await expect(requestEmailVerification(db, { customerId: thief.id, email: owner.email ?? (await db.customer.findUniqueOrThrow({ where: { id: owner.id } })).email! })).rejects.toMatchObject({
      code: "already_exists",
    });
  });
});

describe("profile", () => {
  it("birth date is set once", async () => {
    const fan = await makeFan(db, programId);
    await expect(setBirthDate(db, fan.id, new Date("2030-01-01"))).rejects.toMatchObject({ code: "invalid_request" });
    await setBirthDate(db, fan.id, new Date("1990-05-17T00:00:00Z"));
    await expect(setBirthDate(db, fan.id, new Date("1991-05-17T00:00:00Z"))).rejects.toMatchObject({ code: "invalid_state" });
    expect((await db.customer.findUniqueOrThrow({ where: { id: fan.id } })).birthDate?.toISOString().slice(0, 10)).toBe("1990-05-17");
  });

  it("consents record when they changed", async () => {
    const fan = await makeFan(db, programId);
    await updateConsents(db, fan.id, { email: true, sms: false });
    const c = await db.customer.findUniqueOrThrow({ where: { id: fan.id } });
    expect(c).toMatchObject({ emailConsent: true, smsConsent: false });
    expect(c.emailConsentAt).not.toBeNull();
  });

  it("phone change needs the code sent to the new number; a taken number is refused", async () => {
    const fan = await makeFan(db, programId);
    const other = await makeFan(db, programId);
    await expect(requestPhoneChange(db, { customerId: fan.id, newPhone: other.phone!, locale: "ru", programName: "FC" })).rejects.toMatchObject({ code: "already_exists" });
    const phone = newPhone();
    await requestPhoneChange(db, { customerId: fan.id, newPhone: phone, locale: "ru", programName: "FC" });
    await expect(confirmPhoneChange(db, { customerId: other.id, newPhone: phone, code: await lastCode(phone) })).rejects.toMatchObject({ code: "invalid_code" });
    await confirmPhoneChange(db, { customerId: fan.id, newPhone: phone, code: await lastCode(phone) });
    expect((await db.customer.findUniqueOrThrow({ where: { id: fan.id } })).phone).toBe(phone);
  });

  it("sign out everywhere bumps the session version; deletion request is idempotent; export has everything", async () => {
    const fan = await makeFan(db, programId, 300);
    await signOutEverywhere(db, fan.id);
    expect((await db.customer.findUniqueOrThrow({ where: { id: fan.id } })).sessionVersion).toBe(1);
    const a = await requestDeletion(db, { customerId: fan.id, reason: "moving" });
    const b = await requestDeletion(db, { customerId: fan.id });
    expect(b.id).toBe(a.id);
    const data = await exportCustomerData(db, fan.id);
    expect(data.profile.id).toBe(fan.id);
    expect(data.accounts.find((x) => x.kind === "main")?.available).toBe(300);
    expect(data.pointsMovements).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(data)).profile.phone).toBe(fan.phone);
  });
});
