"use server";
// Server actions of the segment builder: live preview (count + sample), save, delete.
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/auth/staff-action";
import { getPrincipal } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { analyticsDb, db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { parseSegmentDefinition } from "@/lib/segments/definition";
import { countSegment, segmentContext, segmentMembers } from "@/lib/segments/run";
import { createSegment, deleteSegment, updateSegment } from "@/lib/segments/segments";

export interface PreviewMember {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  tierCode: string | null;
  balance: number;
}

export type PreviewResult = { ok: true; count: number; sample: PreviewMember[] } | { ok: false; error: string; errors?: { path: string; message: string }[] };

/** Count and a sample of an unsaved definition (debounced by the builder while editing). */
export async function previewSegment(definitionJson: string): Promise<PreviewResult> {
  const staff = await getPrincipal("staff");
  if (!staff || staff.kind !== "staff" || !can(staff.role, "segments.view")) return { ok: false, error: "forbidden" };
  const { t } = await getT();
  let json: unknown;
  try {
    json = JSON.parse(definitionJson);
  } catch {
    return { ok: false, error: t("seg.invalid") };
  }
  const parsed = parseSegmentDefinition(json);
  if (!parsed.ok) return { ok: false, error: t("seg.invalid"), errors: parsed.errors };
  try {
    const ctx = await segmentContext(db(), staff.programId);
    const [count, sample] = await Promise.all([countSegment(analyticsDb(), ctx, parsed.value), segmentMembers(analyticsDb(), ctx, parsed.value, { limit: 8 })]);
    return {
      ok: true,
      count,
      sample: sample.map((m) => ({ id: m.id, name: [m.firstName, m.lastName].filter(Boolean).join(" ") || m.id, phone: m.phone, email: m.email, tierCode: m.tierCode, balance: m.balance })),
    };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.code === "unavailable" ? t("seg.tooSlow") : err.message };
    console.error("segment preview failed", err);
    return { ok: false, error: t("console.common.genericError") };
  }
}

const saveSchema = z.object({
  id: z.string().max(64).optional().or(z.literal("")),
  name: z.string().trim().min(1, { error: "Enter a name" }).max(120, { error: "At most 120 characters" }),
  definition: z.string().max(200_000),
});

export const saveSegment = staffAction("segments.edit", saveSchema, async (input, { staff }) => {
  const { t } = await getT();
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

export const removeSegment = staffAction("segments.edit", z.object({ id: z.string().min(1).max(64) }), async (input, { staff }) => {
  await deleteSegment(db(), { programId: staff.programId, id: input.id, staffUserId: staff.id });
  redirect("/admin/segments?deleted=1");
});
