// The program definition in force (for showing what each status needs).
import type { Db } from "@/lib/db/client";
import { versionAt } from "@/lib/program/current";
import { programDefinitionOrThrow, type ProgramDefinition } from "@/lib/program/definition";

export async function currentProgramDefinition(db: Db, programId: string, at = new Date()): Promise<ProgramDefinition | null> {
  const v = await versionAt(db, programId, at);
  return v ? programDefinitionOrThrow(v.definition) : null;
}
