// Next.js 16 proxy (the former middleware): the security headers of every page and API answer
// (lib/security/headers.ts). A page's CSP carries a fresh nonce, also handed to Next.js on the
// request so its own scripts get it (every page renders dynamically: the root layout reads the
// request's locale).
import { NextResponse, type NextRequest } from "next/server";
import { apiSecurityHeaders, IDENTITY_FORM_TARGETS, newNonce, pagePolicy, securityHeaders } from "@/lib/security/headers";

export function proxy(request: NextRequest) {
  const https = (process.env.APP_URL ?? "").startsWith("https://");
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  if (isApi) {
    const response = NextResponse.next();
    for (const [k, v] of Object.entries(apiSecurityHeaders())) response.headers.set(k, v);
    return response;
  }
  const nonce = newNonce();
  const identity = request.nextUrl.pathname.startsWith("/oidc/");
  const csp = pagePolicy(nonce, { dev: process.env.NODE_ENV === "development", formTargets: identity ? IDENTITY_FORM_TARGETS : undefined });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(securityHeaders({ csp, https }))) response.headers.set(k, v);
  return response;
}

export const config = {
  // Everything but the build's static files (hashed, immutable) and prefetches of them.
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
