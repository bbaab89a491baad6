// The one source of "which rules apply": the program definition in force at an instant (the
// newest version effective by then; ties by version number; an instant before every version gets
// the first one), a version by id (a held receipt commits with the rules it was priced with), and
// the program's name and language. Versions are immutable, so a parsed definition is cached
// forever by id; a program's list of versions is re-read every few seconds (at once in the
// process that applied a new one), so a new version takes effect almost immediately everywhere.
import type { Db as Client } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { programDefinitionOrThrow, type ProgramDefinition } from "./definition";

/** Any Prisma client or transaction: only versions and programs are read. */
type Db = Pick<Client, "programVersion" | "program">;

const LIST_TTL_MS = 3_000;
const INFO_TTL_MS = 60_000;

type VersionRef = { id: string; version: number; effectiveFrom: Date };
const lists = new Map<string, { at: number; versions: VersionRef[] }>();
const definitions = new Map<string, ProgramDefinition>();
const infos = new Map<string, { at: number; info: ProgramBasics }>();

export interface ProgramAt {
  versionId: string;
  version: number;
  effectiveFrom: Date;
  definition: ProgramDefinition;
}

export interface ProgramBasics {
  name: string;
  /** Receipt messages and SMS speak the program's language. */
  locale: Locale;
}

async function versionsOf(db: Db, programId: string): Promise<VersionRef[]> {
  let list = lists.get(programId);
  if (!list || Date.now() - list.at > LIST_TTL_MS) {
    const versions = await db.programVersion.findMany({
      where: { programId },
      select: { id: true, version: true, effectiveFrom: true },
      orderBy: [{ effectiveFrom: "desc" }, { version: "desc" }],
    });
    list = { at: Date.now(), versions };
    lists.set(programId, list);
  }
  return list.versions;
}

/** The rules in force at `at`, or null when the program has no version yet. */
export async function definitionInForce(db: Db, programId: string, at: Date = new Date()): Promise<ProgramAt | null> {
  const versions = await versionsOf(db, programId);
  if (versions.length === 0) return null;
  // Newest first: the first version effective by `at`; an instant older than every version uses the first one.
  const ref = versions.find((v) => v.effectiveFrom <= at) ?? versions[versions.length - 1];
  return { versionId: ref.id, version: ref.version, effectiveFrom: ref.effectiveFrom, definition: await definitionById(db, ref.id) };
}

/** The rules in force at `at`; 503 `unavailable` when the program has no rules yet. */
export async function definitionAt(db: Db, programId: string, at: Date = new Date()): Promise<ProgramAt> {
  const found = await definitionInForce(db, programId, at);
  if (!found) throw new AppError("unavailable", "The program has no rules yet: apply a program definition first");
  return found;
}

/** A version's definition by id. */
export async function definitionById(db: Db, versionId: string): Promise<ProgramDefinition> {
  let definition = definitions.get(versionId);
  if (!definition) {
    const row = await db.programVersion.findUniqueOrThrow({ where: { id: versionId }, select: { definition: true } });
    definition = programDefinitionOrThrow(row.definition);
    definitions.set(versionId, definition);
  }
  return definition;
}

/** The program's name and language (cached for a minute). */
export async function programBasics(db: Db, programId: string): Promise<ProgramBasics> {
  const hit = infos.get(programId);
  if (hit && Date.now() - hit.at <= INFO_TTL_MS) return hit.info;
  const row = await db.program.findUniqueOrThrow({ where: { id: programId }, select: { name: true, defaultLocale: true } });
  const info: ProgramBasics = { name: row.name, locale: isLocale(row.defaultLocale) ? row.defaultLocale : "ru" };
  infos.set(programId, { at: Date.now(), info });
  return info;
}

/** A new version or new program settings were saved: this process re-reads them at once. */
export function forgetProgram(programId: string) {
  lists.delete(programId);
  infos.delete(programId);
}

/** Tests: forget everything cached. */
export function clearProgramCache() {
  lists.clear();
  definitions.clear();
  infos.clear();
}
