"use server";
// Server actions of the partner's Stores & keys: issue a POS key (returned once) and revoke one.
// The partner comes from the session; the domain checks the store/terminal is the partner's.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, partner } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { issuePartnerTerminalKey, revokePartnerTerminal } from "@/lib/partner/terminals";

const manager = actionClient.use(partner());

export const issuePartnerKeyAction = manager.schema(z.object({ storeId: z.string().min(1).max(64), name: z.string().trim().min(1).max(100) })).action(async ({ input, ctx: { partner, t } }) => {
  const { terminal, key } = await issuePartnerTerminalKey(db(), { partnerId: partner.partnerId, staffUserId: partner.id }, input);
  revalidatePath("/partner/stores");
  return { message: t("partner.keys.issued"), data: { key, terminalId: terminal.id } };
});

export const revokePartnerKeyAction = manager.schema(z.object({ terminalId: z.string().min(1).max(64) })).action(async ({ input, ctx: { partner, t } }) => {
  await revokePartnerTerminal(db(), { partnerId: partner.partnerId, staffUserId: partner.id }, input);
  revalidatePath("/partner/stores");
  return { message: t("partner.keys.revokedToast") };
});
