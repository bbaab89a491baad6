// The action chain of the partner portal: parse the form with zod → a signed-in partner
// manager → the handler with the partner scope from the session → one ActionResult.
import type { z } from "zod";
import { fieldErrorsOf, formToObject } from "@/lib/auth/staff-action";
import type { ActionResult } from "@/lib/actions/result";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { assertPartner, type PartnerPrincipal } from "./session";

const TRANSLATED: Record<string, MessageKey> = {
  unauthorized: "partner.error.signedOut",
  forbidden: "partner.error.notFound",
  not_found: "partner.error.notFound",
};

export function partnerAction<S extends z.ZodType, T = unknown>(schema: S, handler: (input: z.infer<S>, ctx: { partner: PartnerPrincipal }) => Promise<{ message?: string; data?: T } | void>) {
  return async (_prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => {
    const at = Date.now();
    try {
      const partner = await assertPartner();
      const parsed = schema.safeParse(formToObject(form));
      if (!parsed.success) {
        const fieldErrors = fieldErrorsOf(parsed.error);
        return { ok: false, error: Object.values(fieldErrors)[0] ?? "Invalid input", fieldErrors, at };
      }
      const out = await handler(parsed.data, { partner });
      return { ok: true, message: out?.message, data: out?.data, at };
    } catch (err) {
      const { t } = await getT();
      if (err instanceof AppError) {
        const fieldErrors = err.details?.length ? Object.fromEntries(err.details.map((d) => [d.path, d.message])) : undefined;
        const key = TRANSLATED[err.code];
        return { ok: false, error: key ? t(key) : err.message, fieldErrors, at };
      }
      if (err && typeof err === "object" && "digest" in err) throw err;
      console.error("partner action failed", err);
      return { ok: false, error: t("partner.error.generic"), at };
    }
  };
}
