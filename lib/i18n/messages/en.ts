// English texts. Keys are shared with ru.ts, which is checked to have exactly the same keys.
export const commonEn = {
  "app.skip": "Skip to content",
  "nav.home": "Home",
  "nav.cabinet": "My account",
  "nav.console": "Console",
  "nav.partner": "Partner portal",
  "nav.apiDocs": "API",
  "nav.menu": "Menu",
  "lang.label": "Language",
  "lang.ru": "Русский",
  "lang.en": "English",
  "footer.rights": "All rights reserved.",
  "footer.poweredBy": "Loyalty by Tribune",
  "footer.forStaff": "For staff",
  "footer.forPartners": "For partners",
  "landing.join": "Join the program",
  "landing.signIn": "Sign in",
  "landing.howTitle": "How it works",
  "landing.how1.title": "Join in a minute",
  "landing.how1.text": "Sign up with your phone number online or at any till. No plastic card needed: your card lives in your phone.",
  "landing.how2.title": "Earn on everything",
  "landing.how2.text": "Tickets, season tickets, merchandise, the web shop and our partners: every purchase brings points back.",
  "landing.how3.title": "Spend on what money can't buy",
  "landing.how3.text": "Pay with points or swap them for experiences: meet the team, a pitch tour, a match-day mascot.",
  "landing.statusesTitle": "Statuses",
  "landing.statusesLead": "The more you come and the more you support us, the higher your status and the bigger your cashback.",
  "landing.cashback": "{rate}% back in points",
  "landing.entry": "From the first purchase",
  "landing.requires": "To reach it",
  "landing.period.season": "Statuses are earned each season (from {date}) and kept for the next one.",
  "landing.period.calendar-year": "Statuses are earned each calendar year and kept for the next one.",
  "landing.period.rolling": "Statuses are counted over the last {months} months.",
  "landing.period.lifetime": "Statuses are counted over all your purchases and never drop.",
  "landing.stats.members": "members",
  "landing.stats.partners": "partners",
  "landing.stats.stores": "places to earn",
  "landing.noProgram": "No loyalty program is set up yet.",
  "landing.noProgramHint": "Run npm run db:seed or apply a program with npm run program:apply.",
  "landing.ctaTitle": "Your card is already in your pocket",
  "landing.ctaText": "Sign in with your phone: see your balance, your status and how far the next one is.",
  "criteria.spend": "{value} spent",
  "criteria.visits": "{value} home matches",
  "criteria.visits.generic": "{value} visits",
  "criteria.purchases": "{value} purchases",
  "criteria.or": "or",
  "notFound.title": "Page not found",
  "notFound.text": "The page you are looking for does not exist or has moved.",
  "notFound.home": "Back to the home page",
  "error.title": "Something went wrong",
  "error.retry": "Try again",
} as const;

import { identityEn } from "./identity";
import { cabinetEn } from "./cabinet";
import { consoleEn } from "./console";
import { partnerEn } from "./partner";
import { partnerCustomersEn } from "./partner-customers";
import { posEn } from "./pos";
import { errorsEn } from "./errors";
import { promotionsEn } from "./promotions";
import { definitionsEn } from "./definitions";
import { titlesEn } from "./titles";
import { surveysEn } from "./surveys";
import { campaignsEn } from "./campaigns";
import { partnerCampaignsEn } from "./partner-campaigns";
import { communicationsEn } from "./communications";
import { partnerAnalyticsEn } from "./partner-analytics";

/** Every English text: the common ones above plus one module per area (cabinet, console, POS, errors, page titles). */
export const en = {
  ...commonEn,
  ...cabinetEn,
  ...consoleEn,
  ...posEn,
  ...promotionsEn,
  ...definitionsEn,
  ...partnerEn,
  ...partnerCustomersEn,
  ...partnerAnalyticsEn,
  ...identityEn,
  ...errorsEn,
  ...titlesEn,
  ...communicationsEn,
  ...surveysEn,
  ...campaignsEn,
  ...partnerCampaignsEn,
};

export type MessageKey = keyof typeof en;
