// The schema stays ready for Citus (docs/scaling.md): read from the migrated test database's
// information_schema, every table carries programId (the tenant) unless it is a global table listed
// here with its reason, every customer-scoped table carries customerId (the distribution column),
// and every unique constraint of a distributed table that lacks customerId is listed with its fix.
// A new table, column or constraint that breaks this fails here until it is fixed or listed. Partitions
// ("LedgerEntry_p2026_12", lib/db/partitions.ts) are their parent's storage, not tables of their own: left out.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { MIGRATIONS_DIR, migrate } from "@/lib/db/migrate";
import { createId } from "@/lib/ids";
import { accrue, lockAccounts, spend } from "@/lib/ledger";
import { scratchDatabase, testDatabaseUrl } from "./db";
import { makeCustomer, makeProgram } from "./factories";

/** Tables without programId, and why: none holds one program's data. */
export const GLOBAL_TABLES: Record<string, string> = {
  _prisma_migrations: "migration bookkeeping",
  Program: "the tenant itself (a Citus reference table)",
  OidcSigningKey: "the deployment's OpenID Connect issuer keys, one set for every program",
  OidcPayload: "oidc-provider's own storage (sessions, codes, tokens) written through its adapter, which has no program",
  RateCounter: "limits that span programs (codes per client address per hour), keyed by the address",
  Suppression: "a bounced or complaining address is suppressed for every program that sends from this deployment",
  MessageEvent: "provider webhook events, kept once by the provider's event id before the message (and its program) is known",
  PurchaseArchive: "months of receipts taken offline: a partition holds every program's receipts of its month (lib/purchases/purchase-retention.ts)",
  LedgerArchive: "months of ledger entries taken offline: a partition holds every program's entries of its month (lib/ledger/retention.ts)",
  VisitArchive: "months of visits taken offline: a partition holds every program's visits of its month (lib/purchases/visit-retention.ts)",
};

/** Tables whose programId may be null, and why: rows that belong to the deployment, not to a program. */
export const NULLABLE_PROGRAM: Record<string, string> = {
  AuditLog: "system actions outside any program (a migration, a deployment-wide job): a local table of the coordinator",
  OutboxMessage: "what the development drivers and the APNs fallback record, some before a program is known: a local table",
};

/**
 * Distributed by customerId, co-located with Customer (distributed by its id). Each must carry
 * customerId. Nullable ones are listed in NULLABLE_CUSTOMER with what happens to their null rows.
 */
export const CUSTOMER_SCOPED = [
  "Card",
  "Account",
  "LedgerEntry",
  "Lot",
  "Hold",
  "LotAllocation",
  "Purchase",
  "PurchaseLine",
  "PurchaseReturn",
  "PurchasePromotion",
  "CustomerActivity",
  "CustomerActivityMonth",
  "CustomerCategoryDay",
  "PromotionCustomerUse",
  "Visit",
  "VisitKey",
  "CustomerTier",
  "TierMetric",
  "TierChange",
  "Achievement",
  "CatalogRedemption",
  "FeedbackRequest",
  "Message",
  "OneTimeCode",
  "EmailToken",
  "DeletionRequest",
  "SurveyInvitation",
  "OidcConsent",
  "WalletPass",
] as const;

/** Customer-scoped tables whose customerId may be null, and where those rows go under Citus. */
export const NULLABLE_CUSTOMER: Record<string, string> = {
  Purchase: "anonymous receipts (no card): an AnonymousPurchase table distributed by storeId",
  PurchaseLine: "lines of anonymous receipts: with them, by storeId",
  PurchaseReturn: "returns of anonymous receipts: with them, by storeId",
  PurchasePromotion: "promotions of anonymous receipts: with them, by storeId",
  Message: "messages to an address without a member (sign-in codes to a new phone): a local table of the coordinator",
  OneTimeCode: "codes for a phone not registered yet: a local table of the coordinator",
};

