"use server";
// Server actions of Stores & keys (owner only): stores, issuing, approving (keys a partner
// manager issued) and revoking POS keys.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { createStore, storeInput, updateStore } from "@/lib/admin/stores";
import { approveTerminal, issueTerminalKey, revokeTerminal } from "@/lib/admin/terminals";

const storeEditor = actionClient.use(staff("stores.edit"));
const terminalManager = actionClient.use(staff("terminals.manage"));

export const createStoreAction = storeEditor.schema(storeInput).action(async ({ input, ctx: { staff } }) => {
  const store = await createStore(db(), staff.programId, staff.id, input);
  revalidatePath("/admin/stores");
  redirect(`/admin/stores/${store.id}?created=1`);
});

export const updateStoreAction = storeEditor.schema(storeInput.extend({ storeId: z.string().min(1) })).action(async ({ input: { storeId, ...input }, ctx: { staff, t } }) => {
  await updateStore(db(), staff.programId, staff.id, storeId, input);
  revalidatePath(`/admin/stores/${storeId}`);
  revalidatePath("/admin/stores");
  return { message: t("console.stores.saved") };
});

export const issueKeyAction = terminalManager.schema(z.object({ storeId: z.string().min(1), name: z.string().trim().min(1).max(100) })).action(async ({ input, ctx: { staff, t } }) => {
  const { terminal, key } = await issueTerminalKey(db(), { storeId: input.storeId, name: input.name, staffUserId: staff.id, programId: staff.programId });
  revalidatePath(`/admin/stores/${input.storeId}`);
  return { message: t("console.stores.keyIssued"), data: { key, terminalId: terminal.id } };
});

export const revokeKeyAction = terminalManager.schema(z.object({ terminalId: z.string().min(1), storeId: z.string().min(1) })).action(async ({ input, ctx: { staff, t } }) => {
  await revokeTerminal(db(), { terminalId: input.terminalId, staffUserId: staff.id, programId: staff.programId });
  revalidatePath(`/admin/stores/${input.storeId}`);
  return { message: t("console.stores.keyRevoked") };
});

export const approveKeyAction = terminalManager.schema(z.object({ terminalId: z.string().min(1), storeId: z.string().min(1) })).action(async ({ input, ctx: { staff, t } }) => {
  await approveTerminal(db(), { terminalId: input.terminalId, programId: staff.programId, staffUserId: staff.id });
  revalidatePath(`/admin/stores/${input.storeId}`);
  revalidatePath("/admin/stores");
  return { message: t("console.stores.keyApproved") };
});
