// Provider events on messages: `applyProviderEvent` (each event kept once by its id — a replay is
// dropped —, statuses only moving forward, delivery/open/click dates recorded for statistics, hard
// failures suppressing the address), used by Resend's webhooks (sent through Svix: the signature
// checked on the raw body with a timestamp tolerance) and the SMS provider's delivery reports.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { movesForward, type QueuedStatus } from "./status";

/** Seconds a webhook's timestamp may differ from our clock (Svix's own libraries use 5 minutes). */
export const WEBHOOK_TOLERANCE_S = 300;

export interface SvixHeaders {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
}

/** Whether `body` was signed with `secret` ("whsec_<base64>") as Svix signs: HMAC-SHA256 of "id.timestamp.body". */
export function verifySvixSignature(secret: string, h: SvixHeaders, body: string, now: Date): boolean {
  if (!h.id || !h.timestamp || !h.signature || !secret.startsWith("whsec_")) return false;
  if (!/^\d{1,12}$/.test(h.timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(h.timestamp)) > WEBHOOK_TOLERANCE_S) return false;
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key).update(`${h.id}.${h.timestamp}.${body}`).digest();
  return h.signature.split(" ").some((part) => {
    const [version, sig] = part.split(",", 2);
    if (version !== "v1" || !sig) return false;
    const given = Buffer.from(sig, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** Signs like Svix (tests and the demo's webhook replays). */
export function signSvix(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

const resendEvent = z.object({
  type: z.string().min(1),
  created_at: z.string().datetime({ offset: true }),
  data: z
    .object({
      email_id: z.string().min(1).optional(),
      to: z.array(z.string()).optional(),
      bounce: z.object({ type: z.string().optional() }).passthrough().optional(),
    })
    .passthrough(),
});

const STATUS_OF: Record<string, QueuedStatus> = {
  "email.sent": "sent",
  "email.delivered": "delivered",
  "email.opened": "opened",
  "email.clicked": "clicked",
  "email.bounced": "bounced",
  "email.complained": "complained",
  "email.failed": "failed",
};

export type WebhookOutcome = "applied" | "duplicate" | "unknown_message" | "ignored";

/** One provider event, as the provider's own parser understood it. */
export interface ProviderEvent {
  /** Kept in MessageEvent.provider ("resend", "sms"). */
  provider: string;
  /** Unique across providers (the MessageEvent key): a second delivery of the same id is dropped. */
  eventId: string;
  /** The provider's own word for the event, kept as it is. */
  type: string;
  channel: "email" | "sms";
  /** The provider's id of the message (Message.providerId). */
  providerMessageId: string | null;
  at: Date;
  /** Where the event moves the message (undefined: kept, nothing moves). */
  status: QueuedStatus | undefined;
  /** The reason written with bounced / complained / failed (the status itself by default). */
  reason?: string;
  /** Addresses a hard bounce or a complaint puts on the suppression list. */
  suppress?: { reason: "bounced" | "complained"; addresses: string[] };
  payload: unknown;
}

/**
 * Applies one verified provider event (Resend's, the SMS provider's delivery reports). The event row
 * is inserted first (ON CONFLICT DO NOTHING): a second delivery of the same event id changes
 * nothing. The message row is locked while its status moves, and it only moves forward.
 */
export async function applyProviderEvent(db: Db, e: ProviderEvent): Promise<WebhookOutcome> {
  const { at, status } = e;
  return db.$transaction(async (tx) => {
    const msg = e.providerMessageId
      ? (
          await tx.$queryRaw<{ id: string; status: QueuedStatus }[]>`
            SELECT id, status::text AS status FROM "Message"
            WHERE "providerId" = ${e.providerMessageId} AND channel = ${e.channel}::"MessageChannel"
            ORDER BY "createdAt" LIMIT 1 FOR UPDATE`
        )[0]
      : undefined;
    const kept = await tx.$executeRaw`
      INSERT INTO "MessageEvent" (id, provider, type, "messageId", "occurredAt", payload)
      VALUES (${e.eventId}, ${e.provider}, ${e.type}, ${msg?.id ?? null}, ${at}, ${JSON.stringify(e.payload)}::jsonb)
      ON CONFLICT (id) DO NOTHING`;
    if (kept === 0) return "duplicate";
    if (!status) return "ignored";
    for (const address of e.suppress?.addresses ?? []) {
      await tx.$executeRaw`
        INSERT INTO "Suppression" (channel, address, reason, source)
        VALUES (${e.channel}::"MessageChannel", ${address}, ${e.suppress!.reason}::"SuppressionReason", ${msg?.id ?? e.eventId})
        ON CONFLICT (channel, address) DO NOTHING`;
    }
    if (!msg) return "unknown_message";
    const forward = movesForward(msg.status, status);
    const reason = e.reason ?? status;
    // Timestamps are kept even when the status does not move (an open reported after the click).
    await tx.$executeRaw`
      UPDATE "Message" SET
        status = CASE WHEN ${forward} THEN ${status}::"QueuedMessageStatus" ELSE status END,
        "deliveredAt" = CASE WHEN ${status} IN ('delivered', 'opened', 'clicked') THEN COALESCE("deliveredAt", ${at}) ELSE "deliveredAt" END,
        "openedAt" = CASE WHEN ${status} IN ('opened', 'clicked') THEN COALESCE("openedAt", ${at}) ELSE "openedAt" END,
        "clickedAt" = CASE WHEN ${status} = 'clicked' THEN COALESCE("clickedAt", ${at}) ELSE "clickedAt" END,
        "bouncedAt" = CASE WHEN ${status} = 'bounced' THEN COALESCE("bouncedAt", ${at}) ELSE "bouncedAt" END,
        "complainedAt" = CASE WHEN ${status} = 'complained' THEN COALESCE("complainedAt", ${at}) ELSE "complainedAt" END,
        reason = CASE WHEN ${forward} AND ${status} IN ('bounced', 'complained', 'failed') THEN ${reason} ELSE reason END,
        "updatedAt" = now()
      WHERE id = ${msg.id}`;
    return "applied";
  });
}

/** Applies one verified Resend event (svix-id as its id); a bounce (not a transient one) or a complaint suppresses the address. */
export async function applyResendEvent(db: Db, eventId: string, payload: unknown): Promise<WebhookOutcome> {
  const parsed = resendEvent.safeParse(payload);
  if (!parsed.success) throw new Error("not a Resend email event");
  const e = parsed.data;
  const status = STATUS_OF[e.type];
  const transient = e.type === "email.bounced" && e.data.bounce?.type?.toLowerCase() === "transient";
  const hard = (status === "bounced" && !transient) || status === "complained";
  return applyProviderEvent(db, {
    provider: "resend",
    eventId,
    type: e.type,
    channel: "email",
    providerMessageId: e.data.email_id ?? null,
    at: new Date(e.created_at),
    status,
    reason: transient ? "transient_bounce" : undefined,
    suppress: hard ? { reason: status as "bounced" | "complained", addresses: (e.data.to ?? []).map((a) => a.trim().toLowerCase()) } : undefined,
    payload,
  });
}
