"use client";
// Email and SMS consents: two switches and a save button.
import type { ActionResult } from "@/lib/actions/result";
import { useT } from "@/lib/i18n/client";
import { CabinetForm, Submit } from "./form";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function ConsentsForm({ action, email, sms }: { action: Action; email: boolean; sms: boolean }) {
  const t = useT();
  const row = "flex min-h-12 cursor-pointer items-center justify-between gap-4 rounded-xl px-1 py-2";
  const box = "peer size-5 shrink-0 rounded border-slate-300 accent-[var(--brand)]";
  return (
    <CabinetForm action={action} className="space-y-2" aria-label={t("cabinet.profile.save")}>
      <label className={row}>
        <span className="text-sm font-medium text-slate-800">{t("cabinet.profile.consentEmail")}</span>
        <input type="checkbox" name="emailConsent" defaultChecked={email} className={box} />
      </label>
      <label className={row}>
        <span className="text-sm font-medium text-slate-800">{t("cabinet.profile.consentSms")}</span>
        <input type="checkbox" name="smsConsent" defaultChecked={sms} className={box} />
      </label>
      <Submit variant="secondary">{t("cabinet.profile.save")}</Submit>
    </CabinetForm>
  );
}
