"use client";
// Issue a POS key (shown once, with a copy button), approve a partner's key, and revoke keys.
import { useState } from "react";
import { ActionButton, ActionForm, SubmitButton } from "@/components/admin/action-form";
import { TextField } from "@/components/admin/form-field";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/admin/toast";
import { useT } from "@/lib/i18n/client";
import { approveKeyAction, issueKeyAction, revokeKeyAction } from "./actions";

export function IssueKeyForm({ storeId }: { storeId: string }) {
  const t = useT();
  const [key, setKey] = useState<string | null>(null);
  const toast = useToast();
  if (key) {
    return (
      <div role="status" className="space-y-3 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200">
        <p className="text-sm font-medium text-amber-900">{t("console.stores.shownOnce")}</p>
        <code data-testid="new-key" className="block select-all break-all rounded-lg bg-white px-3 py-2 font-mono text-sm ring-1 ring-amber-200">
          {key}
        </code>
        <div className="flex gap-2">
          <Button
            size="sm"
            onClick={() => {
              void navigator.clipboard?.writeText(key).then(() => toast(t("console.stores.copied"), "info"));
            }}
          >
            {t("console.stores.copy")}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setKey(null)}>
            {t("console.stores.keyDone")}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <ActionForm
      action={issueKeyAction}
      className="flex flex-col gap-3 sm:flex-row sm:items-end"
      aria-label={t("console.stores.issueKey")}
      onSuccess={(r) => setKey((r.data as { key: string } | undefined)?.key ?? null)}
    >
      <input type="hidden" name="storeId" value={storeId} />
      <TextField className="flex-1" label={t("console.stores.keyName")} name="name" required maxLength={100} placeholder={t("console.stores.keyNamePlaceholder")} />
      <SubmitButton>{t("console.stores.issueKey")}</SubmitButton>
    </ActionForm>
  );
}

export function RevokeKeyButton({ terminalId, storeId, label }: { terminalId: string; storeId: string; label: string }) {
  const t = useT();
  return (
    <ActionButton
      action={revokeKeyAction}
      fields={{ terminalId, storeId }}
      variant="danger"
      confirm={{ title: t("console.stores.revokeTitle", { name: label }), text: t("console.stores.revokeText"), confirmLabel: t("console.stores.revoke") }}
    >
      {t("console.stores.revoke")}
    </ActionButton>
  );
}

export function ApproveKeyButton({ terminalId, storeId }: { terminalId: string; storeId: string }) {
  const t = useT();
  return (
    <ActionButton action={approveKeyAction} fields={{ terminalId, storeId }}>
      {t("console.stores.approve")}
    </ActionButton>
  );
}
