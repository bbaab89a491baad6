"use server";
// Feedback inbox actions through lib/feedback: reply (the fan gets an email), assign, close,
// reopen, and topic management.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { assignRequest, closeRequest, createTopic, reopenRequest, replyAsStaff, updateTopic } from "@/lib/feedback";

const feedbackManager = actionClient.use(staff("feedback.manage"));
const topicsManager = actionClient.use(staff("feedback.topics"));

const id = z.string().min(1).max(64);

export const replyToRequest = feedbackManager.schema(z.object({ id, body: z.string().max(4000), close: z.string().optional() })).action(async ({ input, ctx: { staff, t } }) => {
  await replyAsStaff(db(), { programId: staff.programId, requestId: input.id, staffUserId: staff.id, body: input.body, close: input.close === "on" });
  revalidatePath(`/admin/feedback/${input.id}`);
  return { message: t("fb.sent") };
});

export const assignToStaff = feedbackManager.schema(z.object({ id, assigneeId: z.string().max(64) })).action(async ({ input, ctx: { staff, t } }) => {
  await assignRequest(db(), { programId: staff.programId, requestId: input.id, assigneeId: input.assigneeId || null, staffUserId: staff.id });
  revalidatePath(`/admin/feedback/${input.id}`);
  return { message: t("fb.assigned") };
});

export const closeFeedback = feedbackManager.schema(z.object({ id })).action(async ({ input, ctx: { staff, t } }) => {
  await closeRequest(db(), { programId: staff.programId, requestId: input.id, staffUserId: staff.id });
  return { message: t("fb.closed") };
});

export const reopenFeedback = feedbackManager.schema(z.object({ id })).action(async ({ input, ctx: { staff, t } }) => {
  await reopenRequest(db(), { programId: staff.programId, requestId: input.id, staffUserId: staff.id });
  return { message: t("fb.reopened") };
});

export const addTopic = topicsManager
  .schema(z.object({ code: z.string().max(60), title: z.string().max(100), titleRu: z.string().max(100).optional(), sortOrder: z.string().max(6).optional() }))
  .action(async ({ input, ctx: { staff, t } }) => {
    await createTopic(db(), staff.programId, { code: input.code, title: input.title, titleRu: input.titleRu || null, sortOrder: input.sortOrder || "0", active: true });
    revalidatePath("/admin/feedback/topics");
    return { message: t("fb.t.added") };
  });

export const toggleTopic = topicsManager.schema(z.object({ id, active: z.enum(["true", "false"]) })).action(async ({ input, ctx: { staff, t } }) => {
  await updateTopic(db(), staff.programId, input.id, { active: input.active });
  return { message: t("fb.t.updated") };
});
