// Every member of a segment through one server-side cursor: the segment query runs once and
// rows are fetched `batch` at a time, so an export of millions streams with flat memory and
// without re-running the predicate per page. Uses its own connection (a cursor lives in a transaction)
// with the analytics pool's session limits, and holds one of EXPORTS_MAX_CONCURRENT export slots
// (session advisory locks, so the cap holds across every server instance): analysts cannot take
// the tills' connections, and a further export is refused with 429 until a slot frees.
import pg from "pg";
import { poolSettings } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { compileSegment, membersQuery, type SegmentContext } from "./compile";
import type { SegmentDefinition } from "./definition";
import type { SegmentMember } from "./run";

const DATE_OID = 1082;

/** DATE columns as UTC midnight (pg's default is local midnight, which shifts days in CSVs). */
const types = {
  getTypeParser: ((oid: number, format?: string) => (oid === DATE_OID ? (v: string) => new Date(`${v}T00:00:00Z`) : pg.types.getTypeParser(oid, format as "text"))) as typeof pg.types.getTypeParser,
};

/** Advisory lock class of the export slots (the second key is the slot number). */
const EXPORT_SLOTS_LOCK = 74_657_870;

/**
 * Opens an export: a connection holding a free export slot, or 429 rate_limited when every slot
 * is taken. Call before the response starts streaming, so a refusal is a clean HTTP answer.
 */
export async function openExport(url: string): Promise<pg.Client> {
  const s = poolSettings("analytics");
  // Between fetches the connection waits for the downloader: allow a slow one a few minutes.
  const client = new pg.Client({
    connectionString: url,
    types,
    statement_timeout: s.statementTimeoutMs * 3,
    idle_in_transaction_session_timeout: Math.max(s.idleInTransactionMs, 300_000),
    application_name: "tribune-export",
  });
  await client.connect();
  try {
    for (let slot = 0; slot < env().EXPORTS_MAX_CONCURRENT; slot++) {
      const r = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1, $2) as ok", [EXPORT_SLOTS_LOCK, slot]);
      if (r.rows[0]?.ok) return client;
    }
  } catch (e) {
    await client.end().catch(() => {});
    throw e;
  }
  await client.end().catch(() => {});
  throw new AppError("rate_limited", `${env().EXPORTS_MAX_CONCURRENT} exports are already running; try again in a minute`, { retryAfter: 30 });
}

/** Streams the members through a connection from openExport, and closes it (freeing the slot) at the end. */
export async function* segmentCursor(client: pg.Client, ctx: SegmentContext, def: SegmentDefinition, batch = 2_000): AsyncGenerator<SegmentMember[]> {
  const q = membersQuery(compileSegment(def, ctx), { limit: null });
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
