// Which programs run the NPS survey at an instant, with their settings (the definition in force).
import type { Db } from "@/lib/db/client";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { definitionInForce } from "@/lib/program/in-force";
import type { ProgramDefinition } from "@/lib/program/definition";

/** `surveys.nps` of the program definition (lib/program/definition.ts). */
export type NpsSurveySettings = NonNullable<ProgramDefinition["surveys"]["nps"]>;

export interface SurveyProgram {
  programId: string;
  name: string;
  brandColor: string;
  timezone: string;
  locale: Locale;
  nps: NpsSurveySettings;
}

/** The program's survey settings in force at `at`, or null when it runs no NPS survey. */
export async function surveyProgram(db: Db, programId: string, at: Date): Promise<SurveyProgram | null> {
  const found = await definitionInForce(db, programId, at);
  const nps = found?.definition.surveys?.nps;
  if (!found || !nps) return null;
  const p = await db.program.findUniqueOrThrow({ where: { id: programId }, select: { name: true, brandColor: true, defaultLocale: true } });
  return { programId, name: p.name, brandColor: p.brandColor, timezone: found.definition.timezone, locale: isLocale(p.defaultLocale) ? p.defaultLocale : "ru", nps };
}

/** Every program whose definition in force at `at` has `surveys.nps` (the jobs' sweep). */
export async function surveyPrograms(db: Db, at: Date): Promise<SurveyProgram[]> {
  const programs = await db.program.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  const out: SurveyProgram[] = [];
  for (const p of programs) {
    const sp = await surveyProgram(db, p.id, at);
    if (sp) out.push(sp);
  }
  return out;
}
