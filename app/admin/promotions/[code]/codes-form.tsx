"use client";
// Generate a batch of unique codes from the promotion's pattern; the CSV has every code.
import { useState } from "react";
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { TextField } from "@/components/admin/form-field";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatNumber } from "@/lib/i18n/format";
import { generateCodesAction } from "../actions";

export function CodesForm({ code, max }: { code: string; max: number }) {
  const t = useT();
  const locale = useLocale();
  const [sample, setSample] = useState<string[]>([]);
  return (
    <div className="space-y-3">
      <ActionForm
        action={generateCodesAction}
        className="flex flex-wrap items-end gap-3"
        aria-label={t("console.promo.codes.generate")}
        onSuccess={(r) => setSample((r.data as { sample?: string[] } | undefined)?.sample ?? [])}
      >
        <input type="hidden" name="code" value={code} />
        <TextField
          label={t("console.promo.codes.count")}
          name="count"
          type="number"
          min={1}
          max={max}
          defaultValue="100"
          required
          className="w-40"
          hint={t("console.promo.codes.countHint", { max: formatNumber(locale, max) })}
        />
        <SubmitButton>{t("console.promo.codes.generate")}</SubmitButton>
      </ActionForm>
      {sample.length > 0 && (
        <p className="text-sm text-slate-700" data-testid="codes-sample">
          {t("console.promo.codes.sample")} <code className="font-mono">{sample.join(", ")}</code>
        </p>
      )}
    </div>
  );
}
