// npm run bench:segments [-- --customers 1000000 --runs 15 --segments 4 --fresh --reference --explain]
// Builds (once) a database of synthetic customers with history in its own database
// (tribune_bench_segments), then times the count of segments through lib/segments — the same
// code the console runs — and prints min / median / p95. Results go to docs/benchmarks.md by hand.
// The embedded server's buffer cache is TRIBUNE_PG_SHARED_BUFFERS's (unset: 128 MB; `auto` sizes it
// to the machine, as a replica that serves the counts should be: docs/scaling.md §0).
// --reference also times the compiler reading only "Purchase" / "Visit" (no activity summary)
// and fails unless both count the same members. --explain prints the plans.
import { performance } from "node:perf_hooks";
import { readFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { dropDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { applyProgram } from "@/lib/program/apply-program";
import { segmentDefinitionOrThrow, type SegmentDefinition } from "@/lib/segments/definition";
import { compileSegment, countQuery } from "@/lib/segments/compile";
import { countSegment, segmentContext, segmentMembers } from "@/lib/segments/run";
import { openDatabase, runScript } from "./lib/database";
import { checkActivitySample, chunked, rowSlice, customerChunks, databaseSize, fillActivity, fillReceiptKeys, step, triggersOff, triggersOn, withoutSecondaryIndexes } from "./lib/bulk-load";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CUSTOMERS = arg("customers", 1_000_000);
/** One database per size (1,000,000: the original name), so the 1M and 6M sets can live side by side. */
const DATABASE = CUSTOMERS === 1_000_000 ? "tribune_bench_segments" : `tribune_bench_segments_${CUSTOMERS}`;
const RUNS = arg("runs", 15);
/** How many of the segments below to time (the first is the headline 4-condition one). */
const ONLY = arg("segments", 4);
const FRESH = process.argv.includes("--fresh");
const REFERENCE = process.argv.includes("--reference");
/** Print each timed segment's plan (EXPLAIN ANALYZE, BUFFERS) of the summary compiler's count, under the count's settings. */
const EXPLAIN = process.argv.includes("--explain");

/** Customers per chunk of the bulk load (progress after each; memory stays flat). */
const CHUNK = 250_000;

/**
 * Synthetic history, all in SQL (generate_series), in chunks of customers: ~4 receipts, ~4 lines
 * and ~2 visits per customer over 3 years. A receipt's customer is 1 + ⌊u^1.6 · n⌋ and a visit's
 * 1 + ⌊u^2 · n⌋ for a uniform u (heavy buyers at the low numbers); a chunk of customers [lo, hi)
 * gets the receipts whose u falls in its slice of [0, 1), drawn uniformly inside the slice — the
 * same distribution as drawing every receipt's customer over all n, written customer range by
 * customer range. Secondary indexes are built after the load, the activity summary is computed
 * from the loaded rows (its triggers and the foreign-key checks are off for the load) and checked
 * against a recomputation on a sample.
 */
async function generate(url: string, programId: string, n: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const log = (l: string) => console.log(l);
  const t0 = performance.now();
  try {
    await c.query("SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '128MB'; SELECT setseed(0.42)");
    const version = await c.query(`SELECT id FROM "ProgramVersion" WHERE "programId" = $1 ORDER BY version DESC LIMIT 1`, [programId]);
    const stores = (await c.query(`SELECT id FROM "Store" WHERE "programId" = $1 ORDER BY code`, [programId])).rows.map((r) => r.id as string);
    const pv = version.rows[0].id as string;
    const chunks = customerChunks(n, CHUNK);
    const slice = (lo: number, hi: number, e: number, perCustomer: number) => rowSlice(n, lo, hi, e, perCustomer);
    // Parameters $b … $b+4: lo, hi, u's slice, n.
    const customerOf = (e: number, b: number) =>
      `'cus_bench' || lpad(least($${b + 1}::int - 1, greatest($${b}::int, 1 + floor(power($${b + 2}::float8 + random() * ($${b + 3}::float8 - $${b + 2}::float8), ${e}) * $${b + 4}::int)::int))::text, 8, '0')`;
    const filled = await triggersOff(c, log);
    await withoutSecondaryIndexes(
      c,
      ["CustomerActivity", "CustomerActivityMonth", "CustomerCategoryDay"],
      async () => {
        await withoutSecondaryIndexes(
          c,
          ["Customer", "CustomerTier", "Account", "Purchase", "PurchaseLine", "Visit"],
          async () => {
            await chunked(
              c,
              "customers",
              chunks,
              ([lo, hi]) => ({
                text: `INSERT INTO "Customer" (id, "programId", phone, "firstName", "lastName", "birthDate", gender, "registrationChannel", "emailConsent", "smsConsent", "createdAt", "updatedAt")
                       SELECT 'cus_bench' || lpad(g::text, 8, '0'), $1, '+7900' || lpad(g::text, 7, '0'), 'Fan', 'Bench ' || g,
                              date '1950-01-01' + (random() * 20000)::int, CASE WHEN g % 2 = 0 THEN 'f' ELSE 'm' END,
                              (ARRAY['pos','web','app','ticketing','wallet','import'])[1 + g % 6]::"RegistrationChannel",
                              random() < 0.6, random() < 0.5, now() - random() * interval '1095 days', now()
                       FROM generate_series($2::int, $3::int - 1) g`,
                values: [programId, lo, hi],
              }),
              log,
            );
            await chunked(
              c,
              "statuses",
              chunks,
              ([lo, hi]) => ({
                text: `INSERT INTO "CustomerTier" ("customerId", "programId", "tierCode", "periodKey", "qualifiedTierCode", since, "updatedAt")
                       SELECT id, $1, t, '2026/27', t, now(), now() FROM (
                         SELECT id, CASE WHEN r < 0.45 THEN 'novice' WHEN r < 0.70 THEN 'regular' WHEN r < 0.85 THEN 'supporter' WHEN r < 0.94 THEN 'ultra' WHEN r < 0.985 THEN 'veteran' ELSE 'legend' END AS t
                         FROM (SELECT 'cus_bench' || lpad(g::text, 8, '0') AS id, random() AS r FROM generate_series($2::int, $3::int - 1) g) x) y`,
                values: [programId, lo, hi],
              }),
              log,
            );
            await chunked(
              c,
              "accounts",
              chunks,
              ([lo, hi]) => ({
                text: `INSERT INTO "Account" (id, "programId", "customerId", kind, available, "updatedAt")
                       SELECT 'acc_bench' || lpad(g::text, 8, '0'), $1, 'cus_bench' || lpad(g::text, 8, '0'), 'main', (random() * random() * 20000)::int, now()
                       FROM generate_series($2::int, $3::int - 1) g`,
                values: [programId, lo, hi],
              }),
              log,
            );
            await chunked(
              c,
              "receipts + lines",
              chunks,
              ([lo, hi]) => {
                const s = slice(lo, hi, 1.6, 4);
                return {
                  text: `WITH s AS MATERIALIZED (
                           SELECT g, 'rcp_bench' || lpad(g::text, 9, '0') AS id, ${customerOf(1.6, 3)} AS cid,
                                  now() - power(random(), 1.3) * interval '1095 days' AS ts, (50000 + random() * 1500000)::int AS amt
                           FROM generate_series($8::int + 1, $9::int) g
                         ), p AS (
                           INSERT INTO "Purchase" (id, "programId", "storeId", "customerId", number, at, status, "programVersionId", "periodKey", amount, discount, payable, "committedAt")
                           SELECT id, $1, ($2::text[])[1 + (g % array_length($2::text[], 1))], cid, 'B' || g, ts, 'committed', $10, '2026/27', amt, 0, amt, ts FROM s
                         )
                         INSERT INTO "PurchaseLine" (id, "programId", "customerId", "purchaseId", "purchaseAt", "lineNo", sku, category, "quantityMilli", price, amount)
                         SELECT 'rln' || substr(id, 4), $1, cid, id, ts, 1, 'SKU-' || (abs(hashtext(id)) % 500), (ARRAY['ticket','season-ticket','merch','food','gift-card'])[1 + abs(hashtext(id)) % 5], 1000, amt, amt
                         FROM s`,
                  values: [programId, stores, lo, hi, s.ua, s.ub, n, s.g0, s.g1, pv],
                };
              },
              log,
              ([lo, hi]) => slice(lo, hi, 1.6, 4).g1 - slice(lo, hi, 1.6, 4).g0,
            );
            await chunked(
              c,
              "visits",
              chunks,
              ([lo, hi]) => {
                const s = slice(lo, hi, 2, 2);
                return {
                  text: `WITH k AS (
                           INSERT INTO "VisitKey" ("visitId", "programId", "customerId", "eventCode", "visitAt")
                           SELECT 'vis_bench' || lpad(g::text, 9, '0'), $1, ${customerOf(2, 2)}, 'match-' || g, now() - random() * interval '1095 days'
                           FROM generate_series($7::int + 1, $8::int) g
                           ON CONFLICT DO NOTHING RETURNING *)
                         INSERT INTO "Visit" (id, "programId", "customerId", "eventCode", at, "periodKey")
                         SELECT "visitId", "programId", "customerId", "eventCode", "visitAt", '2026/27' FROM k`,
                  values: [programId, lo, hi, s.ua, s.ub, n, s.g0, s.g1],
                };
              },
              log,
              ([lo, hi]) => slice(lo, hi, 2, 2).g1 - slice(lo, hi, 2, 2).g0,
            );
          },
          log,
        );
        if (filled) {
          await fillReceiptKeys(c, programId, log);
          await fillActivity(c, programId, CHUNK, log);
        }
      },
      log,
    );
    await triggersOn(c);
    await checkActivitySample(c, programId, 2000, log);
    await step(c, "vacuum analyze", "VACUUM (ANALYZE)", log);
    log(`  built in ${((performance.now() - t0) / 60_000).toFixed(1)} min; database size ${await databaseSize(c)}`);
  } finally {
    await c.end();
  }
}

const SEGMENTS: { label: string; definition: SegmentDefinition }[] = [
  {
    label: "4 conditions: tier ∧ balance ∧ spend 365d ∧ last purchase ≤ 90d",
    definition: segmentDefinitionOrThrow({
      kind: "group",
      op: "and",
      children: [
        { kind: "tier", op: "in", tiers: ["supporter", "ultra", "veteran", "legend"] },
        { kind: "balance", op: "gte", value: 1000 },
        { kind: "spend", period: { kind: "lastDays", days: 365 }, op: "gte", value: 2_000_000 },
        { kind: "daysSinceLastPurchase", op: "lte", value: 90 },
      ],
    }),
  },
  {
    label: "4 conditions: category 180d ∧ consent ∧ birthday month ∨ visits",
    definition: segmentDefinitionOrThrow({
      kind: "group",
      op: "and",
      children: [
        { kind: "boughtCategory", categories: ["merch"], period: { kind: "lastDays", days: 180 } },
        { kind: "consent", channel: "email", given: true },
        {
          kind: "group",
          op: "or",
          children: [
            { kind: "birthdayMonth", months: [12, 1] },
            { kind: "visits", period: { kind: "lastDays", days: 365 }, op: "gte", value: 2 },
          ],
        },
      ],
    }),
  },
  {
    label: "lapsed: no receipt in 180d, ≥ 3 receipts ever",
    definition: segmentDefinitionOrThrow({
      kind: "group",
      op: "and",
      children: [
        { kind: "receipts", period: { kind: "lastDays", days: 180 }, op: "eq", value: 0 },
        { kind: "receipts", period: { kind: "allTime" }, op: "gte", value: 3 },
      ],
    }),
  },
  {
    label: "RFM champions (R5 F4-5 M4-5)",
    definition: segmentDefinitionOrThrow({ kind: "group", op: "and", children: [{ kind: "rfm", r: [5], f: [4, 5], m: [4, 5] }] }),
  },
];

const fmt = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;

await runScript(async () => {
  const database = await openDatabase({ database: DATABASE });
  try {
    if (FRESH && database.embedded && database.server) {
      const admin = database.server.url("postgres");
      await dropDatabase(admin, DATABASE);
      const { ensureDatabase } = await import("@/lib/db/embedded");
      await ensureDatabase(admin, DATABASE);
    }
    await migrate(database.url);
    const db = createDb(database.url);
    try {
      const program = JSON.parse(readFileSync("programs/football-club.json", "utf8")) as Record<string, unknown>;
      const applied = await applyProgram(db, { ...program, code: "bench-segments" }, { note: "bench:segments" });
      const have = await db.customer.count({ where: { programId: applied.programId } });
      if (have < CUSTOMERS) {
        if (have > 0) throw Object.assign(new Error(`${DATABASE} holds ${have} customers, not ${CUSTOMERS}: run with --fresh`), { expected: true });
        console.log(`Generating ${CUSTOMERS.toLocaleString("en")} customers with history into ${DATABASE}…`);
        await generate(database.url, applied.programId, CUSTOMERS);
      } else {
        console.log(`Reusing ${have.toLocaleString("en")} customers in ${DATABASE} (--fresh to rebuild).`);
        // Index-only scans need the visibility map: cheap when nothing changed since the last run.
        const t0 = performance.now();
        await db.$executeRawUnsafe(`VACUUM (ANALYZE) "Purchase", "Visit", "Customer", "CustomerTier", "Account", "CustomerActivity", "CustomerActivityMonth", "CustomerCategoryDay", "PurchaseLine"`);
        console.log(`  vacuum analyze ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
      const counts = await db.$queryRawUnsafe<{ t: string; n: bigint }[]>(
        `SELECT 'receipts' t, count(*) n FROM "Purchase" UNION ALL SELECT 'lines', count(*) FROM "PurchaseLine" UNION ALL SELECT 'visits', count(*) FROM "Visit"`,
      );
      const size = await db.$queryRawUnsafe<{ s: string }[]>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`);
      console.log(`Data: ${(have || CUSTOMERS).toLocaleString("en")} customers, ${counts.map((r) => `${Number(r.n).toLocaleString("en")} ${r.t}`).join(", ")}; database ${size[0].s}`);
      const ctx = await segmentContext(db, applied.programId);
      const load = () =>
        os
          .loadavg()
          .map((x) => x.toFixed(1))
          .join(" / ");
      console.log(`\nCount of a segment, ${RUNS} runs after one warm-up (node ${process.version}, ${os.cpus().length} CPUs, load average ${load()}):`);
      let differ = 0;
      for (const s of SEGMENTS.slice(0, ONLY)) {
        const counted: number[] = [];
        for (const activity of REFERENCE ? [false, true] : [true]) {
          const times: number[] = [];
          let n = await countSegment(db, ctx, s.definition, { timeoutMs: 120_000, activity });
          for (let i = 0; i < RUNS; i++) {
            const t0 = performance.now();
            n = await countSegment(db, ctx, s.definition, { timeoutMs: 120_000, activity });
            times.push(performance.now() - t0);
          }
          times.sort((a, b) => a - b);
          const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
          const label = REFERENCE ? `${activity ? "summary  " : "receipts "} ${s.label}` : s.label;
          console.log(`  ${label.padEnd(72)} ${n.toLocaleString("en").padStart(9)} members   min ${fmt(times[0])}   median ${fmt(p(0.5))}   p95 ${fmt(p(0.95))}`);
          counted.push(n);
        }
        if (counted.some((n) => n !== counted[0])) differ++;
      }
      if (EXPLAIN) {
        for (const s of SEGMENTS.slice(0, ONLY)) {
          const q = countQuery(compileSegment(s.definition, ctx));
          const plan = await db.$transaction(
            async (tx) => {
              await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
              await tx.$executeRawUnsafe(`SET LOCAL max_parallel_workers_per_gather = 0`);
              return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, ...q.params);
            },
            { timeout: 300_000 },
          );
          console.log(`\n${s.label}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
        }
      }
      if (differ) throw Object.assign(new Error(`${differ} segment(s) counted differently from the activity summary and from the receipts`), { expected: true });
      if (REFERENCE) console.log("Counts from the activity summary and from the receipts are identical.");
      console.log(`Load average after the runs: ${load()}`);
      const t0 = performance.now();
      const page = await segmentMembers(db, ctx, SEGMENTS[0].definition, { limit: 50 });
      console.log(`\nFirst page of members (50 rows) of the first segment: ${fmt(performance.now() - t0)} (${page.length} rows)`);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.close();
  }
});
