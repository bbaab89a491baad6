"use server";
// Server actions of the partner's business contacts: add, change, delete — always within the
// session's partner (another partner's contact is not found).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, partner } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { contactInput, createPartnerContact, deletePartnerContact, updatePartnerContact } from "@/lib/partner/contacts";

const manager = actionClient.use(partner());
const id = z.string().min(1).max(64);

export const addContactAction = manager.schema(contactInput).action(async ({ input, ctx: { partner, t } }) => {
  await createPartnerContact(db(), { programId: partner.programId, partnerId: partner.partnerId, staffUserId: partner.id }, input);
  revalidatePath("/partner/contacts");
  return { message: t("partner.contacts.added") };
});

export const saveContactAction = manager.schema(contactInput.extend({ id })).action(async ({ input, ctx: { partner, t } }) => {
  await updatePartnerContact(db(), { programId: partner.programId, partnerId: partner.partnerId, staffUserId: partner.id }, input);
  revalidatePath("/partner/contacts");
  return { message: t("partner.contacts.saved") };
});

export const deleteContactAction = manager.schema(z.object({ id })).action(async ({ input, ctx: { partner, t } }) => {
  await deletePartnerContact(db(), { programId: partner.programId, partnerId: partner.partnerId, staffUserId: partner.id }, input);
  revalidatePath("/partner/contacts");
  return { message: t("partner.contacts.deleted") };
});
