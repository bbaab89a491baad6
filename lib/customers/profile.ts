// The fan's own profile: names, birth date (once), consents, phone change with an SMS code,
// sign out everywhere, the deletion request. Every function takes the session's customer id.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { writeAudit } from "@/lib/audit/write-audit";
import { issueCode, verifyCode } from "@/lib/messaging/one-time-codes";
import { smsSender } from "@/lib/messaging/sms-sender";
import { translator } from "@/lib/i18n/translate";
import type { Locale } from "@/lib/i18n/locales";

const audit = (db: Db, c: { id: string; programId: string }, action: string, before: unknown, after: unknown) =>
  writeAudit(db, { programId: c.programId, actor: { type: "customer", id: c.id }, action, entityType: "customer", entityId: c.id, before, after });

async function load(db: Db, customerId: string) {
  const c = await db.customer.findUnique({ where: { id: customerId } });
  if (!c) throw new AppError("customer_not_found", "Customer not found");
  return c;
}

export async function getProfile(db: Db, customerId: string) {
  const c = await load(db, customerId);
  const cards = await db.card.findMany({ where: { customerId }, orderBy: { issuedAt: "desc" }, select: { id: true, number: true, status: true, issuedAt: true } });
  const deletion = await db.deletionRequest.findFirst({ where: { customerId, status: "requested" }, orderBy: { createdAt: "desc" } });
  return { customer: c, cards, deletionRequestedAt: deletion?.createdAt ?? null };
}

export async function updateNames(db: Db, customerId: string, input: { firstName: string; lastName: string }) {
  const c = await load(db, customerId);
  const data = { firstName: input.firstName.trim() || null, lastName: input.lastName.trim() || null };
  await db.customer.update({ where: { id: customerId }, data });
  await audit(db, c, "customer.names_changed", { firstName: c.firstName, lastName: c.lastName }, data);
}

/** The birth date can be set once by the fan; later changes go through support. */
export async function setBirthDate(db: Db, customerId: string, date: Date, now = new Date()) {
  const c = await load(db, customerId);
  if (c.birthDate) throw new AppError("invalid_state", "The birth date is already set: contact support to change it", { details: [{ path: "birthDate", message: "already_set" }] });
  const minAge = new Date(now);
  minAge.setUTCFullYear(minAge.getUTCFullYear() - 6);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1900 || date > minAge) {
    throw new AppError("invalid_request", "The birth date is not plausible", { details: [{ path: "birthDate", message: "implausible" }] });
  }
  // Conditional update: two tabs cannot both set it.
  const done = await db.customer.updateMany({ where: { id: customerId, birthDate: null }, data: { birthDate: date } });
  if (done.count !== 1) throw new AppError("invalid_state", "The birth date is already set", { details: [{ path: "birthDate", message: "already_set" }] });
  await audit(db, c, "customer.birth_date_set", null, { birthDate: date.toISOString().slice(0, 10) });
}

export async function updateConsents(db: Db, customerId: string, input: { email: boolean; sms: boolean }, now = new Date()) {
  const c = await load(db, customerId);
  const data = {
    emailConsent: input.email,
    emailConsentAt: input.email === c.emailConsent ? c.emailConsentAt : now,
    smsConsent: input.sms,
    smsConsentAt: input.sms === c.smsConsent ? c.smsConsentAt : now,
  };
  await db.customer.update({ where: { id: customerId }, data });
  await audit(db, c, "customer.consents_changed", { email: c.emailConsent, sms: c.smsConsent }, { email: input.email, sms: input.sms });
}

/** Step one of a phone change: a code goes to the NEW number (it must not belong to anyone else). */
export async function requestPhoneChange(db: Db, input: { customerId: string; newPhone: string; locale: Locale; programName: string; now?: Date }) {
  const c = await load(db, input.customerId);
  if (c.phone === input.newPhone) throw new AppError("invalid_request", "This is already your phone number", { details: [{ path: "phone", message: "same_phone" }] });
  const taken = await db.customer.findUnique({ where: { programId_phone: { programId: c.programId, phone: input.newPhone } }, select: { id: true } });
  if (taken) throw new AppError("already_exists", "Another account uses this phone number", { details: [{ path: "phone", message: "phone_taken" }] });
  const code = await issueCode(db, { programId: c.programId, purpose: "phone_change", target: input.newPhone, customerId: c.id, data: { newPhone: input.newPhone }, now: input.now });
  const text = translator(input.locale)("cabinet.sms.phoneChange", { code: code.code, program: input.programName });
  await smsSender().send(db, { to: input.newPhone, text, programId: c.programId, template: "phone_change", secrets: [code.code] });
  return { expiresAt: code.expiresAt };
}

/** Step two: the right code moves the account to the new number. */
export async function confirmPhoneChange(db: Db, input: { customerId: string; newPhone: string; code: string; now?: Date }) {
  const now = input.now ?? new Date();
  const c = await load(db, input.customerId);
  await verifyCode(db, { purpose: "phone_change", target: input.newPhone, code: input.code, customerId: c.id, now });
  try {
    await db.customer.update({ where: { id: c.id }, data: { phone: input.newPhone, phoneVerifiedAt: now } });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new AppError("already_exists", "Another account uses this phone number", { details: [{ path: "phone", message: "phone_taken" }] });
    throw e;
  }
  await audit(db, c, "customer.phone_changed", { phone: c.phone }, { phone: input.newPhone });
}

/** Ends every session of the customer (each token carries the old version and dies on its next use). */
export async function signOutEverywhere(db: Db, customerId: string) {
  const c = await db.customer.update({ where: { id: customerId }, data: { sessionVersion: { increment: 1 } }, select: { id: true, programId: true, sessionVersion: true } });
  await audit(db, c, "customer.signed_out_everywhere", null, { sessionVersion: c.sessionVersion });
}

/** Asks the club to delete the account (support carries it out). Idempotent while one is open. */
export async function requestDeletion(db: Db, input: { customerId: string; reason?: string | null; now?: Date }) {
  const c = await load(db, input.customerId);
  const open = await db.deletionRequest.findFirst({ where: { customerId: c.id, status: "requested" } });
  if (open) return open;
  const row = await db.deletionRequest.create({
    data: {
      id: createId("aud", (input.now ?? new Date()).getTime()),
      programId: c.programId,
      customerId: c.id,
      reason: input.reason?.trim().slice(0, 1000) || null,
      createdAt: input.now ?? new Date(),
    },
  });
  await audit(db, c, "customer.deletion_requested", null, { deletionRequestId: row.id });
  return row;
}

/** Withdraws an open deletion request. */
export async function withdrawDeletion(db: Db, customerId: string, now = new Date()) {
  await db.deletionRequest.updateMany({ where: { customerId, status: "requested" }, data: { status: "withdrawn", resolvedAt: now } });
}

/** The signed-in fan with their program (the cabinet's frame); null when the fan is gone. */
export async function customerWithProgram(db: Db, customerId: string) {
  const customer = await db.customer.findUnique({ where: { id: customerId } });
  if (!customer) return null;
  const program = await db.program.findUniqueOrThrow({ where: { id: customer.programId } });
  return { customer, program };
}
