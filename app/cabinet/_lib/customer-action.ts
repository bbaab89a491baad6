// The action chain of the cabinet: parse the form with zod → signed-in fan → run the domain
// function → one ActionResult with texts in the fan's language. Only AppErrors reach the fan.
import type { z } from "zod";
import { getPrincipal } from "@/lib/auth/session";
import type { Principal } from "@/lib/auth/principal";
import { formToObject } from "@/lib/auth/staff-action";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import type { MessageKey } from "@/lib/i18n/messages/en";
import type { ActionResult, FieldErrors } from "@/lib/actions/result";

export type CustomerPrincipal = Principal & { kind: "customer" };

export interface CabinetContext {
  t: Translate;
  locale: Locale;
}

export { clientIp } from "@/lib/actions/request";

/** An error code or detail message → the fan's language (unknown codes get the generic text). */
export function errorText(t: Translate, code: string, values?: Record<string, string | number>): string {
  const key = `cabinet.error.${code}` as MessageKey;
  const text = t(key, values);
  return text === key ? t("cabinet.error.generic") : text;
}

function zodFieldErrors(t: Translate, error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const i of error.issues) {
    const k = i.path.map(String).join(".") || "_";
    const code = /^[a-z_]+$/.test(i.message) ? i.message : "required";
    out[k] ??= errorText(t, code);
  }
  return out;
}

export function appErrorResult(t: Translate, err: AppError, at: number): ActionResult<never> {
  const fieldErrors = err.details?.length ? Object.fromEntries(err.details.map((d) => [d.path, errorText(t, /^[a-z_]+$/.test(d.message) ? d.message : err.code)])) : undefined;
  const first = fieldErrors ? Object.values(fieldErrors)[0] : undefined;
  return { ok: false, error: err.code === "rate_limited" ? errorText(t, "rate_limited", { seconds: err.retryAfter ?? 60 }) : (first ?? errorText(t, err.code)), fieldErrors, at };
}

export type CustomerActionHandler<S extends z.ZodType, T> = (input: z.infer<S>, ctx: CabinetContext & { customer: CustomerPrincipal }) => Promise<{ message?: string; data?: T } | void>;

/** `export const save = customerAction(schema, async (input, { customer, t }) => …)` in a "use server" file. */
export function customerAction<S extends z.ZodType, T = unknown>(schema: S, handler: CustomerActionHandler<S, T>) {
  return async (_prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => {
    const at = Date.now();
    const { t, locale } = await getT();
    try {
      const principal = await getPrincipal("cabinet");
      if (!principal || principal.kind !== "customer") return { ok: false, error: t("cabinet.error.generic"), at };
      const parsed = schema.safeParse(formToObject(form));
      if (!parsed.success) {
        const fieldErrors = zodFieldErrors(t, parsed.error);
        return { ok: false, error: Object.values(fieldErrors)[0] ?? t("cabinet.error.generic"), fieldErrors, at };
      }
      const out = await handler(parsed.data, { customer: principal as CustomerPrincipal, t, locale });
      return { ok: true, message: out?.message, data: out?.data, at };
    } catch (err) {
      if (err instanceof AppError) return appErrorResult(t, err, at);
      if (err && typeof err === "object" && "digest" in err) throw err;
      console.error("cabinet action failed", err);
      return { ok: false, error: t("cabinet.error.generic"), at };
    }
  };
}
