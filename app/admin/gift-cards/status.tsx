// The status badge of a certificate, shared by the list and the detail page.
import { Badge } from "@/components/ui/badge";
import type { GiftCardViewStatus } from "@/lib/giftcards/pos";
import type { Translate } from "@/lib/i18n/translate";

const COLOR = { printed: "neutral", active: "green", used: "blue", expired: "amber", blocked: "red" } as const;

export function StatusBadge({ status, pinLocked, t }: { status: GiftCardViewStatus; pinLocked: boolean; t: Translate }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={COLOR[status]}>{t(`console.giftCards.status.${status}`)}</Badge>
      {pinLocked && <Badge tone="red">{t("console.giftCards.pinLocked")}</Badge>}
    </span>
  );
}
