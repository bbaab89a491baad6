"use client";
// Issue a POS key (shown once, with a copy button), approve a partner's key, and revoke keys.
import { useState } from "react";
import { ActionButton, ActionForm, SubmitButton } from "@/components/admin/action-form";
import { TextField } from "@/components/admin/form-field";
import { Button } from "@/components/admin/button";
import { useToast } from "@/components/admin/toast";
import { approveKeyAction, issueKeyAction, revokeKeyAction } from "./actions";

export interface KeyText {
  name: string;
  namePlaceholder: string;
  issue: string;
  shownOnce: string;
  copy: string;
  copied: string;
  done: string;
  revoke: string;
  revokeTitle: string;
  revokeText: string;
  approve: string;
}

export function IssueKeyForm({ storeId, text }: { storeId: string; text: KeyText }) {
  const [key, setKey] = useState<string | null>(null);
  const toast = useToast();
  if (key) {
    return (
      <div role="status" className="space-y-3 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200">
        <p className="text-sm font-medium text-amber-900">{text.shownOnce}</p>
        <code data-testid="new-key" className="block select-all break-all rounded-lg bg-white px-3 py-2 font-mono text-sm ring-1 ring-amber-200">
          {key}
        </code>
        <div className="flex gap-2">
          <Button
            size="sm"
            onClick={() => {
              void navigator.clipboard?.writeText(key).then(() => toast(text.copied, "info"));
            }}
          >
            {text.copy}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setKey(null)}>
            {text.done}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <ActionForm
      action={issueKeyAction}
      className="flex flex-col gap-3 sm:flex-row sm:items-end"
      aria-label={text.issue}
      onSuccess={(r) => setKey((r.data as { key: string } | undefined)?.key ?? null)}
    >
      <input type="hidden" name="storeId" value={storeId} />
      <TextField className="flex-1" label={text.name} name="name" required maxLength={100} placeholder={text.namePlaceholder} />
      <SubmitButton>{text.issue}</SubmitButton>
    </ActionForm>
  );
}

export function RevokeKeyButton({ terminalId, storeId, label, text }: { terminalId: string; storeId: string; label: string; text: KeyText }) {
  return (
    <ActionButton
      action={revokeKeyAction}
      fields={{ terminalId, storeId }}
      variant="danger"
      confirm={{ title: text.revokeTitle.replace("{name}", label), text: text.revokeText, confirmLabel: text.revoke }}
    >
      {text.revoke}
    </ActionButton>
  );
}

export function ApproveKeyButton({ terminalId, storeId, text }: { terminalId: string; storeId: string; text: KeyText }) {
  return (
    <ActionButton action={approveKeyAction} fields={{ terminalId, storeId }}>
      {text.approve}
    </ActionButton>
  );
}
