"use client";
// Issue a POS key for one of the partner's stores (shown once, with a copy button) and revoke keys.
import { useState } from "react";
import { ActionButton, ActionForm, SubmitButton, type FormAction } from "@/components/admin/action-form";
import { TextField } from "@/components/admin/form-field";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/admin/toast";
import { useT } from "@/lib/i18n/client";

export function IssuePartnerKeyForm({ storeId, action }: { storeId: string; action: FormAction<{ key: string; terminalId: string }> }) {
  const t = useT();
  const [key, setKey] = useState<string | null>(null);
  const toast = useToast();
  if (key) {
    return (
      <div role="status" className="space-y-3 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200">
        <p className="text-sm font-medium text-amber-900">{t("partner.keys.shownOnce")}</p>
        <code data-testid="new-key" className="block select-all break-all rounded-lg bg-white px-3 py-2 font-mono text-sm ring-1 ring-amber-200">
          {key}
        </code>
        <div className="flex gap-2">
          <Button size="sm" onClick={() => void navigator.clipboard?.writeText(key).then(() => toast(t("partner.keys.copied"), "info"))}>
            {t("partner.keys.copy")}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setKey(null)}>
            {t("partner.keys.done")}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <ActionForm action={action} resetOnSuccess className="flex flex-col gap-3 sm:flex-row sm:items-end" aria-label={t("partner.keys.issue")} onSuccess={(r) => setKey(r.data?.key ?? null)}>
      <input type="hidden" name="storeId" value={storeId} />
      <TextField className="flex-1" label={t("partner.keys.name")} name="name" required maxLength={100} placeholder={t("partner.keys.namePlaceholder")} />
      <SubmitButton>{t("partner.keys.issue")}</SubmitButton>
    </ActionForm>
  );
}

export function RevokePartnerKeyButton({ terminalId, label, action }: { terminalId: string; label: string; action: FormAction }) {
  const t = useT();
  return (
    <ActionButton
      action={action}
      fields={{ terminalId }}
      variant="danger"
      confirm={{ title: t("partner.keys.revokeTitle", { name: label }), text: t("partner.keys.revokeText"), confirmLabel: t("partner.keys.revoke") }}
    >
      {t("partner.keys.revoke")}
    </ActionButton>
  );
}
