// The data set of the what-if replay's benchmark (bench:simulate --customers N): the football
// club's program and N customers with 30 months of receipts (1–3 lines each, in the categories the
// program earns and qualifies on, in its own, partner and outlet stores, some paid partly with
// points) and visits, a main account with an opening balance before the window, a status each.
// Loaded in bulk (scripts/lib/bulk-load.ts): one set-based statement per table and chunk of
// customers with progress, secondary indexes built after the load, the activity summary computed
// from the loaded receipts and visits.
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { applyProgram } from "@/lib/program/apply-program";
import { readProgramFile } from "@/lib/seed/seed-demo";
import { bulkLoad, chunked, customerChunks, databaseSize, rowSlice, type Log } from "./bulk-load";

const CHUNK = 100_000;
/** Receipts and visits per customer over the 30 months (the window of 12 months holds ~45 % of the receipts and 40 % of the visits). */
export const RECEIPTS_PER_CUSTOMER = 5;
export const VISITS_PER_CUSTOMER = 8;
const HISTORY_DAYS = 900;

export const benchCustomerId = (g: number) => `cus_sim${String(g).padStart(8, "0")}`;

/**
 * Applies the football club's program (in force since 2024-01-01) as `code` and loads `customers`
 * customers with history. A receipt's customer is 1 + ⌊u^1.6 · n⌋ and a visit's 1 + ⌊u^1.3 · n⌋
 * for a uniform u (heavy buyers and regulars at the low numbers: statuses up to Legend), drawn
 * chunk by chunk of customers (bulk-load.ts rowSlice); receipts are more frequent lately.
 */
