"use server";
// Server actions of staff management (owner only).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { createStaffUser, resetStaffPassword, setStaffActive, staffInput, updateStaffUser } from "@/lib/admin/staff-users";

const staffManager = actionClient.use(staff("staff.manage"));

export const createStaffAction = staffManager.schema(staffInput).action(async ({ input, ctx: { staff, t } }) => {
  const { user, password } = await createStaffUser(db(), staff.programId, staff.id, input);
  revalidatePath("/admin/staff");
  return { message: t("console.staff.created", { name: user.name }), data: { password, email: user.email } };
});

export const updateStaffAction = staffManager.schema(staffInput.extend({ userId: z.string().min(1) })).action(async ({ input: { userId, ...input }, ctx: { staff, t } }) => {
  await updateStaffUser(db(), staff.programId, staff.id, userId, input);
  revalidatePath("/admin/staff");
  revalidatePath(`/admin/staff/${userId}`);
  return { message: t("console.staff.saved") };
});

export const setActiveAction = staffManager.schema(z.object({ userId: z.string().min(1), active: z.enum(["1", "0"]) })).action(async ({ input, ctx: { staff, t } }) => {
  await setStaffActive(db(), staff.programId, staff.id, input.userId, input.active === "1");
  revalidatePath("/admin/staff");
  revalidatePath(`/admin/staff/${input.userId}`);
  return { message: input.active === "1" ? t("console.staff.reactivated") : t("console.staff.deactivated") };
});

export const resetPasswordAction = staffManager.schema(z.object({ userId: z.string().min(1) })).action(async ({ input, ctx: { staff, t } }) => {
  const { password } = await resetStaffPassword(db(), staff.programId, staff.id, input.userId);
  revalidatePath(`/admin/staff/${input.userId}`);
  return { message: t("console.staff.passwordReset"), data: { password } };
});
