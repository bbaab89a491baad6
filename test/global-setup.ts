// Vitest global setup: one fresh, migrated database per run, on the embedded server
// (.data/postgres-test) or on the server of DATABASE_URL. Tests read TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { dropDatabase, ensureDatabase, startEmbedded, type EmbeddedServer } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";

let server: EmbeddedServer | undefined;
let adminUrl = "";
let name = "";

export default async function setup(project: TestProject) {
  name = `tribune_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = "/postgres";
    adminUrl = u.toString();
  } else {
    server = await startEmbedded({ dataDir: path.resolve(process.env.TRIBUNE_DATA_DIR || ".data", "postgres-test"), ifRunning: "reuse" });
    adminUrl = server.url("postgres");
  }
  await ensureDatabase(adminUrl, name);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrate(url);
  process.env.TEST_DATABASE_URL = url;
  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  project.provide("databaseUrl", url);
  project.provide("adminDatabaseUrl", adminUrl);

  return async () => {
    await dropDatabase(adminUrl, name).catch(() => {});
    await server?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
  }
}
