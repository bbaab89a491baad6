"use server";
// Server actions of staff management (owner only).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/auth/staff-action";
import { db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/server";
import { createStaffUser, resetStaffPassword, setStaffActive, staffInput, updateStaffUser } from "@/lib/admin/staff-users";

export const createStaffAction = staffAction("staff.manage", staffInput, async (input, { staff }) => {
  const { user, password } = await createStaffUser(db(), staff.programId, staff.id, input);
  revalidatePath("/admin/staff");
  const { t } = await getT();
  return { message: t("console.staff.created", { name: user.name }), data: { password, email: user.email } };
});

export const updateStaffAction = staffAction("staff.manage", staffInput.extend({ userId: z.string().min(1) }), async ({ userId, ...input }, { staff }) => {
  await updateStaffUser(db(), staff.programId, staff.id, userId, input);
  revalidatePath("/admin/staff");
  revalidatePath(`/admin/staff/${userId}`);
  const { t } = await getT();
  return { message: t("console.staff.saved") };
});

export const setActiveAction = staffAction("staff.manage", z.object({ userId: z.string().min(1), active: z.enum(["1", "0"]) }), async (input, { staff }) => {
  await setStaffActive(db(), staff.programId, staff.id, input.userId, input.active === "1");
  revalidatePath("/admin/staff");
  revalidatePath(`/admin/staff/${input.userId}`);
  const { t } = await getT();
  return { message: input.active === "1" ? t("console.staff.reactivated") : t("console.staff.deactivated") };
});

export const resetPasswordAction = staffAction("staff.manage", z.object({ userId: z.string().min(1) }), async (input, { staff }) => {
  const { password } = await resetStaffPassword(db(), staff.programId, staff.id, input.userId);
  revalidatePath(`/admin/staff/${input.userId}`);
  const { t } = await getT();
  return { message: t("console.staff.passwordReset"), data: { password } };
});
