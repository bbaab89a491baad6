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
import net from "node:net";
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

/** What a finished exchange gives: the status, or null when the connection failed or timed out. */
type Settle = (status: number | null) => void;

/**
 * One keep-alive HTTP/1.1 connection with at most one request in flight, written and read by hand
 * on a raw socket: node:http's client costs ~0.4 ms of CPU per request (ClientRequest, agent,
 * IncomingMessage streams), and the generator shares the 2 cores with the server it measures. The
 * answer is read to its end by `content-length` or chunked transfer coding; anything else, or a
 * connection that breaks, fails the request and the connection.
 */
class Connection {
  private socket: net.Socket;
  private pending: Settle | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private timer: NodeJS.Timeout | null = null;
  dead = false;

  constructor(
    host: string,
    port: number,
    private readonly timeoutMs: number,
  ) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on("data", (chunk: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      this.parse();
    });
    this.socket.on("error", () => this.fail());
    this.socket.on("close", () => this.fail());
  }

  get busy() {
    return this.pending !== null;
  }

  send(head: string, body: Buffer | undefined, settle: Settle) {
    this.pending = settle;
    this.buf = Buffer.alloc(0);
    this.timer = setTimeout(() => this.fail(), this.timeoutMs);
    this.socket.write(body ? Buffer.concat([Buffer.from(head, "latin1"), body]) : head);
  }

  close() {
    this.dead = true;
    this.socket.destroy();
  }

  private finish(status: number | null) {
    const settle = this.pending;
    this.pending = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    settle?.(status);
  }

  private fail() {
    if (!this.dead) this.close();
    this.finish(null);
  }

  /** Ends the exchange when the buffer holds a whole answer; waits for more bytes otherwise. */
  private parse() {
    if (!this.pending) return;
    const b = this.buf;
    const headEnd = b.indexOf("\r\n\r\n");
    if (headEnd < 0) return;
    const head = b.toString("latin1", 0, headEnd);
    const status = Number(head.slice(9, 12));
    const lower = head.toLowerCase();
    const length = /\r\ncontent-length:\s*(\d+)/.exec(lower);
    let pos = headEnd + 4;
    if (length) {
      if (b.length < pos + Number(length[1])) return;
    } else if (/\r\ntransfer-encoding:[^\r]*chunked/.test(lower)) {
      // Chunks: "<hex size>[;ext]\r\n<data>\r\n" … "0\r\n" [trailers] "\r\n".
      for (;;) {
        const lineEnd = b.indexOf("\r\n", pos);
        if (lineEnd < 0) return;
        const size = parseInt(b.toString("latin1", pos, lineEnd), 16);
        if (Number.isNaN(size)) return this.fail();
        if (size === 0) {
          if (b.indexOf("\r\n\r\n", lineEnd - 2) < 0) return;
          break;
        }
        pos = lineEnd + 2 + size + 2;
        if (b.length < pos) return;
      }
    } else if (status === 204 || status === 304 || (status >= 100 && status < 200)) {
      // No body.
    } else return this.fail();
    if (/\r\nconnection:\s*close/.test(lower)) this.close();
    this.finish(Number.isInteger(status) && status >= 100 ? status : null);
  }
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
  if (target.protocol !== "http:") throw new Error(`openLoop speaks plain HTTP only (got ${target.protocol})`);
  const host = target.hostname;
  const port = Number(target.port || 80);
  const hostHeader = `host: ${target.host}\r\n`;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  // Free connections, the last one freed first (warm), and every one opened.
  const idle: Connection[] = [];
  const all: Connection[] = [];
  const result: OpenLoopResult = { sent: 0, answered: 0, errors: 0, non2xx: 0, latencies: [], maxSendLagMs: 0, connections: 0 };
  let pending = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let scheduled = false;
  const send = (dueMs: number, start: number) => {
    const r = opts.request.setupRequest ? opts.request.setupRequest({ ...opts.request }) : opts.request;
    const body = r.body === undefined ? undefined : Buffer.from(r.body);
    let head = `${r.method} ${r.path} HTTP/1.1\r\n${hostHeader}`;
    for (const [k, v] of Object.entries(r.headers ?? {})) if (k.toLowerCase() !== "content-length" && k.toLowerCase() !== "host") head += `${k}: ${v}\r\n`;
    head += `content-length: ${body?.length ?? 0}\r\n\r\n`;
    let conn = idle.pop();
    while (conn?.dead) conn = idle.pop();
    if (!conn) all.push((conn = new Connection(host, port, timeoutMs)));
    pending++;
    result.sent++;
    const c = conn;
    c.send(head, body, (status) => {
      if (status === null) result.errors++;
      else {
        const latency = performance.now() - (start + dueMs);
        result.answered++;
        if (status < 200 || status > 299) result.non2xx++;
        result.latencies.push(latency);
        opts.onResponse?.(status, latency, dueMs);
      }
      if (!c.dead) idle.push(c);
      if (--pending === 0 && scheduled) finish();
    });
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
  for (const c of all) c.close();
  result.connections = all.length;
  return result;
}
