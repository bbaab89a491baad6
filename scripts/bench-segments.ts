// npm run bench:segments [-- --customers 1000000 --runs 15 --segments 4 --fresh]
// Builds (once) a database of synthetic customers with history in its own database
// (tribune_bench_segments), then times the count of segments through lib/segments — the same
// code the console runs — and prints min / median / p95. Results go to docs/benchmarks.md by hand.
import { performance } from "node:perf_hooks";
import { readFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { dropDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { applyProgram } from "@/lib/program/apply-program";
import { segmentDefinitionOrThrow, type SegmentDefinition } from "@/lib/segments/definition";
import { countSegment, segmentContext, segmentMembers } from "@/lib/segments/run";
import { openDatabase, runScript } from "./lib/database";

const DATABASE = "tribune_bench_segments";
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CUSTOMERS = arg("customers", 1_000_000);
const RUNS = arg("runs", 15);
/** How many of the segments below to time (the first is the headline 4-condition one). */
const ONLY = arg("segments", 4);
const FRESH = process.argv.includes("--fresh");

/** Synthetic history, all in SQL (generate_series): ~4 receipts, ~4 lines and ~2 visits per customer over 3 years. */
async function generate(url: string, programId: string, n: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    const r = await c.query(sql, params);
    console.log(`  ${label.padEnd(28)} ${String(r.rowCount ?? "").padStart(9)} rows  ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  try {
    await c.query("SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '128MB'; SELECT setseed(0.42)");
    const version = await c.query(`SELECT id FROM "ProgramVersion" WHERE "programId" = $1 ORDER BY version DESC LIMIT 1`, [programId]);
    const stores = (await c.query(`SELECT id FROM "Store" WHERE "programId" = $1 ORDER BY code`, [programId])).rows.map((r) => r.id as string);
    const pv = version.rows[0].id as string;
    await step(
      "customers",
      `INSERT INTO "Customer" (id, "programId", phone, "firstName", "lastName", "birthDate", gender, "registrationChannel", "emailConsent", "smsConsent", "createdAt", "updatedAt")
       SELECT 'cus_bench' || lpad(g::text, 8, '0'), $1, '+7900' || lpad(g::text, 7, '0'), 'Fan', 'Bench ' || g,
              date '1950-01-01' + (random() * 20000)::int, CASE WHEN g % 2 = 0 THEN 'f' ELSE 'm' END,
              (ARRAY['pos','web','app','ticketing','wallet','import'])[1 + g % 6]::"RegistrationChannel",
              random() < 0.6, random() < 0.5, now() - random() * interval '1095 days', now()
       FROM generate_series(1, $2::int) g`,
      [programId, n],
    );
    await step(
      "statuses",
      `INSERT INTO "CustomerTier" ("customerId", "programId", "tierCode", "periodKey", "qualifiedTierCode", since, "updatedAt")
       SELECT id, $1, t, '2026/27', t, now(), now() FROM (
         SELECT id, CASE WHEN r < 0.45 THEN 'novice' WHEN r < 0.70 THEN 'regular' WHEN r < 0.85 THEN 'supporter' WHEN r < 0.94 THEN 'ultra' WHEN r < 0.985 THEN 'veteran' ELSE 'legend' END AS t
         FROM (SELECT id, random() AS r FROM "Customer" WHERE "programId" = $1) x) y`,
      [programId],
    );
    await step(
      "accounts",
      `INSERT INTO "Account" (id, "programId", "customerId", kind, available, "updatedAt")
       SELECT 'acc_bench' || substr(id, 10), $1, id, 'main', (random() * random() * 20000)::int, now() FROM "Customer" WHERE "programId" = $1`,
      [programId],
    );
    await step(
      "receipts",
      `INSERT INTO "Purchase" (id, "programId", "storeId", "customerId", number, at, status, "programVersionId", "periodKey", amount, discount, payable, "committedAt")
       SELECT 'rcp_bench' || lpad(g::text, 9, '0'), $1, ($2::text[])[1 + (g % array_length($2::text[], 1))],
              'cus_bench' || lpad((1 + floor(power(random(), 1.6) * $3::int))::int::text, 8, '0'),
              'B' || g, ts, 'committed', $4, '2026/27', amt, 0, amt, ts
       FROM (SELECT g, now() - power(random(), 1.3) * interval '1095 days' AS ts, (50000 + random() * 1500000)::int AS amt
             FROM generate_series(1, $3::int * 4) g) s`,
      [programId, stores, n, pv],
    );
    await step(
      "receipt lines",
      `INSERT INTO "PurchaseLine" (id, "programId", "customerId", "purchaseId", "lineNo", sku, category, "quantityMilli", price, amount)
       SELECT 'rln' || substr(id, 4), "programId", "customerId", id, 1, 'SKU-' || (abs(hashtext(id)) % 500), (ARRAY['ticket','season-ticket','merch','food','gift-card'])[1 + abs(hashtext(id)) % 5], 1000, amount, amount
       FROM "Purchase" WHERE "programId" = $1`,
      [programId],
    );
    await step(
      "visits",
      `INSERT INTO "Visit" (id, "programId", "customerId", "eventCode", at, "periodKey")
       SELECT 'vis_bench' || lpad(g::text, 9, '0'), $1, 'cus_bench' || lpad((1 + floor(power(random(), 2) * $2::int))::int::text, 8, '0'),
              'match-' || g, now() - random() * interval '1095 days', '2026/27'
       FROM generate_series(1, $2::int * 2) g
       ON CONFLICT DO NOTHING`,
      [programId, n],
    );
    await step("vacuum analyze", "VACUUM (ANALYZE)");
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
        await db.$executeRawUnsafe(`VACUUM (ANALYZE) "Purchase", "Visit", "Customer", "CustomerTier", "Account"`);
        console.log(`  vacuum analyze ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
      const counts = await db.$queryRawUnsafe<{ t: string; n: bigint }[]>(
        `SELECT 'receipts' t, count(*) n FROM "Purchase" UNION ALL SELECT 'lines', count(*) FROM "PurchaseLine" UNION ALL SELECT 'visits', count(*) FROM "Visit"`,
      );
      console.log(`Data: ${have || CUSTOMERS} customers, ${counts.map((r) => `${Number(r.n).toLocaleString("en")} ${r.t}`).join(", ")}`);
      const ctx = await segmentContext(db, applied.programId);
      const load = () =>
        os
          .loadavg()
          .map((x) => x.toFixed(1))
          .join(" / ");
      console.log(`\nCount of a segment, ${RUNS} runs after one warm-up (node ${process.version}, ${os.cpus().length} CPUs, load average ${load()}):`);
      for (const s of SEGMENTS.slice(0, ONLY)) {
        const times: number[] = [];
        let n = await countSegment(db, ctx, s.definition, { timeoutMs: 120_000 });
        for (let i = 0; i < RUNS; i++) {
          const t0 = performance.now();
          n = await countSegment(db, ctx, s.definition, { timeoutMs: 120_000 });
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
        console.log(`  ${s.label.padEnd(62)} ${n.toLocaleString("en").padStart(9)} members   min ${fmt(times[0])}   median ${fmt(p(0.5))}   p95 ${fmt(p(0.95))}`);
      }
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
