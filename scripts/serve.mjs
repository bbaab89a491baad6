// npm start — the production web server: WEB_CONCURRENCY web processes on one port through
// node:cluster (default 1; "auto" = one per CPU, os.availableParallelism()), each serving the build
// through Next's programmatic API (the same request handler `next start` uses).
//
// Why several: all JavaScript of one process runs on one event loop; at 200 confirms/s one process is
// 60–75 % busy and p99 queues behind it. Why one by default: on this 2-core machine shared with
// PostgreSQL (and, when measured, other work: load 4–10), two processes did not measurably lower
// p99 at 200 req/s (docs/benchmarks.md, "Two web processes on two cores"); where the database has
// its own machine, set WEB_CONCURRENCY to the web host's cores.
//
// - The primary only forks and supervises; workers accept connections (round-robin by the primary).
// - A worker that dies after it was serving is started again (at most 5 times a minute per slot,
//   then the server stops rather than loop); one that dies before it ever listened (instrumentation's
//   production settings check exits with its message) stops the whole server with its exit code.
// - SIGTERM / SIGINT: every worker stops accepting, finishes the requests in flight (up to
//   SHUTDOWN_TIMEOUT_MS, 10 s), exits; then the primary exits.
// - TRIBUNE_INPROCESS_WORKER=1 (the demo's job worker) runs in worker slot 1 only — never twice.
// - Every process has its own database pools: connections = WEB_CONCURRENCY × pools
//   (docs/scaling.md §1).
// - A connection the primary hands to a worker in the instant that worker dies is lost with it
//   (node:cluster's round-robin sends it to a process that is gone; the client's timeout ends it):
//   with two workers, one of 20 connections opened 0–100 ms after a SIGKILL hung in 3 of 4 tries.
//   Connections after the primary has seen the death go to live workers. While only one worker
//   listens (the others still starting), its death closes the port until another listens:
//   connections are refused (ECONNREFUSED), not queued.
// - The processing API (/api/pos/…) is handed straight to its route handlers, without Next.js's
//   request pipeline (scripts/lib/pos-direct.mjs); POS_DIRECT=0 sends it through Next.js too.
//
// Options: -p/--port (else PORT, else 3000), -H/--hostname (default: every interface).
import cluster from "node:cluster";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadPosRoutes, posDispatcher, requestOrigin } from "./lib/pos-direct.mjs";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const shutdownMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);

function fail(message) {
  console.error(`Tribune cannot start: ${message}`);
  process.exit(1);
}

function webConcurrency() {
  const raw = process.env.WEB_CONCURRENCY;
  if (raw === undefined || raw === "") return 1;
  if (raw === "auto") return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) fail(`WEB_CONCURRENCY must be "auto" or a whole number from 1 to 64 (got "${raw}").`);
  return n;
}

const posDirectRaw = process.env.POS_DIRECT ?? "";
if (!["", "0", "1"].includes(posDirectRaw)) fail(`POS_DIRECT must be 1 (the processing API served directly, the default) or 0 (through Next.js) (got "${posDirectRaw}").`);
const posDirectOn = posDirectRaw !== "0";

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`the port must be a number from 0 to 65535 (got "${values.port ?? process.env.PORT}").`);

if (cluster.isPrimary) {
  const count = webConcurrency();
  const jobsInProcess = process.env.TRIBUNE_INPROCESS_WORKER === "1";
  const log = (l) => console.log(`[serve] ${l}`);
  /** slot → its live worker; slot → restart times in the last minute. */
  const live = new Map();
  const restarts = new Map();
  let stopping = false;
  let exitCode = 0;

  const fork = (slot, restarted = false) => {
    const worker = cluster.fork({
      TRIBUNE_WEB_WORKER: String(slot),
      // The in-process job worker (demo) in one process only.
      TRIBUNE_INPROCESS_WORKER: jobsInProcess && slot === 1 ? "1" : "0",
    });
    live.set(slot, worker);
    let listening = false;
    worker.once("listening", () => {
      listening = true;
      if (restarted) log(`web worker ${slot} listening again`);
    });
    worker.once("exit", (code, signal) => {
      if (live.get(slot) === worker) live.delete(slot);
      if (stopping) {
        if (live.size === 0) process.exit(exitCode);
        return;
      }
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (!listening) {
        // A worker that never served (a missing production setting, a missing build) will not get better.
        stop(code || 1, `web worker ${slot} exited before it served (${how}); stopping.`);
        return;
      }
      const now = Date.now();
      const recent = (restarts.get(slot) ?? []).filter((t) => now - t < 60_000);
      if (recent.length >= 5) {
        stop(1, `web worker ${slot} died 5 times within a minute (${how}); stopping.`);
        return;
      }
      restarts.set(slot, [...recent, now]);
      log(`web worker ${slot} died (${how}); starting it again.`);
      fork(slot, true);
    });
  };

  const stop = (code, why) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    if (why) log(why);
    if (live.size === 0) process.exit(exitCode);
    for (const worker of live.values()) worker.process.kill("SIGTERM");
    setTimeout(() => {
      for (const worker of live.values()) worker.process.kill("SIGKILL");
      process.exit(exitCode);
    }, shutdownMs + 2_000).unref();
  };
  process.on("SIGTERM", () => stop(0));
  process.on("SIGINT", () => stop(0));

  let ready = 0;
  cluster.on("listening", (_worker, address) => {
    if (++ready === count) log(`${count} web worker${count === 1 ? "" : "s"} listening on port ${address.port}`);
  });
  for (let slot = 1; slot <= count; slot++) fork(slot);
} else {
  process.env.NODE_ENV = "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // The processing API straight to its handlers, everything else to Next.js (scripts/lib/pos-direct.mjs).
  const direct = posDirectOn ? posDispatcher(await loadPosRoutes(path.join(dir, process.env.NEXT_DIST_DIR || ".next")), { origin: requestOrigin() }) : null;
  const server = createServer((req, res) => {
    if (direct && direct(req, res)) return;
    void handle(req, res);
  });
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), shutdownMs).unref();
  };
  process.on("SIGTERM", close);
  process.on("SIGINT", close);
  server.on("error", (e) => {
    console.error(`Tribune cannot listen on port ${port}: ${e.message}`);
    process.exit(1);
  });
  server.listen(port, hostname);
}
