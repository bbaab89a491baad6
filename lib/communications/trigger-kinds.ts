// The triggered messages a program can switch on: their category, their default texts (ru/en)
// and the placeholders each fills in. Marketers edit the texts per program (MessageTrigger rows).
import type { Locale } from "@/lib/i18n/locales";
import type { MessageCategory } from "./queue";

export const TRIGGER_KINDS = ["welcome", "birthday", "tier_up", "tier_down", "points_expiring", "lapsed"] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export const isTriggerKind = (x: unknown): x is TriggerKind => typeof x === "string" && (TRIGGER_KINDS as readonly string[]).includes(x);

/**
 * About the member's own account (joined, status, points about to expire): transactional, so no
 * marketing consent and no cap. A birthday present or a "we miss you" is advertising: marketing.
 */
export const TRIGGER_CATEGORY: Record<TriggerKind, MessageCategory> = {
  welcome: "transactional",
  birthday: "marketing",
  tier_up: "transactional",
  tier_down: "transactional",
  points_expiring: "transactional",
  lapsed: "marketing",
};

/** Placeholders each kind fills in ({name} and {program} always). */
export const TRIGGER_PLACEHOLDERS: Record<TriggerKind, string[]> = {
  welcome: ["name", "program"],
  birthday: ["name", "program", "code", "date"],
  tier_up: ["name", "program", "tier", "previousTier"],
  tier_down: ["name", "program", "tier", "previousTier"],
  points_expiring: ["name", "program", "points", "date"],
  lapsed: ["name", "program", "days"],
};

export interface TriggerSettings {
  /** lapsed: days without a receipt or visit. */
  days?: number;
  /** points_expiring: days ahead to warn. */
  withinDays?: number;
  /** birthday: a promotion with "trigger": "code" whose code the message gives. */
  promotion?: string;
  /** birthday: days the code is valid. */
  validDays?: number;
}

export const DEFAULT_SETTINGS: Record<TriggerKind, TriggerSettings> = {
  welcome: {},
  birthday: { validDays: 30 },
  tier_up: {},
  tier_down: {},
  points_expiring: { withinDays: 14 },
  lapsed: { days: 60 },
};

type Texts = Record<Locale, string>;

export const DEFAULT_TEXTS: Record<TriggerKind, { subject: Texts; body: Texts }> = {
  welcome: {
    subject: { ru: "Добро пожаловать в {program}!", en: "Welcome to {program}!" },
    body: {
      ru: "{name}, спасибо, что присоединились!\n\nКарта уже в вашем телефоне: показывайте её на кассе и получайте баллы за каждую покупку.",
      en: "{name}, thank you for joining!\n\nYour card is already in your phone: show it at the till and earn points on every purchase.",
    },
  },
  birthday: {
    subject: { ru: "С днём рождения, {name}!", en: "Happy birthday, {name}!" },
    body: {
      ru: "Вся команда {program} поздравляет вас!\n\nВ подарок — промокод. Он действует до {date}.",
      en: "Everyone at {program} wishes you a happy birthday!\n\nHere is a present: a promo code, valid until {date}.",
    },
  },
  tier_up: {
    subject: { ru: "Ваш новый статус — {tier}", en: "Your new status: {tier}" },
    body: {
      ru: "{name}, поздравляем! Теперь ваш статус — {tier}. Больше баллов за каждую покупку уже с сегодняшнего дня.",
      en: "{name}, congratulations! Your status is now {tier}. More points on every purchase starting today.",
    },
  },
  tier_down: {
    subject: { ru: "Ваш статус изменился", en: "Your status has changed" },
    body: {
      ru: "{name}, ваш статус теперь — {tier} (был {previousTier}). Вернуть его можно в новом периоде: в личном кабинете видно, сколько осталось.",
      en: "{name}, your status is now {tier} (it was {previousTier}). You can win it back this period: your account shows how far you are.",
    },
  },
  points_expiring: {
    subject: { ru: "Баллы сгорят {date}: {points}", en: "{points} points expire on {date}" },
    body: {
      ru: "{name}, {date} сгорят баллы: {points}. Потратьте их на покупку или впечатление из каталога.",
      en: "{name}, {points} points expire on {date}. Spend them on a purchase or an experience from the catalog.",
    },
  },
  lapsed: {
    subject: { ru: "Мы скучаем, {name}", en: "We miss you, {name}" },
    body: {
      ru: "Вас не было у нас {days} дней. Заглядывайте — баллы и статус ждут вас.",
      en: "We haven't seen you for {days} days. Come back: your points and your status are waiting.",
    },
  },
};

/** `text` with each {placeholder} replaced; unknown ones stay as written. */
export function fillPlaceholders(text: string, vars: Record<string, string | number | null | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (vars[k] === undefined || vars[k] === null ? m : String(vars[k])));
}
