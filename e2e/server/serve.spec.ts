// `npm start` (scripts/serve.mjs) as production runs it: two web processes on one port, started
// here on a port of their own against the suite's database. Each worker answers on its own (the
// other one killed), a killed worker is replaced, SIGTERM stops them all; a missing production
// setting stops the server with its message instead of restarting workers in a loop. The processing
// API answers the same whether the server hands it to its handlers directly (the default) or through
// Next.js (POS_DIRECT=0).
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
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

/** The server's settings as production has them, on the suite's database, without the in-process job worker. */
function productionEnv(base: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: process.env.E2E_DATABASE_URL,
    APP_URL: base,
    MESSAGES_TO_OUTBOX: "1",
    TRIBUNE_INPROCESS_WORKER: "0",
    ...extra,
  };
  return env as NodeJS.ProcessEnv;
}

/**
 * GET /api/health on a new connection (no keep-alive: every call is a connection the primary hands to
 * a worker); 0 when it fails or is not answered within `timeoutMs`.
 */
function health(base: string, timeoutMs = 5_000): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(`${base}/api/health`, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(0));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
  });
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
    const s = start(productionEnv(base, { WEB_CONCURRENCY: "2" }), port);
    server = s.child;
    const pid = s.child.pid!;
    await expect.poll(() => health(base), { timeout: 90_000, intervals: [500] }).toBe(200);
    // Both listen (the primary says so once each worker has), not only started: a health answer
    // comes from whichever worker listens first, and killing the only listening one closes the port.
    await expect.poll(() => s.output(), { timeout: 90_000, intervals: [200] }).toContain("2 web workers listening");
    expect(workers(pid)).toHaveLength(2);
    const [first, second] = workers(pid);

    // One worker killed: the other serves every request meanwhile, and the primary starts a new one.
    process.kill(first, "SIGKILL");
    // The primary has seen it go (reaped: no longer its child) before the next connections. (A
    // connection the primary hands over in the instant a worker dies is lost with it — Node's
    // round-robin; the client's timeout ends it.) Each of these is a new connection, so each is handed
    // to a live worker; the time limit is generous because the survivor may serve its first request
    // while the replacement starts on the same cores.
    await expect.poll(() => workers(pid).includes(first), { timeout: 30_000, intervals: [100] }).toBe(false);
    for (let i = 0; i < 5; i++) expect(await health(base, 20_000)).toBe(200);
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

  test("the processing API answers the same directly and through Next.js", async ({ baseURL }) => {
    test.setTimeout(180_000);
    const port = await freePort();
    const viaNext = `http://127.0.0.1:${port}`;
    const s = start(productionEnv(viaNext, { WEB_CONCURRENCY: "1", POS_DIRECT: "0" }), port);
    server = s.child;
    await expect.poll(() => health(viaNext), { timeout: 90_000, intervals: [500] }).toBe(200);
    const direct = baseURL!; // scripts/e2e.ts's server: the default, direct

    // A till of the demo's club shop and one of its members' cards.
    const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await db.connect();
    const key = `trm_live_${randomBytes(16).toString("hex")}`;
    let card: string;
    try {
      const store = (await db.query<{ id: string; programId: string }>(`select id, "programId" from "Store" where code = 'stadium-shop'`)).rows[0];
      await db.query(`insert into "Terminal" (id, "programId", "storeId", name, "keyPrefix", "keyHash") values ($1, $2, $3, 'serve e2e till', $4, $5)`, [
        `trm_e2e${randomBytes(6).toString("hex")}`,
        store.programId,
        store.id,
        key.slice(0, 13),
        createHash("sha256").update(key).digest("hex"),
      ]);
      card = (await db.query<{ number: string }>(`select number from "Card" where "programId" = $1 and status = 'active' order by number limit 1`, [store.programId])).rows[0].number;
    } finally {
      await db.end();
    }
    const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const basket = JSON.stringify({ customer: { card }, receipt: { number: "SERVE-E2E" }, lines: [{ lineNo: 1, sku: "JERSEY-HOME", category: "merch", quantity: 1, price: 790000 }] });
    const asks: [string, RequestInit][] = [
      ["/api/pos/v1/ping", {}],
      ["/api/pos/v1/customers/lookup?card=2000000000015", {}],
      [`/api/pos/v1/customers/lookup?card=${card}`, { headers: auth }],
      ["/api/pos/v1/customers/lookup?card=0000000000000", { headers: auth }],
      ["/api/pos/v1/purchases/calculate", { method: "POST", headers: auth, body: basket }],
      ["/api/pos/v1/purchases/calculate", { method: "POST", headers: auth, body: "{not json" }],
      ["/api/pos/v1/purchases/no-such-receipt/void", { method: "POST", headers: auth, body: "{}" }],
      ["/api/pos/v1/purchases/calculate", { method: "GET", headers: auth }],
      ["/api/pos/v1/openapi.json", {}],
    ];
    /** What an answer says, less what differs between any two answers (date, request id, the ping's clock, transport; Next.js gzips, the direct way does not). */
    const said = async (base: string, p: string, init: RequestInit) => {
      const res = await fetch(base + p, init);
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON (405): compared as text
      }
      const b = body as { at?: string; error?: { requestId?: string } };
      if (b && typeof b === "object") {
        if (b.at) b.at = "<time>";
        if (b.error?.requestId) b.error.requestId = "<rid>";
      }
      const skip = new Set([
        "date",
        "x-request-id",
        "connection",
        "keep-alive",
        "transfer-encoding",
        "content-length",
        "content-encoding",
        "vary",
        "etag",
        "x-nextjs-cache",
        "x-nextjs-prerender",
        "x-nextjs-stale-time",
      ]);
      const headers = Object.fromEntries([...res.headers].filter(([k]) => !skip.has(k)));
      return { status: res.status, headers, body, vary: res.headers.get("vary") };
    };
    for (const [p, init] of asks) {
      const a = await said(direct, p, init);
      const b = await said(viaNext, p, init);
      expect({ ...a, vary: null }, `${init.method ?? "GET"} ${p}`).toEqual({ ...b, vary: null });
    }
    // And the two really took different ways: Next.js marks every answer it renders with its Vary.
    expect((await said(direct, "/api/pos/v1/ping", {})).vary).toBeNull();
    expect((await said(viaNext, "/api/pos/v1/ping", {})).vary).toContain("rsc");
    expect((await said(direct, "/api/health", {})).vary).toContain("rsc");
    const calc = await said(direct, "/api/pos/v1/purchases/calculate", { method: "POST", headers: auth, body: basket });
    expect(calc.status).toBe(200);
    expect(calc.headers["content-security-policy"]).toContain("default-src 'none'");
  });
});
