// The security headers of every answer (set by proxy.ts; the processing API's handlers set them
// themselves too, since the production server hands them their requests without Next.js —
// scripts/lib/pos-direct.mjs): a Content Security Policy — pages get a
// fresh script nonce per request (Next.js puts it on its own scripts; 'strict-dynamic' lets those
// load the app's chunks), API answers allow nothing at all — no framing, no MIME sniffing, a strict
// referrer, and HSTS when the app is served over https (APP_URL).

/** 16 random bytes, base64: unpredictable and new for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The policy of an HTML page. Inline styles stay allowed: charts (recharts) and brand colours set style attributes. */
export function pagePolicy(nonce: string, opts: { dev?: boolean; formTargets?: string } = {}): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code; the production build never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${opts.formTargets ? ` ${opts.formTargets}` : ""}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Where the identity centre's forms may lead: its sign-out confirmation redirects to the site's
 * registered post-logout URI, and browsers apply form-action to that redirect. Sites' URIs are
 * https, or http on localhost only (lib/identity/clients.ts).
 */
export const IDENTITY_FORM_TARGETS = "https: http://localhost:* http://127.0.0.1:*";

/** The policy of a JSON or file answer of the API: nothing to run, nothing to frame. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders(input: { csp: string; https: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": input.csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(input.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** An API answer's headers, as the proxy sets them: for handlers that may be served without it (the processing API). */
export function apiSecurityHeaders(): Record<string, string> {
  return securityHeaders({ csp: API_POLICY, https: (process.env.APP_URL ?? "").startsWith("https://") });
}
