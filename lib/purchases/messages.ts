// Receipt messages (printed for the customer) and cashier hints (shown on the till), in the
// program's language: balance with the first name, a birthday greeting in the birthday week,
// the distance to the next status, and an invitation to join on an anonymous receipt.
import type { Locale } from "@/lib/i18n/locales";
import { formatDate, formatMoney, formatNumber, translator } from "@/lib/i18n/translate";
import type { ProgramDefinition } from "@/lib/program/definition";
import { progressToNext, type TierMetrics } from "@/lib/tiers/evaluate-status";
import { zonedParts } from "@/lib/time";
import type { PosCustomer } from "./customer";

export interface TextsInput {
  /** The program's name and language (lib/program/in-force.ts programBasics). */
  program: { name: string; locale: Locale };
  def: ProgramDefinition;
  customer: PosCustomer | null;
  tierCode: string | null;
  /** Spendable main balance after the operation. */
  available: number;
  metrics: TierMetrics | null;
  earned?: number;
  pending?: { points: number; availableAt: Date | null }[];
  canRedeem: boolean;
  requiresCode?: boolean;
  now: Date;
}

/** True when the birthday (month and day) is within 3 days either side of today, in the program's zone. */
export function inBirthdayWeek(birthDate: Date | null, now: Date, timeZone: string): boolean {
  if (!birthDate) return false;
  const today = zonedParts(now, timeZone);
  const month = birthDate.getUTCMonth();
  const day = birthDate.getUTCDate();
  for (const year of [today.year - 1, today.year, today.year + 1]) {
    const bday = Date.UTC(year, month, day);
    const diff = Math.round((bday - Date.UTC(today.year, today.month - 1, today.day)) / 86_400_000);
    if (Math.abs(diff) <= 3) return true;
  }
  return false;
}

export function nextTierDistance(input: Pick<TextsInput, "def" | "tierCode" | "metrics"> & { locale: Locale }): { tier: string; missing: string } | null {
  const { def, tierCode, metrics, locale } = input;
  if (!tierCode || !metrics) return null;
  const progress = progressToNext(def, metrics, tierCode, locale);
  if (!progress || progress.met) return null;
  const alt = progress.alternatives[progress.closest];
  if (!alt) return null;
  const t = translator(locale);
  const parts = alt.criteria
    .filter((c) => c.missing > 0)
    .map((c) => (c.metric === "spend" ? formatMoney(locale, c.missing, def.currency) : t(c.metric === "visits" ? "pos.metric.visits" : "pos.metric.purchases", { n: c.missing })));
  if (parts.length === 0) return null;
  return { tier: progress.tier.name, missing: parts.join(" + ") };
}

export interface ReceiptTexts {
  receiptMessages: string[];
  cashierHints: string[];
}

export function receiptTexts(input: TextsInput): ReceiptTexts {
  const { def, customer, now } = input;
  const locale = input.program.locale;
  const t = translator(locale);
  const receiptMessages: string[] = [];
  const cashierHints: string[] = [];
  if (!customer) {
    receiptMessages.push(t("pos.receipt.join", { program: input.program.name }));
    cashierHints.push(t("pos.hint.join"));
    return { receiptMessages, cashierHints };
  }
  const points = input.available;
  receiptMessages.push(customer.firstName ? t("pos.receipt.balance", { name: customer.firstName, points }) : t("pos.receipt.balanceAnonymousName", { points }));
  if (input.earned && input.earned > 0) receiptMessages.push(t("pos.receipt.earned", { points: input.earned }));
  for (const p of input.pending ?? []) {
    if (p.points <= 0) continue;
    receiptMessages.push(
      p.availableAt
        ? t("pos.receipt.pending", { points: p.points, date: formatDate(locale, p.availableAt, def.timezone, { dateStyle: "medium" }) })
        : t("pos.receipt.pendingValidation", { points: p.points }),
    );
  }
  const birthday = inBirthdayWeek(customer.birthDate, now, def.timezone);
  if (birthday && customer.firstName) receiptMessages.push(t("pos.receipt.birthday", { name: customer.firstName }));
  const distance = nextTierDistance({ ...input, locale });
  if (distance) receiptMessages.push(t("pos.receipt.nextTier", distance));

  if (customer.status === "blocked") cashierHints.push(t("pos.hint.blocked"));
  cashierHints.push(t("pos.hint.available", { points }));
  if (!input.canRedeem) cashierHints.push(t("pos.hint.cannotRedeem"));
  else if (input.requiresCode) cashierHints.push(t("pos.hint.codeRequired"));
  if (birthday) cashierHints.push(t("pos.hint.birthday"));
  if (distance) cashierHints.push(t("pos.hint.nextTier", distance));
  if (!customer.phoneVerifiedAt) cashierHints.push(t("pos.hint.phoneNotConfirmed"));
  return { receiptMessages, cashierHints };
}
