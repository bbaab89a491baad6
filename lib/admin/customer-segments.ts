// Which saved segments one customer is in: each segment's compiled predicate, narrowed to the
// customer's id (an index lookup, not a scan of the segment).
import type { Db } from "@/lib/db/client";
import { compileSegment, fromClause } from "@/lib/segments/compile";
import { segmentDefinitionOrThrow } from "@/lib/segments/definition";
import { segmentContext } from "@/lib/segments/run";

export async function segmentsOfCustomer(db: Db, programId: string, customerId: string, max = 50): Promise<{ id: string; name: string }[]> {
  const segments = await db.segment.findMany({ where: { programId }, orderBy: { name: "asc" }, take: max, select: { id: true, name: true, definition: true } });
  if (!segments.length) return [];
  const ctx = await segmentContext(db, programId);
  const out: { id: string; name: string }[] = [];
  for (const s of segments) {
    try {
      const compiled = compileSegment(segmentDefinitionOrThrow(s.definition), ctx);
      const params = [...compiled.params, customerId];
      const sql = `SELECT 1 AS hit FROM ${fromClause(compiled.joins)} WHERE c."programId" = $1 AND c."id" = $${params.length}::text AND ${compiled.where} LIMIT 1`;
      const rows = await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = 2000`);
        return tx.$queryRawUnsafe<{ hit: number }[]>(sql, ...params);
      });
      if (rows.length) out.push({ id: s.id, name: s.name });
    } catch {
      // A segment that cannot be evaluated (old definition, timeout) is simply not listed.
    }
  }
  return out;
}
