// The `deliver-messages` job: claims due messages (FOR UPDATE SKIP LOCKED, so parallel runs never
// take the same row), evaluates the gates under the member's advisory lock (the weekly marketing
// cap is counted and taken inside that lock, so parallel runs cannot overshoot it), then calls the
// provider outside any transaction and records the outcome. A provider error is retried with
// exponential backoff (1, 2, 4, 8 … minutes); after MAX_ATTEMPTS the message has failed.
import type { Db } from "@/lib/db/client";
import { emailSender } from "@/lib/email/email-sender";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { smsSender } from "@/lib/messaging/sms-sender";
import { inHoldout } from "@/lib/promotions/holdout";
import { definitionInForce } from "@/lib/program/in-force";
import { evaluateGates, type GateOutcome } from "./gates";
import type { MessageCategory } from "./queue";
import { templateOf } from "./templates";
import { unsubscribeUrl } from "./unsubscribe";

export const MAX_ATTEMPTS = 6;
const CLAIM_MS = 5 * 60_000;
const WEEK_MS = 7 * 24 * 3_600_000;
const BATCH = 200;
/**
 * Messages of a batch in flight at once. Each holds one pool connection only while its gates run
 * (the member's advisory lock serialises two messages of one member), so the pool (DB_POOL_MAX,
 * 20 by default) keeps room for the pages and the POS path.
 */
const IN_FLIGHT = 6;

/** Minutes to wait after the n-th failed attempt (1, 2, 4, … capped at 4 hours). */
export function backoffMs(attempt: number): number {
  return Math.min(2 ** Math.max(0, attempt - 1), 240) * 60_000;
}

interface Claimed {
  id: string;
  programId: string;
  customerId: string | null;
  channel: "email" | "sms";
  to: string;
  category: MessageCategory;
  template: string;
  data: Record<string, unknown>;
  locale: string;
  campaignId: string | null;
  holdoutPercent: number | null;
  attempts: number;
  capAt: Date | null;
}

async function claim(db: Db, now: Date, limit: number): Promise<Claimed[]> {
  const until = new Date(now.getTime() + CLAIM_MS);
  return db.$queryRaw<Claimed[]>`
    UPDATE "Message" m SET "claimedUntil" = ${until}, "updatedAt" = now()
    WHERE m.id IN (
      SELECT id FROM "Message"
      WHERE status IN ('queued', 'sending') AND "notBefore" <= ${now}
        AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})
      ORDER BY "notBefore", id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING m.id, m."programId", m."customerId", m.channel::text AS channel, m."to", m.category::text AS category,
              m.template, m.data, m.locale, m."campaignId", m."holdoutPercent", m.attempts, m."capAt"`;
}

interface Member {
  status: string;
  email: string | null;
  phone: string | null;
  emailConsent: boolean;
  smsConsent: boolean;
  storeZone: string | null;
}

