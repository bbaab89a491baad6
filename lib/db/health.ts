// Is the database reachable and fully migrated? Used by GET /api/health and the demo.
import type { Db } from "@/lib/db/client";
import { sqlState, SQLSTATE } from "@/lib/db/errors";
import { readMigrations } from "@/lib/db/migrate";

export interface Health {
  status: "ok" | "error";
  db: "ok" | "down";
  migrations: "up-to-date" | "pending" | "unknown";
  pending?: string[];
  error?: string;
}

export async function checkHealth(db: () => Db): Promise<Health> {
  let rows: { migration_name: string }[];
  try {
    rows = await db().$queryRawUnsafe<{ migration_name: string }[]>(`select migration_name from "_prisma_migrations" where finished_at is not null and rolled_back_at is null`);
  } catch (e) {
    // The server answered, but the migrations table is missing: nothing is migrated yet.
    if (sqlState(e) === SQLSTATE.undefinedTable) {
      return { status: "error", db: "ok", migrations: "pending", pending: readMigrations().map((m) => m.name) };
    }
    return { status: "error", db: "down", migrations: "unknown", error: "database unreachable" };
  }
  const applied = new Set(rows.map((r) => r.migration_name));
  const pending = readMigrations()
    .map((m) => m.name)
    .filter((n) => !applied.has(n));
  return pending.length ? { status: "error", db: "ok", migrations: "pending", pending } : { status: "ok", db: "ok", migrations: "up-to-date" };
}
