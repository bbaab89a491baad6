"use client";
// Create or edit a store: code, name, partner, time zone, tags.
import { ActionForm, SubmitButton, type FormAction } from "@/components/admin/action-form";
import { SelectField, TextField } from "@/components/admin/form-field";

export interface StoreFormText {
  code: string;
  codeHint: string;
  name: string;
  partner: string;
  noPartner: string;
  timezone: string;
  timezoneHint: string;
  tags: string;
  tagsHint: string;
  submit: string;
}

export function StoreForm<T>({
  action,
  partners,
  store,
  text,
  readOnly,
}: {
  action: FormAction<T>;
  partners: { id: string; name: string }[];
  store?: { id: string; code: string; name: string; partnerId: string | null; timezone: string; tags: string[] };
  text: StoreFormText;
  readOnly?: boolean;
}) {
  return (
    <ActionForm action={action} className="space-y-4" aria-label={text.submit}>
      {store && <input type="hidden" name="storeId" value={store.id} />}
      <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
        <TextField label={text.code} name="code" required defaultValue={store?.code} hint={text.codeHint} pattern="[A-Za-z0-9][A-Za-z0-9_\-]*" maxLength={40} />
        <TextField label={text.name} name="name" required defaultValue={store?.name} maxLength={120} />
        <SelectField
          label={text.partner}
          name="partnerId"
          defaultValue={store?.partnerId ?? ""}
          options={[{ value: "", label: text.noPartner }, ...partners.map((p) => ({ value: p.id, label: p.name }))]}
        />
        <TextField label={text.timezone} name="timezone" required defaultValue={store?.timezone ?? "Europe/Moscow"} hint={text.timezoneHint} list="tz-list" />
        <TextField className="sm:col-span-2" label={text.tags} name="tags" defaultValue={store?.tags.join(", ")} hint={text.tagsHint} />
      </fieldset>
      <datalist id="tz-list">
        {[
          "Europe/Moscow",
          "Europe/Kaliningrad",
          "Europe/Samara",
          "Asia/Yekaterinburg",
          "Asia/Omsk",
          "Asia/Novosibirsk",
          "Asia/Krasnoyarsk",
          "Asia/Irkutsk",
          "Asia/Yakutsk",
          "Asia/Vladivostok",
          "Asia/Magadan",
          "Asia/Kamchatka",
          "UTC",
        ].map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {!readOnly && <SubmitButton>{text.submit}</SubmitButton>}
    </ActionForm>
  );
}
