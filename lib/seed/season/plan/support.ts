// Support and staff work over the seasons: balance corrections by support agents (audited),
// conversations with fans in the feedback inbox (most answered and closed, some waiting),
// staff signing in to the console and the partner portal.
import type { Rng } from "../rng";
import { DAY, HOUR } from "../timeline";
import { activeFrom, between, localDay, timeOfDay, type PlanContext } from "./context";

const ADJUSTMENTS: [string, number, number][] = [
  ["Gate scanner offline at the north stand: match points credited by hand", 150, 600],
  ["Receipt lost at the stadium shop, purchase confirmed by the cashier", 200, 900],
  ["Goodwill: web order delivered a week late", 300, 1000],
  ["Goodwill: seat damaged, ticket office complaint", 500, 1500],
  ["Points for a purchase made before the card was linked", 100, 700],
  ["Birthday bonus missed by the mailing", 200, 500],
];
const CORRECTIONS: [string, number, number][] = [
  ["Double accrual after a till reconnect", 80, 400],
  ["Points credited to the wrong card by the ticket office", 100, 600],
];

export interface FeedbackThread {
  customerId: string;
  topic: string;
  subject: string;
  status: "open" | "answered" | "closed";
  assignee: string | null;
  messages: { author: "customer" | "staff"; body: string; at: Date }[];
}

