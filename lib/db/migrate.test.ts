import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, migrationStatus, readMigrations } from "@/lib/db/migrate";
import { scratchDatabase } from "@/test/db";

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
});

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe("migration runner", () => {
  it("records migrations the way prisma migrate deploy does and is idempotent", async () => {
    const db = await scratchDatabase();
    drops.push(db.drop);
    const applied = await migrate(db.url);
    expect(applied).toEqual(readMigrations().map((m) => m.name));
    expect(await migrate(db.url)).toEqual([]);
    const rows = await query(db.url, 'select * from "_prisma_migrations" order by migration_name');
    expect(rows).toHaveLength(applied.length);
    for (const [i, m] of readMigrations().entries()) {
      expect(rows[i].checksum).toBe(m.checksum);
      expect(rows[i].checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[i].id).toMatch(/^[0-9a-f-]{36}$/);
      expect(rows[i].finished_at).toBeInstanceOf(Date);
      expect(rows[i].applied_steps_count).toBe(1);
      expect(rows[i].rolled_back_at).toBeNull();
    }
  });

  it("two runners started together apply each migration once", async () => {
    const db = await scratchDatabase();
    drops.push(db.drop);
    const [a, b] = await Promise.all([migrate(db.url), migrate(db.url)]);
    expect([...a, ...b].sort()).toEqual(readMigrations().map((m) => m.name));
    const rows = await query(db.url, 'select count(*)::int as n from "_prisma_migrations"');
    expect(rows[0].n).toBe(readMigrations().length);
  });

  it("refuses an applied migration that was edited afterwards", async () => {
    const db = await scratchDatabase();
    drops.push(db.drop);
    const dir = mkdtempSync(path.join(os.tmpdir(), "tribune-mig-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    await migrate(db.url, { dir });
    const first = readMigrations(dir)[0];
    const file = path.join(dir, first.name, "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8") + "\n-- edited\n");
    await expect(migrate(db.url, { dir })).rejects.toThrow(/was changed after it was applied/);
  });

  it("rolls back a failing migration completely and reports it", async () => {
    const db = await scratchDatabase();
    drops.push(db.drop);
    const dir = mkdtempSync(path.join(os.tmpdir(), "tribune-mig-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const bad = path.join(dir, "99990101000000_bad");
    cpSync(path.join(dir, readMigrations(dir)[0].name), bad, { recursive: true });
    writeFileSync(path.join(bad, "migration.sql"), 'CREATE TABLE "Half" (id int);\nSELECT * FROM "does_not_exist";\n');
    await expect(migrate(db.url, { dir })).rejects.toThrow(/99990101000000_bad failed and was rolled back/);
    const half = await query(db.url, "select to_regclass('\"Half\"') as t");
    expect(half[0].t).toBeNull();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const status = await migrationStatus(c, dir);
    await c.end();
    expect(status.pending).toEqual(["99990101000000_bad"]);
  });
});
