"use server";
// Connected sites (identity centre): the member disconnects a site; its tokens end at once.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, customer } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { revokeConsent } from "@/lib/identity/clients";

export const revokeSiteAction = actionClient
  .use(customer())
  .schema(z.object({ clientId: z.string().min(1).max(64), name: z.string().max(80).default("") }))
  .action(async ({ input, ctx: { customer, t } }) => {
    await revokeConsent(db(), customer.id, input.clientId);
    revalidatePath("/cabinet/profile");
    return { message: t("identity.profile.revoked", { site: input.name }) };
  });
