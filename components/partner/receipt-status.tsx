// A receipt's status as a coloured badge.
import { Badge } from "@/components/ui/badge";
import type { Translate } from "@/lib/i18n/translate";

const COLOR = { committed: "green", held: "blue", cancelled: "red", voided: "neutral" } as const;

export function ReceiptStatus({ status, t }: { status: string; t: Translate }) {
  const s = (status in COLOR ? status : "voided") as keyof typeof COLOR;
  return <Badge tone={COLOR[s]}>{t(`partner.status.${s}`)}</Badge>;
}
