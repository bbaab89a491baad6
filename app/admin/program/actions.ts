"use server";
// Saving the program's rules from the console: the same validation and versioning as
// `npm run program:apply` (lib/program/apply-program.ts saveProgramRules), audited as the
// signed-in staff user; stores and partners are the Stores page's and are never touched here.
// "Simulate" queues a what-if replay of the draft (lib/simulation) and opens its page.
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Translate } from "@/lib/i18n/translate";
import { nudgeJob } from "@/lib/jobs/in-process";
import { saveProgramRules } from "@/lib/program/apply-program";
import { MAX_MONTHS, MIN_MONTHS } from "@/lib/simulation/run";
import { createSimulation } from "@/lib/simulation/store";

const schema = z.object({
  definition: z.string().min(2).max(500_000),
  note: z.string().trim().max(500).optional(),
});

export const saveProgram = actionClient
  .use(staff("program.edit"))
  .schema(schema)
  .action(async ({ input, ctx: { staff, t } }) => {
    const json = definitionObject(input.definition, t);
    // This staff user's program only; the rules, never its stores or partners.
    const result = await saveProgramRules(db(), { programId: staff.programId, json, staffUserId: staff.id, note: input.note || undefined });
    return { message: result.changed ? t("prog.saved", { version: result.version }) : t("prog.unchanged") };
  });

export const simulateProgram = actionClient
  .use(staff("program.edit"))
  .schema(z.object({ definition: schema.shape.definition, months: z.coerce.number().int().min(MIN_MONTHS).max(MAX_MONTHS) }))
  .action(async ({ input, ctx: { staff, t } }) => {
    const id = await createSimulation(db(), { programId: staff.programId, staffUserId: staff.id, draft: definitionObject(input.definition, t), months: input.months });
    await nudgeJob("program-simulations");
    redirect(`/admin/program/simulations/${id}`);
  });

/** The form's JSON text as an object; the headline is the field's text (lib/actions/localise.ts): "not a JSON object". */
function definitionObject(text: string, t: Translate): Record<string, unknown> {
  const badJson = () => new AppError("invalid_request", "The definition is not a JSON object", { details: [{ path: "definition", message: t("prog.badJson") }] });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badJson();
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) throw badJson();
  return json as Record<string, unknown>;
}
