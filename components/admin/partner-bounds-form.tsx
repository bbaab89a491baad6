"use client";
// The owner's range for a partner's own earn rate (percents; the server validates again).
import { ActionForm, SubmitButton, type FormAction } from "./action-form";
import { TextField } from "./form-field";
import { useT } from "@/lib/i18n/client";

export function PartnerBoundsForm({ action, partnerId, min, max }: { action: FormAction; partnerId: string; min: number | null; max: number | null }) {
  const t = useT();
  return (
    <ActionForm action={action} aria-label={t("console.partners.boundsTitle")} className="space-y-3">
      <input type="hidden" name="partnerId" value={partnerId} />
      <div className="grid grid-cols-2 gap-3">
        <TextField label={t("console.partners.min")} name="min" inputMode="decimal" defaultValue={min === null ? "" : String(min)} required maxLength={16} />
        <TextField label={t("console.partners.max")} name="max" inputMode="decimal" defaultValue={max === null ? "" : String(max)} required maxLength={16} />
      </div>
      <SubmitButton>{t("console.partners.saveBounds")}</SubmitButton>
    </ActionForm>
  );
}
