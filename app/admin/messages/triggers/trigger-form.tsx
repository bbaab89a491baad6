"use client";
// One triggered message's form: on/off, channel, subject and text in both languages, and the
// kind's own settings. Analysts see it read-only.
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/admin/form-field";
import type { TriggerView } from "@/lib/communications/console";
import { useT } from "@/lib/i18n/client";
import { saveTriggerAction } from "./actions";

export function TriggerForm({ trigger, placeholders, promotions, canEdit }: { trigger: TriggerView; placeholders: string[]; promotions: { code: string; label: string }[]; canEdit: boolean }) {
  const t = useT();
  const k = trigger.kind;
  const s = trigger.settings;
  return (
    <ActionForm action={saveTriggerAction} aria-label={t(`console.msg.kind.${k}`)} className="space-y-4">
      <fieldset disabled={!canEdit} className="space-y-4">
        <input type="hidden" name="kind" value={k} />
        <div className="flex flex-wrap items-end gap-6">
          <CheckboxField label={t("console.msg.tr.switch")} name="enabled" defaultChecked={trigger.enabled} />
          <SelectField
            label={t("console.msg.tr.channel")}
            name="channel"
            defaultValue={trigger.channel}
            options={[
              { value: "email", label: t("console.msg.channel.email") },
              { value: "sms", label: t("console.msg.channel.sms") },
            ]}
          />
          {k === "lapsed" && <TextField label={t("console.msg.tr.days")} name="days" type="number" min={7} max={730} defaultValue={s.days} />}
          {k === "points_expiring" && <TextField label={t("console.msg.tr.withinDays")} name="withinDays" type="number" min={1} max={60} defaultValue={s.withinDays} />}
          {k === "birthday" && (
            <>
              <SelectField
                label={t("console.msg.tr.promotion")}
                name="promotion"
                hint={t("console.msg.tr.promotionHint")}
                defaultValue={s.promotion ?? ""}
                placeholder={t("console.msg.tr.noPromotion")}
                options={promotions.map((p) => ({ value: p.code, label: p.label }))}
              />
              <TextField label={t("console.msg.tr.validDays")} name="validDays" type="number" min={1} max={365} defaultValue={s.validDays} />
            </>
          )}
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          <TextField label={t("console.msg.tr.subjectRu")} name="subjectRu" defaultValue={trigger.subject.ru} required maxLength={200} />
          <TextField label={t("console.msg.tr.subjectEn")} name="subjectEn" defaultValue={trigger.subject.en} required maxLength={200} />
          <TextAreaField label={t("console.msg.tr.bodyRu")} name="bodyRu" defaultValue={trigger.body.ru} required rows={4} maxLength={2000} />
          <TextAreaField label={t("console.msg.tr.bodyEn")} name="bodyEn" defaultValue={trigger.body.en} required rows={4} maxLength={2000} />
        </div>
        <p className="text-xs text-slate-600">{t("console.msg.tr.placeholders", { list: placeholders.map((p) => `{${p}}`).join(", ") })}</p>
      </fieldset>
      {canEdit ? <SubmitButton>{t("console.msg.tr.save")}</SubmitButton> : null}
    </ActionForm>
  );
}
