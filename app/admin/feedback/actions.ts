"use server";
// Feedback inbox actions through lib/feedback: reply (the fan gets an email), assign, close,
// reopen, and topic management.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/auth/staff-action";
import { db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/server";
import { assignRequest, closeRequest, createTopic, reopenRequest, replyAsStaff, updateTopic } from "@/lib/feedback";

const id = z.string().min(1).max(64);

export const replyToRequest = staffAction("feedback.manage", z.object({ id, body: z.string().max(4000), close: z.string().optional() }), async (input, { staff }) => {
  const { t } = await getT();
  await replyAsStaff(db(), { programId: staff.programId, requestId: input.id, staffUserId: staff.id, body: input.body, close: input.close === "on" });
  revalidatePath(`/admin/feedback/${input.id}`);
  return { message: t("fb.sent") };
});

export const assignToStaff = staffAction("feedback.manage", z.object({ id, assigneeId: z.string().max(64) }), async (input, { staff }) => {
  const { t } = await getT();
  await assignRequest(db(), { programId: staff.programId, requestId: input.id, assigneeId: input.assigneeId || null, staffUserId: staff.id });
  revalidatePath(`/admin/feedback/${input.id}`);
  return { message: t("fb.assigned") };
});

export const closeFeedback = staffAction("feedback.manage", z.object({ id }), async (input, { staff }) => {
  const { t } = await getT();
  await closeRequest(db(), { programId: staff.programId, requestId: input.id, staffUserId: staff.id });
  return { message: t("fb.closed") };
});

export const reopenFeedback = staffAction("feedback.manage", z.object({ id }), async (input, { staff }) => {
  const { t } = await getT();
  await reopenRequest(db(), { programId: staff.programId, requestId: input.id, staffUserId: staff.id });
  return { message: t("fb.reopened") };
});

export const addTopic = staffAction(
  "feedback.topics",
  z.object({ code: z.string().max(60), title: z.string().max(100), titleRu: z.string().max(100).optional(), sortOrder: z.string().max(6).optional() }),
  async (input, { staff }) => {
    const { t } = await getT();
    await createTopic(db(), staff.programId, { code: input.code, title: input.title, titleRu: input.titleRu || null, sortOrder: input.sortOrder || "0", active: true });
    revalidatePath("/admin/feedback/topics");
    return { message: t("fb.t.added") };
  },
);

export const toggleTopic = staffAction("feedback.topics", z.object({ id, active: z.enum(["true", "false"]) }), async (input, { staff }) => {
  const { t } = await getT();
  await updateTopic(db(), staff.programId, input.id, { active: input.active });
  return { message: t("fb.t.updated") };
});
