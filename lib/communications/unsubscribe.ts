// One-click unsubscribe (RFC 8058): a per-member link signed with AUTH_SECRET on APP_URL. A POST to
// it withdraws the channel's consent without sign-in; a GET only shows the preferences page.
import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import { sameHash, secretHash } from "@/lib/messaging/limits";
import type { MessageChannelKind } from "./queue";

const CHANNEL_LETTER: Record<MessageChannelKind, string> = { email: "e", sms: "s" };

function signature(customerId: string, channel: MessageChannelKind): string {
  return secretHash("unsubscribe", customerId, channel).slice(0, 40);
}

export function unsubscribeToken(customerId: string, channel: MessageChannelKind = "email"): string {
  return `${customerId}.${CHANNEL_LETTER[channel]}.${signature(customerId, channel)}`;
}

/** The member's unsubscribe link, from APP_URL only. */
export function unsubscribeUrl(customerId: string, channel: MessageChannelKind = "email"): string {
  return appUrl(`/unsubscribe/${unsubscribeToken(customerId, channel)}`);
}

/** The member and channel a token names, or null when it is malformed or its signature is wrong. */
export function readUnsubscribeToken(token: string): { customerId: string; channel: MessageChannelKind } | null {
  const m = /^([a-z]{3}_[0-9a-z]{8,40})\.([es])\.([0-9a-f]{40})$/.exec(token);
  if (!m) return null;
  const channel: MessageChannelKind = m[2] === "e" ? "email" : "sms";
  return sameHash(m[3], signature(m[1], channel)) ? { customerId: m[1], channel } : null;
}

export interface UnsubscribeView {
  customerId: string;
  channel: MessageChannelKind;
  programName: string;
  address: string | null;
  subscribed: boolean;
}

/** What the preferences page shows for a token (null: invalid token or unknown member). */
export async function unsubscribeView(db: Db, token: string): Promise<UnsubscribeView | null> {
  const who = readUnsubscribeToken(token);
  if (!who) return null;
  const c = await db.customer.findUnique({ where: { id: who.customerId }, select: { email: true, phone: true, emailConsent: true, smsConsent: true, program: { select: { name: true } } } });
  if (!c) return null;
  return {
    ...who,
    programName: c.program.name,
    address: who.channel === "email" ? c.email : c.phone,
    subscribed: who.channel === "email" ? c.emailConsent : c.smsConsent,
  };
}

/** Withdraws the consent a valid token names (idempotent). False when the token is not valid. */
export async function unsubscribe(db: Db, token: string, now: Date): Promise<boolean> {
  const who = readUnsubscribeToken(token);
  if (!who) return false;
  const data = who.channel === "email" ? { emailConsent: false, emailConsentAt: now } : { smsConsent: false, smsConsentAt: now };
  const where = who.channel === "email" ? { id: who.customerId, emailConsent: true } : { id: who.customerId, smsConsent: true };
  return db.$transaction(async (tx) => {
    const c = await tx.customer.findUnique({ where: { id: who.customerId }, select: { programId: true } });
    if (!c) return false;
    const changed = await tx.customer.updateMany({ where, data });
    if (changed.count === 1) {
      await writeAudit(tx, {
        programId: c.programId,
        actor: { type: "customer", id: who.customerId },
        action: "customer.unsubscribed",
        entityType: "customer",
        entityId: who.customerId,
        before: { [who.channel]: true },
        after: { [who.channel]: false },
      });
    }
    return true;
  });
}
