// Formatting helpers shared by the cabinet's pages (numbers, criteria, ledger reasons).
import type { Locale } from "@/lib/i18n/locales";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { formatMoney, formatNumber, type Translate } from "@/lib/i18n/translate";
import type { CriterionView } from "@/lib/tiers/progress";

/** A text written to sit inside a sentence ("20% off") as a headline: its first letter a capital. */
export const headline = (s: string, locale: Locale) => s.charAt(0).toLocaleUpperCase(locale) + s.slice(1);

export const pts = (t: Translate, locale: Locale, n: number) => t("cabinet.pointsN", { n });

export function criterionText(t: Translate, locale: Locale, c: CriterionView, currency: string) {
  if (c.metric === "spend") return t("cabinet.criterion.spend", { current: formatMoney(locale, c.current, currency), target: formatMoney(locale, c.target, currency) });
  if (c.metric === "visits") return t("cabinet.criterion.visits", { current: formatNumber(locale, c.current), target: formatNumber(locale, c.target) });
  return t("cabinet.criterion.purchases", { current: formatNumber(locale, c.current), target: formatNumber(locale, c.target) });
}

export function criterionLabel(t: Translate, c: CriterionView) {
  if (c.metric === "spend") return c.categories ? t("cabinet.criterion.spendLabel") : t("cabinet.criterion.spendAll");
  return c.metric === "visits" ? t("cabinet.criterion.visitsLabel") : t("cabinet.criterion.purchasesLabel");
}

/** "Purchase", "Points expired", … from the entry's reason, else from its type. */
export function ledgerLabel(t: Translate, type: string, reason: string) {
  const byReason = `cabinet.ledger.reason.${reason}` as MessageKey;
  const r = t(byReason);
  if (r !== byReason) return r;
  const byType = `cabinet.ledger.${type}` as MessageKey;
  const ty = t(byType);
  return ty === byType ? reason : ty;
}

/** The last day of a period whose `end` is the exclusive start of the next one. */
export const lastDay = (end: Date) => new Date(end.getTime() - 1);
