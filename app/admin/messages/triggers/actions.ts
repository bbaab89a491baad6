"use server";
// Server actions of the triggered messages (owner, marketer): switch on or off, channel, texts per language, settings.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { saveTrigger } from "@/lib/communications/console";
import { TRIGGER_KINDS } from "@/lib/communications/trigger-kinds";
import { db } from "@/lib/db/client";

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");
const subject = z.string().trim().min(1).max(200);
const body = z.string().trim().min(1).max(2000);
const optionalInt = (min: number, max: number) =>
  z
    .union([z.literal(""), z.coerce.number().int().min(min).max(max)])
    .optional()
    .transform((v) => (v === "" || v === undefined ? undefined : v));

const triggerForm = z.object({
  kind: z.enum(TRIGGER_KINDS),
  enabled: checkbox,
  channel: z.enum(["email", "sms"]),
  subjectRu: subject,
  subjectEn: subject,
  bodyRu: body,
  bodyEn: body,
  days: optionalInt(7, 730),
  withinDays: optionalInt(1, 60),
  validDays: optionalInt(1, 365),
  promotion: z.string().trim().max(64).optional(),
});

export const saveTriggerAction = actionClient
  .use(staff("messages.edit"))
  .schema(triggerForm)
  .action(async ({ input, ctx: { staff, t } }) => {
    const settings = Object.fromEntries(
      Object.entries({ days: input.days, withinDays: input.withinDays, validDays: input.validDays, promotion: input.promotion || undefined }).filter(([, v]) => v !== undefined),
    );
    await saveTrigger(
      db(),
      staff.programId,
      { kind: input.kind, enabled: input.enabled, channel: input.channel, subject: { ru: input.subjectRu, en: input.subjectEn }, body: { ru: input.bodyRu, en: input.bodyEn }, settings },
      { staffId: staff.id },
    );
    revalidatePath("/admin/messages/triggers");
    return { message: t("console.msg.tr.saved", { kind: t(`console.msg.kind.${input.kind}`) }) };
  });
