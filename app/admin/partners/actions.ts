"use server";
// The owner sets the range each partner may choose its own earn rate in (lib/partner/earn-rate.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { setPartnerRateBounds } from "@/lib/partner/earn-rate";

export const saveRateBoundsAction = actionClient
  .use(staff("partners.edit"))
  .schema(z.object({ partnerId: z.string().min(1).max(64), min: z.string().trim().min(1).max(16), max: z.string().trim().min(1).max(16) }))
  .action(async ({ input, ctx: { staff, t } }) => {
    await setPartnerRateBounds(db(), { programId: staff.programId, partnerId: input.partnerId, staffUserId: staff.id, min: input.min.replace(",", "."), max: input.max.replace(",", ".") });
    revalidatePath(`/admin/partners/${input.partnerId}`);
    revalidatePath("/admin/partners");
    return { message: t("console.partners.boundsSaved") };
  });
