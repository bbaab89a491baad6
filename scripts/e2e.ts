// npm run test:e2e — Playwright against a production build on a free port with a fresh,
// seeded database (embedded .data/postgres-e2e, or a new database on the DATABASE_URL server).
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { dropDatabase, ensureDatabase, freePort, startEmbedded, type EmbeddedServer } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/seed/seed-demo";
import { ensureDemoWalletFiles } from "@/lib/wallet/demo-credentials";
import { buildIfNeeded, run, SERVE_SCRIPT, waitForHealth } from "./lib/build";
import { runScript } from "./lib/database";
import { progressBar } from "./lib/progress";

const log = (l: string) => console.log(`[e2e] ${l}`);

await runScript(async () => {
  await buildIfNeeded(log);
  let server: EmbeddedServer | undefined;
  let admin: string;
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    if (!["localhost", "127.0.0.1", "::1"].includes(u.hostname) && process.env.E2E_ALLOW_REMOTE_DB !== "1") {
      throw Object.assign(new Error(`Refusing to run e2e tests against a non-local database (${u.hostname}).`), { expected: true });
    }
    u.pathname = "/postgres";
    admin = u.toString();
  } else {
    server = await startEmbedded({ dataDir: path.resolve(process.env.TRIBUNE_DATA_DIR || ".data", "postgres-e2e"), ifRunning: "reuse" });
    admin = server.url("postgres");
  }
  const name = `tribune_e2e_${Date.now().toString(36)}_${randomBytes(2).toString("hex")}`;
  await ensureDatabase(admin, name);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  let app: ReturnType<typeof spawn> | undefined;
  try {
    await migrate(url);
    const db = createDb(url);
    await seedDemo(db, { databaseUrl: url, log: (l) => log(`seed: ${l}`), progress: progressBar("[e2e] season") });
    await db.$disconnect();
    const port = await freePort();
    // The specs sign what the server signs (one-click unsubscribe links of members) with the same secret.
    const authSecret = process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret";
    // The demo's self-signed wallet credentials: the card page shows both wallet buttons.
    const { googlePublicKeyFile: _public, ...wallet } = ensureDemoWalletFiles(path.resolve(process.env.TRIBUNE_DATA_DIR || ".data", "wallet"));
    const baseUrl = `http://127.0.0.1:${port}`;
    // The production server (npm start) with one web process unless E2E_WEB_CONCURRENCY says more: a
    // program version applied in one process reaches another within seconds (lib/program/in-force.ts),
    // which specs that edit rules and price at once do not wait for. e2e/server/serve.spec.ts starts two.
    app = spawn(process.execPath, [SERVE_SCRIPT, "-p", String(port)], {
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...wallet,
        ...process.env,
        WEB_CONCURRENCY: process.env.E2E_WEB_CONCURRENCY ?? "1",
        DATABASE_URL: url,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_SECRET: authSecret,
        // Links in emails point at this server; the specs read codes and links from the full outbox;
        // every browser of the suite signs in from 127.0.0.1.
        APP_URL: baseUrl,
        MESSAGES_TO_OUTBOX: "1",
        OUTBOX_FULL_BODIES: "1",
        CODES_PER_IP_PER_HOUR: "1000",
      },
    });
    await waitForHealth(baseUrl);
    mkdirSync("e2e/artifacts/screenshots", { recursive: true });
    log(`server ${baseUrl}, database ${name}`);
    const code = await run(process.execPath, [path.resolve("node_modules/@playwright/test/cli.js"), "test", ...process.argv.slice(2)], {
      ...process.env,
      E2E_BASE_URL: baseUrl,
      E2E_DATABASE_URL: url,
      AUTH_SECRET: authSecret,
      APP_URL: baseUrl,
    });
    return code;
  } finally {
    if (app && app.exitCode === null) {
      app.kill("SIGTERM");
      await new Promise((r) => app!.once("exit", r));
    }
    await dropDatabase(admin, name).catch(() => {});
    await server?.stop();
  }
});
