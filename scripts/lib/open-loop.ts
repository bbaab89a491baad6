// An open-loop load generator for bench:pos's fixed-rate runs: requests arrive at the rate asked
// whatever the server's answers do, as independent tills would send them, and each latency counts
// from the instant its request was due, not from when a free connection let it go.
//
// Why not autocannon's `overallRate`: autocannon 8 limits a rate with a per-second quota per
// connection (lib/httpClient.js: `reqsMadeThisSecond`, reset by a 1-second `setInterval`). Each
// connection sends its share back to back as soon as the second starts and then waits for the next
// one, so "200 req/s on 8 connections" is 200 requests at saturation with 8 in flight, then an idle
// machine — its p50 is 8 ÷ the saturation throughput (confirm: 8 ÷ 360/s ≈ 22 ms, as measured) and
// its p99 the tail of a saturated server, not of a server at 200 req/s.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { seededRandom } from "@/lib/import/generate";

/** A request as autocannon takes it (the subset bench:pos uses). */
export interface OpenLoopRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called once per request, when it is due: returns the request to send (e.g. with a fresh body). */
  setupRequest?: (req: OpenLoopRequest) => OpenLoopRequest;
}

export interface OpenLoopResult {
  /** Requests due in the run (all of them were sent). */
  sent: number;
  /** Answered with any status. */
  answered: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Answers outside 2xx. */
  non2xx: number;
  /** Per answered request: ms from the instant it was due to the end of its answer. */
  latencies: number[];
  /** Per answered request: ms since the run's start at which it was due. */
  dueAt: number[];
  /** The most a request left after it was due (the generator's own lag), ms. */
  maxSendLagMs: number;
  /** Connections the run opened. */
  connections: number;
}

/**
 * The instants (ms from the start, increasing, all < seconds × 1000) at which requests are due:
 * a Poisson process of `rate` per second (exponential gaps, independent arrivals from many tills),
 * or evenly spaced ("paced").
 */
export function arrivals(rate: number, seconds: number, opts: { seed?: number; shape?: "poisson" | "paced" } = {}): number[] {
  if (!(rate > 0) || !(seconds > 0)) throw new Error(`rate and seconds must be positive (got ${rate}, ${seconds})`);
  const end = seconds * 1000;
  const out: number[] = [];
  if (opts.shape === "paced") {
    for (let t = 0; t < end; t += 1000 / rate) out.push(t);
    return out;
  }
  const next = seededRandom(opts.seed ?? 1);
  // 1 − u is in (0, 1]: the logarithm is finite.
  for (let t = (-Math.log(1 - next()) * 1000) / rate; t < end; t += (-Math.log(1 - next()) * 1000) / rate) out.push(t);
  return out;
}

/**
 * Sends `request` to `url` at the instants of `arrivals(rate, seconds)`, each on a free keep-alive
 * connection (a new one when every open one is busy, so a slow answer never holds the next request
 * back), and resolves when every request has been answered or has failed. `timeoutMs` (default 30 s)
 * fails a request that has no answer by then.
 */
export async function openLoop(opts: {
  url: string;
  request: OpenLoopRequest;
  rate: number;
  seconds: number;
  seed?: number;
  shape?: "poisson" | "paced";
  timeoutMs?: number;
  /** Called with each answer: its status, its latency (from when it was due) and when it was due (ms since the start). */
  onResponse?: (status: number, latencyMs: number, dueMs: number) => void;
}): Promise<OpenLoopResult> {
  const due = arrivals(opts.rate, opts.seconds, { seed: opts.seed, shape: opts.shape });
  const target = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, scheduling: "lifo" });
  let connections = 0;
  const result: OpenLoopResult = { sent: 0, answered: 0, errors: 0, non2xx: 0, latencies: [], dueAt: [], maxSendLagMs: 0, connections: 0 };
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let pending = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let scheduled = false;
  const send = (dueMs: number, start: number) => {
    const r = opts.request.setupRequest ? opts.request.setupRequest({ ...opts.request }) : opts.request;
    const body = r.body === undefined ? undefined : Buffer.from(r.body);
    pending++;
    result.sent++;
    let settled = false;
    const settle = (status: number | null) => {
      if (settled) return;
      settled = true;
      if (status === null) result.errors++;
      else {
        const latency = performance.now() - (start + dueMs);
        result.answered++;
        if (status < 200 || status > 299) result.non2xx++;
        result.latencies.push(latency);
        result.dueAt.push(dueMs);
        opts.onResponse?.(status, latency, dueMs);
      }
      if (--pending === 0 && scheduled) finish();
    };
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: r.method,
        path: r.path,
        agent,
        headers: { ...r.headers, ...(body ? { "content-length": String(body.length) } : {}) },
        timeout: timeoutMs,
      },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => settle(res.statusCode ?? 0));
        res.on("error", () => settle(null));
      },
    );
    req.on("socket", (s) => {
      if (!(s as { __openLoop?: true }).__openLoop) {
        (s as { __openLoop?: true }).__openLoop = true;
        connections++;
      }
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => settle(null));
    req.end(body);
  };
  const start = performance.now();
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now() - start;
      while (i < due.length && due[i] <= now) {
        result.maxSendLagMs = Math.max(result.maxSendLagMs, now - due[i]);
        send(due[i], start);
        i++;
      }
      if (i >= due.length) return resolve();
      // Sleep until the next request is due (timers fire ~1 ms late at worst; the lag is reported).
      setTimeout(tick, Math.max(0, due[i] - (performance.now() - start) - 0.5));
    };
    tick();
  });
  scheduled = true;
  if (pending > 0) await done;
  agent.destroy();
  result.connections = connections;
  return result;
}