/**
 * Unique constraints and primary keys of distributed tables without customerId — Citus cannot
 * enforce them across shards. The fix of each (docs/scaling.md, "Unique constraints"):
 *   pk  → the primary key becomes (customerId, id); ids are random and prefixed, so still unique;
 *   key → a global business key: it moves to a lookup table distributed by that key;
 *   row → already keyed by a parent row of the same customer: (customerId, …) prepended.
 */
export const UNIQUE_WITHOUT_DISTRIBUTION_COLUMN: Record<string, "pk" | "key" | "row"> = {
  "Account_pkey (id)": "pk",
  "Achievement_pkey (id)": "pk",
  "Card_pkey (id)": "pk",
  "Card_number_key (number)": "key",
  "Card_qrToken_key (qrToken)": "key",
  "CatalogRedemption_pkey (id)": "pk",
  "CatalogRedemption_voucherCode_key (voucherCode)": "key",
  "DeletionRequest_pkey (id)": "pk",
  "EmailToken_pkey (id)": "pk",
  "EmailToken_tokenHash_key (tokenHash)": "key",
  "FeedbackRequest_pkey (id)": "pk",
  "Hold_pkey (id)": "pk",
  "LedgerEntry_pkey (id, at)": "pk",
  "LotAllocation_pkey (id)": "pk",
  "Lot_pkey (id)": "pk",
  "Message_pkey (id)": "pk",
  "Message_programId_dedupeKey_key (programId, dedupeKey)": "key",
  "OneTimeCode_pkey (id)": "pk",
  "PurchaseLine_pkey (id, purchaseAt)": "pk",
  "PurchaseLine_purchaseId_lineNo_purchaseAt_key (purchaseId, lineNo, purchaseAt)": "row",
  "PurchasePromotion_pkey (purchaseId, promotionId)": "row",
  "PurchaseReturn_pkey (id)": "pk",
  "PurchaseReturn_purchaseId_number_key (purchaseId, number)": "row",
  "Purchase_pkey (id, at)": "pk",
  "SurveyInvitation_pkey (id)": "pk",
  "SurveyInvitation_tokenHash_key (tokenHash)": "key",
  "SurveyInvitation_visitId_key (visitId)": "row",
  "TierChange_pkey (id)": "pk",
  "TierMetric_pkey (id)": "pk",
  "Visit_pkey (id, at)": "pk",
  "WalletPass_pkey (cardId)": "row",
};

interface Column {
  table: string;
  column: string;
  nullable: boolean;
}

let columns: Column[] = [];
let uniques: { table: string; name: string; columns: string[] }[] = [];
let foreignKeys: { table: string; column: string; references: string }[] = [];
/** Tables whose programId is checked per statement (migration program_refs_by_statement) and by which function. */
let programChecks: { table: string; check: string }[] = [];

