"use client";
// A till's processing-API key, the same in the console and the partner portal: issue one for a
// store (shown once, with a copy button) and revoke one. The page passes its own server actions
// and the hidden fields they take; the console adds "approve" for keys a partner issued.
import { useState } from "react";
import { ActionButton, ActionForm, SubmitButton, type FormAction } from "@/components/admin/action-form";
import { TextField } from "@/components/admin/form-field";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { useT } from "@/lib/i18n/client";

export function IssueKeyForm({ action, fields }: { action: FormAction<{ key: string; terminalId: string }>; fields: Record<string, string> }) {
  const t = useT();
  const [key, setKey] = useState<string | null>(null);
  if (key) {
    return (
      <OneTimeSecret
        label={t("console.common.keys.shownOnce")}
        value={key}
        testId="new-key"
        copy={{ label: t("console.common.keys.copy"), copied: t("console.common.keys.copied") }}
        onDone={() => setKey(null)}
        doneLabel={t("console.common.done")}
      />
    );
  }
  return (
    <ActionForm action={action} resetOnSuccess className="flex flex-col gap-3 sm:flex-row sm:items-end" aria-label={t("console.common.keys.issue")} onSuccess={(r) => setKey(r.data?.key ?? null)}>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <TextField className="flex-1" label={t("console.common.keys.name")} name="name" required maxLength={100} placeholder={t("console.common.keys.namePlaceholder")} />
      <SubmitButton>{t("console.common.keys.issue")}</SubmitButton>
    </ActionForm>
  );
}

export function RevokeKeyButton({ action, fields, label }: { action: FormAction; fields: Record<string, string>; label: string }) {
  const t = useT();
  return (
    <ActionButton
      action={action}
      fields={fields}
      variant="danger"
      confirm={{ title: t("console.common.keys.revokeTitle", { name: label }), text: t("console.common.keys.revokeText"), confirmLabel: t("console.common.keys.revoke"), danger: true }}
    >
      {t("console.common.keys.revoke")}
    </ActionButton>
  );
}
