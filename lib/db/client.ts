// The Prisma clients of the process (Prisma 7 + node-postgres adapter, no engine binary): `db()`
// on the app pool for the console, cabinet, partner portal and jobs (every write, and every read that
// must see a write just made); `analyticsDb()` on the small read-only analytics pool for the
// console's and the partner portal's analytics — on the replica (DATABASE_REPLICA_URL) when one is
// configured, so its figures may be seconds old (replicaLag, docs/scaling.md). lib/db/pool.ts has
// the limits of each pool.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, replicaUrl } from "@/lib/db/url";
import { createPool, type PoolRole } from "./pool";
import { rawPool } from "./raw-pool";

export type Db = PrismaClient;

const holder = globalThis as unknown as { __tribuneDb?: Map<string, { url: string; client: PrismaClient }> };

/**
 * Interactive transactions wait up to 10 s for a connection and may run 15 s (Prisma's defaults,
 * 2 s and 5 s, failed ten simultaneous sign-ups with "unable to start a transaction" whenever the
 * machine was busy; a call that sets its own keeps them). The pools' statement and lock timeouts
 * (lib/db/pool.ts) still bound every statement inside.
 */
const TRANSACTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

export function createDb(url: string, role: PoolRole = "app"): PrismaClient {
  const adapter = new PrismaPg(createPool(url, role), { disposeExternalPool: true });
  return new PrismaClient({ adapter, transactionOptions: TRANSACTIONS });
}

function shared(role: PoolRole): PrismaClient {
  const url = role === "analytics" ? replicaUrl() : databaseUrl();
  holder.__tribuneDb ??= new Map();
  let h = holder.__tribuneDb.get(role);
  if (!h || h.url !== url) {
    // The processing API's ORM operations share the raw pool's connections (and its timeouts).
    h = { url, client: role === "pos" ? new PrismaClient({ adapter: new PrismaPg(rawPool()), transactionOptions: TRANSACTIONS }) : createDb(url, role) };
    holder.__tribuneDb.set(role, h);
  }
  return h.client;
}

/** The shared client, created on first use (never at import: `next build` has no database). */
export function db(): PrismaClient {
  return shared("app");
}

/**
 * The client of analytics reads: dashboards, NPS, settlement and partner reports, RFM, cohorts,
 * campaign and promotion figures, segment counts, previews and member pages. Reads the replica
 * when DATABASE_REPLICA_URL is set (the primary otherwise); read-only either way. Never for a read
 * that must see what the same request just wrote.
 */
export function analyticsDb(): PrismaClient {
  return shared("analytics");
}

/** The Prisma client of the processing API's few ORM operations (registration, codes): POS timeouts. */
export function posDb(): PrismaClient {
  return shared("pos");
}

export async function disconnectDb() {
  const all = [...(holder.__tribuneDb?.values() ?? [])];
  holder.__tribuneDb = undefined;
  await Promise.all(all.map((h) => h.client.$disconnect()));
}
