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
import type { SegmentDefinition } from "@/lib/segments/definition";
import { getSegment } from "@/lib/segments/segments";
import { campaignInputOrThrow, personalise, type CampaignInput, type CampaignVariant } from "./definition";

export type CampaignStatus = "draft" | "scheduled" | "sending" | "sent" | "canceled";

export interface Campaign {
  id: string;
  programId: string;
  name: string;
  segmentId: string | null;
  /** A partner's mailing (lib/partner/mailings.ts); null: the owner's campaign. */
  partnerId: string | null;
  /** A segment definition every member must match too (a partner's mailing: its customers). */
  audience: unknown;
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

/**
 * Whose campaigns a call may see and change: the owner's (no partner, the console) or one partner's
 * mailings (its portal). Every read and conditional UPDATE carries it, so neither reaches the other's.
 */
export interface CampaignScope {
  partnerId?: string | null;
}
const scoped = (s: CampaignScope | undefined) => ({ partnerId: s?.partnerId ?? null });

/** The owner's campaigns (or, with a scope, one partner's mailings), newest first. */
export async function listCampaigns(db: Db, programId: string, scope?: CampaignScope): Promise<(Campaign & { segmentName: string | null })[]> {
  const rows = await db.campaign.findMany({ where: { programId, ...scoped(scope) }, orderBy: { createdAt: "desc" }, take: 200 });
  const ids = rows.flatMap((r) => (r.segmentId ? [r.segmentId] : []));
  const segments = await db.segment.findMany({ where: { programId, id: { in: ids } }, select: { id: true, name: true } });
  const names = new Map(segments.map((s) => [s.id, s.name]));
  return rows.map((r) => ({ ...(r as unknown as Campaign), segmentName: (r.segmentId && names.get(r.segmentId)) || null }));
}

/** A campaign of this program and scope, or 404 (another program's or partner's id is not found either). */
export async function getCampaign(db: Db, programId: string, id: string, scope?: CampaignScope): Promise<Campaign> {
  const row = await db.campaign.findFirst({ where: { id, programId, ...scoped(scope) } });
  if (!row) throw new AppError("not_found", "Campaign not found");
  return row as unknown as Campaign;
}

/**
 * A partner's mailing: its id and a store filter (`audience`); it is evaluated in the partner's
 * scope (its customers only), and its `segmentId` is one of the partner's saved groups.
 */
export interface CampaignPartner {
  id: string;
  audience: SegmentDefinition;
}

async function checkSegment(db: Db, programId: string, segmentId: string | null | undefined, partner: CampaignPartner | undefined) {
  if (segmentId && partner) {
    const group = await db.partnerSegment.findFirst({ where: { id: segmentId, partnerId: partner.id, programId }, select: { id: true } });
    if (!group) throw new AppError("not_found", "Group not found", { details: [{ path: "segmentId", message: "not_found" }] });
  } else if (segmentId) await getSegment(db, programId, segmentId);
  else if (!partner) throw new AppError("invalid_request", "Pick a segment", { details: [{ path: "segmentId", message: "required" }] });
}

export async function createCampaign(db: Db, input: { programId: string; staffUserId: string | null; campaign: unknown; partner?: CampaignPartner }): Promise<Campaign> {
  const c = campaignInputOrThrow(input.campaign);
  await checkSegment(db, input.programId, c.segmentId, input.partner);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.campaign.create({
        data: {
          id: createId("cmp"),
          programId: input.programId,
          name: c.name,
          segmentId: c.segmentId ?? null,
          partnerId: input.partner?.id ?? null,
          namespace: input.partner?.id ?? "",
          audience: input.partner ? asJson(input.partner.audience) : undefined,
          channel: c.channel,
          variants: asJson(c.variants),
          holdoutPercent: c.holdoutPercent,
          createdById: input.staffUserId,
          updatedById: input.staffUserId,
        },
      });
      await writeAudit(tx, {
        programId: input.programId,
        actor: { type: "staff", id: input.staffUserId },
        action: "campaign.create",
        entityType: "campaign",
        entityId: row.id,
        after: input.partner ? { ...c, partnerId: input.partner.id, audience: input.partner.audience } : c,
      });
      return row as unknown as Campaign;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
}

/** Edits a draft (a scheduled campaign goes back to draft with `unschedule` first). */
export async function updateCampaign(db: Db, input: { programId: string; id: string; staffUserId: string | null; campaign: unknown; partner?: CampaignPartner }): Promise<Campaign> {
  const c: CampaignInput = campaignInputOrThrow(input.campaign);
  await checkSegment(db, input.programId, c.segmentId, input.partner);
  const scope = scoped({ partnerId: input.partner?.id });
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.campaign.findFirst({ where: { id: input.id, programId: input.programId, ...scope } });
      if (!before) throw new AppError("not_found", "Campaign not found");
      const changed = await tx.campaign.updateMany({
        where: { id: input.id, programId: input.programId, ...scope, status: "draft" },
        data: {
          name: c.name,
          segmentId: c.segmentId ?? null,
          channel: c.channel,
          variants: asJson(c.variants),
          holdoutPercent: c.holdoutPercent,
          updatedById: input.staffUserId,
          ...(input.partner ? { audience: asJson(input.partner.audience) } : {}),
        },
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
export async function scheduleCampaign(db: Db, input: { programId: string; id: string; staffUserId: string | null; at: Date; now: Date } & CampaignScope): Promise<boolean> {
  if (Number.isNaN(input.at.getTime())) throw new AppError("invalid_request", "Invalid send time", { details: [{ path: "at", message: "invalid" }] });
  if (input.at.getTime() > input.now.getTime() + 90 * 24 * 3_600_000)
    throw new AppError("invalid_request", "A campaign is scheduled at most 90 days ahead", { details: [{ path: "at", message: "too far" }] });
  const at = input.at < input.now ? input.now : input.at;
  await getCampaign(db, input.programId, input.id, input);
  return db.$transaction(async (tx) => {
    const changed = await tx.campaign.updateMany({
      where: { id: input.id, programId: input.programId, ...scoped(input), status: "draft" },
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
export async function cancelCampaign(db: Db, input: { programId: string; id: string; staffUserId: string | null } & CampaignScope): Promise<"draft" | "canceled" | null> {
  const c = await getCampaign(db, input.programId, input.id, input);
  return db.$transaction(async (tx) => {
    const toDraft = await tx.campaign.updateMany({
      where: { id: c.id, programId: input.programId, ...scoped(input), status: "scheduled" },
      data: { status: "draft", scheduledAt: null, updatedById: input.staffUserId },
    });
    const result =
      toDraft.count === 1
        ? "draft"
        : (await tx.campaign.updateMany({ where: { id: c.id, programId: input.programId, ...scoped(input), status: "sending" }, data: { status: "canceled", updatedById: input.staffUserId } }))
              .count === 1
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
export async function testSendCampaign(
  db: Db,
  input: { programId: string; id: string; staffUserId: string | null; to: string; variant: string; locale: Locale } & CampaignScope,
): Promise<{ id: string }> {
  const c = await getCampaign(db, input.programId, input.id, input);
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

/** The staff member's own email: where a test email of a campaign goes. */
export async function staffTestEmail(db: Db, staffUserId: string): Promise<string | null> {
  return (await db.staffUser.findUnique({ where: { id: staffUserId }, select: { email: true } }))?.email ?? null;
}
