// Bulk loading of the benchmarks' synthetic data sets (bench:segments, bench:pos, profile:confirm):
// set-based SQL per table in chunks of customers (progress with rows, %, elapsed and ETA; memory
// stays flat), secondary indexes dropped during the load and built once at the end, row triggers
// (foreign-key checks, the activity summary's triggers) off for the loading session when the role
// may do so, and then the activity summary ("CustomerActivity", "CustomerActivityMonth",
// "CustomerCategoryDay") computed
// set-based from the loaded receipts and visits, checked on a sample against a recomputation.
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { PROFILE_OF_CUSTOMER, PROFILE_OF_ROW, ringFromReceiptsSql, ringOfRowSql, STATUS_OF_ROW, STATUS_OF_TABLES, visitRingFromVisitsSql, visitRingOfRowSql } from "@/lib/segments/activity";

export type Log = (line: string) => void;

const secs = (ms: number) => (ms < 100_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);
const int = (n: number) => Math.round(n).toLocaleString("en");

/** Customer ranges [lo, hi) over 1..n, `size` customers each. */
export function customerChunks(n: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let lo = 1; lo <= n; lo += size) out.push([lo, Math.min(n + 1, lo + size)]);
  return out;
}

/**
 * For rows whose customer is 1 + ⌊u^e · n⌋ with u uniform in [0, 1) (`perCustomer` · n rows in
 * all): the rows of the customers [lo, hi) are numbered g0 + 1 … g1 and their u lies in [ua, ub).
 * Drawing u uniformly in that slice for each of them, chunk by chunk, gives the same distribution
 * of rows over customers as drawing every row over all n (up to rounding of the chunk's count).
 */
export function rowSlice(n: number, lo: number, hi: number, e: number, perCustomer: number) {
  const u = (k: number) => Math.pow((k - 1) / n, 1 / e);
  const cum = (k: number) => Math.round(perCustomer * n * u(k));
  return { g0: cum(lo), g1: cum(hi), ua: u(lo), ub: u(hi) };
}

/**
 * Runs one statement per chunk and prints, after each, the rows so far, the share of the work
 * done (`weight` of the chunks done over the total: customers by default) and the time left.
 */
export async function chunked<C>(
  c: pg.Client,
  label: string,
  chunks: C[],
  statement: (chunk: C, i: number) => { text: string; values?: unknown[] },
  log: Log,
  weight: (chunk: C) => number = (ch) => (Array.isArray(ch) ? (ch[1] as number) - (ch[0] as number) : 1),
): Promise<number> {
  const total = chunks.reduce((s, ch) => s + weight(ch), 0);
  const t0 = performance.now();
  let rows = 0;
  let done = 0;
  for (const [i, ch] of chunks.entries()) {
    const r = await c.query(statement(ch, i));
    rows += r.rowCount ?? 0;
    done += weight(ch);
    const elapsed = performance.now() - t0;
    const eta = done > 0 ? (elapsed * (total - done)) / done : 0;
    log(`  ${label.padEnd(24)} ${int(rows).padStart(12)} rows  ${((done / total) * 100).toFixed(0).padStart(3)} %  ${secs(elapsed).padStart(9)}  ETA ${secs(eta)}`);
  }
  return rows;
}

/** Times one statement. */
export async function step(c: pg.Client, label: string, sql: string, log: Log, values: unknown[] = []) {
  const t0 = performance.now();
  const r = await c.query(sql, values);
  log(`  ${label.padEnd(24)} ${(r.rowCount == null ? "" : int(r.rowCount)).padStart(12)} rows  ${secs(performance.now() - t0)}`);
  return r;
}

/**
 * Turns row triggers off for this session (foreign-key checks and the activity summary's
 * triggers: the loader writes consistent rows and computes the summary itself) when the role is
 * a superuser. Returns false when it cannot: the load then runs with triggers, which keep the
 * summary themselves, only slower.
 */
