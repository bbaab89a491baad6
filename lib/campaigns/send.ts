// Sending a campaign: the `send-campaigns` job starts campaigns whose time has come (scheduled →
// sending, one conditional UPDATE) and queues their messages batch by batch, walking the segment
// with its keyset paging (lib/segments/run.ts: memory stays flat at any size). Each batch is one
// transaction that locks the campaign row, checks the cursor it read is still the campaign's,
// queues the batch (enqueueBatch, dedupe key `campaign:<id>:<member>`) and moves the cursor and the
// counters — so a crashed run resumes where it stopped, two runs never queue a batch twice, and
// even a replayed batch would queue nothing (the dedupe key is unique per program).
// Members in the holdout are queued too, with the campaign's holdoutPercent: deliver-messages'
// holdout gate suppresses them (reason "holdout"), which keeps the record the statistics compare.
import { enqueueBatch } from "@/lib/communications/queue";
import type { Db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/locales";
import { countSegment, segmentContext, segmentMembers } from "@/lib/segments/run";
import type { SegmentContext } from "@/lib/segments/compile";
import { segmentDefinitionOrThrow, type SegmentDefinition } from "@/lib/segments/definition";
import { inCampaignHoldout, variantOf } from "./assign";
import { personalise, type CampaignVariant } from "./definition";
import type { Campaign } from "./store";

export const CAMPAIGN_BATCH = 1_000;

export function campaignDedupeKey(campaignId: string, customerId: string): string {
  return `campaign:${campaignId}:${customerId}`;
}

/**
 * Who a campaign goes to, and the context it is evaluated in: the owner's campaign is its saved
 * segment; a partner's mailing is evaluated in the partner's scope (lib/segments/compile.ts: only
 * members who bought at its stores, only its receipts) — its `audience` (a store filter) ANDed with
 * the partner's saved group when it has one. Null when there is nobody to reach (a deleted segment).
 */
export async function campaignAudience(db: Db, c: Pick<Campaign, "programId" | "segmentId" | "audience" | "partnerId">, now: Date): Promise<{ def: SegmentDefinition; ctx: SegmentContext } | null> {
  const parts: SegmentDefinition[] = [];
  if (c.audience) parts.push(segmentDefinitionOrThrow(c.audience));
  if (c.segmentId) {
    const seg = c.partnerId
      ? await db.partnerSegment.findFirst({ where: { id: c.segmentId, partnerId: c.partnerId, programId: c.programId } })
      : await db.segment.findFirst({ where: { id: c.segmentId, programId: c.programId } });
    if (!seg) return null;
    parts.push(segmentDefinitionOrThrow(seg.definition));
  }
  if (parts.length === 0 && !c.partnerId) return null;
  const ctx = await segmentContext(db, c.programId, now);
  const def: SegmentDefinition = parts.length === 1 ? parts[0] : { kind: "group", op: "and", children: parts };
  return { def, ctx: c.partnerId ? { ...ctx, partnerId: c.partnerId } : ctx };
}

/** Campaigns due at `now` move to `sending` (each exactly once) and get the segment's count to aim at. */
export async function startDueCampaigns(db: Db, now: Date): Promise<string[]> {
  const started = await db.$queryRaw<{ id: string; programId: string; segmentId: string | null; audience: unknown; partnerId: string | null }[]>`
    UPDATE "Campaign" SET status = 'sending', "startedAt" = ${now}, "updatedAt" = now()
    WHERE status = 'scheduled' AND "scheduledAt" <= ${now}
    RETURNING id, "programId", "segmentId", audience, "partnerId"`;
  for (const c of started) {
    const who = await campaignAudience(db, c, now);
    const count = who ? await countSegment(db, who.ctx, who.def) : 0;
    await db.campaign.update({ where: { id: c.id }, data: { segmentCount: count } });
  }
  return started.map((c) => c.id);
}

function textsFor(v: CampaignVariant, locale: Locale, firstName: string | null) {
  return { subject: personalise(v.subject[locale] || v.body[locale].slice(0, 60), firstName), body: personalise(v.body[locale], firstName) };
}

/**
 * Queues the next batch of a sending campaign. "more": call again; "done": every member is queued
 * (the campaign is now `sent`); "idle": it is not sending (canceled, finished, another program's).
 */
export async function queueCampaignBatch(db: Db, campaignId: string, now: Date, batch = CAMPAIGN_BATCH): Promise<"more" | "done" | "idle"> {
  const c = (await db.campaign.findUnique({ where: { id: campaignId } })) as unknown as Campaign | null;
  if (!c || c.status !== "sending") return "idle";
  const who = await campaignAudience(db, c, now);
  // A segment deleted while sending: nothing more to reach.
  const members = who ? await segmentMembers(db, who.ctx, who.def, { afterId: c.cursor, limit: batch }) : [];
  const last = members.at(-1)?.id ?? c.cursor;
  const done = members.length < batch;
  const holdout = new Set(members.filter((m) => inCampaignHoldout(c.id, m.id, c.holdoutPercent)).map((m) => m.id));
  const variants = c.variants;
  const byKey = new Map(variants.map((v) => [v.key, v]));
  // A partner's mailing carries the partner's name: the template brands the email with it.
  const partner = c.partnerId ? ((await db.partner.findUnique({ where: { id: c.partnerId }, select: { name: true } }))?.name ?? null) : null;
  const brand = partner ? { partner } : {};
  return db.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ cursor: string | null; status: string }[]>`SELECT cursor, status::text FROM "Campaign" WHERE id = ${c.id} FOR UPDATE`;
      // Another run moved on meanwhile (or it was canceled): this batch is not ours to queue.
      if (!locked[0] || locked[0].status !== "sending" || locked[0].cursor !== c.cursor) return locked[0]?.status === "sending" ? "more" : "idle";
      const res = await enqueueBatch(tx, {
        programId: c.programId,
        channel: c.channel,
        category: "marketing",
        template: "campaign",
        campaignId: c.id,
        holdoutPercent: c.holdoutPercent || null,
        notBefore: now,
        members: members.map((m) => ({ customerId: m.id, dedupeKey: campaignDedupeKey(c.id, m.id) })),
        data: (m, locale) => {
          if (holdout.has(m.customerId)) return { variant: null, ...brand, ...textsFor(variants[0], locale, m.firstName) };
          const v = byKey.get(variantOf(c.id, m.customerId, variants)) ?? variants[0];
          return { variant: v.key, ...brand, ...textsFor(v, locale, m.firstName) };
        },
      });
      const noAddress = res.noAddress.filter((id) => !holdout.has(id)).length;
      await tx.$executeRaw`
        UPDATE "Campaign" SET cursor = ${last}, "audienceCount" = "audienceCount" + ${members.length},
               "holdoutCount" = "holdoutCount" + ${holdout.size}, "noAddressCount" = "noAddressCount" + ${noAddress},
               status = CASE WHEN ${done} THEN 'sent'::"CampaignStatus" ELSE status END,
               "queuedAt" = CASE WHEN ${done} THEN ${now}::timestamptz ELSE "queuedAt" END, "updatedAt" = now()
        WHERE id = ${c.id}`;
      return done ? "done" : "more";
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** Queues a sending campaign to the end (or `maxBatches`). */
export async function queueCampaign(db: Db, campaignId: string, now: Date, opts: { batch?: number; maxBatches?: number } = {}): Promise<"done" | "idle" | "more"> {
  for (let i = 0; i < (opts.maxBatches ?? 10_000); i++) {
    const r = await queueCampaignBatch(db, campaignId, now, opts.batch);
    if (r !== "more") return r;
  }
  return "more";
}

/** The `send-campaigns` job: start what is due, then queue every sending campaign. */
export async function runSendCampaigns(db: Db, now: Date): Promise<Record<string, number>> {
  const started = await startDueCampaigns(db, now);
  const sending = await db.campaign.findMany({ where: { status: "sending" }, select: { id: true }, orderBy: { startedAt: "asc" } });
  let finished = 0;
  for (const c of sending) if ((await queueCampaign(db, c.id, now)) === "done") finished += 1;
  return { started: started.length, sending: sending.length, finished };
}
