// Decides which PostgreSQL the app talks to: DATABASE_URL, else the embedded server; and where
// analytics reads go: DATABASE_REPLICA_URL, else the same primary.
import path from "node:path";
import { env } from "@/lib/env";
import { runningInstance, connectionUrl } from "@/lib/db/embedded";

export const EMBEDDED_DATABASE = "tribune";

export function embeddedDataDir(): string {
  return path.resolve(env().TRIBUNE_DATA_DIR, "postgres");
}

/** URL of the app database; throws a clear message when there is none to reach. */
export function databaseUrl(): string {
  const e = env();
  if (e.DATABASE_URL) return e.DATABASE_URL;
  const running = runningInstance(embeddedDataDir());
  if (running) return connectionUrl(running.port, EMBEDDED_DATABASE);
  throw new Error("No database: set DATABASE_URL, or start the embedded one with `npm run demo` (it runs the app too).");
}

/** URL the analytics reads go to: the replica when DATABASE_REPLICA_URL is set, else the primary. */
export function replicaUrl(): string {
  return env().DATABASE_REPLICA_URL ?? databaseUrl();
}
