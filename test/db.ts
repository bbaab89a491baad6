// Helpers for integration tests: the run's database and scratch databases.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createDb } from "@/lib/db/client";
import { dropDatabase, ensureDatabase } from "@/lib/db/embedded";

export function testDatabaseUrl(): string {
  return inject("databaseUrl");
}

let shared: ReturnType<typeof createDb> | undefined;

/** A Prisma client on the run's migrated database. */
export function testDb() {
  shared ??= createDb(testDatabaseUrl());
  return shared;
}

/** An empty scratch database for tests that need their own; dropped by the returned function. */
export async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = inject("adminDatabaseUrl");
  const name = `tribune_scratch_${randomBytes(5).toString("hex")}`;
  await ensureDatabase(admin, name);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => dropDatabase(admin, name) };
}
