// A partner's email and SMS mailings to its own customers, through lib/campaigns: a mailing is a
// Campaign of the partner (partnerId, names unique per partner), evaluated in the partner's scope
// (only members who bought at its stores), to all of them or one of its saved groups
// (lib/partner/segments.ts), narrowed to some of its stores by `audience`. The send-campaigns job
// queues it in batches and deliver-messages applies every gate (consent, suppression, the program's
// frequency cap and quiet hours); the template brands it with the partner's name.
import { z } from "zod";
import { campaignSummaries, campaignStats } from "@/lib/campaigns/stats";
import { cancelCampaign, createCampaign, getCampaign, listCampaigns, scheduleCampaign, updateCampaign, type Campaign } from "@/lib/campaigns/store";
import { campaignAudience } from "@/lib/campaigns/send";
import { countSegment } from "@/lib/segments/run";
import type { SegmentDefinition } from "@/lib/segments/definition";
import type { Db } from "@/lib/db/client";
import { AppError, invalidInput } from "@/lib/errors";

export interface MailingActor {
  programId: string;
  partnerId: string;
  staffUserId: string;
}

const list = z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim().min(1).max(64)).max(100));

/** What the partner fills in: the English text is optional (members who read English get the Russian one without it). */
export const mailingForm = z
  .strictObject({
    name: z.string().trim().min(1, { error: "required" }).max(120),
    channel: z.enum(["email", "sms"]),
    /** One of the partner's saved groups; empty: all its customers. */
    groupId: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(64).optional()),
    stores: list,
    subjectRu: z.string().trim().max(150).default(""),
    bodyRu: z.string().trim().min(1, { error: "required" }).max(4_000),
    subjectEn: z.string().trim().max(150).default(""),
    bodyEn: z.string().trim().max(4_000).default(""),
  })
  .superRefine((f, ctx) => {
    if (f.channel === "email" && !f.subjectRu) ctx.addIssue({ code: "custom", path: ["subjectRu"], message: "required" });
    if (f.channel === "email" && f.bodyEn && !f.subjectEn) ctx.addIssue({ code: "custom", path: ["subjectEn"], message: "required" });
    if (f.channel === "sms")
      for (const k of ["bodyRu", "bodyEn"] as const) if (f[k].length > 480) ctx.addIssue({ code: "too_big", maximum: 480, origin: "string", inclusive: true, path: [k], message: "too_big" });
  });
export type MailingForm = z.infer<typeof mailingForm>;

/** The store filter of a partner's mailing (in the partner's scope): a receipt at one of the stores picked, ever; none picked: no filter. */
export function partnerAudience(stores: readonly string[]): SegmentDefinition {
  return { kind: "group", op: "and", children: stores.length ? [{ kind: "boughtAtStore", stores: [...stores], period: { kind: "allTime" } }] : [] };
}

async function partnerScope(db: Db, actor: Pick<MailingActor, "programId" | "partnerId">, stores: readonly string[]) {
  const p = await db.partner.findFirst({ where: { id: actor.partnerId, programId: actor.programId }, select: { code: true, stores: { select: { code: true } } } });
  if (!p) throw new AppError("not_found", "Partner not found");
  const own = p.stores.map((s) => s.code);
  const foreign = stores.filter((s) => !own.includes(s));
  if (foreign.length) throw new AppError("invalid_request", "Pick your own stores", { details: [{ path: "stores", message: "out_of_range" }] });
  return { id: actor.partnerId, audience: partnerAudience([...new Set(stores)]) };
}

function campaignOf(f: MailingForm) {
  return {
    name: f.name,
    segmentId: f.groupId ?? null,
    channel: f.channel,
    holdoutPercent: 0,
    variants: [{ key: "A", percent: 100, subject: { ru: f.subjectRu, en: f.subjectEn || f.subjectRu }, body: { ru: f.bodyRu, en: f.bodyEn || f.bodyRu } }],
  };
}

function parseForm(form: unknown): MailingForm {
  const r = mailingForm.safeParse(form);
  if (!r.success) throw invalidInput("The mailing form is invalid", r.error.issues);
  return r.data;
}

/** The stores a mailing's audience names (empty: all the partner's stores). */
export function mailingStores(c: Pick<Campaign, "audience">): string[] {
  const def = c.audience as SegmentDefinition | null;
  const node = def?.children.find((n) => n.kind === "boughtAtStore");
  return node && node.kind === "boughtAtStore" ? node.stores : [];
}

export async function createPartnerMailing(db: Db, actor: MailingActor, form: unknown): Promise<Campaign> {
  const f = parseForm(form);
  const partner = await partnerScope(db, actor, f.stores);
  return createCampaign(db, { programId: actor.programId, staffUserId: actor.staffUserId, campaign: campaignOf(f), partner });
}

/** Changes a draft of the partner's. */
export async function updatePartnerMailing(db: Db, actor: MailingActor, input: { id: string; form: unknown }): Promise<Campaign> {
  const f = parseForm(input.form);
  const partner = await partnerScope(db, actor, f.stores);
  return updateCampaign(db, { programId: actor.programId, id: input.id, staffUserId: actor.staffUserId, campaign: campaignOf(f), partner });
}

/** Sends a draft now (or at `at`): the send-campaigns job queues it. False when it was no longer a draft. */
export function sendPartnerMailing(db: Db, actor: MailingActor, input: { id: string; at: Date; now: Date }): Promise<boolean> {
  return scheduleCampaign(db, { programId: actor.programId, id: input.id, staffUserId: actor.staffUserId, at: input.at, now: input.now, partnerId: actor.partnerId });
}

export function cancelPartnerMailing(db: Db, actor: MailingActor, input: { id: string }) {
  return cancelCampaign(db, { programId: actor.programId, id: input.id, staffUserId: actor.staffUserId, partnerId: actor.partnerId });
}

/** The partner's mailings, newest first, with what the deliveries reached. */
export async function listPartnerMailings(db: Db, input: { programId: string; partnerId: string }) {
  const scope = { partnerId: input.partnerId };
  const [rows, summaries] = await Promise.all([listCampaigns(db, input.programId, scope), campaignSummaries(db, input.programId, scope)]);
  return rows.map((c) => ({ campaign: c, stores: mailingStores(c), summary: summaries.get(c.id) ?? { sent: 0, delivered: 0, opened: 0, clicked: 0, suppressed: 0, holdout: 0 } }));
}

/** One mailing of the partner with its statistics (sent, delivered, opened, clicked, unsubscribed, suppressed by gate). */
export async function partnerMailingStats(db: Db, input: { programId: string; partnerId: string; id: string }) {
  return campaignStats(db, input.programId, input.id, { partnerId: input.partnerId });
}

export async function getPartnerMailing(db: Db, input: { programId: string; partnerId: string; id: string }) {
  return getCampaign(db, input.programId, input.id, { partnerId: input.partnerId });
}

/** How many members a mailing would reach now: the partner's customers (of its group, at the stores picked). */
export async function countPartnerAudience(db: Db, actor: Pick<MailingActor, "programId" | "partnerId">, input: { stores: readonly string[]; groupId?: string | null }, now: Date): Promise<number> {
  const { audience } = await partnerScope(db, actor, input.stores);
  const who = await campaignAudience(db, { programId: actor.programId, partnerId: actor.partnerId, segmentId: input.groupId ?? null, audience }, now);
  if (!who) throw new AppError("not_found", "Group not found", { details: [{ path: "groupId", message: "not_found" }] });
  return countSegment(db, who.ctx, who.def);
}
