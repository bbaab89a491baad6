"use server";
// Server actions of the partner's Stores & keys: issue a POS key (returned once) and revoke one.
// The partner comes from the session; the domain checks the store/terminal is the partner's.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/server";
import { partnerAction } from "@/lib/partner/partner-action";
import { issuePartnerTerminalKey, revokePartnerTerminal } from "@/lib/partner/terminals";

export const issuePartnerKeyAction = partnerAction(z.object({ storeId: z.string().min(1).max(64), name: z.string().trim().min(1, "Name the till").max(100) }), async (input, { partner }) => {
  const { terminal, key } = await issuePartnerTerminalKey(db(), { partnerId: partner.partnerId, staffUserId: partner.id }, input);
  revalidatePath("/partner/stores");
  const { t } = await getT();
  return { message: t("partner.keys.issued"), data: { key, terminalId: terminal.id } };
});

export const revokePartnerKeyAction = partnerAction(z.object({ terminalId: z.string().min(1).max(64) }), async (input, { partner }) => {
  await revokePartnerTerminal(db(), { partnerId: partner.partnerId, staffUserId: partner.id }, input);
  revalidatePath("/partner/stores");
  const { t } = await getT();
  return { message: t("partner.keys.revokedToast") };
});
