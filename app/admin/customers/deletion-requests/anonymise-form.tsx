"use client";
// The "Anonymise" button of one deletion request, with a confirmation first.
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { anonymiseAction } from "./actions";

export function AnonymiseForm({ customerId, text }: { customerId: string; text: { submit: string; confirmTitle: string; confirmText: string; label: string } }) {
  return (
    <ActionForm action={anonymiseAction} aria-label={text.label} confirm={{ title: text.confirmTitle, text: text.confirmText, confirmLabel: text.submit, danger: true }}>
      <input type="hidden" name="customerId" value={customerId} />
      <SubmitButton variant="danger" size="sm">
        {text.submit}
      </SubmitButton>
    </ActionForm>
  );
}
