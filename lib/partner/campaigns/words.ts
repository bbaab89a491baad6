// A partner campaign in words for its pages: the reward ("10 % off", "200 promo-account points")
// and the badge tone of its state. Pure: the page passes its translator and money formatter.
import type { Translate } from "@/lib/i18n/translate";
import { promoText, type PromotionDefinition } from "@/lib/promotions/definition";
import type { Locale } from "@/lib/i18n/locales";
import type { CampaignState } from "./campaigns";

export function rewardText(def: PromotionDefinition, t: Translate, money: (minor: number) => string): string {
  const e = def.effect;
  const text =
    e.type === "percentOff"
      ? t("partner.cmp.reward.percentOff", { percent: e.percent })
      : e.type === "amountOff"
        ? t("partner.cmp.reward.amountOff", { amount: money(e.amount) })
        : e.type === "buyXgetY"
          ? t("partner.cmp.reward.buyXgetY", { buy: e.buy, get: e.get, percent: e.percent })
          : e.type === "bonusPoints"
            ? e.points !== undefined
              ? t("partner.cmp.reward.bonusPoints", { points: e.points })
              : t("partner.cmp.reward.bonusPercent", { percent: e.percent ?? 0 })
            : e.type === "promoAccount"
              ? t("partner.cmp.reward.promoAccount", { points: e.points })
              : e.type;
  return def.trigger === "code" ? `${text}, ${t("partner.cmp.reward.code")}` : text;
}

export const STATE_TONE = {
  active: "green",
  scheduled: "blue",
  paused: "amber",
  draft: "neutral",
  ended: "neutral",
  awaiting_approval: "amber",
  rejected: "red",
} as const satisfies Record<CampaignState, string>;

export function campaignName(def: PromotionDefinition, locale: Locale): string {
  return promoText(def.name, locale);
}
