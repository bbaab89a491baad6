// Applies prisma/migrations/*/migration.sql the way `prisma migrate deploy` does, so both agree.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/** Prisma Migrate's own advisory lock key: our runner and `prisma migrate deploy` exclude each other. */
const PRISMA_ADVISORY_LOCK = 72707369;

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export class MigrationError extends Error {}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(/*turbopackIgnore: true*/ path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const buf = readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"));
      return { name, sql: buf.toString("utf8"), checksum: createHash("sha256").update(buf).digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function appliedRows(client: pg.ClientBase): Promise<AppliedRow[]> {
  const { rows } = await client.query<{ exists: boolean }>("select to_regclass('_prisma_migrations') is not null as exists");
  if (!rows[0].exists) return [];
  const res = await client.query<AppliedRow>('select migration_name, checksum, finished_at, rolled_back_at from "_prisma_migrations" order by started_at');
  return res.rows;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed since. */
  edited: string[];
  /** Started but never finished (by prisma migrate deploy outside a transaction). */
  failed: string[];
}

function compare(files: MigrationFile[], rows: AppliedRow[]): MigrationStatus {
  const live = rows.filter((r) => !r.rolled_back_at);
  const status: MigrationStatus = { applied: [], pending: [], edited: [], failed: [] };
  for (const f of files) {
    const row = live.find((r) => r.migration_name === f.name);
    if (!row) status.pending.push(f.name);
    else if (!row.finished_at) status.failed.push(f.name);
    else {
      status.applied.push(f.name);
      if (row.checksum !== f.checksum) status.edited.push(f.name);
    }
  }
  return status;
}

export async function migrationStatus(client: pg.ClientBase, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  return compare(readMigrations(dir), await appliedRows(client));
}

function refuse(status: MigrationStatus) {
  if (status.edited.length) {
    throw new MigrationError(
      `Migration ${status.edited.join(", ")} was changed after it was applied to this database ` +
        `(its SHA-256 checksum differs). Never edit an applied migration: restore the file and add a new migration.`,
    );
  }
  if (status.failed.length) {
    throw new MigrationError(
      `Migration ${status.failed.join(", ")} started earlier but never finished. Repair the database by hand, ` + `then mark it rolled back (prisma migrate resolve --rolled-back).`,
    );
  }
}

/**
 * Applies every pending migration, each in its own transaction, under Prisma's advisory lock
 * so that two instances starting together apply each migration exactly once.
 */
export async function migrate(url: string, opts: { dir?: string; log?: (line: string) => void } = {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("select pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(CREATE_TABLE);
    const files = readMigrations(opts.dir);
    const status = compare(files, await appliedRows(client));
    refuse(status);
    for (const f of files.filter((x) => status.pending.includes(x.name))) {
      const id = randomUUID();
      await client.query("begin");
      try {
        await client.query('insert into "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) values ($1, $2, $3, now(), 0)', [id, f.checksum, f.name]);
        await client.query(f.sql);
        await client.query('update "_prisma_migrations" set finished_at = clock_timestamp(), applied_steps_count = 1 where id = $1', [id]);
        await client.query("commit");
      } catch (e) {
        await client.query("rollback");
        throw new MigrationError(`Migration ${f.name} failed and was rolled back: ${(e as Error).message}`);
      }
      applied.push(f.name);
      opts.log?.(`applied ${f.name}`);
    }
  } finally {
    await client.query("select pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
  return applied;
}
