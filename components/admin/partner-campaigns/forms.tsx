"use client";
// The owner's controls on partners' campaigns: the decision on one waiting version (a note, then
// Approve or Reject — a rejection needs the note), and one partner's bounds.
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { CheckboxField, TextAreaField, TextField } from "@/components/admin/form-field";
import { useT } from "@/lib/i18n/client";
import type { CampaignBounds, PartnerEffect } from "@/lib/partner/campaigns/bounds";
import { decideReviewAction, saveBoundsAction } from "@/app/admin/partner-campaigns/actions";

export function ReviewDecision({ reviewId, name }: { reviewId: string; name: string }) {
  const t = useT();
  return (
    <ActionForm action={decideReviewAction} className="space-y-2" aria-label={name}>
      <input type="hidden" name="reviewId" value={reviewId} />
      <TextAreaField label={t("console.pcmp.note")} name="note" rows={2} maxLength={500} placeholder={t("console.pcmp.notePlaceholder")} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="decision" value="approve" size="sm">
          {t("console.pcmp.approve")}
        </SubmitButton>
        <SubmitButton name="decision" value="reject" size="sm" variant="dangerSoft">
          {t("console.pcmp.reject")}
        </SubmitButton>
      </div>
    </ActionForm>
  );
}

export function BoundsForm({
  partnerId,
  partnerName,
  bounds,
  effects,
  currency,
}: {
  partnerId: string;
  partnerName: string;
  bounds: CampaignBounds;
  effects: readonly PartnerEffect[];
  currency: string;
}) {
  const t = useT();
  return (
    <ActionForm action={saveBoundsAction} className="space-y-4" aria-label={`${t("console.pcmp.bounds")}: ${partnerName}`}>
      <input type="hidden" name="partnerId" value={partnerId} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("console.pcmp.effects")}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {effects.map((e) => (
            <label key={e} className="flex items-start gap-2 text-sm text-slate-800">
              <input type="checkbox" name="effectTypes" value={e} defaultChecked={bounds.effectTypes.includes(e)} className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600" />
              <span>{t(`partner.cmp.effect.${e}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label={t("console.pcmp.maxPercent")} name="maxPercent" type="number" step="0.01" min="0" max="100" defaultValue={String(bounds.maxPercent)} required />
        <TextField
          label={t("console.pcmp.maxBudgetMoney", { currency })}
          name="maxBudgetMoney"
          type="number"
          step="0.01"
          min="0"
          defaultValue={bounds.maxBudgetMoney === null ? "" : String(bounds.maxBudgetMoney / 100)}
        />
        <TextField label={t("console.pcmp.maxBudgetPoints")} name="maxBudgetPoints" type="number" min="0" defaultValue={bounds.maxBudgetPoints === null ? "" : String(bounds.maxBudgetPoints)} />
      </div>
      <CheckboxField label={t("console.pcmp.requireApproval")} name="requireApproval" defaultChecked={bounds.requireApproval} />
      <SubmitButton size="sm">{t("console.pcmp.saveBounds")}</SubmitButton>
    </ActionForm>
  );
}
