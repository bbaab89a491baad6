// The processing API (app/api/pos/**) served without Next.js's request pipeline.
//
// Why: tills wait on every answer, and on this 2-core machine Next.js's own work per request (its
// router, the proxy, the request scope and response wrapping) was ~1.3 ms of the web process's CPU
// for a handler that does nothing — more than half of what a confirm costs the app (2.6–3.4 ms). The
// route handlers of the processing API are plain `Request → Response` functions (lib/pos/route.ts)
// that use nothing of Next.js's request scope (headers(), cookies(), after()) and set their own
// headers, security ones included (lib/security/headers.ts `apiSecurityHeaders`); so the web process
// hands a request whose method and path match one of them straight to the handler. Measured in
// docs/benchmarks.md ("The processing API without Next.js's request pipeline").
//
// - The handlers are the build's own compiled route modules (`.next/server/app/api/pos/…/route.js`),
//   loaded once at start through the same `require` Next.js uses: one copy of lib/ in the process —
//   one database pool, one terminal and promotions cache — whichever way a request comes in.
// - Only routes rendered per request (`dynamic = "force-dynamic"`); a prerendered one (the OpenAPI
//   document) stays Next.js's. Only the methods a route exports: HEAD, OPTIONS and a wrong method are
//   answered by Next.js as before (auto-implemented HEAD/OPTIONS, 405), and so is every path that
//   does not match a route exactly (a trailing slash, a bad percent-encoding, an empty segment).
// - The request's URL is built on APP_URL's origin, never on the Host header (the handlers read only
//   the path and the query). A till that hangs up aborts the request's signal, as in Next.js (a
//   signal of its own, made when read: `TillRequest`).
// - POS_DIRECT=0 sends everything through Next.js (for comparison).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Readable } from "node:stream";

/** Where the processing API lives. */
export const POS_PREFIX = "/api/pos/";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * The processing API's routes of a build, each with the handlers it exports.
 * @param {string} distDir the build's directory (`.next`, or NEXT_DIST_DIR)
 * @returns {Promise<import("./pos-direct.d.mts").PosRoute[]>}
 */
export async function loadPosRoutes(distDir) {
  const require = createRequire(import.meta.url);
  const manifest = JSON.parse(readFileSync(path.join(distDir, "app-path-routes-manifest.json"), "utf8"));
  const routes = [];
  for (const [entry, pattern] of Object.entries(manifest)) {
    if (!pattern.startsWith(POS_PREFIX)) continue;
    const { routeModule } = require(path.join(distDir, "server", "app", `${entry}.js`));
    // A route module with top-level await loads asynchronously (Next.js waits the same way).
    await routeModule.ensureUserland();
    const userland = routeModule.userland;
    if (userland.dynamic !== "force-dynamic") continue;
    /** @type {Record<string, import("./pos-direct.d.mts").Handler>} */
    const methods = {};
    for (const m of METHODS) if (typeof userland[m] === "function") methods[m] = userland[m];
    routes.push({ pattern, methods });
  }
  return routes;
}

/** The origin requests are built on: APP_URL's, else localhost (the handlers read only path and query). */
export function requestOrigin(appUrl = process.env.APP_URL) {
  try {
    if (appUrl) return new URL(appUrl).origin;
  } catch {
    // not a URL: production refuses to start without a valid APP_URL anyway (lib/env.ts)
  }
  return "http://localhost";
}

/**
 * The till's request as a handler sees it: a Request whose `signal` aborts when the till hangs up.
 *
 * Not `new Request(url, { signal })`: a Request given a signal follows it through an abort listener
 * that undici removes from a FinalizationRegistry once the Request is collected, so every request
 * left a finalizer behind, and the callbacks of all the requests since the last mark-compact ran
 * after it in one task — measured on this machine, 5,000 requests made a collection 3–4× longer
 * (23–39 ms against 7–11) and held the event loop 20–31 ms more after it (20,000: 58–130 ms). The
 * controller is made when the signal is first read (the processing API's handlers read none today).
 */
class TillRequest extends Request {
  /** @type {AbortController | undefined} */
  #controller;
  #hungUp = false;

  get signal() {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#hungUp) this.#controller.abort();
    }
    return this.#controller.signal;
  }

  /** The till closed the connection before the answer was sent. */
  hungUp() {
    this.#hungUp = true;
    this.#controller?.abort();
  }
}

/** An answer for a handler that threw (the processing API's handlers answer their own errors; this is the net under them). */
function failed(res, error) {
  console.error("[serve] a processing API handler threw", error);
  if (res.headersSent) return void res.destroy();
  const rid = `req_${randomBytes(6).toString("hex")}`;
  res.writeHead(500, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "x-request-id": rid,
  });
  res.end(JSON.stringify({ error: { code: "internal_error", message: "Internal error", requestId: rid } }));
}

/** Copies a Web Response onto Node's response (the processing API's answers are small JSON bodies, sent in one piece). */
async function send(res, response) {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  res.end(body);
}

/**
 * A request listener's first step: serves a processing-API request whose method and path match a
 * route and returns true; returns false for everything else (Next.js answers it).
 * @param {import("./pos-direct.d.mts").PosRoute[]} routes
 * @param {{ origin: string }} options
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => boolean}
 */
export function posDispatcher(routes, { origin }) {
  const table = routes.map((r) => ({ parts: r.pattern.split("/"), methods: r.methods }));
  return (req, res) => {
    const url = req.url ?? "";
    if (!url.startsWith(POS_PREFIX)) return false;
    const q = url.indexOf("?");
    const segments = (q < 0 ? url : url.slice(0, q)).split("/");
    let handler;
    /** @type {Record<string, string>} */
    let params = {};
    for (const route of table) {
      if (route.parts.length !== segments.length) continue;
      const found = {};
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const part = route.parts[i];
        const segment = segments[i];
        if (part.startsWith("[")) {
          if (segment === "") ok = false;
          else {
            try {
              found[part.slice(1, -1)] = decodeURIComponent(segment);
            } catch {
              ok = false;
            }
          }
        } else if (part !== segment) ok = false;
      }
      if (!ok) continue;
      handler = route.methods[req.method ?? ""];
      params = found;
      break;
    }
    if (!handler) return false;
    let request;
    try {
      const headers = new Headers();
      const raw = req.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
      const body = req.method === "GET" ? {} : { body: Readable.toWeb(req), duplex: "half" };
      const till = new TillRequest(origin + url, { method: req.method, headers, ...body });
      res.once("close", () => {
        if (!res.writableFinished) till.hungUp();
      });
      request = till;
    } catch {
      return false; // a request Web APIs cannot represent: Next.js answers it
    }
    const h = handler;
    Promise.resolve()
      .then(() => h(request, { params: Promise.resolve(params) }))
      .then((response) => send(res, response))
      .catch((e) => failed(res, e));
    return true;
  };
}
