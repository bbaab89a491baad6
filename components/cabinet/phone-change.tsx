"use client";
// Phone change with SMS re-verification: new number → code sent to it → confirm.
import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { controlClass } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { buttonClass } from "@/components/ui/button";

type RequestAction = (prev: ActionResult<{ phone: string }> | null, form: FormData) => Promise<ActionResult<{ phone: string }>>;
type ConfirmAction = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function PhoneChange({ request, confirm }: { request: RequestAction; confirm: ConfirmAction }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  const [sent, sendAction, sending] = useActionState(async (prev: ActionResult<{ phone: string }> | null, form: FormData) => {
    const r = await request(prev, form);
    if (r.ok && r.data) setPhone(r.data.phone);
    return r;
  }, null);
  const [confirmed, confirmAction, confirming] = useActionState(async (prev: ActionResult | null, form: FormData) => {
    const r = await confirm(prev, form);
    if (r.ok) {
      setOpen(false);
      setPhone(null);
    }
    return r;
  }, null);
  const error = (r: ActionResult<unknown> | null) =>
    r && !r.ok ? (
      <p role="alert" className="text-sm text-red-700">
        {r.error}
      </p>
    ) : null;
  return (
    <div>
      {confirmed?.ok && confirmed.message && (
        <p role="status" className="mb-2 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
          {confirmed.message}
        </p>
      )}
      {!open ? (
        <button type="button" className={buttonClass("secondary", "lg")} onClick={() => setOpen(true)}>
          {t("cabinet.profile.changePhone")}
        </button>
      ) : !phone ? (
        <form action={sendAction} noValidate className="space-y-3 rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200">
          <div>
            <label htmlFor="new-phone" className="block text-sm font-medium text-slate-800">
              {t("cabinet.profile.newPhone")}
            </label>
            <input id="new-phone" name="phone" type="tel" inputMode="tel" autoComplete="tel" required className={`mt-1 ${controlClass("lg")}`} />
          </div>
          {error(sent)}
          <div className="flex flex-wrap gap-2">
            <button type="submit" disabled={sending} className={buttonClass("primary", "lg")}>
              {sending ? t("cabinet.loading") : t("cabinet.profile.sendCode")}
            </button>
            <button type="button" onClick={() => setOpen(false)} className={buttonClass("ghost", "lg")}>
              {t("cabinet.catalog.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <form action={confirmAction} noValidate className="space-y-3 rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200">
          {sent?.ok && sent.message && (
            <p role="status" className="text-sm text-slate-700">
              {sent.message}
            </p>
          )}
          <input type="hidden" name="phone" value={phone} />
          <div>
            <label htmlFor="phone-code" className="block text-sm font-medium text-slate-800">
              {t("cabinet.profile.code")}
            </label>
            <input id="phone-code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required className={`mt-1 ${controlClass("lg")} font-mono tracking-[0.4em]`} />
          </div>
          {error(confirmed)}
          <div className="flex flex-wrap gap-2">
            <button type="submit" disabled={confirming} className={buttonClass("primary", "lg")}>
              {confirming ? t("cabinet.loading") : t("cabinet.profile.confirm")}
            </button>
            <button
              type="button"
              onClick={() => {
                setPhone(null);
                setOpen(false);
              }}
              className={buttonClass("ghost", "lg")}
            >
              {t("cabinet.catalog.cancel")}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
