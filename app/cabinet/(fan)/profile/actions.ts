"use server";
// Profile actions of the signed-in fan. Every one acts on the session's customer only.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { getPrincipal } from "@/lib/auth/session";
import { phoneSchema, codeSchema, emailSchema } from "@/lib/customers/phone";
import { confirmPhoneChange, requestDeletion, requestPhoneChange, setBirthDate, signOutEverywhere, updateConsents, updateNames, withdrawDeletion } from "@/lib/customers/profile";
import { requestEmailVerification } from "@/lib/customers/email-link";
import { customerAction } from "../../_lib/customer-action";
import { programBasics } from "@/lib/program/in-force";

const done = () => revalidatePath("/cabinet", "layout");
const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");

export const saveNamesAction = customerAction(z.object({ firstName: z.string().trim().max(60), lastName: z.string().trim().max(60) }), async (input, { customer, t }) => {
  await updateNames(db(), customer.id, input);
  done();
  return { message: t("cabinet.profile.saved") };
});

export const setBirthDateAction = customerAction(z.object({ birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "implausible") }), async (input, { customer, t }) => {
  await setBirthDate(db(), customer.id, new Date(`${input.birthDate}T00:00:00Z`));
  done();
  return { message: t("cabinet.profile.saved") };
});

export const saveConsentsAction = customerAction(z.object({ emailConsent: checkbox, smsConsent: checkbox }), async (input, { customer, t }) => {
  await updateConsents(db(), customer.id, { email: input.emailConsent, sms: input.smsConsent });
  done();
  return { message: t("cabinet.profile.consentsSaved") };
});

export const requestEmailAction = customerAction(z.object({ email: emailSchema }), async (input, { customer, t, locale }) => {
  await requestEmailVerification(db(), { customerId: customer.id, email: input.email, locale });
  done();
  return { message: t("cabinet.profile.linkSent", { email: input.email }) };
});

export const requestPhoneChangeAction = customerAction(z.object({ phone: phoneSchema }), async (input, { customer, t, locale }) => {
  const program = await programBasics(db(), customer.programId);
  await requestPhoneChange(db(), { customerId: customer.id, newPhone: input.phone, locale, programName: program.name });
  return { message: t("cabinet.profile.codeSent", { phone: input.phone }), data: { phone: input.phone } };
});

export const confirmPhoneChangeAction = customerAction(z.object({ phone: phoneSchema, code: codeSchema }), async (input, { customer, t }) => {
  await confirmPhoneChange(db(), { customerId: customer.id, newPhone: input.phone, code: input.code });
  done();
  return { message: t("cabinet.profile.phoneChanged") };
});

export const requestDeletionAction = customerAction(z.object({ reason: z.string().trim().max(1000).optional() }), async (input, { customer }) => {
  await requestDeletion(db(), { customerId: customer.id, reason: input.reason });
  done();
});

export const withdrawDeletionAction = customerAction(z.object({}), async (_input, { customer }) => {
  await withdrawDeletion(db(), customer.id);
  done();
});

/** Bumps the session version: every session (this one too) ends on its next request. */
export async function signOutEverywhereAction() {
  const p = await getPrincipal("cabinet");
  if (p?.kind === "customer") await signOutEverywhere(db(), p.id);
}
