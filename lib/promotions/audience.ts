// The audience facts of one customer that promotions ask about: registration date, birthday and
// membership of the saved segments the promotions name (by slug of the segment's name, e.g.
// "Lapsed fans" → "lapsed-fans"). Segments are checked only when a promotion in force names them.
import type { Db } from "@/lib/db/client";
import { compileSegment, fromClause } from "@/lib/segments/compile";
import { segmentDefinitionOrThrow } from "@/lib/segments/definition";
import { segmentContext } from "@/lib/segments/run";
import type { ActivePromotion, PromotionCustomer } from "./engine";
import { oncePerFrozenList } from "./per-list";

export function segmentSlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** The segments the promotions name. */
const segmentsAskedAbout = oncePerFrozenList((promotions: readonly ActivePromotion[]): ReadonlySet<string> => new Set(promotions.flatMap((p) => p.def.audience?.segments ?? [])));

/** Slugs of the segments (among those the promotions name) the customer is in. */
export async function customerSegments(db: Db, programId: string, customerId: string, promotions: readonly ActivePromotion[], now: Date): Promise<Set<string>> {
  const wanted = segmentsAskedAbout(promotions);
  const out = new Set<string>();
  if (!wanted.size) return out;
  const segments = (await db.segment.findMany({ where: { programId }, select: { name: true, definition: true } })).filter((s) => wanted.has(segmentSlug(s.name)));
  if (!segments.length) return out;
  const ctx = await segmentContext(db, programId, now);
  await Promise.all(
    segments.map(async (s) => {
      const compiled = compileSegment(segmentDefinitionOrThrow(s.definition), ctx);
      const params = [...compiled.params, customerId];
      const rows = await db.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM ${fromClause(compiled.joins)} WHERE c."programId" = $1 AND c."id" = $${params.length}::text AND ${compiled.where} LIMIT 1`,
        ...params,
      );
      if (rows.length) out.add(segmentSlug(s.name));
    }),
  );
  return out;
}

export function promotionCustomer(c: { id: string; birthDate: Date | null; status: string; registeredAt: Date | null }, tierCode: string, segments: ReadonlySet<string>): PromotionCustomer {
  return {
    id: c.id,
    tierCode,
    blocked: c.status === "blocked",
    registeredAt: c.registeredAt,
    birthday: c.birthDate ? { month: c.birthDate.getUTCMonth() + 1, day: c.birthDate.getUTCDate() } : null,
    segments,
  };
}