/** Gates under the member's lock; writes a suppression or deferral, or marks the message `sending`. */
async function gate(db: Db, m: Claimed, now: Date): Promise<GateOutcome> {
  const program = await definitionInForce(db, m.programId, now);
  const comms = program?.definition.communications;
  return db.$transaction(async (tx) => {
    let member: Member | null = null;
    let capUsed = 0;
    if (m.customerId) {
      // One member's deliveries are serialised: the cap's count and its slot are one step.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('message-member'), hashtext(${m.customerId}))`;
      const rows = await tx.$queryRaw<Member[]>`
        SELECT c.status::text AS status, c.email, c.phone, c."emailConsent", c."smsConsent", s.timezone AS "storeZone"
        FROM "Customer" c LEFT JOIN "Store" s ON s.id = c."registeredStoreId"
        WHERE c.id = ${m.customerId}`;
      member = rows[0] ?? null;
      if (m.category === "marketing") {
        const used = await tx.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM "Message"
          WHERE "customerId" = ${m.customerId} AND category = 'marketing' AND id <> ${m.id}
            AND "capAt" > ${new Date(now.getTime() - WEEK_MS)} AND status NOT IN ('failed', 'suppressed')`;
        capUsed = used[0]?.n ?? 0;
      }
    }
    const suppressed = await tx.$queryRaw<{ reason: string }[]>`
      SELECT reason::text FROM "Suppression" WHERE channel = ${m.channel}::"MessageChannel" AND address = ${m.to}`;
    const address = member ? (m.channel === "email" ? member.email : member.phone) : null;
    const outcome = evaluateGates(
      {
        category: m.category,
        memberReachable: m.customerId ? member !== null && member.status === "active" && address !== null : null,
        suppressed: suppressed.length > 0,
        consent: member ? (m.channel === "email" ? member.emailConsent : member.smsConsent) : null,
        inHoldout: Boolean(m.campaignId && m.customerId && m.holdoutPercent && inHoldout(m.campaignId, m.customerId, m.holdoutPercent)),
        quietHours: comms?.quietHours ?? null,
        timeZone: member?.storeZone ?? program?.definition.timezone ?? "UTC",
        capLimit: comms?.marketingPerWeek ?? null,
        capUsed,
        holdsCapSlot: m.capAt !== null,
      },
      now,
    );
    if (outcome.kind === "suppress") {
      await tx.$executeRaw`
        UPDATE "Message" SET status = 'suppressed', gate = ${`suppressed:${outcome.reason}`}, reason = ${outcome.reason},
               "claimedUntil" = NULL, "capAt" = NULL, "updatedAt" = now()
        WHERE id = ${m.id}`;
    } else if (outcome.kind === "defer") {
      await tx.$executeRaw`
        UPDATE "Message" SET status = 'queued', gate = ${`deferred:${outcome.reason}`}, "notBefore" = ${outcome.until},
               "claimedUntil" = NULL, "updatedAt" = now()
        WHERE id = ${m.id}`;
    } else {
      await tx.$executeRaw`
        UPDATE "Message" SET status = 'sending', gate = 'passed',
               "capAt" = CASE WHEN ${outcome.takesCapSlot} THEN ${now}::timestamptz ELSE "capAt" END, "updatedAt" = now()
        WHERE id = ${m.id}`;
    }
    return outcome;
  });
}

type Brand = { id: string; name: string; brandColor: string };

/** The program's name and colour, read once per run (a run is minutes at most). */
function brandReader(db: Db): (programId: string) => Promise<Brand> {
  const seen = new Map<string, Promise<Brand>>();
  return (programId) => {
    let b = seen.get(programId);
    if (!b) {
      b = db.program.findUniqueOrThrow({ where: { id: programId }, select: { id: true, name: true, brandColor: true } });
      seen.set(programId, b);
      b.catch(() => seen.delete(programId));
    }
    return b;
  };
}

/** Renders and hands the message to the channel's sender (which writes the outbox row). */
async function send(db: Db, m: Claimed, brand: (programId: string) => Promise<Brand>): Promise<{ outboxId: string; providerId: string | null; provider: string; subject: string | null }> {
  const template = templateOf(m.template);
  const locale: Locale = isLocale(m.locale) ? m.locale : "ru";
  const promotional = m.category !== "transactional";
  const unsub = promotional && m.customerId ? unsubscribeUrl(m.customerId, m.channel) : null;
  const ctx = { locale, program: await brand(m.programId), data: m.data, unsubscribeUrl: unsub };
  if (m.channel === "email") {
    if (!template.email) throw new RenderError(`template "${m.template}" has no email`);
    const mail = await template.email(ctx).catch((e: Error) => Promise.reject(new RenderError(e.message)));
    const headers = unsub ? { "List-Unsubscribe": `<${unsub}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : undefined;
    const sender = emailSender();
    const res = await sender.send(db, { to: m.to, subject: mail.subject, html: mail.html, text: mail.text, programId: m.programId, template: m.template, secrets: mail.secrets, headers });
    return { outboxId: res.id, providerId: res.providerId ?? null, provider: sender.name, subject: mail.subject };
  }
  if (!template.sms) throw new RenderError(`template "${m.template}" has no SMS`);
  const sms = await template.sms(ctx).catch((e: Error) => Promise.reject(new RenderError(e.message)));
  const sender = smsSender();
  const res = await sender.send(db, { to: m.to, text: sms.text, programId: m.programId, template: m.template, secrets: sms.secrets });
  return { outboxId: res.id, providerId: res.providerId ?? null, provider: sender.name, subject: null };
}

/** A message that cannot be rendered will never be: it fails at once instead of being retried. */
class RenderError extends Error {}

async function deliverOne(db: Db, m: Claimed, now: Date, brand: (programId: string) => Promise<Brand>): Promise<"sent" | "suppressed" | "deferred" | "retry" | "failed"> {
  const outcome = await gate(db, m, now);
  if (outcome.kind === "suppress") return "suppressed";
  if (outcome.kind === "defer") return "deferred";
  const attempt = m.attempts + 1;
  try {
    const res = await send(db, m, brand);
    await db.$executeRaw`
      UPDATE "Message" SET status = 'sent', attempts = ${attempt}, "sentAt" = ${now}, "outboxId" = ${res.outboxId},
             provider = ${res.provider}, "providerId" = ${res.providerId}, subject = ${res.subject}, "lastError" = NULL,
             "claimedUntil" = NULL, "updatedAt" = now()
      WHERE id = ${m.id} AND status = 'sending'`;
    return "sent";
  } catch (e) {
    const error = (e as Error).message.slice(0, 500);
    if (e instanceof RenderError || attempt >= MAX_ATTEMPTS) {
      const reason = e instanceof RenderError ? "render_error" : "provider_error";
      await db.$executeRaw`
        UPDATE "Message" SET status = 'failed', attempts = ${attempt}, gate = ${`failed:${reason}`}, reason = ${reason},
               "lastError" = ${error}, "capAt" = NULL, "claimedUntil" = NULL, "updatedAt" = now()
        WHERE id = ${m.id}`;
      return "failed";
    }
    await db.$executeRaw`
      UPDATE "Message" SET status = 'queued', attempts = ${attempt}, gate = 'retry:provider_error', "lastError" = ${error},
             "notBefore" = ${new Date(now.getTime() + backoffMs(attempt))}, "claimedUntil" = NULL, "updatedAt" = now()
      WHERE id = ${m.id}`;
    return "retry";
  }
}

/** Sends every message due at `now`, batch by batch, until none is left (or `maxBatches`). */
export async function runDeliverMessages(db: Db, now: Date, opts: { batch?: number; maxBatches?: number } = {}): Promise<Record<string, number>> {
  const counts = { claimed: 0, sent: 0, suppressed: 0, deferred: 0, retry: 0, failed: 0 };
  const brand = brandReader(db);
  for (let i = 0; i < (opts.maxBatches ?? 50); i++) {
    const batch = await claim(db, now, opts.batch ?? BATCH);
    if (batch.length === 0) break;
    counts.claimed += batch.length;
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const m = batch[next++];
        counts[await deliverOne(db, m, now, brand)] += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, batch.length) }, worker));
  }
  return counts;
}
