// Errors of certificates in the program's language (lib/i18n, keys pos.error.*).
import { AppError, type ErrorDetail } from "@/lib/errors";
import type { Db } from "@/lib/db/client";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { formatNumber, translator } from "@/lib/i18n/translate";
import { programBasics } from "@/lib/program/in-force";

export type GiftCardErrorCode =
  "gift_card_not_found" | "gift_card_inactive" | "gift_card_insufficient" | "invalid_pin" | "too_many_attempts" | "gift_card_overpays" | "gift_card_sold" | "gift_card_amount";

/** `money` values are minor units, shown in major units with the language's grouping. */
export async function giftCardError(
  db: Db,
  programId: string,
  code: GiftCardErrorCode,
  values: { text?: Record<string, string | number>; money?: Record<string, number>; status?: string } = {},
  details?: ErrorDetail[],
): Promise<AppError> {
  const { locale } = await programBasics(db, programId);
  const t = translator(locale);
  const all: Record<string, string | number> = { ...values.text };
  for (const [k, v] of Object.entries(values.money ?? {})) all[k] = formatNumber(locale, v / 100);
  if (values.status) all.status = t(`pos.giftCard.status.${values.status}` as MessageKey);
  const message = t(`pos.error.${code}` as MessageKey, all);
  const appCode = code === "gift_card_overpays" || code === "gift_card_amount" ? "invalid_request" : code === "gift_card_sold" ? "invalid_state" : code;
  return new AppError(appCode, message, { details });
}
