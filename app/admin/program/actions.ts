"use server";
// Saving the program's rules from the console: the same validation and versioning as
// `npm run program:apply` (lib/program/apply-program.ts saveProgramRules), audited as the
// signed-in staff user; stores and partners are the Stores page's and are never touched here.
import { z } from "zod";
import { staffAction } from "@/lib/auth/staff-action";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import { saveProgramRules } from "@/lib/program/apply-program";

const schema = z.object({
  definition: z.string().min(2).max(500_000),
  note: z.string().trim().max(500).optional(),
});

export const saveProgram = staffAction("program.edit", schema, async (input, { staff }) => {
  const { t } = await getT();
  let json: unknown;
  try {
    json = JSON.parse(input.definition);
  } catch {
    throw new AppError("invalid_request", t("prog.badJson"), { details: [{ path: "definition", message: t("prog.badJson") }] });
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new AppError("invalid_request", t("prog.badJson"));
  // This staff user's program only; the rules, never its stores or partners.
  const result = await saveProgramRules(db(), { programId: staff.programId, json: json as Record<string, unknown>, staffUserId: staff.id, note: input.note || undefined });
  return { message: result.changed ? t("prog.saved", { version: result.version }) : t("prog.unchanged") };
});
