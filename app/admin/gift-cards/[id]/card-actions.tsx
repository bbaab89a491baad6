"use client";
// Block / unblock a certificate (confirmed, audited by the server action).
import { ActionButton } from "@/components/admin/action-form";
import { useT } from "@/lib/i18n/client";
import { blockGiftCardAction, unblockGiftCardAction } from "../actions";

export function GiftCardActions({ id, number, canBlock, canUnblock }: { id: string; number: string; canBlock: boolean; canUnblock: boolean }) {
  const t = useT();
  return (
    <div className="flex gap-2">
      {/* Both stay mounted (hidden when not applicable) so the toast of the one just used still shows after the page refreshes. */}
      <span hidden={!canUnblock}>
        <ActionButton
          action={unblockGiftCardAction}
          fields={{ id }}
          confirm={{ title: t("console.giftCards.unblockTitle", { number }), text: t("console.giftCards.unblockText"), confirmLabel: t("console.giftCards.unblock") }}
        >
          {t("console.giftCards.unblock")}
        </ActionButton>
      </span>
      <span hidden={!canBlock}>
        <ActionButton
          action={blockGiftCardAction}
          fields={{ id }}
          variant="danger"
          confirm={{ title: t("console.giftCards.blockTitle", { number }), text: t("console.giftCards.blockText"), confirmLabel: t("console.giftCards.block") }}
        >
          {t("console.giftCards.block")}
        </ActionButton>
      </span>
    </div>
  );
}
