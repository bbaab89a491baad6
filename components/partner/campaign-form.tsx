"use client";
// The partner's campaign editor: the reward (only the types the owner allows), when and where
// (only the partner's own stores), what qualifies, and limits. Posts the form as it is; the server
// turns it into a promotion definition, checks the owner's bounds and answers with errors by field.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { SelectField, TextAreaField, TextField } from "@/components/admin/form-field";
import { Panel } from "@/components/ui/card";
import { useT } from "@/lib/i18n/client";
import type { PartnerEffect } from "@/lib/partner/campaigns/bounds";
import { savePartnerCampaignAction } from "@/app/partner/campaigns/actions";
import { StoreCheckboxes } from "./store-checkboxes";

export type CampaignFormValues = Partial<Record<string, string | string[]>>;

export function PartnerCampaignForm({
  code,
  effects,
  stores,
  currency,
  requireApproval,
  initial,
}: {
  /** The campaign being changed; absent for a new one. */
  code?: string;
  effects: PartnerEffect[];
  stores: { code: string; name: string }[];
  currency: string;
  requireApproval: boolean;
  initial?: CampaignFormValues;
}) {
  const t = useT();
  const router = useRouter();
  const v = (k: string) => (typeof initial?.[k] === "string" ? (initial[k] as string) : "");
  const [effect, setEffect] = useState<string>(v("effect") || effects[0] || "percentOff");
  const [trigger, setTrigger] = useState<string>(v("trigger") || "auto");
  const money = effect === "percentOff" || effect === "amountOff" || effect === "buyXgetY";
  return (
    <ActionForm
      action={savePartnerCampaignAction}
      className="space-y-6"
      aria-label={code ? t("partner.cmp.edit") : t("partner.cmp.new")}
      onSuccess={(r) => {
        const saved = r.data as { code: string } | undefined;
        if (saved) router.push(`/partner/campaigns/${saved.code}`);
      }}
    >
      <input type="hidden" name="code" value={code ?? ""} />
      <Panel title={t("partner.cmp.f.sectionReward")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("partner.cmp.f.name")} name="name" defaultValue={v("name")} required maxLength={120} className="sm:col-span-2" />
          <TextAreaField label={t("partner.cmp.f.description")} name="description" defaultValue={v("description")} maxLength={300} rows={2} className="sm:col-span-2" />
          <SelectField
            label={t("partner.cmp.f.effect")}
            name="effect"
            value={effect}
            onChange={(e) => setEffect(e.target.value)}
            options={effects.map((e) => ({ value: e, label: t(`partner.cmp.effect.${e}`) }))}
          />
          {(effect === "percentOff" || effect === "buyXgetY") && (
            <TextField label={t("partner.cmp.f.percent")} name="percent" type="number" step="0.01" min="0" max="100" defaultValue={v("percent")} required={effect === "percentOff"} />
          )}
          {effect === "amountOff" && <TextField label={t("partner.cmp.f.amount", { currency })} name="amount" type="number" step="0.01" min="0" defaultValue={v("amount")} required />}
          {effect === "buyXgetY" && (
            <>
              <TextField label={t("partner.cmp.f.buy")} name="buy" type="number" min="1" defaultValue={v("buy")} required />
              <TextField label={t("partner.cmp.f.get")} name="get" type="number" min="1" defaultValue={v("get")} required />
            </>
          )}
          {(effect === "bonusPoints" || effect === "promoAccount") && (
            <TextField label={t("partner.cmp.f.points")} name="points" type="number" min="1" defaultValue={v("points")} required={effect === "promoAccount"} />
          )}
          {effect === "bonusPoints" && (
            <TextField label={t("partner.cmp.f.percent")} name="percent" type="number" step="0.01" min="0" max="100" defaultValue={v("percent")} hint={t("partner.cmp.err.pointsOrPercent")} />
          )}
          {effect === "promoAccount" && <TextField label={t("partner.cmp.f.expiresInDays")} name="expiresInDays" type="number" min="1" defaultValue={v("expiresInDays")} />}
          <SelectField
            label={t("partner.cmp.f.trigger")}
            name="trigger"
            value={trigger}
            onChange={(e) => setTrigger(e.target.value)}
            options={[
              { value: "auto", label: t("partner.cmp.f.trigger.auto") },
              { value: "code", label: t("partner.cmp.f.trigger.code") },
            ]}
          />
          {trigger === "code" && (
            <>
              <TextField label={t("partner.cmp.f.sharedCode")} name="sharedCode" defaultValue={v("sharedCode")} hint={t("partner.cmp.f.sharedCodeHint")} maxLength={64} />
              <TextField label={t("partner.cmp.f.uniqueCount")} name="uniqueCount" type="number" min="1" defaultValue={v("uniqueCount") || "100"} />
            </>
          )}
        </div>
      </Panel>
      <Panel title={t("partner.cmp.f.sectionWhen")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("partner.cmp.f.from")} name="from" type="date" defaultValue={v("from")} required />
          <TextField label={t("partner.cmp.f.to")} name="to" type="date" defaultValue={v("to")} />
          <div className="sm:col-span-2">
            <StoreCheckboxes legend={t("partner.cmp.f.stores")} hint={t("partner.cmp.f.storesHint")} stores={stores} checked={Array.isArray(initial?.stores) ? initial.stores : []} />
          </div>
        </div>
      </Panel>
      <Panel title={t("partner.cmp.f.sectionWhat")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("partner.cmp.f.categories")} name="categories" defaultValue={v("categories")} hint={t("partner.cmp.f.itemsHint")} />
          <TextField label={t("partner.cmp.f.skus")} name="skus" defaultValue={v("skus")} />
          <TextField label={t("partner.cmp.f.minAmount", { currency })} name="minAmount" type="number" step="0.01" min="0" defaultValue={v("minAmount")} />
        </div>
      </Panel>
      <Panel title={t("partner.cmp.f.sectionLimits")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("partner.cmp.f.perCustomer")} name="perCustomer" type="number" min="1" defaultValue={v("perCustomer")} />
          {money ? (
            <TextField label={t("partner.cmp.f.budgetMoney", { currency })} name="budgetMoney" type="number" step="0.01" min="0" defaultValue={v("budgetMoney")} />
          ) : (
            <TextField label={t("partner.cmp.f.budgetPoints")} name="budgetPoints" type="number" min="0" defaultValue={v("budgetPoints")} />
          )}
        </div>
      </Panel>
      <div className="flex justify-end">
        <SubmitButton>{requireApproval ? t("partner.cmp.submit") : t("partner.cmp.save")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
