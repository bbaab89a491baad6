// The one Prisma client of the process (Prisma 7 + node-postgres adapter, no engine binary).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { databaseUrl } from "@/lib/db/url";

export type Db = PrismaClient;

const holder = globalThis as unknown as { __tribuneDb?: { url: string; client: PrismaClient } };

export function createDb(url: string): PrismaClient {
  const e = env();
  const adapter = new PrismaPg({
    connectionString: url,
    max: e.DB_POOL_MAX,
    // Fail fast when the pool is exhausted or the server is down: a till must not hang.
    connectionTimeoutMillis: e.DB_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}

/** The shared client, created on first use (never at import: `next build` has no database). */
export function db(): PrismaClient {
  const url = databaseUrl();
  if (!holder.__tribuneDb || holder.__tribuneDb.url !== url) {
    holder.__tribuneDb = { url, client: createDb(url) };
  }
  return holder.__tribuneDb.client;
}

export async function disconnectDb() {
  const h = holder.__tribuneDb;
  holder.__tribuneDb = undefined;
  await h?.client.$disconnect();
}
