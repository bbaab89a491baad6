// Personal offers: the promotions a member can use now — those they qualify for by status, group,
// birthday or newness, and those unlocked by a code they hold (issued to them). Shown to the till
// in GET /customers/lookup (for its store) and in the cabinet's "My offers" (any store).
import type { Db } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney, translator } from "@/lib/i18n/translate";
import { customerSegments, promotionCustomer } from "./audience";
import { promoText, type PromotionDefinition, type PromotionEffect } from "./definition";
import { compilePromotion, ineligibility, type EligibilityStore, type PromotionContext } from "./engine";
import { remainingFor } from "./reserve";
import { promotionsInForce } from "./store";

export interface Offer {
  code: string;
  name: string;
  description: string | null;
  /** What it gives, in words ("20% off", "buy 2, get 1 free"). */
  summary: string;
  /** The member's own code for it, when it needs one. */
  promoCode: string | null;
  /** When the offer (or the member's code) ends. */
  validUntil: Date | null;
}

/** What an effect gives, in the member's language. */
export function effectSummary(e: PromotionEffect, locale: Locale, currency: string): string {
  const t = translator(locale);
  switch (e.type) {
    case "percentOff":
      return t("promo.effect.percentOff", { percent: e.percent });
    case "fixedPrice":
      return t("promo.effect.fixedPrice", { price: formatMoney(locale, e.unitPrice, currency) });
    case "amountOff":
      return t("promo.effect.amountOff", { amount: formatMoney(locale, e.amount, currency) });
    case "buyXgetY":
      return e.percent === 100 ? t("promo.effect.buyXgetYFree", { buy: e.buy, get: e.get }) : t("promo.effect.buyXgetY", { buy: e.buy, get: e.get, percent: e.percent });
    case "bonusPoints":
      return e.points !== undefined ? t("promo.effect.bonusPoints", { points: e.points }) : t("promo.effect.bonusPercent", { percent: e.percent ?? 0 });
    case "pointsMultiplier":
      return t("promo.effect.pointsMultiplier", { multiplier: e.multiplier });
    case "promoAccount":
      return t("promo.effect.promoAccount", { points: e.points });
    case "issueCode":
      return t("promo.effect.issueCode");
  }
}

interface HeldCode {
  code: string;
  promotionCode: string;
  expiresAt: Date | null;
}

/** Codes issued to the member that can still be used. */
export async function heldCodes(sql: Sql, programId: string, customerId: string, at: Date): Promise<HeldCode[]> {
  return sql.$queryRaw<HeldCode[]>`
    select c.code, p.code as "promotionCode", c."expiresAt" from "PromoCode" c join "Promotion" p on p.id = c."promotionId"
    where c."programId" = ${programId} and c."customerId" = ${customerId} and (c."expiresAt" is null or c."expiresAt" > ${at})
      and (c."maxUses" is null or c.uses < c."maxUses")
    order by c."expiresAt" nulls last, c.code`;
}

const PERSONAL_REJECTIONS = new Set([
  "not_active",
  "not_started",
  "ended",
  "needs_code",
  "members_only",
  "tier",
  "segment",
  "new_members_only",
  "birthday",
  "holdout",
  "customer_limit",
  "used_up",
  "budget",
]);

/**
 * The member's offers. With a store (the till), promotions of other stores and hours are left
 * out; without one (the cabinet), any store and hour counts.
 */
export async function memberOffers(
  db: Db,
  sql: Sql,
  input: {
    programId: string;
    customer: { id: string; birthDate: Date | null; status: string; registeredAt: Date | null };
    tierCode: string;
    store: (EligibilityStore & { timezone: string }) | null;
    timeZone: string;
    at: Date;
    locale: Locale;
    currency: string;
  },
): Promise<Offer[]> {
  const list = (await promotionsInForce(sql, input.programId)).filter((p) => p.def.status === "active" && p.def.effect.type !== "issueCode");
  if (!list.length) return [];
  const [codes, segments] = await Promise.all([heldCodes(sql, input.programId, input.customer.id, input.at), customerSegments(db, input.programId, input.customer.id, list, input.at)]);
  const codeOf = new Map<string, HeldCode>();
  for (const c of codes) if (!codeOf.has(c.promotionCode)) codeOf.set(c.promotionCode, c);
  const customer = promotionCustomer(input.customer, input.tierCode, segments);
  const ctx: PromotionContext = {
    at: input.at,
    timeZone: input.store?.timezone ?? input.timeZone,
    customer,
    codes: new Map([...codeOf].map(([p, c]) => [p, c.code])),
    remaining: await remainingFor(sql, list, customer, input.at, input.timeZone),
    ignoreCalendar: !input.store,
  };
  const anyStore: EligibilityStore = { code: "", partnerCode: null, tags: [] };
  const offers: Offer[] = [];
  for (const p of list) {
    const why = ineligibility(compilePromotion(p), ctx, input.store ?? anyStore);
    if (why && (input.store || PERSONAL_REJECTIONS.has(why))) continue;
    offers.push(offerOf(p.def, codeOf.get(p.def.code) ?? null, input.locale, input.currency));
  }
  return offers;
}

function offerOf(def: PromotionDefinition, code: HeldCode | null, locale: Locale, currency: string): Offer {
  const to = def.validity?.to ? new Date(def.validity.to) : null;
  const until = code?.expiresAt && (!to || code.expiresAt < to) ? code.expiresAt : to;
  return {
    code: def.code,
    name: promoText(def.name, locale),
    description: def.description ? promoText(def.description, locale) : null,
    summary: effectSummary(def.effect, locale, currency),
    promoCode: code?.code ?? null,
    validUntil: until,
  };
}
