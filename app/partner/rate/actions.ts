"use server";
// The partner's earn rate: a change within the owner's bounds becomes a new program version
// (lib/partner/earn-rate.ts checks the bounds inside the versioning transaction).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, partner } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { bpToPercent, changePartnerEarnRate } from "@/lib/partner/earn-rate";

export const changeRateAction = actionClient
  .use(partner())
  .schema(z.object({ rate: z.string().trim().min(1).max(16) }))
  .action(async ({ input, ctx: { partner, t } }) => {
    const r = await changePartnerEarnRate(db(), { partnerId: partner.partnerId, staffUserId: partner.id, rate: input.rate.replace(",", ".") });
    revalidatePath("/partner/rate");
    return { message: r.changed ? t("partner.rate.changed", { version: r.version }) : t("partner.rate.unchanged", { rate: bpToPercent(r.toBp) }) };
  });
