// The `deliver-messages` job: claims due messages (FOR UPDATE SKIP LOCKED, so parallel runs never
// take the same row), evaluates the gates of a claimed batch in one transaction under the advisory
// locks of its members (the weekly marketing cap is counted and taken inside those locks, so
// parallel runs cannot overshoot it), then calls the provider outside any transaction, a few
// messages at a time, and records each outcome. A provider error is retried with
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
 * Messages of a batch sent at once (each holds a pool connection only for its outbox and status
 * writes), so the pool (DB_POOL_MAX, 20 by default) keeps room for the pages and the POS path.
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
  id: string;
  status: string;
  email: string | null;
  phone: string | null;
  emailConsent: boolean;
  smsConsent: boolean;
  storeZone: string | null;
}

type Program = Awaited<ReturnType<typeof definitionInForce>>;

/**
 * The gates of a claimed batch in one transaction: the advisory lock of every member in the batch
 * (taken in one statement, in the order of the lock keys, so two runs never deadlock), then what the
 * gates need in four set-based reads — members, their marketing cap slots used this week outside
 * the batch, suppressed addresses —, the pure gates message by message in claim order (a slot taken
 * or freed by an earlier message of the batch counts for the next one of the same member), and the
 * outcomes written in one UPDATE. The locks are held until that commit, so a parallel run that
 * reaches the same member counts the slots taken here: the cap is never overshot.
 */
async function gateBatch(db: Db, batch: Claimed[], now: Date): Promise<GateOutcome[]> {
  const programs = new Map<string, Program>();
  for (const programId of new Set(batch.map((m) => m.programId))) programs.set(programId, await definitionInForce(db, programId, now));
  const weekAgo = new Date(now.getTime() - WEEK_MS);
  const ids = batch.map((m) => m.id);
  const memberIds = [...new Set(batch.map((m) => m.customerId).filter((id): id is string => id !== null))];
  const capped = [...new Set(batch.filter((m) => m.category === "marketing" && m.customerId).map((m) => m.customerId!))];
  return db.$transaction(async (tx) => {
    if (memberIds.length > 0) {
      await tx.$executeRaw`
        SELECT pg_advisory_xact_lock(hashtext('message-member'), k)
        FROM (SELECT DISTINCT hashtext(x) AS k FROM unnest(${memberIds}::text[]) x ORDER BY 1) keys`;
    }
    // One connection, one statement at a time (an interactive transaction).
    const members =
      memberIds.length === 0
        ? []
        : await tx.$queryRaw<Member[]>`
            SELECT c.id, c.status::text AS status, c.email, c.phone, c."emailConsent", c."smsConsent", s.timezone AS "storeZone"
            FROM "Customer" c LEFT JOIN "Store" s ON s.id = c."registeredStoreId"
            WHERE c.id = ANY(${memberIds}::text[])`;
    const used =
      capped.length === 0
        ? []
        : await tx.$queryRaw<{ id: string; n: number }[]>`
            SELECT "customerId" AS id, count(*)::int AS n FROM "Message"
            WHERE "customerId" = ANY(${capped}::text[]) AND category = 'marketing' AND "capAt" > ${weekAgo}
              AND status NOT IN ('failed', 'suppressed') AND id <> ALL(${ids}::text[])
            GROUP BY 1`;
    const suppressed = await tx.$queryRaw<{ channel: string; address: string }[]>`
      SELECT channel::text AS channel, address FROM "Suppression" WHERE address = ANY(${[...new Set(batch.map((m) => m.to))]}::text[])`;
    const memberOf = new Map(members.map((r) => [r.id, r]));
    const usedOutside = new Map(used.map((r) => [r.id, r.n]));
    const isSuppressed = new Set(suppressed.map((r) => `${r.channel}:${r.address}`));
    // Per member: the batch's messages holding a slot of this week (retries, then the ones passed here).
    const holding = new Map<string, Set<string>>();
    for (const m of batch) {
      if (m.customerId && m.category === "marketing" && m.capAt && m.capAt > weekAgo) {
        holding.set(m.customerId, (holding.get(m.customerId) ?? new Set()).add(m.id));
      }
    }
    const outcomes = batch.map((m) => {
      const program = programs.get(m.programId);
      const comms = program?.definition.communications;
      const member = m.customerId ? (memberOf.get(m.customerId) ?? null) : null;
      const slots = m.customerId ? (holding.get(m.customerId) ?? new Set<string>()) : new Set<string>();
      const capUsed = m.customerId && m.category === "marketing" ? (usedOutside.get(m.customerId) ?? 0) + slots.size - (slots.has(m.id) ? 1 : 0) : 0;
      const address = member ? (m.channel === "email" ? member.email : member.phone) : null;
      const outcome = evaluateGates(
        {
          category: m.category,
          memberReachable: m.customerId ? member !== null && member.status === "active" && address !== null : null,
          suppressed: isSuppressed.has(`${m.channel}:${m.to}`),
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
      if (m.customerId && m.category === "marketing") {
        if (outcome.kind === "suppress") slots.delete(m.id);
        else if (outcome.kind === "pass" && outcome.takesCapSlot) slots.add(m.id);
        holding.set(m.customerId, slots);
      }
      return outcome;
    });
    // One statement for every outcome: suppressed (for good, its slot freed), deferred, or passed (`sending`).
    const rows = outcomes.map((o) =>
      o.kind === "suppress"
        ? { status: "suppressed", gate: `suppressed:${o.reason}`, reason: o.reason, until: null, take: false }
        : o.kind === "defer"
          ? { status: "queued", gate: `deferred:${o.reason}`, reason: null, until: o.until.toISOString(), take: false }
          : { status: "sending", gate: "passed", reason: null, until: null, take: o.takesCapSlot },
    );
    await tx.$executeRaw`
      UPDATE "Message" m SET
        status = o.status::"QueuedMessageStatus",
        gate = o.gate,
        reason = CASE WHEN o.status = 'suppressed' THEN o.reason ELSE m.reason END,
        "notBefore" = COALESCE(o.until::timestamptz, m."notBefore"),
        "claimedUntil" = CASE WHEN o.status = 'sending' THEN m."claimedUntil" ELSE NULL END,
        "capAt" = CASE WHEN o.status = 'suppressed' THEN NULL WHEN o.take THEN ${now}::timestamptz ELSE m."capAt" END,
        "updatedAt" = now()
      FROM unnest(${ids}::text[], ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.gate)}::text[], ${rows.map((r) => r.reason)}::text[],
                  ${rows.map((r) => r.until)}::text[], ${rows.map((r) => r.take)}::boolean[]) AS o(id, status, gate, reason, until, take)
      WHERE m.id = o.id`;
    return outcomes;
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

/** Sends one message that passed its gates (now `sending`) and records the outcome. */
async function sendOne(db: Db, m: Claimed, now: Date, brand: (programId: string) => Promise<Brand>): Promise<"sent" | "retry" | "failed"> {
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
    const outcomes = await gateBatch(db, batch, now);
    const passed = batch.filter((_, j) => outcomes[j].kind === "pass");
    counts.suppressed += outcomes.filter((o) => o.kind === "suppress").length;
    counts.deferred += outcomes.filter((o) => o.kind === "defer").length;
    let next = 0;
    const worker = async () => {
      while (next < passed.length) {
        const m = passed[next++];
        counts[await sendOne(db, m, now, brand)] += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, passed.length) }, worker));
  }
  return counts;
}
