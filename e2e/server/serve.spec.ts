// `npm start` (scripts/serve.mjs) as production runs it: two web processes on one port, started
// here on a port of their own against the suite's database. Each worker answers on its own (the
// other one killed), a killed worker is replaced, SIGTERM stops them all; a missing production
// setting stops the server with its message instead of restarting workers in a loop.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { expect, test } from "../test";

const SERVE = path.resolve("scripts/serve.mjs");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The web workers: the primary's child processes (Linux /proc). */
function workers(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function start(env: NodeJS.ProcessEnv, port: number) {
  const child = spawn(process.execPath, [SERVE, "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function health(base: string): Promise<number> {
  try {
    return (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 0;
  }
}

test.describe("production server (scripts/serve.mjs)", () => {
  let server: ChildProcess | undefined;
  test.afterEach(async () => {
    if (server && server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
    server = undefined;
  });

  test("runs WEB_CONCURRENCY workers that each answer, replaces a dead one, stops on SIGTERM", async () => {
    test.setTimeout(180_000);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const s = start(
      {
        ...process.env,
        WEB_CONCURRENCY: "2",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: process.env.E2E_DATABASE_URL,
        APP_URL: base,
        MESSAGES_TO_OUTBOX: "1",
        TRIBUNE_INPROCESS_WORKER: "0",
      },
      port,
    );
    server = s.child;
    const pid = s.child.pid!;
    await expect.poll(() => health(base), { timeout: 90_000, intervals: [500] }).toBe(200);
    await expect.poll(() => workers(pid).length, { timeout: 60_000 }).toBe(2);
    const [first, second] = workers(pid);

    // One worker killed: the other serves every request meanwhile, and the primary starts a new one.
    process.kill(first, "SIGKILL");
    // The primary has seen it go (reaped: no longer its child) before the next connections.
    await expect.poll(() => workers(pid).includes(first), { timeout: 30_000, intervals: [100] }).toBe(false);
    for (let i = 0; i < 5; i++) expect(await health(base)).toBe(200);
    await expect.poll(() => s.output(), { timeout: 10_000 }).toContain("starting it again");
    await expect.poll(() => s.output(), { timeout: 90_000, intervals: [500] }).toContain("listening again");
    const replacement = workers(pid).find((w) => w !== second && w !== first)!;

    // The other original killed: the replacement answers on its own once it listens.
    process.kill(second, "SIGKILL");
    await expect.poll(() => health(base), { timeout: 30_000, intervals: [200] }).toBe(200);
    await expect.poll(() => workers(pid).length, { timeout: 90_000, intervals: [500] }).toBe(2);

    // SIGTERM: every worker drains and exits, then the primary (code 0).
    const all = workers(pid);
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
    for (const w of [...all, replacement]) expect(existsSync(`/proc/${w}/stat`) && readFileSync(`/proc/${w}/stat`, "utf8").split(" ")[2] !== "Z").toBe(false);
    expect(await health(base)).toBe(0);
  });

  test("a missing production setting stops the server with its message, no restart loop", async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WEB_CONCURRENCY: "2",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      APP_URL: `http://127.0.0.1:${port}`,
      MESSAGES_TO_OUTBOX: "1",
    };
    delete env.AUTH_SECRET;
    const s = start(env, port);
    server = s.child;
    expect(await s.exited).toBe(1);
    expect(s.output()).toContain("Tribune cannot start in production without");
    expect(s.output()).toContain("AUTH_SECRET");
    expect(s.output()).not.toContain("starting it again");
  });
});
