// The cabinet's "My offers": the member's personal offers (lib/promotions/offers.ts memberOffers,
// any store and hour) and the promo codes issued to them that can still be used, with what each
// gives and until when. Always scoped to the signed-in member.
import type { Db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/locales";
import { definitionAt } from "@/lib/program/in-force";
import { promoText } from "@/lib/promotions/definition";
import { effectSummary, heldCodes, memberOffers, type Offer } from "@/lib/promotions/offers";
import { promotionsInForce } from "@/lib/promotions/store";
import { tierInForce } from "@/lib/tiers/activity";

export interface HeldCodeView {
  code: string;
  promotion: string;
  name: string;
  summary: string;
  expiresAt: Date | null;
}

export interface MyOffers {
  offers: Offer[];
  codes: HeldCodeView[];
  timeZone: string;
}

/** The member's issued codes that can still be used, of promotions that are running, with what each gives. */
export async function myCodes(db: Db, input: { programId: string; customerId: string; at: Date; locale: Locale; currency: string }): Promise<HeldCodeView[]> {
  const { programId, customerId, at, locale } = input;
  const held = await heldCodes(db, programId, customerId, at);
  if (!held.length) return [];
  const running = new Map((await promotionsInForce(db, programId)).filter((p) => p.def.status === "active").map((p) => [p.def.code, p.def]));
  // A code of a promotion that is paused or over cannot be used: it is not shown.
  return held.flatMap((c) => {
    const def = running.get(c.promotionCode);
    if (!def || (def.validity?.to && Date.parse(def.validity.to) <= at.getTime())) return [];
    return [{ code: c.code, promotion: c.promotionCode, name: promoText(def.name, locale), summary: effectSummary(def.effect, locale, input.currency), expiresAt: c.expiresAt }];
  });
}

export async function myOffers(db: Db, input: { programId: string; customerId: string; at: Date; locale: Locale }): Promise<MyOffers> {
  const { programId, customerId, at, locale } = input;
  const [{ definition }, customer] = await Promise.all([
    definitionAt(db, programId, at),
    db.customer.findFirstOrThrow({ where: { id: customerId, programId }, select: { id: true, birthDate: true, status: true, createdAt: true } }),
  ]);
  const tierCode = await tierInForce(db, programId, customerId, definition, at);
  const [offers, codes] = await Promise.all([
    memberOffers(db, db, {
      programId,
      customer: { id: customer.id, birthDate: customer.birthDate, status: customer.status, registeredAt: customer.createdAt },
      tierCode,
      store: null,
      timeZone: definition.timezone,
      at,
      locale,
      currency: definition.currency,
    }),
    myCodes(db, { programId, customerId, at, locale, currency: definition.currency }),
  ]);
  return { offers, codes, timeZone: definition.timezone };
}
