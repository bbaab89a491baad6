// The bridge between Next.js route handlers (web Request/Response) and oidc-provider (a Koa app on
// Node's req/res). Where the provider is comes from APP_URL only: Host and X-Forwarded-* of the
// request are replaced, so no header can make the provider advertise or redirect to another origin.
import { Readable, Writable } from "node:stream";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { audienceCookies } from "@/lib/auth/options";
import { appUrl } from "@/lib/env";
import { hashClientSecret } from "./clients";
import { oidcProvider, ROUTES } from "./provider";

type HeaderValue = string | string[] | number;

/** The Node response oidc-provider writes to, collected into a web Response. */
class CollectedResponse extends Writable {
  statusCode = 200;
  statusMessage = "";
  finished = false;
  private sent = false;
  private readonly headerMap = new Map<string, HeaderValue>();
  private readonly chunks: Buffer[] = [];

  get headersSent() {
    return this.sent;
  }
  setHeader(name: string, value: HeaderValue) {
    this.headerMap.set(name.toLowerCase(), value);
    return this;
  }
  getHeader(name: string) {
    return this.headerMap.get(name.toLowerCase());
  }
  getHeaders() {
    return Object.fromEntries(this.headerMap);
  }
  getHeaderNames() {
    return [...this.headerMap.keys()];
  }
  hasHeader(name: string) {
    return this.headerMap.has(name.toLowerCase());
  }
  removeHeader(name: string) {
    this.headerMap.delete(name.toLowerCase());
  }
  writeHead(status: number, msgOrHeaders?: string | Record<string, HeaderValue>, headers?: Record<string, HeaderValue>) {
    this.statusCode = status;
    const h = typeof msgOrHeaders === "object" ? msgOrHeaders : headers;
    if (typeof msgOrHeaders === "string") this.statusMessage = msgOrHeaders;
    for (const [k, v] of Object.entries(h ?? {})) this.setHeader(k, v);
    this.sent = true;
    return this;
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void) {
    this.sent = true;
    this.chunks.push(Buffer.from(chunk));
    cb();
  }
  override _final(cb: (e?: Error | null) => void) {
    this.finished = true;
    cb();
  }
  toResponse(method: string, extraCookies: string[]): Response {
    const headers = new Headers();
    for (const [k, v] of this.headerMap) {
      if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
      else headers.set(k, String(v));
    }
    for (const c of extraCookies) headers.append("set-cookie", c);
    headers.delete("content-length");
    const empty = method === "HEAD" || this.statusCode === 204 || this.statusCode === 304;
    return new Response(empty ? null : Buffer.concat(this.chunks), { status: this.statusCode, headers });
  }
}

const CLIENT_AUTH_ROUTES = new Set<string>([ROUTES.token, ROUTES.revocation, ROUTES.introspection]);

/**
 * Client secrets are stored as SHA-256 hashes; the provider compares what it is given with the
 * stored value, so the presented secret (Basic header or form field) is hashed on the way in.
 */
export function hashPresentedSecrets(path: string, headers: Headers, body: Buffer): Buffer {
  if (!CLIENT_AUTH_ROUTES.has(path)) return body;
  const auth = headers.get("authorization");
  const basic = auth?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (basic) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const i = decoded.indexOf(":");
    if (i > 0) {
      let secret: string;
      try {
        secret = decodeURIComponent(decoded.slice(i + 1).replace(/\+/g, " "));
      } catch {
        secret = decoded.slice(i + 1);
      }
      headers.set("authorization", `Basic ${Buffer.from(`${decoded.slice(0, i)}:${hashClientSecret(secret)}`).toString("base64")}`);
    }
  }
  if (!/application\/x-www-form-urlencoded/i.test(headers.get("content-type") ?? "")) return body;
  const form = new URLSearchParams(body.toString("utf8"));
  const secrets = form.getAll("client_secret");
  if (secrets.length === 0) return body;
  form.delete("client_secret");
  for (const s of secrets) form.append("client_secret", hashClientSecret(s));
  return Buffer.from(form.toString(), "utf8");
}

/** The cabinet's session cookie, cleared when a site signs the member out (RP-initiated logout). */
export function cabinetSessionCookie(): string {
  return audienceCookies("cabinet").sessionToken.name;
}

function clearCabinetSession(): string[] {
  const { name, options } = audienceCookies("cabinet").sessionToken;
  return [`${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${options?.secure ? "; Secure" : ""}`];
}

/** Runs one request through the provider. */
export async function handleOidcRequest(request: Request, db: PrismaClient): Promise<Response> {
  const provider = await oidcProvider(db);
  // Only the path and query of the request are used; the origin is APP_URL's, never the request's.
  const requested = new URL(request.url);
  const url = new URL(requested.pathname + requested.search, appUrl());
  const origin = new URL(appUrl());
  const headers = new Headers(request.headers);
  // No proxy header reaches the provider (it runs with proxy = false): the origin is APP_URL's
  // host, and the protocol APP_URL's (the socket below says whether it is https).
  for (const name of [...headers.keys()]) if (/^(x-forwarded-|forwarded$|x-real-ip$)/i.test(name)) headers.delete(name);
  headers.set("host", origin.host);
  const method = request.method.toUpperCase();
  let body: Buffer = method === "GET" || method === "HEAD" ? Buffer.alloc(0) : Buffer.from(await request.arrayBuffer());
  body = hashPresentedSecrets(url.pathname, headers, body);
  if (body.length > 0 || (method !== "GET" && method !== "HEAD")) headers.set("content-length", String(body.length));

  const req = Object.assign(Readable.from(body.length > 0 ? [body] : []), {
    method,
    url: url.pathname + url.search,
    headers: Object.fromEntries(headers.entries()),
    httpVersion: "1.1",
    httpVersionMajor: 1,
    httpVersionMinor: 1,
    complete: true,
    socket: { remoteAddress: "127.0.0.1", encrypted: origin.protocol === "https:" },
  });
  const res = new CollectedResponse();
  const done = new Promise<void>((resolve, reject) => {
    res.on("finish", () => resolve());
    res.on("error", reject);
  });
  await provider.callback()(req as never, res as never);
  await done;
  // The member confirmed a site's sign-out: the cabinet's session in this browser ends too.
  const endsSession = method === "POST" && url.pathname === `${ROUTES.end_session}/confirm` && new URLSearchParams(body.toString("utf8")).get("logout") === "yes";
  return res.toResponse(method, endsSession ? clearCabinetSession() : []);
}
