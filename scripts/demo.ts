// npm run demo — the whole product on one machine: embedded PostgreSQL (or DATABASE_URL),
// migrations, demo data on first run, a production build, the server and the job worker.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { ensureDemoWalletFiles } from "@/lib/wallet/demo-credentials";
import { DEMO_FAN, DEMO_PASSWORD, DEMO_STAFF, isEmpty, seedDemo } from "@/lib/seed/seed-demo";
import { buildIfNeeded, SERVE_SCRIPT, waitForHealth } from "./lib/build";
import { openDatabase, runScript } from "./lib/database";
import { progressBar } from "./lib/progress";

const log = (l: string) => console.log(`[demo] ${l}`);

/** AUTH_SECRET, or one generated on the first run and kept in the data folder (sessions survive restarts). */
function demoAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.resolve(env().TRIBUNE_DATA_DIR, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/**
 * The wallet settings of the demo: the deployment's own when it names any, else a self-signed set
 * generated into TRIBUNE_DATA_DIR/wallet on the first run (passes verify offline against it).
 */
function demoWalletEnv(): Record<string, string> {
  const named = ["APPLE_PASS_CERT_FILE", "GOOGLE_WALLET_KEY_FILE"].some((k) => process.env[k]);
  if (named) return {};
  const { googlePublicKeyFile: _public, ...settings } = ensureDemoWalletFiles(path.resolve(env().TRIBUNE_DATA_DIR, "wallet"));
  return settings;
}

await runScript(async () => {
  const port = env().PORT;
  const database = await openDatabase({ ifRunning: "fail" });
  let child: ChildProcess | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("Stopping…");
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child!.once("exit", r));
    }
    await database.close();
    log("Stopped. Run `npm run demo` again to continue with the same data.");
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  log(database.embedded ? `Embedded PostgreSQL on port ${database.server!.port} (data in ${database.server!.dataDir})` : "Using DATABASE_URL");
  // A crashed embedded server (kill -9, out of memory) is started again on the same port: the app
  // answers 503 meanwhile and reconnects by itself; committed receipts survive (WAL recovery).
  database.server?.supervise({ log });
  const applied = await migrate(database.url, { log: (l) => log(l) });
  log(`Migrations: ${applied.length ? `${applied.length} applied` : "up to date"}`);
  const db = createDb(database.url);
  if (await isEmpty(db)) {
    log("Empty database: loading the demo data…");
    const started = Date.now();
    await seedDemo(db, { databaseUrl: database.url, log: (l) => log(`seed: ${l}`), progress: progressBar("[demo] season") });
    log(`Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  const staff = await db.staffUser.findMany({ where: { role: "partner_manager" }, select: { email: true }, orderBy: { email: "asc" } });
  await db.$disconnect();

  await buildIfNeeded(log);
  // The production server (npm start). One web process unless WEB_CONCURRENCY says more: the job
  // worker runs in web process 1 only (scripts/serve.mjs), and "run now" from the console
  // (nudgeJob) reaches it only from that process — from another the job waits for its cron tick.
  child = spawn(process.execPath, [SERVE_SCRIPT, "-p", String(port)], {
    stdio: "inherit",
    env: {
      ...demoWalletEnv(),
      WEB_CONCURRENCY: "1",
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: demoAuthSecret(),
      TRIBUNE_INPROCESS_WORKER: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      // Links in emails and SMS point at this server; without real providers messages land in the
      // outbox in full (the demo reads codes there) — both explicit, production defaults refuse.
      APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
      MESSAGES_TO_OUTBOX: process.env.MESSAGES_TO_OUTBOX ?? "1",
      OUTBOX_FULL_BODIES: process.env.OUTBOX_FULL_BODIES ?? "1",
      CODES_PER_IP_PER_HOUR: process.env.CODES_PER_IP_PER_HOUR ?? "100",
    },
  });
  child.on("exit", (code) => {
    if (!stopping) {
      log(`The server exited (${code}).`);
      void stop(code ?? 1);
    }
  });
  const url = `http://localhost:${port}`;
  await waitForHealth(url);
  const lines = [
    "",
    `Tribune is running at ${url}`,
    "",
    `  Fan cabinet     ${url}/cabinet   phone ${DEMO_FAN.phone} (the SMS code is printed in this log)`,
    `                  ${url}/cabinet/offers: his offers and the promo code a purchase gave him`,
    `  Console         ${url}/admin     password "${DEMO_PASSWORD}" for:`,
    ...DEMO_STAFF.map((s) => `                  ${s.email.padEnd(26)} ${s.role}`),
    `  Partner portal  ${url}/partner   password "${DEMO_PASSWORD}" for:`,
    ...staff.map((s) => `                  ${s.email}`),
    `  POS API         ${url}/docs/api   (a terminal key: npm run pos:key -- --store stadium-shop)`,
    `  Health          ${url}/api/health`,
    "",
    "Press Ctrl-C to stop.",
    "",
  ];
  console.log(lines.join("\n"));
  await new Promise(() => {});
});
