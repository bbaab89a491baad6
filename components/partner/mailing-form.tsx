"use client";
// The partner's mailing editor: a name, the channel, who gets it (all its customers, or the
// customers of the stores ticked) and the text in Russian (English optional). A draft; "Send now"
// is a separate button on the mailing's page.
import { useState } from "react";
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { SelectField, TextAreaField, TextField } from "@/components/admin/form-field";
import { Panel } from "@/components/ui/card";
import { useT } from "@/lib/i18n/client";
import { savePartnerMailingAction } from "@/app/partner/mailings/actions";
import { StoreCheckboxes } from "./store-checkboxes";

export interface MailingDraft {
  id?: string;
  name: string;
  channel: "email" | "sms";
  groupId: string;
  stores: string[];
  subjectRu: string;
  bodyRu: string;
  subjectEn: string;
  bodyEn: string;
}

export function PartnerMailingForm({
  stores,
  groups,
  initial,
  audience,
}: {
  stores: { code: string; name: string }[];
  groups: { id: string; name: string }[];
  initial?: MailingDraft;
  audience?: string;
}) {
  const t = useT();
  const [channel, setChannel] = useState<"email" | "sms">(initial?.channel ?? "email");
  return (
    <ActionForm action={savePartnerMailingAction} className="space-y-6" aria-label={initial?.id ? initial.name : t("partner.mail.new")}>
      <input type="hidden" name="id" value={initial?.id ?? ""} />
      <Panel>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("partner.mail.f.name")} name="name" defaultValue={initial?.name} required maxLength={120} />
          <SelectField
            label={t("partner.mail.f.channel")}
            name="channel"
            value={channel}
            onChange={(e) => setChannel(e.target.value as "email" | "sms")}
            options={[
              { value: "email", label: t("partner.mail.channel.email") },
              { value: "sms", label: t("partner.mail.channel.sms") },
            ]}
          />
          <SelectField
            label={t("partner.mail.f.audience")}
            name="groupId"
            defaultValue={initial?.groupId ?? ""}
            options={[{ value: "", label: t("partner.mail.f.allCustomers") }, ...groups.map((g) => ({ value: g.id, label: t("partner.mail.f.group", { name: g.name }) }))]}
            className="sm:col-span-2"
          />
          <div className="sm:col-span-2">
            <StoreCheckboxes legend={t("partner.mail.f.stores")} hint={t("partner.mail.f.storesHint")} stores={stores} checked={initial?.stores ?? []} />
            {audience && (
              <p className="mt-2 text-sm font-medium text-slate-700" data-testid="mailing-audience">
                {audience}
              </p>
            )}
          </div>
        </div>
      </Panel>
      <Panel>
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="space-y-4">
            {channel === "email" && <TextField label={t("partner.mail.f.subjectRu")} name="subjectRu" defaultValue={initial?.subjectRu} maxLength={150} required />}
            <TextAreaField
              label={t("partner.mail.f.bodyRu")}
              name="bodyRu"
              defaultValue={initial?.bodyRu}
              rows={6}
              required
              maxLength={channel === "sms" ? 480 : 4000}
              hint={t("partner.mail.f.bodyHint")}
            />
          </div>
          <div className="space-y-4">
            {channel === "email" && <TextField label={t("partner.mail.f.subjectEn")} name="subjectEn" defaultValue={initial?.subjectEn} maxLength={150} />}
            <TextAreaField label={t("partner.mail.f.bodyEn")} name="bodyEn" defaultValue={initial?.bodyEn} rows={6} maxLength={channel === "sms" ? 480 : 4000} />
          </div>
        </div>
      </Panel>
      <div className="flex justify-end">
        <SubmitButton>{t("partner.mail.save")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
