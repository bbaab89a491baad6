// What console pages need to know about the staff user's program: name, zone, currency, tiers.
import type { Db } from "@/lib/db/client";
import { definitionInForce } from "@/lib/program/in-force";

export async function programInfo(db: Db, programId: string) {
  const [program, version] = await Promise.all([
    db.program.findUniqueOrThrow({ where: { id: programId }, select: { id: true, name: true, timezone: true, currency: true } }),
    definitionInForce(db, programId),
  ]);
  const tiers = (version?.definition.tiers ?? []).map((t) => ({ code: t.code, name: t.name }));
  return { ...program, tiers };
}

export type ProgramInfo = Awaited<ReturnType<typeof programInfo>>;
