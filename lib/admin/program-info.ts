// What console pages need to know about the staff user's program: name, zone, currency, tiers.
import type { Db } from "@/lib/db/client";
import { definitionInForce } from "@/lib/program/in-force";
import { localized } from "@/lib/i18n/localized";
import { isLocale, type Locale } from "@/lib/i18n/locales";

/** The program with its statuses' names in `locale` (the console's language; default: the program's). */
export async function programInfo(db: Db, programId: string, locale?: Locale) {
  const [{ defaultLocale, ...program }, version] = await Promise.all([
    db.program.findUniqueOrThrow({ where: { id: programId }, select: { id: true, name: true, timezone: true, currency: true, defaultLocale: true } }),
    definitionInForce(db, programId),
  ]);
  const fallback = isLocale(defaultLocale) ? defaultLocale : null;
  const tiers = (version?.definition.tiers ?? []).map((t) => ({ code: t.code, name: localized(t.name, locale ?? fallback ?? "ru", fallback) }));
  return { ...program, tiers };
}

export type ProgramInfo = Awaited<ReturnType<typeof programInfo>>;

/** The program's time zone and currency (dates and money on console pages). */
export async function programZone(db: Db, programId: string) {
  return db.program.findUniqueOrThrow({ where: { id: programId }, select: { timezone: true, currency: true } });
}

/** Name, brand colour and language of a program: the console's and portal's frame. */
export async function programBrand(db: Db, programId: string) {
  return db.program.findUnique({ where: { id: programId }, select: { name: true, brandColor: true, defaultLocale: true } });
}

/** The installation's first program: the brand of the staff sign-in pages (nobody is signed in yet). */
export async function firstProgramBrand(db: Db) {
  return db.program.findFirst({ orderBy: { createdAt: "asc" }, select: { name: true, brandColor: true, defaultLocale: true } });
}

/** The newest `take` rule versions, newest first (the program page's history). */
export async function programVersions(db: Db, programId: string, take: number) {
  return db.programVersion.findMany({ where: { programId }, orderBy: { version: "desc" }, take });
}
