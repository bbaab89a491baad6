// What a wallet card shows of a member, read for one card: the barcode (the card's QR token, the
// number as its text), name, status and balance, and when any of them last changed (the newest
// ledger entry of the member's accounts or status change — a pass's "last updated").
import type { Db } from "@/lib/db/client";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { customerTierView } from "@/lib/tiers/progress";
import { displayName } from "@/lib/customers/display-name";

export interface MemberCard {
  cardId: string;
  customerId: string;
  programId: string;
  programName: string;
  brandColor: string;
  locale: Locale;
  number: string;
  qrToken: string;
  name: string;
  tierName: string;
  /** Spendable main balance, in points. */
  balance: number;
  /** The newest change of balance or status (at least the card's issue time), millisecond precision. */
  lastUpdated: Date;
}

/**
 * The latest balance/status change of each card's member: the newest ledger entry of their
 * accounts or status change, at least the card's issue time. (Entries carry the operation's own
 * time: a receipt a till uploads late with an earlier time does not move it.)
 */
export async function lastUpdatedOfCards(db: Db, cardIds: string[]): Promise<Map<string, Date>> {
  if (!cardIds.length) return new Map();
  const rows = await db.$queryRaw<{ id: string; at: Date }[]>`
    select c.id, greatest(
      c."issuedAt",
      (select max(e.at) from "LedgerEntry" e join "Account" a on a.id = e."accountId" where a."customerId" = c."customerId"),
      (select max(t.at) from "TierChange" t where t."customerId" = c."customerId")
    ) as at
    from "Card" c where c.id = any(${cardIds})`;
  return new Map(rows.map((r) => [r.id, r.at]));
}

export async function lastUpdatedOf(db: Db, cardId: string): Promise<Date | null> {
  return (await lastUpdatedOfCards(db, [cardId])).get(cardId) ?? null;
}

/** The card with its member's data, or null for an unknown or inactive card. */
export async function memberCard(db: Db, cardId: string, now = new Date()): Promise<MemberCard | null> {
  const card = await db.card.findUnique({
    where: { id: cardId },
    select: {
      id: true,
      number: true,
      qrToken: true,
      status: true,
      programId: true,
      customer: { select: { id: true, firstName: true, lastName: true, phone: true, locale: true, accounts: { where: { kind: "main" }, select: { available: true } } } },
      program: { select: { name: true, brandColor: true, defaultLocale: true } },
    },
  });
  if (!card || card.status !== "active") return null;
  const c = card.customer;
  const locale = isLocale(c.locale) ? c.locale : isLocale(card.program.defaultLocale) ? card.program.defaultLocale : "ru";
  const [view, lastUpdated] = await Promise.all([customerTierView(db, c.id, now, locale), lastUpdatedOf(db, card.id)]);
  return {
    cardId: card.id,
    customerId: c.id,
    programId: card.programId,
    programName: card.program.name,
    brandColor: card.program.brandColor,
    locale,
    number: card.number,
    qrToken: card.qrToken,
    name: displayName(c),
    tierName: view.tier.name,
    balance: c.accounts[0]?.available ?? 0,
    lastUpdated: lastUpdated ?? new Date(0),
  };
}
