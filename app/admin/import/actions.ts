"use server";
// Server action of the legacy import (owner only): import the files of a finished dry run.
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { startImport } from "@/lib/import/console";
import { nudgeJob } from "@/lib/jobs/in-process";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const startImportAction = actionClient
  .use(staff("import.run"))
  .schema(z.object({ dryRunId: z.string().min(1).max(64), skipBadRows: checkbox, recomputeTiers: checkbox }))
  .action(async ({ input, ctx: { staff } }) => {
    const id = await startImport(db(), { programId: staff.programId, staffUserId: staff.id, ...input });
    await nudgeJob("legacy-imports");
    redirect(`/admin/import/${id}`);
  });