export interface StaffAudit {
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** [topic, subject, question, answer]: what a fan writing in Russian asks, and support's answer. */
const THREADS_RU: [string, string, string, string][] = [
  [
    "points",
    "Не начислились баллы за матч",
    "Был на матче, прошёл через турникет по карте, но баллы и посещение не появились в кабинете.",
    "Проверили: турникет на секторе C2 был без связи. Посещение и баллы добавили вручную, они уже в кабинете. Спасибо, что написали!",
  ],
  [
    "points",
    "Когда сгорают баллы?",
    "Подскажите, сколько живут баллы и где посмотреть, когда сгорят мои?",
    "Баллы действуют 24 месяца с даты начисления. Ближайшее сгорание видно на главной странице кабинета и во вкладке «Баллы» в истории.",
  ],
  [
    "points",
    "Статус не повысился",
    "У меня уже 8 матчей в сезоне, но статус всё ещё прежний. Почему?",
    "Для следующего статуса нужны оба условия: матчи и сумма покупок билетов, абонементов и атрибутики за сезон. Прогресс по каждому видно на странице «Статус».",
  ],
  [
    "points",
    "Можно ли перевести баллы другу?",
    "Хочу подарить свои баллы брату, он тоже в программе. Это возможно?",
    "Перевод баллов между участниками правилами программы не предусмотрен, но можно получить впечатление из каталога и передать ваучер.",
  ],
  [
    "tickets",
    "Абонемент на вторую половину сезона",
    "Будет ли продажа абонементов только на весенние матчи?",
    "Да, весенние абонементы поступят в продажу в феврале, участники программы получат доступ на сутки раньше.",
  ],
  [
    "tickets",
    "Возврат билета на кубковый матч",
    "Не смогу прийти на кубковый матч, можно вернуть билет?",
    "Билет можно вернуть в кассе или на сайте не позднее чем за 24 часа до матча. Баллы за билет при возврате списываются.",
  ],
  [
    "tickets",
    "Не приходит электронный билет",
    "Купил билеты на сайте, деньги списались, а билеты на почту не пришли.",
    "Билеты были в папке «Промоакции» вашей почты — отправили их ещё раз и продублировали в кабинете.",
  ],
  [
    "experiences",
    "Когда можно использовать ваучер на экскурсию?",
    "Получил ваучер на экскурсию по стадиону. Как записаться?",
    "Экскурсии проходят по субботам в 12:00 и 15:00 без матча. Покажите код ваучера на входе у западной трибуны.",
  ],
  [
    "experiences",
    "Выход с игроками — возраст ребёнка",
    "Сыну 13 лет, можно ли ему выйти с командой?",
    "К сожалению, выход с игроками доступен детям от 6 до 12 лет. Для подростков есть экскурсия по полю и тоннелю.",
  ],
  [
    "shop",
    "Размер футболки не подошёл",
    "Заказал домашнюю футболку в интернет-магазине, размер мал. Как обменять?",
    "Обменять можно в мегасторе на стадионе или оформить возврат на сайте в течение 14 дней. Баллы за возвращённый товар спишутся, а за новый начислятся.",
  ],
  [
    "shop",
    "Нанесение фамилии на форму",
    "Можно ли нанести фамилию и номер на форму, купленную в прошлом сезоне?",
    "Да, нанесение делают в мегасторе на стадионе за 15 минут, стоимость 1 200 ₽, баллы начисляются как за атрибутику.",
  ],
  [
    "stadium",
    "Парковка в день матча",
    "Есть ли парковка для владельцев абонементов?",
    "Для владельцев абонементов западной и центральной трибун работает парковка P2, пропуск — в разделе «Карта» кабинета.",
  ],
  ["stadium", "Потерял шарф на трибуне", "На последнем матче оставил шарф на секторе E4, его находили?", "Шарф нашли! Забрать можно в кассе восточной трибуны в будние дни с 10 до 19."],
  ["other", "Смена номера телефона", "Поменял номер телефона, как перенести карту?", "Номер можно сменить в профиле кабинета: подтвердите новый номер кодом из СМС, карта и баллы останутся с вами."],
  ["other", "Рассылка приходит дважды", "Письма клуба приходят по два раза.", "Нашли дубль адреса в рассылке и удалили его. Спасибо за сигнал!"],
];

/** The same questions from fans writing in English (`Customer.locale` "en"), in the same order. */
const THREADS_EN: [string, string, string, string][] = [
  [
    "points",
    "No points for the match",
    "I was at the match and went through the turnstile with my card, but neither the points nor the visit show in my account.",
    "We checked: the turnstile at sector C2 had no connection. We added the visit and the points by hand, they are in your account now. Thanks for writing!",
  ],
  [
    "points",
    "When do points expire?",
    "How long do points last, and where can I see when mine expire?",
    "Points last 24 months from the day they were earned. The next expiry is on the home page of your account and under Points in the history.",
  ],
  [
    "points",
    "My status did not go up",
    "I have been to 8 matches this season but my status is still the same. Why?",
    "The next status needs both: matches and the amount spent on tickets, season tickets and merchandise in the season. The Status page shows your progress on each.",
  ],
  [
    "points",
    "Can I give my points to a friend?",
    "I'd like to give my points to my brother, he is in the program too. Is that possible?",
    "The program's rules do not allow moving points between members, but you can get an experience from the catalog and pass the voucher on.",
  ],
  [
    "tickets",
    "A season ticket for the second half of the season",
    "Will there be season tickets for the spring matches only?",
    "Yes, spring season tickets go on sale in February, and members get access a day early.",
  ],
  [
    "tickets",
    "Refund for a cup match ticket",
    "I can't make it to the cup match. Can I return my ticket?",
    "You can return a ticket at the box office or on the website up to 24 hours before the match. The ticket's points are taken back on a refund.",
  ],
  [
    "tickets",
    "My e-ticket has not arrived",
    "I bought tickets on the website and was charged, but the tickets never reached my inbox.",
    "The tickets were in the Promotions folder of your mailbox: we sent them again and added them to your account.",
  ],
  [
    "experiences",
    "When can I use my stadium tour voucher?",
    "I got a voucher for a stadium tour. How do I book it?",
    "Tours run on Saturdays without a match at 12:00 and 15:00. Show the voucher code at the west stand entrance.",
  ],
  [
    "experiences",
    "Walking out with the players: child's age",
    "My son is 13, can he walk out with the team?",
    "Sorry, walking out with the players is for children aged 6 to 12. For teenagers there is the pitch and tunnel tour.",
  ],
  [
    "shop",
    "The shirt is the wrong size",
    "I ordered the home shirt in the online shop and it is too small. How can I exchange it?",
    "You can exchange it at the stadium megastore or return it on the website within 14 days. Points for the returned item are taken back and the new one earns them.",
  ],
  [
    "shop",
    "Name printing on a shirt",
    "Can you print a name and number on a shirt bought last season?",
    "Yes, the stadium megastore prints them in 15 minutes for 1,200 RUB, and it earns points like merchandise.",
  ],
  [
    "stadium",
    "Parking on match day",
    "Is there parking for season ticket holders?",
    "Season ticket holders of the west and central stands can use car park P2; the pass is under Card in your account.",
  ],
  [
    "stadium",
    "Lost my scarf in the stands",
    "I left my scarf in sector E4 at the last match. Has anyone found it?",
    "Your scarf was found! Pick it up at the east stand box office on weekdays, 10:00 to 19:00.",
  ],
  [
    "other",
    "Changing my phone number",
    "I changed my phone number. How do I move my card?",
    "Change the number in your account's profile: confirm the new one with the SMS code, and your card and points stay with you.",
  ],
  ["other", "The newsletter arrives twice", "I get every club email twice.", "We found your address twice in the mailing list and removed the duplicate. Thanks for letting us know!"],
];

/** A fan's follow-ups, in the fan's language: still unsure, and thanks. */
const FOLLOW_UPS = {
  ru: { unsure: "Спасибо, но вопрос остался: уточните, пожалуйста.", thanks: ["Спасибо!", "Спасибо, всё получилось.", "Отлично, спасибо за быстрый ответ!"] },
  en: { unsure: "Thanks, but I still have a question: could you clarify, please?", thanks: ["Thank you!", "Thanks, it worked.", "Great, thanks for the quick answer!"] },
} as const;

/** The conversations in the fan's language: a fan writes in their own, support answers in it. */
const THREADS = { ru: THREADS_RU, en: THREADS_EN } as const;

export function planSupport(ctx: PlanContext, rng: Rng) {
  const { t } = ctx;
  const r = rng.fork("support");
  const support = ctx.staff.support;
  const owner = ctx.staff.owner;
  const active = ctx.fans.filter((f) => f.kind !== "demo" && f.kind !== "lapsed" && activeFrom(t, f) < t.now);
  // The club's English-speaking fans (about 7 %) write to support more than their share: a third of
  // the conversations, so the inbox read in English has English ones.
  const english = active.filter((f) => f.locale === "en");
  // Balance corrections: about one a day, a few of them taking points back.
  const days = Math.round((t.now.getTime() - t.previous.start.getTime()) / DAY);
  for (let i = 0; i < days * 0.35 * ctx.scale; i++) {
    const fan = r.pick(active);
    const at = timeOfDay(r, localDay(t, between(r, activeFrom(t, fan), t.now)), 9.5, 18.5);
    if (at <= activeFrom(t, fan) || at >= t.now) continue;
    const take = r.chance(0.15);
    const [reason, lo, hi] = r.pick(take ? CORRECTIONS : ADJUSTMENTS);
    const points = Math.round(r.int(lo, hi) / 10) * 10;
    ctx.events.push({ kind: "adjust", at, customerId: fan.id, points: take ? -points : points, reason, staffUserId: r.chance(0.9) ? support : owner, expiresAt: null });
  }
  // The feedback inbox: a few requests a day; the latest ones still waiting for an answer.
  const threads: FeedbackThread[] = [];
  const audits: StaffAudit[] = [];
  for (let i = 0; i < days * 0.9 * ctx.scale; i++) {
    const fan = english.length && r.chance(1 / 3) ? r.pick(english) : r.pick(active);
    const lang = fan.locale === "en" ? "en" : "ru";
    const [topic, subject, question, answer] = r.pick<[string, string, string, string]>(THREADS[lang]);
    const opened = between(r, activeFrom(t, fan), new Date(t.now.getTime() - 30 * HOUR));
    if (opened <= activeFrom(t, fan)) continue;
    const age = (t.now.getTime() - opened.getTime()) / DAY;
    const status =
      age < 2
        ? r.chance(0.6)
          ? "open"
          : "answered"
        : age < 10
          ? r.weighted([
              ["open", 1],
              ["answered", 3],
              ["closed", 6],
            ] as const)
          : r.chance(0.97)
            ? "closed"
            : "answered";
    const answered = new Date(opened.getTime() + r.int(1, 26) * HOUR);
    const messages: FeedbackThread["messages"] = [{ author: "customer", body: question, at: opened }];
    if (status !== "open" || r.chance(0.3)) messages.push({ author: "staff", body: answer, at: answered < t.now ? answered : new Date(t.now.getTime() - HOUR) });
    if (status === "open" && messages.length === 2) messages.push({ author: "customer", body: FOLLOW_UPS[lang].unsure, at: new Date(messages[1].at.getTime() + r.int(1, 20) * HOUR) });
    if (status === "closed" && r.chance(0.5)) messages.push({ author: "customer", body: r.pick<string>(FOLLOW_UPS[lang].thanks), at: new Date(answered.getTime() + r.int(1, 30) * HOUR) });
    const last = messages[messages.length - 1];
    if (last.at >= t.now) last.at = new Date(t.now.getTime() - r.int(1, 5) * HOUR);
    const assignee = messages.some((m) => m.author === "staff") || r.chance(0.5) ? support : null;
    threads.push({ customerId: fan.id, topic, subject, status, assignee, messages });
  }
  // Staff sign-ins on working days.
  const signIns: [string | undefined, number][] = [
    [owner, 0.5],
    [ctx.staff.marketer, 0.9],
    [support, 1],
    [ctx.staff.analyst, 0.4],
    [ctx.staff.pub, 0.3],
    [ctx.staff.coffee, 0.3],
  ];
  for (let d = localDay(t, t.previous.start); d < t.now; d = localDay(t, new Date(d.getTime() + DAY + 3 * HOUR))) {
    if (d.getUTCDay() === 5 || d.getUTCDay() === 6) continue;
    for (const [id, p] of signIns) {
      const at = timeOfDay(r, d, 8.5, 11);
      if (id && at < t.now && r.chance(p)) audits.push({ actorId: id, action: "staff.sign_in", entityType: "StaffUser", entityId: id, at });
    }
  }
  return { threads, audits };
}
