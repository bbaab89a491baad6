"use server";
// Server actions of Partner campaigns (owner): approve or reject a partner's version, and save a
// partner's bounds. Thin: zod, permission, lib/partner/campaigns (conditional UPDATEs, audited).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { PARTNER_EFFECTS, setCampaignBounds } from "@/lib/partner/campaigns/bounds";
import { decideReview } from "@/lib/partner/campaigns/review";

const owner = actionClient.use(staff("partners.campaigns"));

export const decideReviewAction = owner
  .schema(z.object({ reviewId: z.string().min(1).max(64), decision: z.enum(["approve", "reject"]), note: z.string().trim().max(500).optional() }))
  .action(async ({ input, ctx: { staff, t } }) => {
    await decideReview(db(), { programId: staff.programId, reviewId: input.reviewId, decision: input.decision, note: input.note, actor: { type: "staff", id: staff.id }, now: now() });
    revalidatePath("/admin/partner-campaigns");
    return { message: input.decision === "approve" ? t("console.pcmp.approved") : t("console.pcmp.rejected") };
  });

const many = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(PARTNER_EFFECTS)));
const optionalNumber = z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().min(0).max(20_000_000).nullable());

export const saveBoundsAction = owner
  .schema(
    z.object({
      partnerId: z.string().min(1).max(64),
      effectTypes: many,
      maxPercent: z.coerce.number().gt(0).max(100),
      maxBudgetMoney: optionalNumber,
      maxBudgetPoints: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().int().min(0).max(2_000_000_000).nullable()),
      requireApproval: z.preprocess((v) => v === "on" || v === "1" || v === true, z.boolean()),
    }),
  )
  .action(async ({ input, ctx: { staff, t } }) => {
    await setCampaignBounds(db(), {
      programId: staff.programId,
      partnerId: input.partnerId,
      bounds: {
        effectTypes: input.effectTypes,
        maxPercent: input.maxPercent,
        maxBudgetMoney: input.maxBudgetMoney === null ? null : Math.round(input.maxBudgetMoney * 100),
        maxBudgetPoints: input.maxBudgetPoints,
        requireApproval: input.requireApproval,
      },
      actor: { type: "staff", id: staff.id },
    });
    revalidatePath("/admin/partner-campaigns");
    return { message: t("console.pcmp.boundsSaved") };
  });
