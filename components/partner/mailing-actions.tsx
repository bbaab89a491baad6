"use client";
// Send a draft mailing now (after a confirmation), or stop one that is still being queued.
import { ActionButton } from "@/components/admin/action-form";
import { useT } from "@/lib/i18n/client";
import { cancelPartnerMailingAction, sendPartnerMailingAction } from "@/app/partner/mailings/actions";

export function MailingSendActions({ id, name, status }: { id: string; name: string; status: string }) {
  const t = useT();
  return (
    <>
      <span hidden={status !== "draft"}>
        <ActionButton action={sendPartnerMailingAction} fields={{ id }} size="md" variant="primary" confirm={{ title: t("partner.mail.sendConfirm", { name }), confirmLabel: t("partner.mail.send") }}>
          {t("partner.mail.send")}
        </ActionButton>
      </span>
      <span hidden={status !== "scheduled" && status !== "sending"}>
        <ActionButton action={cancelPartnerMailingAction} fields={{ id }} size="md" variant="danger">
          {t("partner.mail.cancel")}
        </ActionButton>
      </span>
    </>
  );
}
