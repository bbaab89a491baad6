"use client";
// The "Anonymise" button of one deletion request, with a confirmation first.
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { useT } from "@/lib/i18n/client";
import { anonymiseAction } from "./actions";

export function AnonymiseForm({ customerId, who }: { customerId: string; who: string }) {
  const t = useT();
  const submit = t("console.deletion.anonymise");
  return (
    <ActionForm
      action={anonymiseAction}
      aria-label={`${submit}: ${who}`}
      confirm={{ title: t("console.deletion.confirmTitle"), text: t("console.deletion.confirmText"), confirmLabel: submit, danger: true }}
    >
      <input type="hidden" name="customerId" value={customerId} />
      <SubmitButton variant="danger" size="sm">
        {submit}
      </SubmitButton>
    </ActionForm>
  );
}
