// Русские тексты. Ключи совпадают с en.ts (проверяется тестом).
import type { commonEn } from "./en";
import { identityRu } from "./identity";
import { cabinetRu } from "./cabinet";
import { consoleRu } from "./console";
import { partnerRu } from "./partner";
import { partnerCustomersRu } from "./partner-customers";
import { posRu } from "./pos";
import { errorsRu } from "./errors";
import { promotionsRu } from "./promotions";
import { definitionsRu } from "./definitions";
import { titlesRu } from "./titles";
import { surveysRu } from "./surveys";
import { campaignsRu } from "./campaigns";
import { partnerCampaignsRu } from "./partner-campaigns";
import { communicationsRu } from "./communications";
import { partnerAnalyticsRu } from "./partner-analytics";

const commonRu: Record<keyof typeof commonEn, string> = {
  "app.skip": "Перейти к содержимому",
  "nav.home": "Главная",
  "nav.cabinet": "Личный кабинет",
  "nav.console": "Консоль",
  "nav.partner": "Портал партнёра",
  "nav.apiDocs": "API",
  "nav.menu": "Меню",
  "lang.label": "Язык",
  "lang.ru": "Русский",
  "lang.en": "English",
  "footer.rights": "Все права защищены.",
  "footer.poweredBy": "Лояльность на Tribune",
  "footer.forStaff": "Сотрудникам",
  "footer.forPartners": "Партнёрам",
  "landing.join": "Вступить в программу",
  "landing.signIn": "Войти",
  "landing.howTitle": "Как это работает",
  "landing.how1.title": "Вступите за минуту",
  "landing.how1.text": "Зарегистрируйтесь по номеру телефона на сайте или на любой кассе. Пластиковая карта не нужна: она в вашем телефоне.",
  "landing.how2.title": "Копите на всём",
  "landing.how2.text": "Билеты, абонементы, атрибутика, интернет-магазин и партнёры: каждая покупка возвращается баллами.",
  "landing.how3.title": "Тратьте на то, что не купишь за деньги",
  "landing.how3.text": "Оплачивайте покупки баллами или обменивайте их на впечатления: встреча с командой, экскурсия по полю, маскот матча.",
  "landing.statusesTitle": "Статусы",
  "landing.statusesLead": "Чем чаще вы с нами и чем больше поддерживаете клуб, тем выше статус и больше кешбэк.",
  "landing.cashback": "{rate}% баллами",
  "landing.entry": "С первой покупки",
  "landing.requires": "Чтобы получить",
  "landing.period.season": "Статус зарабатывается за сезон (с {date}) и сохраняется на следующий.",
  "landing.period.calendar-year": "Статус зарабатывается за календарный год и сохраняется на следующий.",
  "landing.period.rolling": "Статус считается за последние {months} мес.",
  "landing.period.lifetime": "Статус считается по всем покупкам и не снижается.",
  "landing.stats.members": "участников",
  "landing.stats.partners": "партнёров",
  "landing.stats.stores": "мест, где копить",
  "landing.noProgram": "Программа лояльности ещё не настроена.",
  "landing.noProgramHint": "Выполните npm run db:seed или примените программу командой npm run program:apply.",
  "landing.ctaTitle": "Ваша карта уже в кармане",
  "landing.ctaText": "Войдите по номеру телефона: баланс, статус и сколько осталось до следующего.",
  "criteria.spend": "покупки на {value}",
  "criteria.visits": "{value} домашних матчей",
  "criteria.visits.generic": "{value} посещений",
  "criteria.purchases": "{value} покупок",
  "criteria.or": "или",
  "notFound.title": "Страница не найдена",
  "notFound.text": "Такой страницы нет или она переехала.",
  "notFound.home": "На главную",
  "error.title": "Что-то пошло не так",
  "error.retry": "Попробовать снова",
};

export const ru = {
  ...commonRu,
  ...cabinetRu,
  ...consoleRu,
  ...posRu,
  ...promotionsRu,
  ...definitionsRu,
  ...partnerRu,
  ...partnerCustomersRu,
  ...partnerAnalyticsRu,
  ...identityRu,
  ...errorsRu,
  ...titlesRu,
  ...communicationsRu,
  ...surveysRu,
  ...campaignsRu,
  ...partnerCampaignsRu,
};
