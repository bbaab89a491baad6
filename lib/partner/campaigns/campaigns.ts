// A partner's own promotions, run from its portal through the promotions engine: list and read
// them, create and change them (the form becomes a definition confined to the partner's stores,
// checked against the owner's bounds, stored as a version — waiting for approval when the owner
// requires it), pause / resume / end, and their promo codes. Every query carries the partnerId of
// the session: another partner's or the owner's promotion is "not found".
import { randomBytes } from "node:crypto";
import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db/client";
import { AppError, invalidInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { codeCounts, viewStatus, type PromotionViewStatus } from "@/lib/promotions/console";
import { codesCsv, generateCodes } from "@/lib/promotions/codes";
import type { PromotionDefinition } from "@/lib/promotions/definition";
import { forgetPromotions, lockPromotions, storePromotionVersion } from "@/lib/promotions/store";
import { boundsOrThrow, campaignBounds } from "./bounds";
import { campaignForm, confinedTo, definitionOfForm, formField } from "./form";

type Tx = Prisma.TransactionClient;

export interface PartnerActor {
  programId: string;
  partnerId: string;
  staffUserId: string;
}

/** What the portal shows: the engine's status of the version in force, or where its approval stands. */
export type CampaignState = PromotionViewStatus | "awaiting_approval" | "rejected";

export interface PartnerCampaignRow {
  id: string;
  code: string;
  /** The version in force, or (never approved) the one submitted. */
  def: PromotionDefinition;
  version: number;
  state: CampaignState;
  /** A change (or the first version) waits for the owner's approval. */
  pending: { def: PromotionDefinition; version: number } | null;
  /** The owner's last decision with its note. */
  review: { status: string; note: string | null; decidedAt: Date | null } | null;
  from: Date | null;
  to: Date | null;
  uses: number;
  discount: number;
  points: number;
  createdAt: Date;
}

async function partnerOf(db: Db | Tx, programId: string, partnerId: string) {
  const p = await db.partner.findFirst({ where: { id: partnerId, programId }, select: { id: true, code: true, stores: { select: { code: true }, orderBy: { code: "asc" } } } });
  if (!p) throw new AppError("not_found", "Partner not found");
  return { id: p.id, code: p.code, stores: p.stores.map((s) => s.code) };
}

/** The partner's promotions, newest first, with their use at the till (`code`: just that one). */
export async function listPartnerCampaigns(db: Db, input: { partnerId: string; now: Date; code?: string }): Promise<PartnerCampaignRow[]> {
  const rows = await db.promotion.findMany({ where: { partnerId: input.partnerId, ...(input.code ? { code: input.code } : {}) }, orderBy: { createdAt: "desc" } });
  const ids = rows.map((r) => r.id);
  const [reviews, uses] = await Promise.all([
    db.promotionReview.findMany({ where: { promotionId: { in: ids }, partnerId: input.partnerId, status: { not: "withdrawn" } }, orderBy: { submittedAt: "desc" } }),
    db.$queryRaw<{ promotionId: string; uses: number; discount: number; points: number }[]>`
      select pp."promotionId", count(*)::int as uses, coalesce(sum(pp.discount - pp."moneyReturned"), 0)::int as discount,
             coalesce(sum(pp.points + pp."promoAccountPoints" - pp."pointsReturned"), 0)::int as points
      from "PurchasePromotion" pp where pp."promotionId" = any(${ids}::text[]) and pp.status in ('held', 'committed') group by 1`,
  ]);
  const lastReview = new Map<string, (typeof reviews)[number]>();
  for (const r of reviews) if (!lastReview.has(r.promotionId)) lastReview.set(r.promotionId, r);
  const versionIds = rows.flatMap((r) => [r.currentVersionId, r.pendingVersionId, lastReview.get(r.id)?.versionId ?? null].filter((x): x is string => x !== null));
  const versions = new Map((await db.promotionVersion.findMany({ where: { id: { in: versionIds } } })).map((v) => [v.id, v]));
  const used = new Map(uses.map((u) => [u.promotionId, u]));
  const defOf = (v: { definition: unknown }) => v.definition as PromotionDefinition;
  return rows.flatMap((r): PartnerCampaignRow[] => {
    const review = lastReview.get(r.id);
    const current = r.currentVersionId ? versions.get(r.currentVersionId) : undefined;
    const pending = r.pendingVersionId ? versions.get(r.pendingVersionId) : undefined;
    // Never approved and nothing waiting: the version the owner rejected (a withdrawn one is gone).
    const shown = current ?? pending ?? (review?.status === "rejected" ? versions.get(review.versionId) : undefined);
    if (!shown) return [];
    const def = defOf(shown);
    const u = used.get(r.id);
    return [
      {
        id: r.id,
        code: r.code,
        def,
        version: shown.version,
        state: current ? viewStatus(def, input.now) : pending ? "awaiting_approval" : "rejected",
        pending: pending ? { def: defOf(pending), version: pending.version } : null,
        review: review ? { status: review.status, note: review.note, decidedAt: review.decidedAt } : null,
        from: def.validity?.from ? new Date(def.validity.from) : null,
        to: def.validity?.to ? new Date(def.validity.to) : null,
        uses: u?.uses ?? 0,
        discount: u?.discount ?? 0,
        points: u?.points ?? 0,
        createdAt: r.createdAt,
      },
    ];
  });
}

/** One of the partner's promotions with its codes and the history of its approvals, or not_found. */
export async function getPartnerCampaign(db: Db, input: { programId: string; partnerId: string; code: string; now: Date }) {
  const [row] = await listPartnerCampaigns(db, input);
  if (!row) throw new AppError("not_found", "Campaign not found");
  const [codes, reviews] = await Promise.all([
    codeCounts(db, input.programId, row.code),
    db.promotionReview.findMany({ where: { promotionId: row.id, partnerId: input.partnerId }, orderBy: { submittedAt: "desc" }, take: 20 }),
  ]);
  return { ...row, codes, reviews: reviews.map((r) => ({ id: r.id, status: r.status, note: r.note, submittedAt: r.submittedAt, decidedAt: r.decidedAt })) };
}

function newCode(partnerCode: string): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const tail = [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join("");
  return `${
    partnerCode
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, "")
      .slice(0, 40) || "p"
  }-${tail}`;
}

/** Marks the promotion's waiting reviews withdrawn (a newer submission, or the partner ended it). */
async function withdrawPending(tx: Tx, promotionId: string, keepVersionId?: string) {
  await tx.promotionReview.updateMany({
    where: { promotionId, status: "pending", ...(keepVersionId ? { versionId: { not: keepVersionId } } : {}) },
    data: { status: "withdrawn", decidedAt: new Date() },
  });
}

export interface SaveOutcome {
  code: string;
  version: number;
  changed: boolean;
  /** The version waits for the owner's approval. */
  pending: boolean;
}

/**
 * Creates (no `code`) or changes one of the partner's campaigns from its form. Bounds and
 * confinement are checked before anything is written; with approval required the version waits
 * (the one in force keeps running until the owner approves), otherwise it is in force at once.
 */
export async function savePartnerCampaign(
  db: Db,
  actor: PartnerActor,
  input: { code?: string; form: unknown },
  // The demo seed names its campaigns (the bulk and domain seeds must give the same codes).
  opts: { newCode?: string } = {},
): Promise<SaveOutcome> {
  const parsed = campaignForm.safeParse(input.form);
  if (!parsed.success) throw invalidInput("The campaign form is invalid", parsed.error.issues);
  const partner = await partnerOf(db, actor.programId, actor.partnerId);
  const program = await db.program.findUniqueOrThrow({ where: { id: actor.programId }, select: { timezone: true } });
  let status: PromotionDefinition["status"] = "active";
  let code = opts.newCode ?? newCode(partner.code);
  if (input.code) {
    const [row] = await listPartnerCampaigns(db, { partnerId: actor.partnerId, now: new Date(), code: input.code });
    if (!row) throw new AppError("not_found", "Campaign not found");
    if (row.def.status === "ended") throw new AppError("invalid_state", "An ended campaign cannot change");
    status = (row.pending?.def ?? row.def).status;
    code = row.code;
  }
  const def = definitionOfForm(parsed.data, { code, partnerCode: partner.code, ownStores: partner.stores, timeZone: program.timezone, status });
  if (!confinedTo(def, partner.code, partner.stores)) throw new AppError("forbidden", "A partner's campaign runs only at its own stores");
  const bounds = await campaignBounds(db, actor.partnerId);
  boundsOrThrow(def, bounds, formField);
  const out = await db.$transaction(async (tx) => {
    await lockPromotions(tx, actor.programId);
    const existing = await tx.promotion.findUnique({ where: { programId_code: { programId: actor.programId, code } }, select: { partnerId: true } });
    // The code is the partner's own, or new: never the owner's or another partner's promotion.
    if (existing && existing.partnerId !== actor.partnerId) throw new AppError("not_found", "Campaign not found");
    const saved = await storePromotionVersion(tx, actor.programId, def, {
      actor: { type: "staff", id: actor.staffUserId },
      path: "",
      partnerId: actor.partnerId,
      pending: bounds.requireApproval,
    });
    if (bounds.requireApproval && saved.changed) {
      await withdrawPending(tx, saved.promotionId, saved.versionId);
      await tx.promotionReview.create({
        data: {
          id: `prv_${randomBytes(10).toString("hex")}`,
          programId: actor.programId,
          promotionId: saved.promotionId,
          partnerId: actor.partnerId,
          versionId: saved.versionId,
          submittedById: actor.staffUserId,
        },
      });
    }
    if (!bounds.requireApproval) {
      await withdrawPending(tx, saved.promotionId);
      await tx.promotion.update({ where: { id: saved.promotionId }, data: { pendingVersionId: null } });
    }
    return { code: saved.code, version: saved.version, changed: saved.changed, pending: bounds.requireApproval && saved.changed };
  });
  forgetPromotions(actor.programId);
  return out;
}

/**
 * Pause, resume or end one of the partner's campaigns: a new version of the one in force with only
 * the status changed, in force at once (it changes no content the owner approved). Ending one that
 * was never approved withdraws it; ending also withdraws a change that waits.
 */
export async function setPartnerCampaignStatus(db: Db, actor: PartnerActor, input: { code: string; status: "active" | "paused" | "ended" }): Promise<{ version: number | null }> {
  const out = await db.$transaction(async (tx) => {
    await lockPromotions(tx, actor.programId);
    const p = await tx.promotion.findFirst({ where: { programId: actor.programId, partnerId: actor.partnerId, code: input.code } });
    if (!p) throw new AppError("not_found", "Campaign not found");
    if (input.status === "ended") {
      await withdrawPending(tx, p.id);
      await tx.promotion.update({ where: { id: p.id }, data: { pendingVersionId: null } });
    }
    if (!p.currentVersionId) {
      if (input.status !== "ended") throw new AppError("invalid_state", "The campaign is not approved yet");
      return { version: null };
    }
    const current = await tx.promotionVersion.findUniqueOrThrow({ where: { id: p.currentVersionId } });
    const def = current.definition as unknown as PromotionDefinition;
    if (def.status === "ended") throw new AppError("invalid_state", "An ended campaign cannot change");
    const saved = await storePromotionVersion(tx, actor.programId, { ...def, status: input.status }, { actor: { type: "staff", id: actor.staffUserId }, path: "", note: `status → ${input.status}` });
    return { version: saved.version };
  });
  forgetPromotions(actor.programId);
  return out;
}

async function ownPromotion(db: Db, actor: Pick<PartnerActor, "programId" | "partnerId">, code: string) {
  const p = await db.promotion.findFirst({ where: { programId: actor.programId, partnerId: actor.partnerId, code }, select: { code: true } });
  if (!p) throw new AppError("not_found", "Campaign not found");
  return p.code;
}

/** Unique codes of an approved code campaign of the partner (lib/promotions/codes.ts), audited as the manager. */
export async function generatePartnerCodes(db: Db, actor: PartnerActor, input: { code: string; count: number }): Promise<string[]> {
  const code = await ownPromotion(db, actor, input.code);
  return generateCodes(db, { programId: actor.programId, promotionCode: code, count: input.count, actor: { type: "staff", id: actor.staffUserId } });
}

/** The CSV of a campaign's codes, only for the partner that owns it (the download is audited). */
export async function partnerCodesCsv(db: Db, actor: PartnerActor, code: string): Promise<string> {
  const own = await ownPromotion(db, actor, code);
  const csv = await codesCsv(db, actor.programId, own);
  await writeAudit(db, { programId: actor.programId, actor: { type: "staff", id: actor.staffUserId }, action: "promotion.codes.export", entityType: "promotion", entityId: own });
  return csv;
}
