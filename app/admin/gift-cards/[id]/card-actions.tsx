"use client";
// Block / unblock a certificate (confirmed, audited by the server action).
import { ActionButton } from "@/components/admin/action-form";
import { blockGiftCardAction, unblockGiftCardAction } from "../actions";

export interface CardActionText {
  block: string;
  blockTitle: string;
  blockText: string;
  unblock: string;
  unblockTitle: string;
  unblockText: string;
}

export function GiftCardActions({ id, canBlock, canUnblock, text }: { id: string; canBlock: boolean; canUnblock: boolean; text: CardActionText }) {
  return (
    <div className="flex gap-2">
      {/* Both stay mounted (hidden when not applicable) so the toast of the one just used still shows after the page refreshes. */}
      <span hidden={!canUnblock}>
        <ActionButton action={unblockGiftCardAction} fields={{ id }} confirm={{ title: text.unblockTitle, text: text.unblockText, confirmLabel: text.unblock }}>
          {text.unblock}
        </ActionButton>
      </span>
      <span hidden={!canBlock}>
        <ActionButton action={blockGiftCardAction} fields={{ id }} variant="danger" confirm={{ title: text.blockTitle, text: text.blockText, confirmLabel: text.block }}>
          {text.block}
        </ActionButton>
      </span>
    </div>
  );
}