beforeAll(async () => {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    columns = (
      await client.query<{ table: string; column: string; nullable: string }>(
        `select c.table_name as table, c.column_name as column, c.is_nullable as nullable
         from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
         where c.table_schema = current_schema() and t.table_type in ('BASE TABLE', 'PARTITIONED TABLE')
         and not exists (select 1 from pg_class pc join pg_namespace pn on pn.oid = pc.relnamespace where pn.nspname = current_schema() and pc.relname = c.table_name and pc.relispartition)`,
      )
    ).rows.map((r) => ({ table: r.table, column: r.column, nullable: r.nullable === "YES" }));
    uniques = (
      await client.query<{ table: string; name: string; columns: string[] }>(
        `select tc.table_name as table, tc.constraint_name as name, array_agg(k.column_name::text order by k.ordinal_position) as columns
         from information_schema.table_constraints tc
         join information_schema.key_column_usage k on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name and k.table_name = tc.table_name
         where tc.table_schema = current_schema() and tc.constraint_type in ('PRIMARY KEY', 'UNIQUE')
         and not exists (select 1 from pg_class pc join pg_namespace pn on pn.oid = pc.relnamespace where pn.nspname = current_schema() and pc.relname = tc.table_name and pc.relispartition)
         group by tc.table_name, tc.constraint_name`,
      )
    ).rows;
    // Prisma's @unique and @@unique are unique indexes, not constraints: read them from pg_index.
    const indexes = await client.query<{ table: string; name: string; columns: string[] }>(
      `select t.relname as table, i.relname as name, array_agg(a.attname::text order by k.ord) as columns
       from pg_index x
       join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
       join pg_namespace n on n.oid = t.relnamespace and n.nspname = current_schema()
       cross join lateral unnest(x.indkey) with ordinality as k(attnum, ord)
       join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
       where x.indisunique and not x.indisprimary and not t.relispartition
       group by t.relname, i.relname`,
    );
    for (const ix of indexes.rows) if (!uniques.some((u) => u.name === ix.name)) uniques.push(ix);
    foreignKeys = (
      await client.query<{ table: string; column: string; references: string }>(
        `select kcu.table_name as table, kcu.column_name as column, ccu.table_name as references
         from information_schema.referential_constraints rc
         join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
         join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
         where kcu.table_schema = current_schema()
         and not exists (select 1 from pg_class pc join pg_namespace pn on pn.oid = pc.relnamespace where pn.nspname = current_schema() and pc.relname = kcu.table_name and pc.relispartition)`,
      )
    ).rows;
    programChecks = (
      await client.query<{ table: string; check: string }>(
        `select c.relname as table, p.proname as check from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
         where not t.tgisinternal and p.proname in ('tribune_check_program_refs', 'tribune_check_promotion_refs') and c.relnamespace = current_schema()::regnamespace`,
      )
    ).rows;
  } finally {
    await client.end();
  }
});

afterAll(() => {
  columns = [];
});

const tables = () => [...new Set(columns.map((c) => c.table))].sort();
const column = (table: string, name: string) => columns.find((c) => c.table === table && c.column === name);

