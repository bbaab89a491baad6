// The cabinet's side of wallet cards, for the signed-in member only: the .pkpass of their own
// active card (recorded as a pass, so its devices may register for updates) and the Google
// "Save" link. Null when that wallet is not configured.
import { ensureVirtualCard } from "@/lib/customers/card";
import type { Db } from "@/lib/db/client";
import { appleWalletConfig, googleWalletConfig } from "./config";
import { googleSaveUrl } from "./google";
import { memberCard, type MemberCard } from "./member-card";
import { buildPkpass } from "./pkpass";
import { recordPass } from "./tokens";

async function ownCard(db: Db, customer: { id: string; programId: string }, now: Date): Promise<MemberCard> {
  const { card } = await ensureVirtualCard(db, customer);
  const data = await memberCard(db, card.id, now);
  if (!data || data.customerId !== customer.id) throw new Error(`card ${card.id} is not an active card of ${customer.id}`);
  return data;
}

/** The member's card as a signed .pkpass, or null without Apple Wallet settings. */
export async function memberApplePass(db: Db, customer: { id: string; programId: string }, now = new Date()): Promise<{ cardId: string; pkpass: Uint8Array } | null> {
  const config = appleWalletConfig();
  if (!config) return null;
  const card = await ownCard(db, customer, now);
  await recordPass(db, card.cardId, config.passTypeId);
  return { cardId: card.cardId, pkpass: buildPkpass(config, card, now) };
}

/** The member's "Save to Google Wallet" link, or null without Google Wallet settings. */
export async function memberGoogleSaveUrl(db: Db, customer: { id: string; programId: string }, now = new Date()): Promise<string | null> {
  const config = googleWalletConfig();
  if (!config) return null;
  return googleSaveUrl(config, await ownCard(db, customer, now), now);
}

/** The signed-in fan's own card as a .pkpass, or null when the fan is not active or Apple Wallet is not configured. */
export async function activeMemberApplePass(db: Db, customerId: string) {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true, programId: true, status: true } });
  if (!customer || customer.status !== "active") return { inactive: true as const };
  return { inactive: false as const, pass: await memberApplePass(db, customer) };
}