export async function triggersOff(c: pg.Client, log: Log): Promise<boolean> {
  const su = await c.query<{ rolsuper: boolean }>(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
  if (!su.rows[0]?.rolsuper) {
    log("  (not a superuser: loading with triggers and foreign-key checks on)");
    return false;
  }
  await c.query(`SET session_replication_role = replica`);
  return true;
}

export async function triggersOn(c: pg.Client) {
  await c.query(`SET session_replication_role = DEFAULT`);
}

/**
 * Drops the secondary (non-unique, non-constraint) indexes of `tables`, runs `body`, and builds
 * them again, one by one with their time — also when `body` fails, so the database never stays
 * without them. Unique indexes stay: they keep the generated rows honest.
 */
export async function withoutSecondaryIndexes<T>(c: pg.Client, tables: string[], body: () => Promise<T>, log: Log): Promise<T> {
  const idx = await c.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i JOIN pg_class x ON x.relname = i.indexname AND x.relnamespace = to_regnamespace(i.schemaname)
     JOIN pg_index p ON p.indexrelid = x.oid
     WHERE i.schemaname = current_schema() AND i.tablename = ANY($1) AND NOT p.indisunique AND NOT p.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.oid)
     ORDER BY i.tablename, i.indexname`,
    [tables],
  );
  for (const i of idx.rows) await c.query(`DROP INDEX "${i.name}"`);
  log(`  dropped ${idx.rows.length} secondary indexes of ${tables.join(", ")} for the load`);
  try {
    return await body();
  } finally {
    const t0 = performance.now();
    for (const [k, i] of idx.rows.entries()) {
      const t1 = performance.now();
      // A partitioned table's index is defined "ON ONLY" the parent; built again on the table, every partition gets its own.
      await c.query(i.def.replace(" ON ONLY ", " ON "));
      log(`  index ${k + 1}/${idx.rows.length} ${i.name.padEnd(44)} ${secs(performance.now() - t1).padStart(8)}  (${secs(performance.now() - t0)} in all)`);
    }
  }
}

/** Boundaries of ranges of `size` customer ids (in id order) of a program: [lo, hi) with hi null for the last. */
async function idRanges(c: pg.Client, programId: string, size: number): Promise<[string, string | null][]> {
  const r = await c.query<{ id: string }>(`SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM "Customer" WHERE "programId" = $1) x WHERE (rn - 1) % $2 = 0 ORDER BY id`, [
    programId,
    size,
  ]);
  return r.rows.map((row, i) => [row.id, r.rows[i + 1]?.id ?? null]);
}

/**
 * The receipts' keys ("ReceiptKey": store and number → receipt), which the trigger
 * "Purchase_receipt_key" writes with every receipt — off during a load as superuser
 * (session_replication_role = replica), so written here set-based from the loaded receipts.
 */
export async function fillReceiptKeys(c: pg.Client, programId: string, log: Log) {
  await step(
    c,
    "receipt keys",
    `INSERT INTO "ReceiptKey" ("storeId", "number", "programId", "purchaseId", "purchaseAt", "customerId")
     SELECT p."storeId", p."number", p."programId", p."id", p."at", p."customerId" FROM "Purchase" p
     WHERE p."programId" = $1 AND NOT EXISTS (SELECT 1 FROM "ReceiptKey" k WHERE k."purchaseId" = p."id")`,
    log,
    [programId],
  );
}

/**
 * The activity summary computed from the program's committed receipts and visits, set-based,
 * in ranges of `size` customers (the same aggregation as the customer_activity migration's
 * backfill). The summary's own triggers must have been off while the rows were loaded and the
 * summary must hold no rows of the program yet.
 */
export async function fillActivity(c: pg.Client, programId: string, size: number, log: Log) {
  const ranges = await idRanges(c, programId, size);
  const range = (alias: string) => `${alias}."customerId" >= $2 AND ($3::text IS NULL OR ${alias}."customerId" < $3)`;
  const rows = `
    SELECT p."customerId", p."programId", date_trunc('month', p."at" AT TIME ZONE 'UTC')::date AS "month", 1 AS r, (p."amount" - p."discount")::bigint AS s, 0 AS v, p."at" AS pat, NULL::timestamptz AS vat
    FROM "Purchase" p WHERE p."programId" = $1 AND p."status" = 'committed' AND ${range("p")}
    UNION ALL
    SELECT v."customerId", v."programId", date_trunc('month', v."at" AT TIME ZONE 'UTC')::date, 0, 0, 1, NULL, v."at" FROM "Visit" v WHERE v."programId" = $1 AND ${range("v")}`;
  await chunked(
    c,
    "activity months",
    ranges,
    ([lo, hi]) => ({
      text: `INSERT INTO "CustomerActivityMonth" ("customerId", "month", "programId", "receipts", "spend", "visits")
             SELECT x."customerId", x."month", min(x."programId"), sum(x.r)::int, sum(x.s)::bigint, sum(x.v)::int FROM (${rows}) x GROUP BY 1, 2`,
      values: [programId, lo, hi],
    }),
    log,
    () => 1,
  );
  await chunked(
    c,
    "activity category days",
    ranges,
    ([lo, hi]) => ({
      text: `INSERT INTO "CustomerCategoryDay" ("customerId", "day", "category", "programId", "lines")
             SELECT p."customerId", (p."at" AT TIME ZONE 'UTC')::date, l."category", min(p."programId"), count(*)::int
             FROM "Purchase" p JOIN "PurchaseLine" l ON l."purchaseId" = p."id" AND l."purchaseAt" = p."at" AND l."purchaseAt" = p."at"
             WHERE p."programId" = $1 AND p."status" = 'committed' AND ${range("p")} GROUP BY 1, 2, 3`,
      values: [programId, lo, hi],
    }),
    log,
    () => 1,
  );
  await chunked(
    c,
    "activity customers",
    ranges,
    ([lo, hi]) => ({
      // With the customer's status and main balance (migration customer_activity_status_balance) and
      // consents and birth date (customer_activity_profile), which the triggers on "Account",
      // "CustomerTier", "Customer" and the row's insert write when row triggers are on.
      text: `INSERT INTO "CustomerActivity" ("customerId", "programId", "lastPurchaseAt", "lastVisitAt", "receipts", "spend", "visits", "tierCode", "mainAvailable", "emailConsent", "smsConsent", "birthDate")
             SELECT g.*, (SELECT t."tierCode" FROM "CustomerTier" t WHERE t."customerId" = g."customerId"),
                    coalesce((SELECT m."available" FROM "Account" m WHERE m."customerId" = g."customerId" AND m."kind" = 'main'), 0),
                    cu."emailConsent", cu."smsConsent", cu."birthDate"
             FROM (SELECT x."customerId", min(x."programId"), max(x.pat), max(x.vat), sum(x.r)::int, sum(x.s)::bigint, sum(x.v)::int FROM (${rows}) x GROUP BY 1) g
             JOIN "Customer" cu ON cu."id" = g."customerId"`,
      values: [programId, lo, hi],
    }),
    log,
    () => 1,
  );
  // Members with a status or a main account and no activity have a summary row too: the migrations'
  // own set-based refresh writes them (customer_activity_status_balance, customer_activity_profile).
  // The rows written above already hold their copies, so it only inserts the missing ones.
  const t0 = performance.now();
  await c.query(`SELECT "customer_activity_status_refresh"($1)`, [programId]);
  log(`  activity statuses ${secs(performance.now() - t0)}`);
  // The rolling windows of receipts and spend (migration customer_activity_ring) and of visits
  // (customer_activity_visit_ring) from the month rows just written, by the triggers' own functions.
  for (const [label, fn, last] of [
    ["activity rings", "customer_activity_ring", "lastPurchaseAt"],
    ["activity visit rings", "customer_activity_visit_ring", "lastVisitAt"],
  ] as const) {
    await chunked(
      c,
      label,
      ranges,
      ([lo, hi]) => ({
        text: `SELECT "${fn}"(ARRAY(SELECT a."customerId" FROM "CustomerActivity" a WHERE a."programId" = $1 AND a."${last}" IS NOT NULL AND ${range("a")} ORDER BY 1))`,
        values: [programId, lo, hi],
      }),
      log,
      () => 1,
    );
  }
  // The rings' UPDATEs left every summary row's first versions behind: compact the table (no secondary indexes yet).
  await step(c, "activity compact", `VACUUM (FULL) "CustomerActivity"`, log);
}

/**
 * Checks the summary of a sample of customers (`sample`, drawn from the whole id range) against a
 * recomputation from their receipts and visits; throws on the first difference.
 */
export async function checkActivitySample(c: pg.Client, programId: string, sample: number, log: Log) {
  const t0 = performance.now();
  const r = await c.query<{ customerId: string; have: string | null; want: string | null }>(
    `WITH s AS (SELECT id FROM "Customer" TABLESAMPLE SYSTEM (1) REPEATABLE (7) WHERE "programId" = $1 LIMIT $2),
     want AS (
       SELECT s.id AS "customerId",
              (SELECT count(*) || ' ' || coalesce(sum(p."amount" - p."discount"), 0) || ' ' || coalesce(max(p."at")::text, '-') FROM "Purchase" p WHERE p."customerId" = s.id AND p."status" = 'committed')
              || ' ' || (SELECT count(*) || ' ' || coalesce(max(v."at")::text, '-') FROM "Visit" v WHERE v."customerId" = s.id)
              || ' ' || (SELECT coalesce(string_agg(m.t, ',' ORDER BY m.t), '') FROM (
                   SELECT x."month"::text || ':' || sum(x.r) || ':' || sum(x.s) || ':' || sum(x.v) AS t FROM (
                     SELECT date_trunc('month', p."at" AT TIME ZONE 'UTC')::date AS "month", 1 AS r, (p."amount" - p."discount")::bigint AS s, 0 AS v FROM "Purchase" p WHERE p."customerId" = s.id AND p."status" = 'committed'
                     UNION ALL SELECT date_trunc('month', v."at" AT TIME ZONE 'UTC')::date, 0, 0, 1 FROM "Visit" v WHERE v."customerId" = s.id) x GROUP BY x."month") m)
              || ' ' || (SELECT coalesce(string_agg(k.t, ',' ORDER BY k.day, k.category), '') FROM (
                   SELECT (p."at" AT TIME ZONE 'UTC')::date AS day, l."category", (p."at" AT TIME ZONE 'UTC')::date::text || ':' || l."category" || ':' || count(*) AS t
                   FROM "Purchase" p JOIN "PurchaseLine" l ON l."purchaseId" = p."id" AND l."purchaseAt" = p."at" WHERE p."customerId" = s.id AND p."status" = 'committed' GROUP BY 1, 2) k)
              || ' ' || ${ringFromReceiptsSql("s.id")} || ' ' || ${visitRingFromVisitsSql("s.id")} || ' ' || ${STATUS_OF_TABLES}
              -- (the consents and birth date only on a summary row)
              || ' ' || CASE WHEN EXISTS (SELECT 1 FROM "CustomerActivity" a WHERE a."customerId" = s.id) THEN ${PROFILE_OF_CUSTOMER} ELSE '-' END AS t
       FROM s JOIN "Customer" c ON c."id" = s.id LEFT JOIN "CustomerTier" t ON t."customerId" = s.id LEFT JOIN "Account" m ON m."customerId" = s.id AND m."kind" = 'main'),
     have AS (
       SELECT s.id AS "customerId",
              coalesce(a."receipts", 0) || ' ' || coalesce(a."spend", 0) || ' ' || coalesce(a."lastPurchaseAt"::text, '-') || ' ' || coalesce(a."visits", 0) || ' ' || coalesce(a."lastVisitAt"::text, '-')
              || ' ' || (SELECT coalesce(string_agg(m."month"::text || ':' || m."receipts" || ':' || m."spend" || ':' || m."visits", ',' ORDER BY m."month"::text || ':' || m."receipts" || ':' || m."spend" || ':' || m."visits"), '')
                         FROM "CustomerActivityMonth" m WHERE m."customerId" = s.id)
              || ' ' || (SELECT coalesce(string_agg(d."day"::text || ':' || d."category" || ':' || d."lines", ',' ORDER BY d."day", d."category"), '')
                         FROM "CustomerCategoryDay" d WHERE d."customerId" = s.id AND d."lines" <> 0)
              || ' ' || ${ringOfRowSql("a")} || ' ' || ${visitRingOfRowSql("a")}
              -- (no summary row: no status and no main account)
              || ' ' || coalesce(${STATUS_OF_ROW}, '- 0') || ' ' || coalesce(${PROFILE_OF_ROW}, '-') AS t
       FROM s LEFT JOIN "CustomerActivity" a ON a."customerId" = s.id LEFT JOIN "CustomerTier" t ON t."customerId" = s.id LEFT JOIN "Account" m ON m."customerId" = s.id AND m."kind" = 'main')
     SELECT w."customerId", h.t AS have, w.t AS want FROM want w JOIN have h USING ("customerId") WHERE h.t IS DISTINCT FROM w.t`,
    [programId, sample],
  );
  const n = await c.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM "Customer" TABLESAMPLE SYSTEM (1) REPEATABLE (7) WHERE "programId" = $1 LIMIT $2) s`, [programId, sample]);
  if (r.rows.length) {
    const m = r.rows[0];
    throw new Error(`The activity summary differs from a recomputation for ${r.rows.length} sampled customer(s), e.g. ${m.customerId}: summary ${m.have}, receipts ${m.want}`);
  }
  log(`  activity summary = recomputation from receipts and visits for a sample of ${int(Number(n.rows[0].n))} customers (${secs(performance.now() - t0)})`);
}

/** The database's size on disk. */
export async function databaseSize(c: pg.Client): Promise<string> {
  const r = await c.query<{ s: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`);
  return r.rows[0].s;
}

/**
 * The frame of a bulk load of a program's customers with receipts and visits: row triggers off
 * (when the role may), the secondary indexes of `tables` and of the activity summary dropped
 * while `body` loads and built again after it, the summary computed from the loaded rows and
 * checked on a sample, then VACUUM (ANALYZE).
 */
export async function bulkLoad(c: pg.Client, programId: string, tables: string[], chunk: number, body: () => Promise<void>, log: Log) {
  const filled = await triggersOff(c, log);
  await withoutSecondaryIndexes(
    c,
    ["CustomerActivity", "CustomerActivityMonth", "CustomerCategoryDay"],
    async () => {
      await withoutSecondaryIndexes(c, tables, body, log);
      if (filled) {
        await fillReceiptKeys(c, programId, log);
        await fillActivity(c, programId, chunk, log);
      }
    },
    log,
  );
  await triggersOn(c);
  await checkActivitySample(c, programId, 2000, log);
  await step(c, "vacuum analyze", "VACUUM (ANALYZE)", log);
}