describe("Citus readiness", () => {
  it("reads a migrated schema (the lists below describe real tables)", () => {
    expect(tables().length).toBeGreaterThan(60);
    for (const t of [...Object.keys(GLOBAL_TABLES), ...CUSTOMER_SCOPED]) expect(tables(), t).toContain(t);
  });

  it("every table outside the global allow-list carries programId, NOT NULL unless listed", () => {
    const missing = tables().filter((t) => !(t in GLOBAL_TABLES) && !column(t, "programId"));
    expect(missing, "tables without programId: add it (backfilled), or justify them in GLOBAL_TABLES").toEqual([]);
    const nullable = tables().filter((t) => column(t, "programId")?.nullable);
    expect(nullable, "programId must be NOT NULL unless listed in NULLABLE_PROGRAM").toEqual(Object.keys(NULLABLE_PROGRAM).sort());
    const allowedButHaveIt = Object.keys(GLOBAL_TABLES).filter((t) => column(t, "programId"));
    expect(allowedButHaveIt, "listed as global but carry programId: take them off the allow-list").toEqual([]);
  });

  it("the columns this change added reference Program (and Customer)", () => {
    const added = [
      "FeedbackMessage",
      "GiftCardEntry",
      "OidcConsent",
      "ImportFile",
      "LedgerEntry",
      "Lot",
      "Hold",
      "LotAllocation",
      "IdempotencyKey",
      "Terminal",
      "TerminalRateWindow",
      "StaffSession",
      "PromotionVersion",
      "PromotionCustomerUse",
      "PurchasePromotion",
      "PurchaseLine",
      "PurchaseReturn",
      "WalletPass",
      "WalletRegistration",
      "WalletPush",
    ];
    // The tables a receipt writes check their program once per statement instead (a PurchasePromotion
    // row's through its promotion, which references Program): no per-row lock on the Program row.
    const byStatement: Record<string, string> = {
      LedgerEntry: "tribune_check_program_refs",
      Lot: "tribune_check_program_refs",
      LotAllocation: "tribune_check_program_refs",
      IdempotencyKey: "tribune_check_program_refs",
      PromotionCustomerUse: "tribune_check_program_refs",
      PurchaseLine: "tribune_check_program_refs",
      PurchasePromotion: "tribune_check_promotion_refs",
    };
    expect(programChecks.map((c) => `${c.table}: ${c.check}`).sort()).toEqual(
      Object.entries(byStatement)
        .map(([t, c]) => `${t}: ${c}`)
        .sort(),
    );
    expect(foreignKeys).toContainEqual({ table: "Promotion", column: "programId", references: "Program" });
    for (const t of added) {
      if (t in byStatement)
        expect(
          foreignKeys.filter((k) => k.table === t && k.column === "programId"),
          t,
        ).toEqual([]);
      else expect(foreignKeys, t).toContainEqual({ table: t, column: "programId", references: "Program" });
    }
    for (const t of ["LedgerEntry", "Lot", "Hold", "LotAllocation", "PurchaseLine", "PurchaseReturn", "WalletPass"])
      expect(foreignKeys, t).toContainEqual({ table: t, column: "customerId", references: "Customer" });
  });

  it("every customer-scoped table carries customerId, NOT NULL unless listed with where its null rows go", () => {
    const missing = CUSTOMER_SCOPED.filter((t) => !column(t, "customerId"));
    expect(missing, "customer-scoped tables without customerId").toEqual([]);
    const nullable = CUSTOMER_SCOPED.filter((t) => column(t, "customerId")?.nullable).sort();
    expect(nullable).toEqual(Object.keys(NULLABLE_CUSTOMER).sort());
  });

  it("no table with a customerId is left out of the distribution plan", () => {
    // Customer is distributed by its id; the rest either are in CUSTOMER_SCOPED or say why not.
    const notDistributed: Record<string, string> = {
      PromoCode: "a promotion's codes (shared, unique and issued): a reference table; an issued code names its owner",
      CustomerMerge: "kept id ↔ merged id, written once per merge: a reference of the coordinator",
      ReceiptKey:
        "the receipts' global business key (storeId, number → purchaseId, purchaseAt, customerId): the 'key' fix of a receipt's number, a lookup table distributed by storeId; its customerId names the shard that holds the receipt",
    };
    const withCustomer = tables().filter((t) => column(t, "customerId") || column(t, "keptId"));
    const unplanned = withCustomer.filter((t) => !(CUSTOMER_SCOPED as readonly string[]).includes(t) && !(t in notDistributed));
    expect(unplanned, "a table with customerId must be distributed (CUSTOMER_SCOPED) or say why not").toEqual([]);
  });

  it("unique constraints of distributed tables without customerId are exactly the listed ones, each with its fix", () => {
    const distributed = new Set<string>(CUSTOMER_SCOPED);
    const found = uniques
      .filter((u) => distributed.has(u.table) && !u.columns.includes("customerId"))
      .map((u) => `${u.name} (${u.columns.join(", ")})`)
      .sort();
    expect(found).toEqual(Object.keys(UNIQUE_WITHOUT_DISTRIBUTION_COLUMN).sort());
    // Customer itself: its unique keys are per program, and phone/email/externalId lookups go
    // through lookup tables; its primary key is the distribution column.
    const customerKeys = uniques.filter((u) => u.table === "Customer").map((u) => u.columns.join(", "));
    expect(customerKeys).toEqual(expect.arrayContaining(["id", "programId, phone", "programId, email", "programId, externalId"]));
  });
});

