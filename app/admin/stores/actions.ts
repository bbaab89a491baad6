"use server";
// Server actions of Stores & keys (owner only): stores, issuing, approving (keys a partner
// manager issued) and revoking POS keys.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/auth/staff-action";
import { db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/server";
import { createStore, storeInput, updateStore } from "@/lib/admin/stores";
import { approveTerminal, issueTerminalKey, revokeTerminal } from "@/lib/admin/terminals";

export const createStoreAction = staffAction("stores.edit", storeInput, async (input, { staff }) => {
  const store = await createStore(db(), staff.programId, staff.id, input);
  revalidatePath("/admin/stores");
  redirect(`/admin/stores/${store.id}?created=1`);
});

export const updateStoreAction = staffAction("stores.edit", storeInput.extend({ storeId: z.string().min(1) }), async ({ storeId, ...input }, { staff }) => {
  await updateStore(db(), staff.programId, staff.id, storeId, input);
  revalidatePath(`/admin/stores/${storeId}`);
  revalidatePath("/admin/stores");
  const { t } = await getT();
  return { message: t("console.stores.saved") };
});

export const issueKeyAction = staffAction("terminals.manage", z.object({ storeId: z.string().min(1), name: z.string().trim().min(1, "Name the till").max(100) }), async (input, { staff }) => {
  const { terminal, key } = await issueTerminalKey(db(), { storeId: input.storeId, name: input.name, staffUserId: staff.id, programId: staff.programId });
  revalidatePath(`/admin/stores/${input.storeId}`);
  const { t } = await getT();
  return { message: t("console.stores.keyIssued"), data: { key, terminalId: terminal.id } };
});

export const revokeKeyAction = staffAction("terminals.manage", z.object({ terminalId: z.string().min(1), storeId: z.string().min(1) }), async (input, { staff }) => {
  await revokeTerminal(db(), { terminalId: input.terminalId, staffUserId: staff.id, programId: staff.programId });
  revalidatePath(`/admin/stores/${input.storeId}`);
  const { t } = await getT();
  return { message: t("console.stores.keyRevoked") };
});

export const approveKeyAction = staffAction("terminals.manage", z.object({ terminalId: z.string().min(1), storeId: z.string().min(1) }), async (input, { staff }) => {
  await approveTerminal(db(), { terminalId: input.terminalId, programId: staff.programId, staffUserId: staff.id });
  revalidatePath(`/admin/stores/${input.storeId}`);
  revalidatePath("/admin/stores");
  const { t } = await getT();
  return { message: t("console.stores.keyApproved") };
});
