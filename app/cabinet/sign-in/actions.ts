"use server";
// Sign-in steps that happen before there is a session: send the SMS code, send the email link.
import { z } from "zod";
import { actionClient } from "@/lib/actions";
import { clientIp } from "@/lib/actions/request";
import { db } from "@/lib/db/client";
import { currentProgram } from "@/lib/program/current";
import { requestSignInCode } from "@/lib/customers/sign-in";
import { requestEmailSignInLink } from "@/lib/customers/email-link";
import { emailSchema, phoneSchema } from "@/lib/customers/phone";

async function program() {
  const found = await currentProgram(db());
  if (!found) throw new Error("No program is set up (TRIBUNE_PROGRAM)");
  return found;
}

export const requestCodeAction = actionClient.schema(z.object({ phone: phoneSchema })).action(async ({ input, ctx: { locale } }) => {
  await requestSignInCode(db(), { program: await program(), phone: input.phone, locale, ip: await clientIp() });
  return { data: { phone: input.phone } };
});

export const requestLinkAction = actionClient.schema(z.object({ email: emailSchema })).action(async ({ input, ctx: { t, locale } }) => {
  const { id: programId } = await program();
  await requestEmailSignInLink(db(), { programId, email: input.email, locale });
  return { message: t("cabinet.signIn.linkSent", { email: input.email }) };
});
