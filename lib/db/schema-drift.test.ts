// The migrations and schema.prisma must describe the same database: Prisma's own differ
// compares a freshly migrated database with the schema, so a model change without its
// migration (or the reverse) fails here.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, readMigrations } from "@/lib/db/migrate";
import { diffToSchema, SCHEMA_PATH } from "@/lib/db/schema-engine";
import { scratchDatabase, testDatabaseUrl } from "@/test/db";

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
});

// A database migrated for this file alone: the shared test database also holds whatever other
// test files create while they run, which would be drift to the differ without being any.
let migrated: string;
beforeAll(async () => {
  const scratch = await scratchDatabase();
  drops.push(scratch.drop);
  await migrate(scratch.url);
  migrated = scratch.url;
});

describe("schema drift", () => {
  it("the migrated database matches schema.prisma exactly", async () => {
    const sql = await diffToSchema(migrated);
    expect(sql, `schema.prisma and prisma/migrations disagree; missing SQL:\n${sql}`).toBe("");
  });

  it("fails when a migration loses a column", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tribune-mig-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const first = readMigrations(dir)[0];
    const file = path.join(dir, first.name, "migration.sql");
    const original = readFileSync(file, "utf8");
    const broken = original.replace(/^\s*"smsConsentAt" TIMESTAMPTZ\(3\),\n/m, "");
    expect(broken).not.toBe(original);
    writeFileSync(file, broken);
    const scratch = await scratchDatabase();
    drops.push(scratch.drop);
    await migrate(scratch.url, { dir });
    const sql = await diffToSchema(scratch.url);
    expect(sql).toContain('ADD COLUMN     "smsConsentAt"');
  });

  it("fails when a model gains an index that no migration creates", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "tribune-schema-"));
    cpSync(SCHEMA_PATH, tmp, { recursive: true });
    const file = path.join(tmp, "program.prisma");
    const schema = readFileSync(file, "utf8");
    const changed = schema.replace("@@index([customerId])", "@@index([customerId])\n  @@index([issuedAt])");
    expect(changed).not.toBe(schema);
    writeFileSync(file, changed);
    const sql = await diffToSchema(migrated, "database", tmp);
    expect(sql).toContain('CREATE INDEX "Card_issuedAt_idx"');
  });

  it("reads the partitioned LedgerEntry as one table: its partitions are not tables to Prisma, its indexes are compared", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "tribune-schema-"));
    cpSync(SCHEMA_PATH, tmp, { recursive: true });
    const file = path.join(tmp, "ledger.prisma");
    const schema = readFileSync(file, "utf8");
    const changed = schema.replace("@@index([refType, refId])", "@@index([refType, refId])\n  @@index([lotId])");
    expect(changed).not.toBe(schema);
    writeFileSync(file, changed);
    const sql = await diffToSchema(migrated, "database", tmp);
    expect(sql.trim()).toBe('-- CreateIndex\nCREATE INDEX "LedgerEntry_lotId_idx" ON "LedgerEntry"("lotId");');
  });

  it("keeps the CHECK constraints that only SQL can express", async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    const { rows } = await client.query("select conname from pg_constraint where contype = 'c' order by conname");
    await client.end();
    expect(rows.map((r) => r.conname)).toEqual(expect.arrayContaining(["Customer_phone_e164", "Customer_email_lower"]));
  });
});
