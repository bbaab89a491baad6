"use server";
// Server actions of the partner's Campaigns: save (create or change, submitted for approval when
// the owner requires it), pause / resume / end, and generate codes. The partner comes from the
// session; lib/partner/campaigns checks bounds, confinement and ownership in its queries.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, partner } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { generatePartnerCodes, savePartnerCampaign, setPartnerCampaignStatus } from "@/lib/partner/campaigns/campaigns";

const manager = actionClient.use(partner());
const actorOf = (p: { programId: string; partnerId: string; id: string }) => ({ programId: p.programId, partnerId: p.partnerId, staffUserId: p.id });

/** The form goes to the domain as it is (lib/partner/campaigns/form.ts parses it); `code` names the campaign being changed. */
export const savePartnerCampaignAction = manager.schema(z.record(z.string(), z.unknown())).action(async ({ input, ctx: { partner, t } }) => {
  const { code, ...form } = input;
  const out = await savePartnerCampaign(db(), actorOf(partner), { code: typeof code === "string" && code ? code : undefined, form });
  revalidatePath("/partner/campaigns");
  revalidatePath("/partner/calendar");
  const message = !out.changed ? t("partner.cmp.saved.unchanged") : out.pending ? t("partner.cmp.saved.pending", { version: out.version }) : t("partner.cmp.saved.live", { version: out.version });
  return { message, data: out };
});

export const setPartnerCampaignStatusAction = manager
  .schema(z.object({ code: z.string().min(1).max(64), status: z.enum(["active", "paused", "ended"]) }))
  .action(async ({ input, ctx: { partner, t } }) => {
    await setPartnerCampaignStatus(db(), actorOf(partner), input);
    revalidatePath("/partner/campaigns");
    revalidatePath(`/partner/campaigns/${input.code}`);
    return { message: t(`partner.cmp.statusDone.${input.status}`) };
  });

export const generatePartnerCodesAction = manager
  .schema(z.object({ code: z.string().min(1).max(64), count: z.coerce.number().int().min(1).max(10_000) }))
  .action(async ({ input, ctx: { partner, t } }) => {
    const codes = await generatePartnerCodes(db(), actorOf(partner), input);
    revalidatePath(`/partner/campaigns/${input.code}`);
    return { message: t("partner.cmp.d.generated", { count: codes.length }), data: { sample: codes.slice(0, 5) } };
  });
