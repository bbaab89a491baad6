// The partner portal's demo texts (lib/seed/partner-portal.ts writes them): data only, so the e2e
// specs read the same names in the language they run in.
import type { Locale } from "@/lib/i18n/locales";
import type { SegmentDefinition } from "@/lib/segments/definition";

// Roles and group names as a manager who keeps them in both languages would: the English column
// and the Russian one (shown in the reader's language; a manager's own edits are kept as typed).
// People's names are names, the same in every language.
export const DEMO_CONTACTS: Record<string, { name: string; role: { en: string; ru: string }; email: string; phone: string | null }[]> = {
  pub: [
    { name: "Дмитрий Соколов", role: { en: "Bar chain manager", ru: "Управляющий сетью баров" }, email: "d.sokolov@extratime.bar", phone: "+79161234501" },
    { name: "Екатерина Белова", role: { en: "Accountant", ru: "Бухгалтер" }, email: "accounting@extratime.bar", phone: "+79161234502" },
    { name: "Артём Ким", role: { en: "Luzhniki bar manager", ru: "Управляющий бара в Лужниках" }, email: "luzhniki@extratime.bar", phone: "+79161234503" },
    { name: "Ольга Миронова", role: { en: "Marketing", ru: "Маркетинг" }, email: "marketing@extratime.bar", phone: null },
  ],
  coffee: [
    { name: "Мария Орлова", role: { en: "Owner", ru: "Владелец" }, email: "maria@halftime.coffee", phone: "+79037770101" },
    { name: "Никита Воронин", role: { en: "Head barista", ru: "Старший бариста" }, email: "barista@halftime.coffee", phone: "+79037770102" },
    { name: "Светлана Крылова", role: { en: "Accountant", ru: "Бухгалтер" }, email: "finance@halftime.coffee", phone: null },
  ],
};

export const DEMO_GROUPS: Record<string, { name: { en: string; ru: string }; definition: SegmentDefinition }[]> = {
  pub: [
    {
      name: { en: "Match-night regulars", ru: "Завсегдатаи матчевых вечеров" },
      definition: { kind: "group", op: "and", children: [{ kind: "receipts", period: { kind: "lastDays", days: 90 }, op: "gte", value: 3 }] },
    },
    { name: { en: "Not seen for a while", ru: "Давно не заходили" }, definition: { kind: "group", op: "and", children: [{ kind: "daysSinceLastPurchase", op: "gte", value: 60 }] } },
  ],
  coffee: [
    { name: { en: "Regular guests", ru: "Постоянные гости" }, definition: { kind: "group", op: "and", children: [{ kind: "receipts", period: { kind: "lastDays", days: 90 }, op: "gte", value: 2 }] } },
    {
      name: { en: "Big spenders with SMS consent", ru: "Щедрые гости с согласием на SMS" },
      definition: {
        kind: "group",
        op: "and",
        children: [
          { kind: "spend", period: { kind: "lastDays", days: 365 }, op: "gte", value: 150_000 },
          { kind: "consent", channel: "sms", given: true },
        ],
      },
    },
  ],
};

export type DemoThread = { subject: string; body: string; answer: string };

/**
 * Members' feedback about the partner, in each language. A member writes in their own language and
 * support answers in it, so a thread is stored in one language — the member's (`Customer.locale`).
 */
export const DEMO_FEEDBACK: Record<string, Record<Locale, DemoThread>[]> = {
  pub: [
    {
      ru: {
        subject: "Не начислились баллы в баре",
        body: "Был в Extra Time на Арбате после матча, показал карту, а баллы не пришли.",
        answer: "Баллы пришли с задержкой из-за офлайн-режима кассы, сейчас они на счёте.",
      },
      en: {
        subject: "No points for my visit to the bar",
        body: "I was at Extra Time on Arbat after the match and showed my card, but the points never came.",
        answer: "The till was offline, so the points came late: they are in your account now.",
      },
    },
    {
      ru: { subject: "Долго ждали заказ", body: "В матчевый вечер заказ несли 40 минут.", answer: "Передали бару, в дни матчей добавят официантов." },
      en: { subject: "A long wait for our order", body: "On match night our order took 40 minutes to arrive.", answer: "We passed this on to the bar: it will add waiters on match days." },
    },
    {
      ru: { subject: "Спасибо за атмосферу!", body: "Отличная трансляция выездного матча, всё понравилось.", answer: "Спасибо! Передали команде бара." },
      en: { subject: "Thanks for the atmosphere!", body: "A great screening of the away match, we loved everything.", answer: "Thank you! We passed it on to the bar's team." },
    },
  ],
  coffee: [
    {
      ru: { subject: "Кофе остыл", body: "Взял капучино перед матчем у западной трибуны, он был почти холодный.", answer: "Извинились перед гостем и начислили баллы; кофейня проверит кофемашину." },
      en: {
        subject: "My coffee was cold",
        body: "I bought a cappuccino at the west stand before the match and it was almost cold.",
        answer: "Sorry about that: we credited you some points, and the coffee shop will check its machine.",
      },
    },
    {
      ru: { subject: "Можно ли оплатить баллами?", body: "Хочу оплатить кофе баллами, но кассир не знал как.", answer: "Да, баллами можно оплатить до 30% чека; кофейня провела инструктаж." },
      en: {
        subject: "Can I pay with points?",
        body: "I wanted to pay for my coffee with points, but the cashier didn't know how.",
        answer: "Yes, points can pay up to 30% of a receipt; the coffee shop has briefed its cashiers.",
      },
    },
  ],
};
