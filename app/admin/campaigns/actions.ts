"use server";
// Server actions of the Campaigns section: save a draft, preview a variant, test send, send now or
// schedule, back to draft or stop. Thin: zod, permission, lib/campaigns.
import { after } from "next/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { previewCampaignMessage, type CampaignPreview } from "@/lib/campaigns/preview";
import { queueCampaign, startDueCampaigns } from "@/lib/campaigns/send";
import { programZone } from "@/lib/admin/program-info";
import { cancelCampaign, createCampaign, getCampaign, scheduleCampaign, staffTestEmail, testSendCampaign, updateCampaign } from "@/lib/campaigns/store";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { zonedTimeToInstant } from "@/lib/time";

const editor = actionClient.use(staff("campaigns.edit"));
const id = z.string().min(1).max(64);

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    throw new AppError("invalid_request", "Invalid campaign");
  }
}

export const saveCampaign = editor.schema(z.object({ id: id.optional().or(z.literal("")), campaign: z.string().max(100_000) })).action(async ({ input, ctx: { staff, t } }) => {
  const campaign = parseJson(input.campaign);
  if (input.id) {
    await updateCampaign(db(), { programId: staff.programId, id: input.id, staffUserId: staff.id, campaign });
    return { message: t("cmp.f.saved") };
  }
  const created = await createCampaign(db(), { programId: staff.programId, staffUserId: staff.id, campaign });
  redirect(`/admin/campaigns/${created.id}`);
});

export const previewCampaign = actionClient
  .use(staff("campaigns.view"))
  .schema(z.object({ channel: z.enum(["email", "sms"]), subject: z.string().max(150), body: z.string().min(1).max(4_000), locale: z.enum(["ru", "en"]) }))
  .action<CampaignPreview>(async ({ input, ctx: { staff } }) => ({ data: await previewCampaignMessage(db(), staff.programId, input) }));

export const testSend = editor
  .schema(z.object({ id, variant: z.enum(["A", "B", "C"]), locale: z.enum(["ru", "en"]), phone: z.string().max(32).optional() }))
  .action(async ({ input, ctx: { staff, t } }) => {
    const c = await getCampaign(db(), staff.programId, input.id);
    const to = c.channel === "email" ? ((await staffTestEmail(db(), staff.id)) ?? "") : (input.phone ?? "").replace(/[\s()-]/g, "");
    if (c.channel === "sms" && !/^\+\d{10,15}$/.test(to)) throw new AppError("invalid_request", t("cmp.send.testPhone"), { details: [{ path: "phone", message: t("cmp.send.testPhone") }] });
    await testSendCampaign(db(), { programId: staff.programId, id: c.id, staffUserId: staff.id, to, variant: input.variant, locale: input.locale });
    return { message: t("cmp.send.testQueued", { to }) };
  });

/** Starts what is due and queues this campaign after the response (the send-campaigns job would, within a minute). */
function queueSoon(campaignId: string) {
  after(async () => {
    const at = now();
    await startDueCampaigns(db(), at);
    await queueCampaign(db(), campaignId, at);
  });
}

export const sendNow = editor.schema(z.object({ id })).action(async ({ input, ctx: { staff, t } }) => {
  const at = now();
  const scheduled = await scheduleCampaign(db(), { programId: staff.programId, id: input.id, staffUserId: staff.id, at, now: at });
  if (!scheduled) throw new AppError("invalid_state", t("cmp.send.already"));
  queueSoon(input.id);
  return { message: t("cmp.send.started") };
});

export const scheduleAt = editor.schema(z.object({ id, at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/) })).action(async ({ input, ctx: { staff, t } }) => {
  const program = await programZone(db(), staff.programId);
  const [y, mo, d, h, mi] = input.at.split(/[-T:]/).map(Number);
  const at = zonedTimeToInstant(program.timezone, y, mo, d, h, mi);
  const scheduled = await scheduleCampaign(db(), { programId: staff.programId, id: input.id, staffUserId: staff.id, at, now: now() });
  if (!scheduled) throw new AppError("invalid_state", t("cmp.send.already"));
  return { message: t("cmp.send.scheduled") };
});

export const cancelSending = editor.schema(z.object({ id })).action(async ({ input, ctx: { staff, t } }) => {
  const r = await cancelCampaign(db(), { programId: staff.programId, id: input.id, staffUserId: staff.id });
  if (!r) throw new AppError("invalid_state", t("cmp.send.already"));
  return { message: t("cmp.send.stopped") };
});
