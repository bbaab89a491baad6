// The data set of the POS benchmarks (bench:pos, profile:confirm): the football club's program,
// N customers with cards, accounts and two earlier receipts each, and a terminal key.
import { createDb } from "@/lib/db/client";
import { issueTerminalKey } from "@/lib/admin/terminals";
import { applyProgram } from "@/lib/program/apply-program";
import { readProgramFile } from "@/lib/seed/seed-demo";

/** 100,000 customers with cards, accounts, two earlier receipts each with their points, and season metrics. */
export async function seedHistory(url: string, customers: number, log: (line: string) => void) {
  const db = createDb(url);
  const applied = await applyProgram(db, readProgramFile("programs/football-club.json"), { now: new Date("2024-01-01T00:00:00Z") });
  const programId = applied.programId;
  const store = await db.store.findFirstOrThrow({ where: { programId, code: "stadium-shop" } });
  const version = await db.programVersion.findFirstOrThrow({ where: { programId }, orderBy: { version: "desc" } });
  const started = Date.now();
  const n = customers;
  await db.$executeRawUnsafe(
    `
    insert into "Customer" (id, "programId", phone, "phoneVerifiedAt", "firstName", "lastName", "registrationChannel", "createdAt", "updatedAt")
    select 'cus_b' || g, $1, '+7977' || lpad(g::text, 7, '0'), now(), 'Fan' || g, 'Bench', 'pos', now() - interval '400 days', now()
    from generate_series(1, ${n}) g`,
    programId,
  );
  await db.$executeRawUnsafe(
    `
    insert into "Card" (id, "programId", "customerId", number, "qrToken", "issuedAt")
    select 'crd_b' || g, $1, 'cus_b' || g, '29' || lpad(g::text, 11, '0'), 'qrbench' || g || 'x', now() - interval '400 days'
    from generate_series(1, ${n}) g`,
    programId,
  );
  await db.$executeRawUnsafe(
    `
    insert into "Account" (id, "programId", "customerId", kind, available, "updatedAt")
    select 'acc_b' || g || k, $1, 'cus_b' || g, k::"AccountKind", case when k = 'main' then 300 else 0 end, now()
    from generate_series(1, ${n}) g, unnest(array['main', 'promo']) k`,
    programId,
  );
  // Two earlier receipts per customer: 5,000 RUB each, 150 points each (Novice 3 %).
  await db.$executeRawUnsafe(
    `
    insert into "Purchase" (id, "programId", "storeId", "customerId", number, at, status, "programVersionId", "periodKey", amount, "pointsEarned", payable, "committedAt", "createdAt")
    select 'rcp_b' || g || '_' || r, $1, $2, 'cus_b' || g, 'H-' || g || '-' || r, now() - (r * 30 || ' days')::interval, 'committed', $3, '2026/27', 500000, 150, 500000, now(), now()
    from generate_series(1, ${n}) g, generate_series(1, 2) r`,
    programId,
    store.id,
    version.id,
  );
  await db.$executeRawUnsafe(`
    insert into "PurchaseLine" (id, "programId", "customerId", "purchaseId", "lineNo", sku, category, "quantityMilli", price, amount, "pointsEarned")
    select 'rln_b' || g || '_' || r, '${programId}', 'cus_b' || g, 'rcp_b' || g || '_' || r, 1, 'JERSEY-HOME', 'merch', 1000, 500000, 500000, 150
    from generate_series(1, ${n}) g, generate_series(1, 2) r`);
  await db.$executeRawUnsafe(`
    insert into "Lot" (id, "programId", "customerId", "accountId", activation, amount, remaining, "availableAt", "activatedAt", "expiresAt", "purchaseId", "createdAt")
    select 'lot_b' || g || '_' || r, '${programId}', 'cus_b' || g, 'acc_b' || g || 'main', 'immediate', 150, 150, now() - (r * 30 || ' days')::interval, now() - (r * 30 || ' days')::interval,
      now() + interval '600 days', 'rcp_b' || g || '_' || r, now() - (r * 30 || ' days')::interval
    from generate_series(1, ${n}) g, generate_series(1, 2) r`);
  await db.$executeRawUnsafe(`
    insert into "LedgerEntry" (id, "programId", "customerId", "accountId", type, "deltaAvailable", reason, "purchaseId", "lotId", at)
    select 'pts_b' || g || '_' || r, '${programId}', 'cus_b' || g, 'acc_b' || g || 'main', 'accrual', 150, 'purchase', 'rcp_b' || g || '_' || r, 'lot_b' || g || '_' || r, now() - (r * 30 || ' days')::interval
    from generate_series(1, ${n}) g, generate_series(1, 2) r`);
  await db.$executeRawUnsafe(`analyze`);
  log(`${n.toLocaleString("en")} customers, ${(2 * n).toLocaleString("en")} receipts with lines, lots and entries in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const { key } = await issueTerminalKey(db, { storeId: store.id, name: "bench till" });
  await db.$disconnect();
  return { key };
}
