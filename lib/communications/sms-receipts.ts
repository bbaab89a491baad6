// Delivery reports of the HTTP SMS provider (lib/messaging/sms-sender.ts: it answers a send with
// the SMS's `id`, kept as Message.providerId). The provider posts each report as JSON
// `{"id", "status", "event_id"?, "at"?, "error"?}` with the shared secret SMS_WEBHOOK_SECRET as a
// bearer token; reports go through `applyProviderEvent` like Resend's (kept once, only forward).
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { QueuedStatus } from "./status";
import { applyProviderEvent, type WebhookOutcome } from "./webhooks";

/** The provider's delivery states and where each moves the message (undefined: kept, nothing moves). */
const STATUS_OF: Record<string, { status: QueuedStatus | undefined; reason?: string }> = {
  accepted: { status: undefined },
  queued: { status: undefined },
  enroute: { status: undefined },
  sent: { status: "sent" },
  delivered: { status: "delivered" },
  undelivered: { status: "failed", reason: "sms_undelivered" },
  expired: { status: "failed", reason: "sms_expired" },
  rejected: { status: "failed", reason: "sms_rejected" },
  failed: { status: "failed", reason: "failed" },
};

export const SMS_RECEIPT_STATUSES = Object.keys(STATUS_OF);

export const smsReceipt = z.object({
  /** The provider's id of the SMS (its answer to the send). */
  id: z.string().trim().min(1).max(200),
  status: z.enum(SMS_RECEIPT_STATUSES as [string, ...string[]]),
  /** The report's own id; without one, the SMS and its status identify the report. */
  event_id: z.string().trim().min(1).max(200).optional(),
  at: z.string().datetime({ offset: true }).optional(),
  error: z.string().max(500).optional(),
});
export type SmsReceipt = z.infer<typeof smsReceipt>;

/** Whether `given` is the shared secret; compared in constant time (digests of equal length). */
export function sameSecret(given: string | null, secret: string): boolean {
  if (!given) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(secret).digest();
  return timingSafeEqual(a, b);
}

/** The bearer token of an Authorization header, or null. */
export function bearer(header: string | null): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m ? m[1] : null;
}

/** Applies one authenticated delivery report (`now` when the provider gives no time). */
export async function applySmsReceipt(db: Db, r: SmsReceipt, now: Date): Promise<WebhookOutcome> {
  const to = STATUS_OF[r.status];
  return applyProviderEvent(db, {
    provider: "sms",
    eventId: `sms:${r.event_id ?? `${r.id}:${r.status}`}`,
    type: r.status,
    channel: "sms",
    providerMessageId: r.id,
    at: r.at ? new Date(r.at) : now,
    status: to.status,
    reason: to.reason,
    payload: r,
  });
}