describe("the migration's backfill", () => {
  const MIGRATION = "20261202133520_citus_program_and_customer_columns";

  it("fills programId and customerId from each row's parent, append-only ledgers included", async () => {
    const scratch = await scratchDatabase();
    const sdb = createDb(scratch.url);
    try {
      await migrate(scratch.url);
      // Rows written by the real code paths: a receipt with a line and a return, lots, entries and allocations.
      const program = await makeProgram(sdb);
      const c = await makeCustomer(sdb, program.id);
      const at = new Date("2026-06-01T10:00:00Z");
      await sdb.purchase.create({
        data: {
          id: "rcp_bf",
          programId: program.id,
          storeId: "sto_x",
          customerId: c.id,
          number: "1",
          at,
          status: "committed",
          programVersionId: "pvr_x",
          amount: 1000,
          payable: 1000,
          lines: { create: [{ id: createId("rln"), programId: program.id, customerId: c.id, lineNo: 1, sku: "S", category: "c", quantityMilli: 1000, price: 1000, amount: 1000 }] },
        },
      });
      await sdb.purchaseReturn.create({
        data: { id: createId("ret"), programId: program.id, customerId: c.id, purchaseId: "rcp_bf", purchaseAt: at, number: "R1", at, amount: 100, pointsRefunded: 0, pointsReclaimed: 0, lines: [] },
      });
      await sdb.$transaction(async (tx) => {
        const { main } = await lockAccounts(tx, program.id, c.id);
        await accrue(tx, main, { amount: 300, at, reason: "purchase", purchaseId: "rcp_bf", activation: { kind: "immediate" }, expiresAt: null });
        await spend(tx, main, { amount: 100, at, reason: "catalog" });
      });
      // Back to the state before the migration: the new columns empty (the append-only trigger
      // set aside to do it), then the migration's own backfill and NOT NULL statements.
      const tables = { LedgerEntry: true, Lot: true, LotAllocation: true, PurchaseLine: true, PurchaseReturn: true };
      const sql = readFileSync(path.join(MIGRATIONS_DIR, MIGRATION, "migration.sql"), "utf8");
      const backfill = sql.slice(sql.indexOf('ALTER TABLE "LedgerEntry" DISABLE TRIGGER'), sql.indexOf("-- CreateIndex"));
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      try {
        await client.query("begin");
        await client.query('ALTER TABLE "LedgerEntry" DISABLE TRIGGER "LedgerEntry_append_only"');
        // A row's program does not change (migration program_refs_by_statement): set aside for the replay.
        const fixed = ["LedgerEntry", "Lot", "LotAllocation", "PurchaseLine"];
        for (const t of fixed) await client.query(`ALTER TABLE "${t}" DISABLE TRIGGER "${t}_program_fixed"`);
        for (const t of Object.keys(tables)) {
          await client.query(`ALTER TABLE "${t}" ALTER COLUMN "programId" DROP NOT NULL, ALTER COLUMN "customerId" DROP NOT NULL`);
          await client.query(`UPDATE "${t}" SET "programId" = NULL, "customerId" = NULL`);
        }
        await client.query('ALTER TABLE "LedgerEntry" ENABLE TRIGGER "LedgerEntry_append_only"');
        await client.query("commit");
        await client.query(backfill);
        for (const t of fixed) await client.query(`ALTER TABLE "${t}" ENABLE TRIGGER "${t}_program_fixed"`);
        for (const t of Object.keys(tables)) {
          const { rows } = await client.query<{ n: string; bad: string }>(
            `select count(*) as n, count(*) filter (where "programId" is distinct from $1 or "customerId" is distinct from $2) as bad from "${t}"`,
            [program.id, c.id],
          );
          expect(Number(rows[0].n), t).toBeGreaterThan(0);
          expect(Number(rows[0].bad), t).toBe(0);
        }
        // The ledger is append-only again after the backfill.
        await expect(client.query(`UPDATE "LedgerEntry" SET note = 'x'`)).rejects.toThrow(/append-only/);
      } finally {
        await client.end();
      }
    } finally {
      await sdb.$disconnect();
      await scratch.drop();
    }
  });
});
