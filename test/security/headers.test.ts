// Issue 10.8: the proxy's headers without a browser (and the processing API's own, for the
// production server's direct way to its handlers, scripts/lib/pos-direct.mjs) — HSTS only when the app is served over https
// (APP_URL), a fresh nonce per page request handed to Next.js on the request, and the API's
// policy that allows nothing. (e2e/public/security-headers.spec.ts checks the production build.)
import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { GET as ping } from "@/app/api/pos/v1/ping/route";
import { POST as calculate } from "@/app/api/pos/v1/purchases/calculate/route";
import { useTestDatabase } from "../pos/harness";

const saved = process.env.APP_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = saved;
});

describe("security headers", () => {
  it("send HSTS only behind https", () => {
    process.env.APP_URL = "http://localhost:3000";
    expect(proxy(new NextRequest("http://localhost:3000/")).headers.get("strict-transport-security")).toBeNull();
    process.env.APP_URL = "https://club.example";
    for (const path of ["/", "/api/health", "/api/pos/v1/customers/lookup"]) {
      const h = proxy(new NextRequest(`https://club.example${path}`)).headers;
      expect(h.get("strict-transport-security"), path).toMatch(/^max-age=\d{8,}/);
      expect(h.get("x-frame-options")).toBe("DENY");
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(h.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });

  it("give every page its own nonce, passed to Next.js on the request; API answers allow nothing", () => {
    const a = proxy(new NextRequest("http://localhost:3000/cabinet")).headers.get("content-security-policy")!;
    const b = proxy(new NextRequest("http://localhost:3000/cabinet")).headers.get("content-security-policy")!;
    const nonce = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce(a)).toBeTruthy();
    expect(nonce(a)).not.toBe(nonce(b));
    const res = proxy(new NextRequest("http://localhost:3000/admin"));
    // NextResponse.next({ request: { headers } }) forwards the request headers as x-middleware-request-*.
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(res.headers.get("content-security-policy"));
    const api = proxy(new NextRequest("http://localhost:3000/api/pos/v1/purchases")).headers.get("content-security-policy")!;
    expect(api).toContain("default-src 'none'");
    expect(api).not.toContain("nonce");
  });

  it("come from the processing API's handlers themselves, which the production server runs without the proxy", async () => {
    useTestDatabase();
    for (const appUrl of ["http://localhost:3000", "https://club.example"]) {
      process.env.APP_URL = appUrl;
      const answers = [ping(), await calculate(new Request(`${appUrl}/api/pos/v1/purchases/calculate`, { method: "POST", body: "{}" }))];
      expect(answers.map((a) => a.status)).toEqual([200, 401]);
      for (const res of answers) {
        const fromProxy = proxy(new NextRequest(`${appUrl}/api/pos/v1/ping`)).headers;
        for (const name of [
          "content-security-policy",
          "x-frame-options",
          "x-content-type-options",
          "referrer-policy",
          "cross-origin-opener-policy",
          "permissions-policy",
          "strict-transport-security",
        ]) {
          expect(res.headers.get(name), `${appUrl} ${name}`).toBe(fromProxy.get(name));
        }
        expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
        expect(res.headers.get("cache-control")).toBe("no-store");
      }
      expect(answers[1].headers.get("strict-transport-security") !== null).toBe(appUrl.startsWith("https://"));
    }
  });
});
