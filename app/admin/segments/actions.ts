"use server";
// Server actions of the segment builder: live preview (count + sample), save, delete.
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { analyticsDb, db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseSegmentDefinition } from "@/lib/segments/definition";
import { countSegment, segmentContext, segmentMembers } from "@/lib/segments/run";
import { createSegment, deleteSegment, updateSegment } from "@/lib/segments/segments";

const segmentEditor = actionClient.use(staff("segments.edit"));

export interface PreviewMember {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  tierCode: string | null;
  /** Points available (the console's sample; the partner portal's sample has none). */
  balance?: number;
}

export interface PreviewData {
  count: number;
  sample: PreviewMember[];
}

/** Count and a sample of an unsaved definition (debounced by the builder while editing). */
export const previewSegment = actionClient
  .use(staff("segments.view"))
  .schema(z.object({ definition: z.string().max(200_000) }))
  .action(async ({ input, ctx: { staff } }) => {
    const invalid = (details?: { path: string; message: string }[]) => new AppError("invalid_request", "Invalid segment definition", { text: { key: "seg.invalid" }, details });
    let json: unknown;
    try {
      json = JSON.parse(input.definition);
    } catch {
      throw invalid();
    }
    const parsed = parseSegmentDefinition(json);
    if (!parsed.ok) throw invalid(parsed.errors);
    const ctx = await segmentContext(db(), staff.programId);
    try {
      const [count, sample] = await Promise.all([countSegment(analyticsDb(), ctx, parsed.value), segmentMembers(analyticsDb(), ctx, parsed.value, { limit: 8 })]);
      const members = sample.map((m) => ({ id: m.id, name: [m.firstName, m.lastName].filter(Boolean).join(" ") || m.id, phone: m.phone, email: m.email, tierCode: m.tierCode, balance: m.balance }));
      return { data: { count, sample: members } satisfies PreviewData };
    } catch (err) {
      if (err instanceof AppError && err.code === "unavailable") throw new AppError("unavailable", err.message, { text: { key: "seg.tooSlow" } });
      throw err;
    }
  });

const saveSchema = z.object({
  id: z.string().max(64).optional().or(z.literal("")),
  name: z.string().trim().min(1).max(120),
  definition: z.string().max(200_000),
});

export const saveSegment = segmentEditor.schema(saveSchema).action(async ({ input, ctx: { staff, t } }) => {
  let definition: unknown;
  try {
    definition = JSON.parse(input.definition);
  } catch {
    throw new AppError("invalid_request", t("seg.invalid"));
  }
  if (input.id) {
    await updateSegment(db(), { programId: staff.programId, id: input.id, name: input.name, definition, staffUserId: staff.id });
    return { message: t("seg.saved") };
  }
  const created = await createSegment(db(), { programId: staff.programId, name: input.name, definition, staffUserId: staff.id });
  redirect(`/admin/segments/${created.id}?created=1`);
});

export const removeSegment = segmentEditor.schema(z.object({ id: z.string().min(1).max(64) })).action(async ({ input, ctx: { staff } }) => {
  await deleteSegment(db(), { programId: staff.programId, id: input.id, staffUserId: staff.id });
  redirect("/admin/segments?deleted=1");
});
