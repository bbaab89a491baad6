"use client";
// The partner's new earn rate: a percent within the owner's range (the server checks it again).
import { ActionForm, SubmitButton, type FormAction } from "@/components/admin/action-form";
import { TextField } from "@/components/admin/form-field";
import { useT } from "@/lib/i18n/client";

export function RateForm({ action, current, min, max }: { action: FormAction; current: number; min: number; max: number }) {
  const t = useT();
  return (
    <ActionForm action={action} aria-label={t("partner.rate.change")} className="flex flex-wrap items-end gap-3">
      <TextField
        label={t("partner.rate.new")}
        name="rate"
        inputMode="decimal"
        defaultValue={String(current)}
        hint={t("partner.rate.boundsValue", { min, max })}
        required
        maxLength={16}
        className="w-48"
      />
      <SubmitButton>{t("partner.rate.change")}</SubmitButton>
    </ActionForm>
  );
}