export async function seedSimulation(url: string, code: string, customers: number, log: Log): Promise<string> {
  const db = createDb(url);
  const applied = await applyProgram(db, { ...(readProgramFile("programs/football-club.json") as object), code }, { now: new Date("2024-01-01T00:00:00Z"), note: "bench:simulate" });
  const programId = applied.programId;
  const version = await db.programVersion.findFirstOrThrow({ where: { programId }, orderBy: { version: "desc" } });
  const stores = await db.store.findMany({ where: { programId }, orderBy: { code: "asc" }, select: { id: true, code: true, partnerId: true } });
  await db.$disconnect();
  const started = Date.now();
  const n = customers;
  const chunks = customerChunks(n, CHUNK);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // Parameters $b … $b+4: lo, hi, u's slice, n → a customer id of the chunk.
  const customerOf = (e: number, b: number) =>
    `'cus_sim' || lpad(least($${b + 1}::int - 1, greatest($${b}::int, 1 + floor(power($${b + 2}::float8 + random() * ($${b + 3}::float8 - $${b + 2}::float8), ${e}) * $${b + 4}::int)::int))::text, 8, '0')`;
  try {
    await c.query("SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '128MB'; SELECT setseed(0.15)");
    await bulkLoad(
      c,
      programId,
      ["Customer", "CustomerTier", "Account", "Purchase", "PurchaseLine", "Visit", "LedgerEntry"],
      CHUNK,
      async () => {
        const per = (label: string, sql: string, values: unknown[] = []) => chunked(c, label, chunks, ([lo, hi]) => ({ text: sql, values: [programId, lo, hi - 1, ...values] }), log);
        await per(
          "customers",
          `INSERT INTO "Customer" (id, "programId", phone, "firstName", "lastName", "registrationChannel", "emailConsent", "createdAt", "updatedAt")
               SELECT 'cus_sim' || lpad(g::text, 8, '0'), $1, '+7955' || lpad(g::text, 7, '0'), 'Fan', 'Replay ' || g,
                      (ARRAY['pos','web','app','ticketing','wallet','import'])[1 + g % 6]::"RegistrationChannel", random() < 0.6, now() - interval '1000 days', now()
               FROM generate_series($2::int, $3::int) g`,
        );
        await per(
          "statuses",
          `INSERT INTO "CustomerTier" ("customerId", "programId", "tierCode", "periodKey", "qualifiedTierCode", since, "updatedAt")
               SELECT 'cus_sim' || lpad(g::text, 8, '0'), $1, t, '2026/27', t, now() - interval '150 days', now() FROM (
                 SELECT g, CASE WHEN g * 20 < $4::int THEN 'legend' WHEN g * 8 < $4::int THEN 'veteran' WHEN g * 4 < $4::int THEN 'ultra'
                                WHEN g * 2 < $4::int THEN 'supporter' WHEN random() < 0.5 THEN 'regular' ELSE 'novice' END AS t
                 FROM generate_series($2::int, $3::int) g) x`,
          [n],
        );
        // A main account with an opening balance (70 % of the customers) entered before the history starts.
        await per(
          "accounts + openings",
          `WITH a AS MATERIALIZED (
                 SELECT g, 'acc_sim' || lpad(g::text, 8, '0') AS id, 'cus_sim' || lpad(g::text, 8, '0') AS cid, CASE WHEN random() < 0.7 THEN (random() * 6000)::int ELSE 0 END AS opening
                 FROM generate_series($2::int, $3::int) g
               ), ins AS (
                 INSERT INTO "Account" (id, "programId", "customerId", kind, available, "updatedAt") SELECT id, $1, cid, 'main', opening, now() FROM a
               )
               INSERT INTO "LedgerEntry" (id, "programId", "customerId", "accountId", type, "deltaAvailable", reason, "refType", "refId", at)
               SELECT 'ent_sim' || lpad(g::text, 8, '0'), $1, cid, id, 'accrual', opening, 'import', 'bench', 'opening', now() - interval '${HISTORY_DAYS + 10} days'
               FROM a WHERE opening > 0`,
        );
        await chunked(
          c,
          "receipts + lines",
          chunks,
          ([lo, hi]) => {
            const s = rowSlice(n, lo, hi, 1.6, RECEIPTS_PER_CUSTOMER);
            return {
              text: `WITH s AS MATERIALIZED (
                           SELECT g, 'rcp_sim' || lpad(g::text, 9, '0') AS id, ${customerOf(1.6, 5)} AS cid,
                                  now() - power(random(), 1.15) * interval '${HISTORY_DAYS} days' AS ts, 1 + (random() * random() * 3)::int % 3 AS nlines,
                                  1 + (random() * array_length($2::text[], 1))::int % array_length($2::text[], 1) AS st, random() AS r
                           FROM generate_series($10::int + 1, $11::int) g
                         ), l AS MATERIALIZED (
                           SELECT s.id, s.cid, s.ts, k AS "lineNo", cat, CASE WHEN random() < 0.15 THEN 2000 ELSE 1000 END AS q,
                                  (CASE cat WHEN 'season-ticket' THEN 1200000 + random() * 2400000 WHEN 'ticket' THEN 60000 + random() * 400000 WHEN 'merch' THEN 90000 + random() * 900000
                                            WHEN 'gift-card' THEN 300000 + random() * 700000 ELSE 25000 + random() * 150000 END)::int AS price
                           FROM s CROSS JOIN LATERAL generate_series(1, s.nlines) k
                           CROSS JOIN LATERAL (SELECT CASE WHEN ($3::text[])[s.st] = 'partner' THEN 'food'
                                                           WHEN ($3::text[])[s.st] = 'tickets' THEN CASE WHEN random() < 0.12 THEN 'season-ticket' ELSE 'ticket' END
                                                           ELSE CASE WHEN random() < 0.08 THEN 'gift-card' ELSE 'merch' END END AS cat) c
                         ), li AS (
                           INSERT INTO "PurchaseLine" (id, "programId", "customerId", "purchaseId", "purchaseAt", "lineNo", sku, category, "quantityMilli", price, amount)
                           SELECT 'rln' || substr(id, 4) || '_' || "lineNo", $1, cid, id, ts, "lineNo", upper(cat) || '-' || (abs(hashtext(id || "lineNo")) % 300), cat, q, price, (price::bigint * q / 1000)::int FROM l
                         ), tot AS (
                           SELECT id, sum(price::bigint * q / 1000)::int AS amount, sum(CASE WHEN cat = 'gift-card' THEN 0 ELSE price::bigint * q / 1000 END)::int AS earnable FROM l GROUP BY id
                         )
                         INSERT INTO "Purchase" (id, "programId", "storeId", "partnerId", "customerId", number, at, status, "programVersionId", "periodKey", amount, discount,
                                                 "pointsEarned", "pointsRedeemed", payable, "committedAt")
                         SELECT s.id, $1, ($2::text[])[s.st], nullif(($4::text[])[s.st], ''), s.cid, 'S' || s.g, s.ts, 'committed', $12, '2026/27', t.amount, 0,
                                t.earnable * 5 / 10000, CASE WHEN s.r < 0.12 THEN least(t.amount / 200, 300 + (s.r * 20000)::int) ELSE 0 END,
                                t.amount - CASE WHEN s.r < 0.12 THEN least(t.amount / 200, 300 + (s.r * 20000)::int) * 100 ELSE 0 END, s.ts
                         FROM s JOIN tot t ON t.id = s.id`,
              values: [
                programId,
                stores.map((x) => x.id),
                stores.map((x) => (x.partnerId ? "partner" : x.code.startsWith("ticket") ? "tickets" : "shop")),
                stores.map((x) => x.partnerId ?? ""),
                lo,
                hi,
                s.ua,
                s.ub,
                n,
                s.g0,
                s.g1,
                version.id,
              ],
            };
          },
          log,
          ([lo, hi]) => rowSlice(n, lo, hi, 1.6, RECEIPTS_PER_CUSTOMER).g1 - rowSlice(n, lo, hi, 1.6, RECEIPTS_PER_CUSTOMER).g0,
        );
        await chunked(
          c,
          "visits",
          chunks,
          ([lo, hi]) => {
            const s = rowSlice(n, lo, hi, 1.3, VISITS_PER_CUSTOMER);
            return {
              text: `WITH k AS (
                           INSERT INTO "VisitKey" ("visitId", "programId", "customerId", "eventCode", "visitAt")
                           SELECT 'vis_sim' || lpad(g::text, 9, '0'), $1, ${customerOf(1.3, 2)}, 'match-' || g, now() - random() * interval '${HISTORY_DAYS} days'
                           FROM generate_series($7::int + 1, $8::int) g RETURNING *)
                         INSERT INTO "Visit" (id, "programId", "customerId", "eventCode", at, "periodKey")
                         SELECT "visitId", "programId", "customerId", "eventCode", "visitAt", '2026/27' FROM k`,
              values: [programId, lo, hi, s.ua, s.ub, n, s.g0, s.g1],
            };
          },
          log,
          ([lo, hi]) => rowSlice(n, lo, hi, 1.3, VISITS_PER_CUSTOMER).g1 - rowSlice(n, lo, hi, 1.3, VISITS_PER_CUSTOMER).g0,
        );
      },
      log,
    );
    log(`  built in ${((Date.now() - started) / 60_000).toFixed(1)} min; database size ${await databaseSize(c)}`);
  } finally {
    await c.end();
  }
  return programId;
}
