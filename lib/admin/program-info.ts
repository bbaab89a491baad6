// What console pages need to know about the staff user's program: name, zone, currency, tiers.
import type { Db } from "@/lib/db/client";
import { programDefinitionOrThrow } from "@/lib/program/definition";
import { zonedTimeToInstant } from "@/lib/tiers/periods";

export async function programInfo(db: Db, programId: string) {
  const [program, version] = await Promise.all([
    db.program.findUniqueOrThrow({ where: { id: programId }, select: { id: true, name: true, timezone: true, currency: true } }),
    db.programVersion.findFirst({ where: { programId }, orderBy: { version: "desc" }, select: { definition: true } }),
  ]);
  let tiers: { code: string; name: string }[] = [];
  try {
    if (version) tiers = programDefinitionOrThrow(version.definition).tiers.map((t) => ({ code: t.code, name: t.name }));
  } catch {
    tiers = [];
  }
  return { ...program, tiers };
}

export type ProgramInfo = Awaited<ReturnType<typeof programInfo>>;

/** "2026-11-23" → the instant that day starts in the zone (plusDays: 1 gives the exclusive end). */
export function dayStart(timeZone: string, ymd: string | undefined, plusDays = 0): Date | undefined {
  const m = ymd ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd) : null;
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays));
  if (Number.isNaN(d.getTime())) return undefined;
  return zonedTimeToInstant(timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
