"use client";
// The console's own key control: approve a key a partner manager issued (issuing and revoking are
// the shared components/shell/terminal-keys.tsx).
import { ActionButton } from "@/components/admin/action-form";
import { useT } from "@/lib/i18n/client";
import { approveKeyAction } from "./actions";

export function ApproveKeyButton({ terminalId, storeId }: { terminalId: string; storeId: string }) {
  const t = useT();
  return (
    <ActionButton action={approveKeyAction} fields={{ terminalId, storeId }}>
      {t("console.stores.approve")}
    </ActionButton>
  );
}
