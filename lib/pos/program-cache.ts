// The program definition in force at a receipt's time, cached in memory: versions are immutable,
// so a parsed definition is kept forever by version id; the list of a program's versions is
// re-read every few seconds so a newly applied version takes effect almost at once.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { programDefinitionOrThrow, type ProgramDefinition } from "@/lib/program/definition";

const LIST_TTL_MS = 3_000;

type VersionRef = { id: string; effectiveFrom: Date };
const lists = new Map<string, { at: number; versions: VersionRef[] }>();
const definitions = new Map<string, ProgramDefinition>();
const programs = new Map<string, { at: number; name: string; locale: Locale }>();

export interface ProgramAt {
  versionId: string;
  definition: ProgramDefinition;
}

export async function definitionAt(db: Db, programId: string, at: Date): Promise<ProgramAt> {
  let list = lists.get(programId);
  if (!list || Date.now() - list.at > LIST_TTL_MS) {
    const versions = await db.programVersion.findMany({ where: { programId }, select: { id: true, effectiveFrom: true }, orderBy: { effectiveFrom: "desc" } });
    list = { at: Date.now(), versions };
    lists.set(programId, list);
  }
  if (list.versions.length === 0) throw new AppError("unavailable", "The program has no rules yet: apply a program definition first");
  // Newest first: the first version effective by `at`; a receipt older than every version uses the first one.
  const ref = list.versions.find((v) => v.effectiveFrom <= at) ?? list.versions[list.versions.length - 1];
  let definition = definitions.get(ref.id);
  if (!definition) {
    const row = await db.programVersion.findUniqueOrThrow({ where: { id: ref.id }, select: { definition: true } });
    definition = programDefinitionOrThrow(row.definition);
    definitions.set(ref.id, definition);
  }
  return { versionId: ref.id, definition };
}

export async function programInfo(db: Db, programId: string) {
  let p = programs.get(programId);
  if (!p || Date.now() - p.at > 60_000) {
    const row = await db.program.findUniqueOrThrow({ where: { id: programId }, select: { name: true, defaultLocale: true } });
    // Receipt messages and SMS speak the program's language.
    p = { at: Date.now(), name: row.name, locale: isLocale(row.defaultLocale) ? row.defaultLocale : "ru" };
    programs.set(programId, p);
  }
  return p;
}

/** Tests: forget everything cached. */
export function clearProgramCache() {
  lists.clear();
  definitions.clear();
  programs.clear();
}

/** A version's definition by id (held receipts are committed with the rules they were priced with). */
export async function definitionById(db: Db, versionId: string): Promise<ProgramDefinition> {
  let definition = definitions.get(versionId);
  if (!definition) {
    const row = await db.programVersion.findUniqueOrThrow({ where: { id: versionId }, select: { definition: true } });
    definition = programDefinitionOrThrow(row.definition);
    definitions.set(versionId, definition);
  }
  return definition;
}
