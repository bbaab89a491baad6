"use client";
// Create or edit a store: code, name, partner, time zone, tags.
import { ActionForm, SubmitButton, type FormAction } from "@/components/admin/action-form";
import { SelectField, TextField } from "@/components/admin/form-field";
import { useT } from "@/lib/i18n/client";

export function StoreForm<T>({
  action,
  partners,
  store,
  readOnly,
}: {
  action: FormAction<T>;
  partners: { id: string; name: string }[];
  store?: { id: string; code: string; name: string; partnerId: string | null; timezone: string; tags: string[] };
  readOnly?: boolean;
}) {
  const t = useT();
  const submit = store ? t("console.common.save") : t("console.common.create");
  return (
    <ActionForm action={action} className="space-y-4" aria-label={submit}>
      {store && <input type="hidden" name="storeId" value={store.id} />}
      <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("console.stores.code")} name="code" required defaultValue={store?.code} hint={t("console.stores.codeHint")} pattern="[A-Za-z0-9][A-Za-z0-9_\-]*" maxLength={40} />
        <TextField label={t("console.stores.name")} name="name" required defaultValue={store?.name} maxLength={120} />
        <SelectField
          label={t("console.stores.partner")}
          name="partnerId"
          defaultValue={store?.partnerId ?? ""}
          options={[{ value: "", label: t("console.stores.noPartner") }, ...partners.map((p) => ({ value: p.id, label: p.name }))]}
        />
        <TextField label={t("console.stores.timezone")} name="timezone" required defaultValue={store?.timezone ?? "Europe/Moscow"} hint={t("console.stores.timezoneHint")} list="tz-list" />
        <TextField className="sm:col-span-2" label={t("console.stores.tags")} name="tags" defaultValue={store?.tags.join(", ")} hint={t("console.stores.tagsHint")} />
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
      {!readOnly && <SubmitButton>{submit}</SubmitButton>}
    </ActionForm>
  );
}
