// The owner's side of partners' campaigns: the approval queue (versions partners submitted,
// with the version in force they would replace) and the decision. A decision is one conditional
// UPDATE of the review (pending → approved/rejected) and one of the promotion (its pending version
// moves in force, or is dropped), under the program's promotions lock: a double click or two
// owners at once decide once, and nothing unapproved ever reaches the till.
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PromotionDefinition } from "@/lib/promotions/definition";
import { forgetPromotions, lockPromotions } from "@/lib/promotions/store";

export interface ReviewRow {
  id: string;
  promotionId: string;
  code: string;
  partner: { id: string; name: string };
  version: number;
  def: PromotionDefinition;
  /** The version in force it would replace (null: a new campaign). */
  current: { version: number; def: PromotionDefinition } | null;
  submittedAt: Date;
  submittedBy: string | null;
}

/** Versions waiting for approval, oldest first. */
export async function listPendingReviews(db: Db, programId: string): Promise<ReviewRow[]> {
  const reviews = await db.promotionReview.findMany({ where: { programId, status: "pending" }, orderBy: { submittedAt: "asc" }, take: 200 });
  const promotions = await db.promotion.findMany({ where: { id: { in: reviews.map((r) => r.promotionId) }, programId }, include: { partner: { select: { id: true, name: true } } } });
  const versionIds = [...reviews.map((r) => r.versionId), ...promotions.flatMap((p) => (p.currentVersionId ? [p.currentVersionId] : []))];
  const [versions, staff] = await Promise.all([
    db.promotionVersion.findMany({ where: { id: { in: versionIds } } }),
    db.staffUser.findMany({ where: { id: { in: reviews.flatMap((r) => (r.submittedById ? [r.submittedById] : [])) } }, select: { id: true, name: true } }),
  ]);
  const v = new Map(versions.map((x) => [x.id, x]));
  const p = new Map(promotions.map((x) => [x.id, x]));
  const who = new Map(staff.map((s) => [s.id, s.name]));
  return reviews.flatMap((r) => {
    const promotion = p.get(r.promotionId);
    const version = v.get(r.versionId);
    if (!promotion?.partner || !version) return [];
    const current = promotion.currentVersionId ? v.get(promotion.currentVersionId) : undefined;
    return [
      {
        id: r.id,
        promotionId: promotion.id,
        code: promotion.code,
        partner: promotion.partner,
        version: version.version,
        def: version.definition as unknown as PromotionDefinition,
        current: current ? { version: current.version, def: current.definition as unknown as PromotionDefinition } : null,
        submittedAt: r.submittedAt,
        submittedBy: r.submittedById ? (who.get(r.submittedById) ?? null) : null,
      },
    ];
  });
}

/** Approves (the version goes in force) or rejects (with a note saying why) one waiting version. */
export async function decideReview(db: Db, input: { programId: string; reviewId: string; decision: "approve" | "reject"; note?: string; actor: AuditActor; now: Date }): Promise<void> {
  const note = input.note?.trim() || null;
  if (input.decision === "reject" && !note) throw new AppError("invalid_request", "Say why the campaign is rejected", { details: [{ path: "note", message: "required" }] });
  await db.$transaction(async (tx) => {
    await lockPromotions(tx, input.programId);
    const [review] = await tx.promotionReview.updateManyAndReturn({
      where: { id: input.reviewId, programId: input.programId, status: "pending" },
      data: { status: input.decision === "approve" ? "approved" : "rejected", note, decidedAt: input.now, decidedById: input.actor.id ?? null },
    });
    if (!review) {
      const exists = await tx.promotionReview.findFirst({ where: { id: input.reviewId, programId: input.programId }, select: { status: true } });
      if (!exists) throw new AppError("not_found", "No such campaign awaiting approval");
      throw new AppError("invalid_state", "This version was already decided or replaced");
    }
    const moved = await tx.promotion.updateMany({
      where: { id: review.promotionId, programId: input.programId, pendingVersionId: review.versionId },
      data: input.decision === "approve" ? { currentVersionId: review.versionId, pendingVersionId: null } : { pendingVersionId: null },
    });
    if (moved.count !== 1) throw new AppError("invalid_state", "This version was already decided or replaced");
    await writeAudit(tx, {
      programId: input.programId,
      actor: input.actor,
      action: input.decision === "approve" ? "promotion.approve" : "promotion.reject",
      entityType: "promotion",
      entityId: review.promotionId,
      reason: note,
      after: { versionId: review.versionId, partnerId: review.partnerId },
    });
  });
  forgetPromotions(input.programId);
}
