"use server";
// Sign-in steps that happen before there is a session: send the SMS code, send the email link.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { currentProgram } from "@/lib/program/current";
import { requestSignInCode } from "@/lib/customers/sign-in";
import { requestEmailSignInLink } from "@/lib/customers/email-link";
import { emailSchema, phoneSchema } from "@/lib/customers/phone";
import type { ActionResult } from "@/lib/actions/result";
import { appErrorResult, clientIp, errorText } from "../_lib/customer-action";

export async function requestCodeAction(_prev: ActionResult<{ phone: string }> | null, form: FormData): Promise<ActionResult<{ phone: string }>> {
  const at = Date.now();
  const { t, locale } = await getT();
  const parsed = z.object({ phone: phoneSchema }).safeParse({ phone: form.get("phone") ?? "" });
  if (!parsed.success) return { ok: false, error: errorText(t, "invalid_phone"), fieldErrors: { phone: errorText(t, "invalid_phone") }, at };
  try {
    const program = await currentProgram(db());
    if (!program) return { ok: false, error: t("cabinet.error.generic"), at };
    await requestSignInCode(db(), { program, phone: parsed.data.phone, locale, ip: await clientIp() });
    return { ok: true, data: { phone: parsed.data.phone }, at };
  } catch (e) {
    if (e instanceof AppError) return appErrorResult(t, e, at);
    console.error("sign-in code failed", e);
    return { ok: false, error: t("cabinet.error.generic"), at };
  }
}

export async function requestLinkAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const at = Date.now();
  const { t, locale } = await getT();
  const parsed = z.object({ email: emailSchema }).safeParse({ email: form.get("email") ?? "" });
  if (!parsed.success) return { ok: false, error: errorText(t, "invalid_email"), fieldErrors: { email: errorText(t, "invalid_email") }, at };
  try {
    const program = await currentProgram(db());
    if (!program) return { ok: false, error: t("cabinet.error.generic"), at };
    await requestEmailSignInLink(db(), { programId: program.id, email: parsed.data.email, locale });
    return { ok: true, message: t("cabinet.signIn.linkSent", { email: parsed.data.email }), at };
  } catch (e) {
    if (e instanceof AppError) return appErrorResult(t, e, at);
    console.error("sign-in link failed", e);
    return { ok: false, error: t("cabinet.error.generic"), at };
  }
}
