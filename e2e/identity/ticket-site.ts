// A tiny "ticket site" for the identity e2e test (not part of the product): a relying party on its
// own port that signs fans in through Tribune with a standard OIDC client library (openid-client).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as oidc from "openid-client";

export interface TicketSite {
  url: string;
  close(): Promise<void>;
}

const page = (title: string, body: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
const esc = (s: unknown) => String(s ?? "").replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startTicketSite(opts: { issuer: string; clientId: string; clientSecret: string; port: number }): Promise<TicketSite> {
  const base = `http://localhost:${opts.port}`;
  const config = await oidc.discovery(new URL(opts.issuer), opts.clientId, opts.clientSecret, oidc.ClientSecretBasic(opts.clientSecret), { execute: [oidc.allowInsecureRequests] });
  const pending = new Map<string, { verifier: string; nonce: string }>();
  let idToken: string | undefined;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", base);
      if (url.pathname === "/") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page("Ticket site", `<a href="/login">Sign in with the club account</a>`));
      } else if (url.pathname === "/login") {
        const verifier = oidc.randomPKCECodeVerifier();
        const state = oidc.randomState();
        const nonce = oidc.randomNonce();
        pending.set(state, { verifier, nonce });
        const to = oidc.buildAuthorizationUrl(config, {
          redirect_uri: `${base}/callback`,
          scope: "openid profile phone loyalty",
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: "S256",
          state,
          nonce,
        });
        res.writeHead(302, { location: to.href }).end();
      } else if (url.pathname === "/callback") {
        const state = url.searchParams.get("state") ?? "";
        const p = pending.get(state);
        if (!p) throw new Error(`unknown state; error=${url.searchParams.get("error")}`);
        pending.delete(state);
        const tokens = await oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: p.verifier, expectedState: state, expectedNonce: p.nonce });
        idToken = tokens.id_token;
        const claims = tokens.claims()!;
        const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
        res
          .writeHead(200, { "content-type": "text/html; charset=utf-8" })
          .end(
            page(
              "Your tickets",
              `<p data-testid="fan-name">${esc(info.name)}</p><p>Card <span data-testid="fan-card">${esc(info.loyalty_card)}</span></p><p>Status <span data-testid="fan-tier">${esc(info.loyalty_tier_name ?? info.loyalty_tier)}</span></p><a href="/logout">Sign out</a>`,
            ),
          );
      } else if (url.pathname === "/logout") {
        const to = oidc.buildEndSessionUrl(config, { post_logout_redirect_uri: `${base}/bye`, ...(idToken ? { id_token_hint: idToken } : {}) });
        res.writeHead(302, { location: to.href }).end();
      } else if (url.pathname === "/bye") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page("Signed out", `<a href="/">Back</a>`));
      } else {
        res.writeHead(404).end();
      }
    })().catch((e: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(`ticket site error: ${(e as Error).message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port, "localhost", resolve));
  return { url: base, close: () => new Promise((r) => server.close(() => r())) };
}

/** A free local port (the site's redirect URI must be known before it is registered). */
export async function freeLocalPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "localhost", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}
