"use server";
// Saving the program's rules from the console: the same validation and versioning as
// `npm run program:apply` (lib/program/apply-program.ts saveProgramRules), audited as the
// signed-in staff user; stores and partners are the Stores page's and are never touched here.
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { saveProgramRules } from "@/lib/program/apply-program";

const schema = z.object({
  definition: z.string().min(2).max(500_000),
  note: z.string().trim().max(500).optional(),
});

export const saveProgram = actionClient
  .use(staff("program.edit"))
  .schema(schema)
  .action(async ({ input, ctx: { staff, t } }) => {
    // The headline is the field's text (lib/actions/localise.ts): "not a JSON object".
    const badJson = () => new AppError("invalid_request", "The definition is not a JSON object", { details: [{ path: "definition", message: t("prog.badJson") }] });
    let json: unknown;
    try {
      json = JSON.parse(input.definition);
    } catch {
      throw badJson();
    }
    if (!json || typeof json !== "object" || Array.isArray(json)) throw badJson();
    // This staff user's program only; the rules, never its stores or partners.
    const result = await saveProgramRules(db(), { programId: staff.programId, json: json as Record<string, unknown>, staffUserId: staff.id, note: input.note || undefined });
    return { message: result.changed ? t("prog.saved", { version: result.version }) : t("prog.unchanged") };
  });
