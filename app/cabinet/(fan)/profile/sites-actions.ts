"use server";
// Connected sites (identity centre): the member disconnects a site; its tokens end at once.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { revokeConsent } from "@/lib/identity/clients";
import { customerAction } from "../../_lib/customer-action";

export const revokeSiteAction = customerAction(z.object({ clientId: z.string().min(1).max(64), name: z.string().max(80).default("") }), async (input, { customer, t }) => {
  await revokeConsent(db(), customer.id, input.clientId);
  revalidatePath("/cabinet/profile");
  return { message: t("identity.profile.revoked", { site: input.name }) };
});
