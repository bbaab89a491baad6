"use server";
// Profile actions of the signed-in fan. Every one acts on the session's customer only.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, customer } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { phoneSchema, codeSchema, emailSchema } from "@/lib/customers/phone";
import { confirmPhoneChange, requestDeletion, requestPhoneChange, setBirthDate, signOutEverywhere, updateConsents, updateNames, withdrawDeletion } from "@/lib/customers/profile";
import { requestEmailVerification } from "@/lib/customers/email-link";
import { programBasics } from "@/lib/program/in-force";

const fan = actionClient.use(customer());
const done = () => revalidatePath("/cabinet", "layout");
const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");

export const saveNamesAction = fan.schema(z.object({ firstName: z.string().trim().max(60), lastName: z.string().trim().max(60) })).action(async ({ input, ctx: { customer, t } }) => {
  await updateNames(db(), customer.id, input);
  done();
  return { message: t("cabinet.profile.saved") };
});

export const setBirthDateAction = fan.schema(z.object({ birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "implausible") })).action(async ({ input, ctx: { customer, t } }) => {
  await setBirthDate(db(), customer.id, new Date(`${input.birthDate}T00:00:00Z`));
  done();
  return { message: t("cabinet.profile.saved") };
});

export const saveConsentsAction = fan.schema(z.object({ emailConsent: checkbox, smsConsent: checkbox })).action(async ({ input, ctx: { customer, t } }) => {
  await updateConsents(db(), customer.id, { email: input.emailConsent, sms: input.smsConsent });
  done();
  return { message: t("cabinet.profile.consentsSaved") };
});

export const requestEmailAction = fan.schema(z.object({ email: emailSchema })).action(async ({ input, ctx: { customer, t, locale } }) => {
  await requestEmailVerification(db(), { customerId: customer.id, email: input.email, locale });
  done();
  return { message: t("cabinet.profile.linkSent", { email: input.email }) };
});

export const requestPhoneChangeAction = fan.schema(z.object({ phone: phoneSchema })).action(async ({ input, ctx: { customer, t, locale } }) => {
  const program = await programBasics(db(), customer.programId);
  await requestPhoneChange(db(), { customerId: customer.id, newPhone: input.phone, locale, programName: program.name });
  return { message: t("cabinet.profile.codeSent", { phone: input.phone }), data: { phone: input.phone } };
});

export const confirmPhoneChangeAction = fan.schema(z.object({ phone: phoneSchema, code: codeSchema })).action(async ({ input, ctx: { customer, t } }) => {
  await confirmPhoneChange(db(), { customerId: customer.id, newPhone: input.phone, code: input.code });
  done();
  return { message: t("cabinet.profile.phoneChanged") };
});

export const requestDeletionAction = fan.schema(z.object({ reason: z.string().trim().max(1000).optional() })).action(async ({ input, ctx: { customer } }) => {
  await requestDeletion(db(), { customerId: customer.id, reason: input.reason });
  done();
});

export const withdrawDeletionAction = fan.action(async ({ ctx: { customer } }) => {
  await withdrawDeletion(db(), customer.id);
  done();
});

/** Bumps the session version: every session (this one too) ends on its next request. Without a session it does nothing. */
export const signOutEverywhereAction = fan.formAction(async ({ ctx: { customer } }) => {
  await signOutEverywhere(db(), customer.id);
});
