"use server";
// Server actions of Gift certificates (owner, marketer): printed batches, block and unblock.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { batchCsv, blockGiftCard, issueBatch, MAX_BATCH, unblockGiftCard } from "@/lib/giftcards/console";
import { programInfo } from "@/lib/admin/program-info";
import { dayStart } from "@/lib/time";

const giftCardManager = actionClient.use(staff("giftcards.manage"));

const batchInput = z.object({
  count: z.coerce.number().int().min(1).max(MAX_BATCH),
  /** Major units in the form; minor units in the database. */
  amount: z.coerce
    .number()
    .min(1)
    .max(1_000_000)
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, "two_decimals"),
  expiresOn: z.iso.date(),
});

export const issueBatchAction = giftCardManager.schema(batchInput).action(async ({ input, ctx: { staff, t } }) => {
  const program = await programInfo(db(), staff.programId);
  // Valid through the whole expiry day in the program's time zone.
  const expiresAt = dayStart(program.timezone, input.expiresOn, 1)!;
  const { batchId, cards } = await issueBatch(db(), { programId: staff.programId, count: input.count, amount: Math.round(input.amount * 100), expiresAt, actorId: staff.id });
  revalidatePath("/admin/gift-cards");
  return { message: t("console.giftCards.issued", { count: cards.length }), data: { batchId, csv: batchCsv(cards), preview: cards.slice(0, 5).map((c) => ({ number: c.number, pin: c.pin })) } };
});

const cardInput = z.object({ id: z.string().min(1), reason: z.string().trim().max(500).optional() });

export const blockGiftCardAction = giftCardManager.schema(cardInput).action(async ({ input, ctx: { staff, t } }) => {
  await blockGiftCard(db(), { programId: staff.programId, id: input.id, actor: { type: "staff", id: staff.id }, reason: input.reason || null });
  revalidatePath(`/admin/gift-cards/${input.id}`);
  return { message: t("console.giftCards.blocked") };
});

export const unblockGiftCardAction = giftCardManager.schema(cardInput).action(async ({ input, ctx: { staff, t } }) => {
  await unblockGiftCard(db(), { programId: staff.programId, id: input.id, actor: { type: "staff", id: staff.id }, reason: input.reason || null });
  revalidatePath(`/admin/gift-cards/${input.id}`);
  return { message: t("console.giftCards.unblocked") };
});
