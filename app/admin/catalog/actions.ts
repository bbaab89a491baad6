"use server";
// Catalog management: items (create, update) and vouchers (mark used, cancel) through lib/catalog.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { cancelRedemptionByStaff, createCatalogItem, markRedemptionUsed, updateCatalogItem } from "@/lib/catalog";
import { zonedTimeToInstant } from "@/lib/time";
import { programZone } from "@/lib/admin/program-info";

const voucherManager = actionClient.use(staff("redemptions.manage"));

/** "2026-12-01T18:30" typed in the program's zone → an ISO instant ("" stays empty). */
function localToIso(timeZone: string, v: string | undefined): string {
  const m = v ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(v) : null;
  if (!m) return v ?? "";
  return zonedTimeToInstant(timeZone, +m[1], +m[2], +m[3], +m[4], +m[5]).toISOString();
}

// lib/catalog validates the fields (catalogItemInput); here only the form's shape.
const itemForm = z.object({
  id: z.string().max(64).optional(),
  code: z.string().max(100),
  title: z.string().max(200),
  titleRu: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  descriptionRu: z.string().max(2000).optional(),
  imageUrl: z.string().max(500).optional(),
  pointsPrice: z.string().max(20),
  stock: z.string().max(20).optional(),
  minTierCode: z.string().max(40).optional(),
  availableFrom: z.string().max(40).optional(),
  availableUntil: z.string().max(40).optional(),
  active: z.string().optional(),
  sortOrder: z.string().max(10).optional(),
});

export const saveCatalogItem = actionClient
  .use(staff("catalog.edit"))
  .schema(itemForm)
  .action(async ({ input, ctx: { staff, t } }) => {
    const { id, ...fields } = input;
    const { timezone } = await programZone(db(), staff.programId);
    const data = {
      ...fields,
      titleRu: fields.titleRu || null,
      descriptionRu: fields.descriptionRu || null,
      description: fields.description ?? "",
      imageUrl: fields.imageUrl ?? "",
      stock: fields.stock ?? "",
      minTierCode: fields.minTierCode || null,
      availableFrom: localToIso(timezone, fields.availableFrom),
      availableUntil: localToIso(timezone, fields.availableUntil),
      active: (fields.active === "on" ? "on" : "off") as "on" | "off",
      sortOrder: fields.sortOrder || "0",
    };
    if (id) {
      await updateCatalogItem(db(), { programId: staff.programId, itemId: id, staffUserId: staff.id, data });
      revalidatePath("/admin/catalog");
      return { message: t("cat.saved") };
    }
    const item = await createCatalogItem(db(), { programId: staff.programId, staffUserId: staff.id, data });
    redirect(`/admin/catalog/${item.id}?created=1`);
  });

const byId = z.object({ id: z.string().min(1).max(64) });

export const markVoucherUsed = voucherManager.schema(byId).action(async ({ input, ctx: { staff, t } }) => {
  await markRedemptionUsed(db(), { programId: staff.programId, redemptionId: input.id, staffUserId: staff.id });
  return { message: t("cat.r.used") };
});

export const cancelVoucher = voucherManager.schema(byId).action(async ({ input, ctx: { staff, t } }) => {
  await cancelRedemptionByStaff(db(), { programId: staff.programId, redemptionId: input.id, staffUserId: staff.id });
  return { message: t("cat.r.cancelled") };
});
