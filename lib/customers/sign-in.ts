// Fan sign-in by phone: ask for an SMS code (rate limited by lib/messaging/one-time-codes.ts),
// then prove the phone with it. A phone the program does not know signs up at that moment.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { issueCode, verifyCode } from "@/lib/messaging/one-time-codes";
import { smsSender } from "@/lib/messaging/sms-sender";
import { translator } from "@/lib/i18n/translate";
import type { Locale } from "@/lib/i18n/locales";
import { findOrRegisterByPhone } from "./register-online";

export interface SignInProgram {
  id: string;
  name: string;
}

/** Sends the sign-in code to the phone. Same answer for known and unknown phones (no account probing). */
export async function requestSignInCode(db: Db, input: { program: SignInProgram; phone: string; locale: Locale; ip?: string | null; now?: Date }) {
  const now = input.now ?? new Date();
  const existing = await db.customer.findUnique({ where: { programId_phone: { programId: input.program.id, phone: input.phone } }, select: { id: true, status: true } });
  if (existing?.status === "blocked") throw new AppError("customer_blocked", "This account is blocked: contact support");
  const code = await issueCode(db, { programId: input.program.id, purpose: "sign_in", target: input.phone, customerId: existing?.id ?? null, ip: input.ip, now });
  const text = translator(input.locale)("cabinet.sms.signIn", { code: code.code, program: input.program.name });
  await smsSender().send(db, { to: input.phone, text, programId: input.program.id, template: "sign_in", secrets: [code.code] });
  return { expiresAt: code.expiresAt };
}

/**
 * Checks the code; returns the customer (registered now when the phone was new). Throws the
 * code's AppError (invalid_code, code_expired, too_many_attempts) or customer_blocked.
 */
export async function signInWithPhoneCode(db: Db, input: { programId: string; phone: string; code: string; locale?: string | null; now?: Date }) {
  const now = input.now ?? new Date();
  await verifyCode(db, { purpose: "sign_in", target: input.phone, code: input.code, now });
  const { customer, created } = await findOrRegisterByPhone(db, { programId: input.programId, phone: input.phone, locale: input.locale, at: now });
  if (customer.status !== "active") throw new AppError("customer_blocked", "This account is blocked: contact support");
  if (!customer.phoneVerifiedAt) await db.customer.update({ where: { id: customer.id }, data: { phoneVerifiedAt: now } });
  return { customer, created };
}
