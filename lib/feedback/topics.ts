// Feedback topics the club maintains (fans pick one when they write).
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError, invalidInput } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { fromColumns, localized, toColumns } from "@/lib/i18n/localized";
import type { Locale } from "@/lib/i18n/locales";

const topicFields = {
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, "lowercase letters, digits and dashes"),
  title: z.string().trim().min(2).max(80),
  titleRu: z
    .union([z.string().trim().max(80), z.null()])
    .optional()
    .transform((v) => (v ? v : null)),
  active: z.union([z.boolean(), z.enum(["true", "false", "on", "off"]).transform((v) => v === "true" || v === "on")]),
  sortOrder: z.coerce.number().int().min(-1000).max(1000),
};
export const topicInput = z.object({ ...topicFields, active: topicFields.active.default(true), sortOrder: topicFields.sortOrder.default(0) });
/** Updates: absent fields stay as they are (no defaults). */
export const topicPatch = z.object(topicFields).partial();
export type TopicInput = z.input<typeof topicInput>;

/** A topic's title in `locale` (the English title when it has no Russian one). */
export function topicTitle(topic: { title: string; titleRu: string | null }, locale: Locale): string {
  return localized(fromColumns(topic.title, topic.titleRu), locale);
}

export async function listTopics(db: Db, programId: string, opts: { activeOnly?: boolean } = {}) {
  return db.feedbackTopic.findMany({ where: { programId, ...(opts.activeOnly ? { active: true } : {}) }, orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }] });
}

export async function createTopic(db: Db, programId: string, data: TopicInput) {
  const r = topicInput.safeParse(toColumns(data, ["title"]));
  if (!r.success) throw invalidInput("Invalid topic", r.error.issues);
  const exists = await db.feedbackTopic.findUnique({ where: { programId_code: { programId, code: r.data.code } }, select: { id: true } });
  if (exists) throw new AppError("already_exists", "A topic with this code exists", { details: [{ path: "code", message: "already_used" }] });
  return db.feedbackTopic.create({ data: { id: createId("fbk"), programId, ...r.data } });
}

export async function updateTopic(db: Db, programId: string, topicId: string, data: Partial<TopicInput>) {
  const r = topicPatch.safeParse(toColumns(data, ["title"]));
  if (!r.success) throw invalidInput("Invalid topic", r.error.issues);
  const topic = await db.feedbackTopic.findFirst({ where: { id: topicId, programId } });
  if (!topic) throw new AppError("not_found", "Topic not found");
  const patch = Object.fromEntries(Object.entries(r.data).filter(([, v]) => v !== undefined));
  return db.feedbackTopic.update({ where: { id: topic.id }, data: patch });
}
