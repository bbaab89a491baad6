"use server";
// Server actions of the partner's Mailings: save a draft (new → its page), send now (queued right
// after the response, as the send-campaigns job would within a minute), stop sending. The partner
// comes from the session; lib/partner/mailings scopes every query to it.
import { after } from "next/server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, partner } from "@/lib/actions";
import { queueCampaign, startDueCampaigns } from "@/lib/campaigns/send";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { cancelPartnerMailing, createPartnerMailing, sendPartnerMailing, updatePartnerMailing } from "@/lib/partner/mailings";

const manager = actionClient.use(partner());
const actorOf = (p: { programId: string; partnerId: string; id: string }) => ({ programId: p.programId, partnerId: p.partnerId, staffUserId: p.id });
const id = z.string().min(1).max(64);

/** The form goes to the domain as it is (lib/partner/mailings.ts parses it); `id` names the draft being changed. */
export const savePartnerMailingAction = manager.schema(z.record(z.string(), z.unknown())).action(async ({ input, ctx: { partner, t } }) => {
  const { id: mailingId, ...form } = input;
  if (typeof mailingId === "string" && mailingId) {
    await updatePartnerMailing(db(), actorOf(partner), { id: mailingId, form });
    revalidatePath(`/partner/mailings/${mailingId}`);
    return { message: t("partner.mail.saved") };
  }
  const created = await createPartnerMailing(db(), actorOf(partner), form);
  redirect(`/partner/mailings/${created.id}`);
});

export const sendPartnerMailingAction = manager.schema(z.object({ id })).action(async ({ input, ctx: { partner, t } }) => {
  const at = now();
  if (!(await sendPartnerMailing(db(), actorOf(partner), { id: input.id, at, now: at }))) throw new AppError("invalid_state", t("partner.mail.notDraft"));
  after(async () => {
    const started = now();
    await startDueCampaigns(db(), started);
    await queueCampaign(db(), input.id, started);
  });
  revalidatePath("/partner/mailings");
  revalidatePath(`/partner/mailings/${input.id}`);
  return { message: t("partner.mail.sent") };
});

export const cancelPartnerMailingAction = manager.schema(z.object({ id })).action(async ({ input, ctx: { partner, t } }) => {
  if (!(await cancelPartnerMailing(db(), actorOf(partner), { id: input.id }))) throw new AppError("invalid_state", t("partner.mail.notDraft"));
  revalidatePath(`/partner/mailings/${input.id}`);
  return { message: t("partner.mail.canceled") };
});
