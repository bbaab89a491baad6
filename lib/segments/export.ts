// Every member of a segment through one server-side cursor: the segment query runs once and
// rows are fetched `batch` at a time, so an export of millions streams with flat memory and
// without re-running the predicate per page. Uses its own connection (a cursor lives in a transaction).
import pg from "pg";
import { compileSegment, membersQuery, type SegmentContext } from "./compile";
import type { SegmentDefinition } from "./definition";
import type { SegmentMember } from "./run";

const DATE_OID = 1082;

/** DATE columns as UTC midnight (pg's default is local midnight, which shifts days in CSVs). */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === DATE_OID ? (v: string) => new Date(`${v}T00:00:00Z`) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

export async function* segmentCursor(url: string, ctx: SegmentContext, def: SegmentDefinition, batch = 2_000): AsyncGenerator<SegmentMember[]> {
  const q = membersQuery(compileSegment(def, ctx), { limit: null });
  const client = new pg.Client({ connectionString: url, types });
  await client.connect();
  let open = false;
  try {
    await client.query("BEGIN READ ONLY");
    open = true;
    await client.query("SET LOCAL work_mem = '64MB'");
    await client.query(`DECLARE segment_export NO SCROLL CURSOR FOR ${q.sql}`, q.params);
    const size = Math.max(1, Math.min(10_000, Math.trunc(batch)));
    for (;;) {
      const r = await client.query<SegmentMember>(`FETCH ${size} FROM segment_export`);
      if (r.rows.length === 0) break;
      yield ctx.entryTier ? r.rows.map((m) => (m.tierCode ? m : { ...m, tierCode: ctx.entryTier ?? null })) : r.rows;
      if (r.rows.length < size) break;
    }
  } finally {
    // Also runs when the consumer stops early (download cancelled): the cursor and connection go.
    if (open) await client.query("ROLLBACK").catch(() => {});
    await client.end().catch(() => {});
  }
}
