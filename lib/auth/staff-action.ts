// The action client chain of the console: parse the form with zod → signed-in staff → role
// allowed → run the domain function → one ActionResult. Only AppErrors reach the user.
import type { z } from "zod";
import { getPrincipal } from "./session";
import { assertCan, type Permission, type StaffPrincipal } from "./permissions";
import { AppError } from "@/lib/errors";
import type { ActionResult, FieldErrors } from "@/lib/actions/result";
import { getT } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/messages/en";

/** Errors whose wording the console owns (the rest carry the domain's own message). */
const TRANSLATED: Record<string, MessageKey> = {
  unauthorized: "console.error.signedOut",
  forbidden: "console.error.forbidden",
  not_found: "console.error.notFound",
  customer_not_found: "console.error.notFound",
  insufficient_points: "console.error.insufficientPoints",
};

export { formToObject } from "@/lib/actions/client";
import { formToObject } from "@/lib/actions/client";

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const i of error.issues) {
    const key = i.path.map(String).join(".") || "_";
    out[key] ??= i.message;
  }
  return out;
}

export type StaffActionHandler<S extends z.ZodType, T> = (input: z.infer<S>, ctx: { staff: StaffPrincipal }) => Promise<{ message?: string; data?: T } | void>;

/**
 * Wraps a console server action: `export const save = staffAction("catalog.edit", schema, async (input, { staff }) => …)`.
 * Use with useActionState (prev, formData) or call directly with a FormData.
 */
export function staffAction<S extends z.ZodType, T = unknown>(permission: Permission, schema: S, handler: StaffActionHandler<S, T>) {
  return async (_prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => {
    const at = Date.now();
    try {
      const principal = await getPrincipal("staff");
      assertCan(principal, permission);
      const parsed = schema.safeParse(formToObject(form));
      if (!parsed.success) {
        const fieldErrors = fieldErrorsOf(parsed.error);
        return { ok: false, error: Object.values(fieldErrors)[0] ?? "Invalid input", fieldErrors, at };
      }
      const out = await handler(parsed.data, { staff: principal });
      return { ok: true, message: out?.message, data: out?.data, at };
    } catch (err) {
      const { t } = await getT();
      if (err instanceof AppError) {
        const fieldErrors = err.details?.length ? Object.fromEntries(err.details.map((d) => [d.path, d.message])) : undefined;
        const key = TRANSLATED[err.code];
        return { ok: false, error: key ? `${t(key)}${err.code === "insufficient_points" ? ` (${err.message})` : ""}` : err.message, fieldErrors, at };
      }
      // Redirects and notFound() from next/navigation must pass through.
      if (err && typeof err === "object" && "digest" in err) throw err;
      console.error("console action failed", err);
      return { ok: false, error: t("console.common.genericError"), at };
    }
  };
}
