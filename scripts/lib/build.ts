// Builds the Next.js app when the last build is missing or older than the sources.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "emails", "public", "next.config.mjs", "package-lock.json", "tsconfig.json", "postcss.config.mjs"];
const SKIP = new Set(["node_modules", ".next", "generated"]);
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of readdirSync(p, { withFileTypes: true })) {
    if (SKIP.has(e.name) || e.name.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, e.name)));
  }
  return newest;
}

export function buildIsCurrent(): boolean {
  const id = path.resolve(DIST_DIR, "BUILD_ID");
  if (!existsSync(id)) return false;
  const built = statSync(id).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.resolve(s)) <= built);
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
/** The production server (`npm start`): WEB_CONCURRENCY web processes on one port. */
export const SERVE_SCRIPT = path.resolve("scripts/serve.mjs");

export async function buildIfNeeded(log: (l: string) => void): Promise<void> {
  if (buildIsCurrent()) {
    log("The production build is up to date.");
    return;
  }
  log("Building the app (next build)…");
  // The build never needs a database: pages that read data render on request.
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;
  const code = await run(process.execPath, [NEXT_BIN, "build"], env);
  if (code !== 0) throw Object.assign(new Error("next build failed (see above)."), { expected: true });
}

export async function waitForHealth(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < until) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw Object.assign(new Error(`The server did not become healthy at ${baseUrl}: ${last}`), { expected: true });
}
