"use server";
// Catalog actions of the signed-in fan: redeem (idempotent per click key) and cancel a voucher.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, customer } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { cancelRedemption, redeemCatalogItem } from "@/lib/catalog";

const fan = actionClient.use(customer());

export const redeemAction = fan.schema(z.object({ itemId: z.string().min(1).max(64), key: z.string().min(8).max(100) })).action(async ({ input, ctx: { customer, t } }) => {
  const { redemption } = await redeemCatalogItem(db(), { customerId: customer.id, itemId: input.itemId, idempotencyKey: input.key });
  revalidatePath("/cabinet", "layout");
  return { message: t("cabinet.catalog.redeemed", { code: redemption.voucherCode }) };
});

export const cancelRedemptionAction = fan.schema(z.object({ redemptionId: z.string().min(1).max(64) })).action(async ({ input, ctx: { customer, t } }) => {
  await cancelRedemption(db(), { customerId: customer.id, redemptionId: input.redemptionId });
  revalidatePath("/cabinet", "layout");
  return { message: t("cabinet.catalog.cancelled") };
});
