// Campaigns of a program: create and edit (drafts only), read and list, schedule ("Send now" is a
// schedule at the moment of the click), cancel, and the test send to the marketer's own address.
// Every state change is one conditional UPDATE, so a double click or twenty concurrent clicks move
// a campaign once; all of it is scoped to the program and audited.
import { writeAudit } from "@/lib/audit/write-audit";
import { enqueueMessage } from "@/lib/communications/queue";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/i18n/locales";
import { createId } from "@/lib/ids";
import { getSegment } from "@/lib/segments/segments";
import { campaignInputOrThrow, personalise, type CampaignInput, type CampaignVariant } from "./definition";

export type CampaignStatus = "draft" | "scheduled" | "sending" | "sent" | "canceled";

export interface Campaign {
  id: string;
  programId: string;
  name: string;
  segmentId: string;
  channel: "email" | "sms";
  variants: CampaignVariant[];
  holdoutPercent: number;
  status: CampaignStatus;
  scheduledAt: Date | null;
  startedAt: Date | null;
  queuedAt: Date | null;
  cursor: string | null;
  segmentCount: number | null;
  audienceCount: number;
  holdoutCount: number;
  noAddressCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const asJson = (v: unknown) => v as Prisma.InputJsonValue;

function isUniqueViolation(err: unknown) {
  return (err as { code?: string })?.code === "P2002";
}

const nameTaken = () => new AppError("already_exists", "A campaign with this name already exists", { details: [{ path: "name", message: "taken" }] });

export async function listCampaigns(db: Db, programId: string): Promise<(Campaign & { segmentName: string | null })[]> {
  const rows = await db.campaign.findMany({ where: { programId }, orderBy: { createdAt: "desc" }, take: 200 });
  const segments = await db.segment.findMany({ where: { programId, id: { in: rows.map((r) => r.segmentId) } }, select: { id: true, name: true } });
  const names = new Map(segments.map((s) => [s.id, s.name]));
  return rows.map((r) => ({ ...(r as unknown as Campaign), segmentName: names.get(r.segmentId) ?? null }));
}

/** A campaign of this program, or 404 (another program's id is not found either). */
export async function getCampaign(db: Db, programId: string, id: string): Promise<Campaign> {
  const row = await db.campaign.findFirst({ where: { id, programId } });
  if (!row) throw new AppError("not_found", "Campaign not found");
  return row as unknown as Campaign;
}

export async function createCampaign(db: Db, input: { programId: string; staffUserId: string | null; campaign: unknown }): Promise<Campaign> {
  const c = campaignInputOrThrow(input.campaign);
  await getSegment(db, input.programId, c.segmentId);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.campaign.create({
        data: {
          id: createId("cmp"),
          programId: input.programId,
          name: c.name,
          segmentId: c.segmentId,
          channel: c.channel,
          variants: asJson(c.variants),
          holdoutPercent: c.holdoutPercent,
          createdById: input.staffUserId,
          updatedById: input.staffUserId,
        },
      });
      await writeAudit(tx, { programId: input.programId, actor: { type: "staff", id: input.staffUserId }, action: "campaign.create", entityType: "campaign", entityId: row.id, after: c });
      return row as unknown as Campaign;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
}

/** Edits a draft (a scheduled campaign goes back to draft with `unschedule` first). */
export async function updateCampaign(db: Db, input: { programId: string; id: string; staffUserId: string | null; campaign: unknown }): Promise<Campaign> {
  const c: CampaignInput = campaignInputOrThrow(input.campaign);
  await getSegment(db, input.programId, c.segmentId);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.campaign.findFirst({ where: { id: input.id, programId: input.programId } });
      if (!before) throw new AppError("not_found", "Campaign not found");
      const changed = await tx.campaign.updateMany({
        where: { id: input.id, programId: input.programId, status: "draft" },
        data: { name: c.name, segmentId: c.segmentId, channel: c.channel, variants: asJson(c.variants), holdoutPercent: c.holdoutPercent, updatedById: input.staffUserId },
      });
      if (changed.count !== 1) throw new AppError("invalid_state", "Only a draft campaign can be edited");
      await writeAudit(tx, {
        programId: input.programId,
        actor: { type: "staff", id: input.staffUserId },
        action: "campaign.update",
        entityType: "campaign",
        entityId: input.id,
        before: { name: before.name },
        after: c,
      });
      return (await tx.campaign.findUniqueOrThrow({ where: { id: input.id } })) as unknown as Campaign;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
}

/**
 * Schedules a draft at `at` (now for "Send now"). One conditional UPDATE: of any number of
 * concurrent calls exactly one returns `true`; the others find it no longer a draft.
 */
export async function scheduleCampaign(db: Db, input: { programId: string; id: string; staffUserId: string | null; at: Date; now: Date }): Promise<boolean> {
  if (Number.isNaN(input.at.getTime())) throw new AppError("invalid_request", "Invalid send time", { details: [{ path: "at", message: "invalid" }] });
  if (input.at.getTime() > input.now.getTime() + 90 * 24 * 3_600_000)
    throw new AppError("invalid_request", "A campaign is scheduled at most 90 days ahead", { details: [{ path: "at", message: "too far" }] });
  const at = input.at < input.now ? input.now : input.at;
  await getCampaign(db, input.programId, input.id);
  return db.$transaction(async (tx) => {
    const changed = await tx.campaign.updateMany({
      where: { id: input.id, programId: input.programId, status: "draft" },
      data: { status: "scheduled", scheduledAt: at, updatedById: input.staffUserId },
    });
    if (changed.count === 1) {
      await writeAudit(tx, {
        programId: input.programId,
        actor: { type: "staff", id: input.staffUserId },
        action: "campaign.schedule",
        entityType: "campaign",
        entityId: input.id,
        after: { scheduledAt: at.toISOString() },
      });
    }
    return changed.count === 1;
  });
}

/** A scheduled campaign not yet started goes back to draft; one that is sending stops queueing (what is queued stays). */
export async function cancelCampaign(db: Db, input: { programId: string; id: string; staffUserId: string | null }): Promise<"draft" | "canceled" | null> {
  const c = await getCampaign(db, input.programId, input.id);
  return db.$transaction(async (tx) => {
    const toDraft = await tx.campaign.updateMany({
      where: { id: c.id, programId: input.programId, status: "scheduled" },
      data: { status: "draft", scheduledAt: null, updatedById: input.staffUserId },
    });
    const result =
      toDraft.count === 1
        ? "draft"
        : (await tx.campaign.updateMany({ where: { id: c.id, programId: input.programId, status: "sending" }, data: { status: "canceled", updatedById: input.staffUserId } })).count === 1
          ? "canceled"
          : null;
    if (result)
      await writeAudit(tx, {
        programId: input.programId,
        actor: { type: "staff", id: input.staffUserId },
        action: `campaign.${result === "draft" ? "unschedule" : "cancel"}`,
        entityType: "campaign",
        entityId: c.id,
      });
    return result;
  });
}

/**
 * Queues the variant's message to the marketer's own address (no member, so no consent or cap
 * applies; it is marked as a test and counted in no statistic). Delivered by deliver-messages.
 */
export async function testSendCampaign(db: Db, input: { programId: string; id: string; staffUserId: string | null; to: string; variant: string; locale: Locale }): Promise<{ id: string }> {
  const c = await getCampaign(db, input.programId, input.id);
  const v = c.variants.find((x) => x.key === input.variant);
  if (!v) throw new AppError("invalid_request", "No such variant", { details: [{ path: "variant", message: "unknown" }] });
  const to = input.to.trim();
  if (!to) throw new AppError("invalid_request", "Your account has no address on this channel", { details: [{ path: "to", message: "required" }] });
  const queued = await db.$transaction(async (tx) => {
    const m = await enqueueMessage(tx, {
      programId: input.programId,
      channel: c.channel,
      to,
      category: "transactional",
      template: "campaign",
      data: { variant: v.key, test: true, subject: `[TEST] ${personalise(v.subject[input.locale] || v.body[input.locale].slice(0, 60), null)}`, body: personalise(v.body[input.locale], null) },
      locale: input.locale,
    });
    if (m)
      await writeAudit(tx, {
        programId: input.programId,
        actor: { type: "staff", id: input.staffUserId },
        action: "campaign.test_send",
        entityType: "campaign",
        entityId: c.id,
        after: { to, variant: v.key, locale: input.locale },
      });
    return m;
  });
  if (!queued) throw new AppError("invalid_state", "The test message was not queued");
  return queued;
}
