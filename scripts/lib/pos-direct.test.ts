// The processing API's direct dispatch (scripts/lib/pos-direct.mjs) over real HTTP, with stand-in
// handlers and a stand-in for Next.js behind it: what matches goes to its handler with the request
// as Next.js would build it (method, path and query on APP_URL's origin, every header, the body, the
// decoded path parameters) and its answer goes back whole; everything else reaches Next.js untouched.
// e2e/server/serve.spec.ts compares the production build's answers both ways.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { posDispatcher, requestOrigin, type Handler, type PosRoute } from "./pos-direct.mjs";

let server: Server | undefined;
// Every connection ends with the test (a till that hung up on a handler still answering would keep it for the keep-alive timeout).
afterEach(() => new Promise<void>((resolve) => (server ? (server.close(() => resolve()), server.closeAllConnections()) : resolve())));

/** A server whose first step is the dispatcher; what it passes on is answered 299 "next". */
async function serve(routes: PosRoute[], origin = "https://club.example") {
  const passed: string[] = [];
  const dispatch = posDispatcher(routes, { origin });
  server = createServer((req, res) => {
    if (dispatch(req, res)) return;
    passed.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(299).end("next");
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, passed };
}

/** A till that posts and hangs up after `ms`, before any answer: "hung up" (or the answer, if one came first). */
async function hangUpAfter(url: string, ms: number): Promise<unknown> {
  const c = new AbortController();
  const pending = fetch(url, { method: "POST", body: "{}", signal: c.signal }).catch(() => "hung up");
  await new Promise((r) => setTimeout(r, ms));
  c.abort();
  return pending;
}

describe("the processing API's direct dispatch", () => {
  it("hands a matching request to its handler as Next.js would, and its answer back whole", async () => {
    const seen: { url: string; method: string; auth: string | null; custom: string | null; body: string; params: Record<string, string> }[] = [];
    const commit: Handler = async (req, ctx) => {
      seen.push({ url: req.url, method: req.method, auth: req.headers.get("authorization"), custom: req.headers.get("x-multi"), body: await req.text(), params: await ctx.params });
      const headers = new Headers({ "content-type": "application/json; charset=utf-8", "x-request-id": "req_1", "content-security-policy": "default-src 'none'" });
      headers.append("set-cookie", "a=1");
      headers.append("set-cookie", "b=2");
      return new Response(JSON.stringify({ ok: "ваш чек" }), { status: 201, headers });
    };
    const { base, passed } = await serve([{ pattern: "/api/pos/v1/purchases/[id]/commit", methods: { POST: commit } }]);
    const res = await fetch(`${base}/api/pos/v1/purchases/rcp%2F%201/commit?x=1&y=%D0%B4`, {
      method: "POST",
      headers: { authorization: "Bearer trm_live_x", host: "evil.example", "x-multi": "one" },
      body: '{"lines":[]}',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: "ваш чек" });
    expect(res.headers.get("x-request-id")).toBe("req_1");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(Number(res.headers.get("content-length"))).toBe(Buffer.byteLength(JSON.stringify({ ok: "ваш чек" })));
    // The origin is the configured one, never the Host header's.
    expect(seen).toEqual([
      { url: "https://club.example/api/pos/v1/purchases/rcp%2F%201/commit?x=1&y=%D0%B4", method: "POST", auth: "Bearer trm_live_x", custom: "one", body: '{"lines":[]}', params: { id: "rcp/ 1" } },
    ]);
    expect(passed).toEqual([]);
  });

  it("passes to Next.js what it does not serve: other methods, other paths, inexact paths", async () => {
    let calls = 0;
    const ok: Handler = () => (calls++, Response.json({ ok: true }));
    const { base, passed } = await serve([
      { pattern: "/api/pos/v1/purchases/[id]/void", methods: { POST: ok } },
      { pattern: "/api/pos/v1/customers/lookup", methods: { GET: ok } },
    ]);
    const asks: [string, string][] = [
      ["GET", "/api/pos/v1/purchases/p1/void"], // a method the route does not export: Next.js's 405
      ["HEAD", "/api/pos/v1/customers/lookup"], // Next.js implements HEAD and OPTIONS
      ["OPTIONS", "/api/pos/v1/customers/lookup"],
      ["POST", "/api/pos/v1/purchases/p1/void/"], // trailing slash: Next.js's redirect
      ["POST", "/api/pos/v1/purchases//void"], // empty parameter
      ["POST", "/api/pos/v1/purchases/%E0%A4%A/void"], // bad percent-encoding: Next.js's 400
      ["POST", "/api/pos/v1/purchases/p1/void/extra"],
      ["GET", "/api/pos/v1/customers/lookup/"],
      ["GET", "/api/pos/v1/openapi.json"],
      ["GET", "/api/health"],
      ["GET", "/admin"],
    ];
    for (const [method, path] of asks) {
      const res = await fetch(base + path, { method, ...(method === "POST" ? { body: "{}" } : {}) });
      expect(res.status, `${method} ${path}`).toBe(299);
    }
    expect(calls).toBe(0);
    expect(passed).toEqual(asks.map(([m, p]) => `${m} ${p}`));
    expect((await fetch(`${base}/api/pos/v1/customers/lookup?card=1`)).status).toBe(200);
    expect((await fetch(`${base}/api/pos/v1/purchases/p1/void`, { method: "POST", body: "{}" })).status).toBe(200);
    expect(calls).toBe(2);
  });

  it("answers 500 in the API's error shape when a handler throws, and keeps serving", async () => {
    let n = 0;
    const flaky: Handler = () => {
      if (n++ === 0) throw new Error("boom");
      return Response.json({ ok: true });
    };
    const { base, passed } = await serve([{ pattern: "/api/pos/v1/ping", methods: { GET: flaky } }]);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => errors.push(a);
    try {
      const res = await fetch(`${base}/api/pos/v1/ping`);
      expect(res.status).toBe(500);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const body = await res.json();
      expect(body).toEqual({ error: { code: "internal_error", message: "Internal error", requestId: expect.stringMatching(/^req_[0-9a-f]{12}$/) } });
      expect(res.headers.get("x-request-id")).toBe(body.error.requestId);
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    expect((await fetch(`${base}/api/pos/v1/ping`)).status).toBe(200);
    expect(passed).toEqual([]);
  });

  it("aborts the request's signal when the till hangs up", async () => {
    let aborted: () => void = () => {};
    const abortedP = new Promise<void>((r) => (aborted = r));
    const slow: Handler = (req) => {
      req.signal.addEventListener("abort", () => aborted());
      return new Promise<Response>(() => {}); // never answers
    };
    const { base } = await serve([{ pattern: "/api/pos/v1/visits", methods: { POST: slow } }]);
    expect(await hangUpAfter(`${base}/api/pos/v1/visits`, 200)).toBe("hung up");
    await abortedP; // the test times out if the signal never fires
  });

  it("gives a handler that reads the signal only after the till hung up an aborted one", async () => {
    let seen: (signal: AbortSignal) => void = () => {};
    const seenP = new Promise<AbortSignal>((r) => (seen = r));
    const late: Handler = (req) => {
      // Reads nothing until the connection has closed, then answers (to no one).
      return new Promise<Response>((answer) =>
        setTimeout(() => {
          seen(req.signal);
          answer(Response.json({ late: true }));
        }, 400),
      );
    };
    const { base } = await serve([{ pattern: "/api/pos/v1/visits", methods: { POST: late } }]);
    expect(await hangUpAfter(`${base}/api/pos/v1/visits`, 100)).toBe("hung up");
    expect((await seenP).aborted).toBe(true);
  });

  it("hands over a Request whose signal stays quiet while the till waits, and that clones and reads as any Request", async () => {
    const seen: { isRequest: boolean; aborted: boolean; sameSignal: boolean; body: string; clone: string }[] = [];
    const echo: Handler = async (req) => {
      const copy = req.clone();
      seen.push({ isRequest: req instanceof Request, aborted: req.signal.aborted, sameSignal: req.signal === req.signal, body: await req.text(), clone: await copy.text() });
      return Response.json({ ok: true });
    };
    const { base } = await serve([{ pattern: "/api/pos/v1/visits", methods: { POST: echo } }]);
    expect((await fetch(`${base}/api/pos/v1/visits`, { method: "POST", body: '{"a":1}' })).status).toBe(200);
    expect(seen).toEqual([{ isRequest: true, aborted: false, sameSignal: true, body: '{"a":1}', clone: '{"a":1}' }]);
  });

  it("builds requests on APP_URL's origin only", () => {
    expect(requestOrigin("https://club.example/app/")).toBe("https://club.example");
    expect(requestOrigin("http://127.0.0.1:3000")).toBe("http://127.0.0.1:3000");
    expect(requestOrigin("not a url")).toBe("http://localhost");
    expect(requestOrigin(undefined)).toBe("http://localhost");
  });
});
