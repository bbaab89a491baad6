// The data set of the POS benchmarks (bench:pos, profile:confirm): the football club's program,
// N customers with cards, accounts, two earlier receipts each with their lots and entries, a status
// row each, and a terminal key. Loaded in bulk (scripts/lib/bulk-load.ts): one set-based statement
// per table and chunk of customers, secondary indexes built after the load, the activity summary
// computed from the loaded receipts.
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { issueTerminalKey } from "@/lib/admin/terminals";
import { applyProgram } from "@/lib/program/apply-program";
import { readProgramFile } from "@/lib/seed/seed-demo";
import { checkActivitySample, chunked, customerChunks, fillActivity, fillReceiptKeys, step, triggersOff, triggersOn, withoutSecondaryIndexes, type Log } from "./bulk-load";

const CHUNK = 250_000;

/**
 * N customers with cards, a main and a promo account, two earlier receipts each (5,000 RUB, 150
 * points — Novice 3 %) with their lines, lots and accrual entries, and a Novice status in the
 * current season. A lot expires (g mod 365) + r days from now (r = 1, 2 the receipt): every night
 * the lots of about 1/365 of the customers fall due, which `bench:pos` times the expiry job on.
 */
export async function seedHistory(url: string, customers: number, log: Log) {
  const db = createDb(url);
  const applied = await applyProgram(db, readProgramFile("programs/football-club.json"), { now: new Date("2024-01-01T00:00:00Z") });
  const programId = applied.programId;
  const store = await db.store.findFirstOrThrow({ where: { programId, code: "stadium-shop" } });
  const version = await db.programVersion.findFirstOrThrow({ where: { programId }, orderBy: { version: "desc" } });
  const started = Date.now();
  const chunks = customerChunks(customers, CHUNK);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '128MB'");
    const per = (label: string, sql: string, values: unknown[] = []) => chunked(c, label, chunks, ([lo, hi]) => ({ text: sql, values: [programId, lo, hi - 1, ...values] }), log);
    const filled = await triggersOff(c, log);
    await withoutSecondaryIndexes(
      c,
      ["CustomerActivity", "CustomerActivityMonth", "CustomerCategoryDay"],
      async () => {
        await withoutSecondaryIndexes(
          c,
          ["Customer", "Card", "Account", "Purchase", "PurchaseLine", "Lot", "LedgerEntry", "CustomerTier"],
          async () => {
            await per(
              "customers",
              `insert into "Customer" (id, "programId", phone, "phoneVerifiedAt", "firstName", "lastName", "registrationChannel", "createdAt", "updatedAt")
               select 'cus_b' || g, $1, '+7977' || lpad(g::text, 7, '0'), now(), 'Fan' || g, 'Bench', 'pos', now() - interval '400 days', now()
               from generate_series($2::int, $3::int) g`,
            );
            await per(
              "cards",
              `insert into "Card" (id, "programId", "customerId", number, "qrToken", "issuedAt")
               select 'crd_b' || g, $1, 'cus_b' || g, '29' || lpad(g::text, 11, '0'), 'qrbench' || g || 'x', now() - interval '400 days'
               from generate_series($2::int, $3::int) g`,
            );
            await per(
              "accounts",
              `insert into "Account" (id, "programId", "customerId", kind, available, "updatedAt")
               select 'acc_b' || g || k, $1, 'cus_b' || g, k::"AccountKind", case when k = 'main' then 300 else 0 end, now()
               from generate_series($2::int, $3::int) g, unnest(array['main', 'promo']) k`,
            );
            await per(
              "statuses",
              `insert into "CustomerTier" ("customerId", "programId", "tierCode", "periodKey", "qualifiedTierCode", since, "updatedAt")
               select 'cus_b' || g, $1, 'novice', '2026/27', 'novice', now() - interval '60 days', now()
               from generate_series($2::int, $3::int) g`,
            );
            await per(
              "receipts + lines",
              `with p as (
                 insert into "Purchase" (id, "programId", "storeId", "customerId", number, at, status, "programVersionId", "periodKey", amount, "pointsEarned", payable, "committedAt", "createdAt")
                 select 'rcp_b' || g || '_' || r, $1, $4, 'cus_b' || g, 'H-' || g || '-' || r, now() - (r * 30 || ' days')::interval, 'committed', $5, '2026/27', 500000, 150, 500000, now(), now()
                 from generate_series($2::int, $3::int) g, generate_series(1, 2) r
               )
               insert into "PurchaseLine" (id, "programId", "customerId", "purchaseId", "purchaseAt", "lineNo", sku, category, "quantityMilli", price, amount, "pointsEarned")
               select 'rln_b' || g || '_' || r, $1, 'cus_b' || g, 'rcp_b' || g || '_' || r, now() - (r * 30 || ' days')::interval, 1, 'JERSEY-HOME', 'merch', 1000, 500000, 500000, 150
               from generate_series($2::int, $3::int) g, generate_series(1, 2) r`,
              [store.id, version.id],
            );
            await per(
              "lots + entries",
              `with l as (
                 insert into "Lot" (id, "programId", "customerId", "accountId", activation, amount, remaining, "availableAt", "activatedAt", "expiresAt", "purchaseId", "createdAt")
                 select 'lot_b' || g || '_' || r, $1, 'cus_b' || g, 'acc_b' || g || 'main', 'immediate', 150, 150, now() - (r * 30 || ' days')::interval, now() - (r * 30 || ' days')::interval,
                   now() + ((g % 365) + r) * interval '1 day', 'rcp_b' || g || '_' || r, now() - (r * 30 || ' days')::interval
                 from generate_series($2::int, $3::int) g, generate_series(1, 2) r
               )
               insert into "LedgerEntry" (id, "programId", "customerId", "accountId", type, "deltaAvailable", reason, "purchaseId", "lotId", at)
               select 'pts_b' || g || '_' || r, $1, 'cus_b' || g, 'acc_b' || g || 'main', 'accrual', 150, 'purchase', 'rcp_b' || g || '_' || r, 'lot_b' || g || '_' || r, now() - (r * 30 || ' days')::interval
               from generate_series($2::int, $3::int) g, generate_series(1, 2) r`,
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
    await step(c, "vacuum analyze", "vacuum (analyze)", log);
  } finally {
    await c.end();
  }
  log(`${customers.toLocaleString("en")} customers, ${(2 * customers).toLocaleString("en")} receipts with lines, lots and entries in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const { key } = await issueTerminalKey(db, { storeId: store.id, name: "bench till" });
  await db.$disconnect();
  return { key };
}
