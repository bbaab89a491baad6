// The identity centre end to end in one process: a standard OIDC client library (openid-client)
// talks to oidc-provider through the same bridge the route handlers use; the member's side of the
// interaction is the domain the cabinet's consent page calls.
import * as oidc from "openid-client";
import { createPublicKey } from "node:crypto";
import { jwtVerify, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { registerClient, revokeConsent, connectedSites } from "@/lib/identity/clients";
import { cabinetSessionCookie, handleOidcRequest } from "@/lib/identity/http";
import { finishSignIn, pendingSignIn } from "@/lib/identity/interactions";
import { rotateSigningKeys } from "@/lib/identity/keys";
import { resetOidcProvider } from "@/lib/identity/provider";
import { makeClubProgram, makeFan } from "../cabinet-factories";
import { testDb } from "../db";

const ISSUER = "http://tribune.test";
const REDIRECT = "http://localhost:4100/callback";
const AFTER_LOGOUT = "http://localhost:4100/bye";
const db = testDb();

/** A browser: a cookie jar and the provider behind the bridge. */
function browser() {
  const jar = new Map<string, string>();
  return {
    jar,
    async go(url: string | URL, init: RequestInit = {}): Promise<Response> {
      const headers = new Headers(init.headers);
      if (jar.size) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
      const res = await handleOidcRequest(new Request(url, { ...init, headers, redirect: "manual" }), db);
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const i = pair.indexOf("=");
        const name = pair.slice(0, i).trim();
        const value = pair.slice(i + 1);
        if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === "") jar.delete(name);
        else jar.set(name, value);
      }
      return res;
    },
  };
}

const fetchThroughBridge = async (url: string, init: { method?: string; headers: Record<string, string>; body?: unknown }) => handleOidcRequest(new Request(url, init as RequestInit), db);

async function configFor(clientId: string, secret: string | null) {
  return oidc.discovery(new URL(ISSUER), clientId, secret ?? undefined, secret ? oidc.ClientSecretBasic(secret) : oidc.None(), {
    execute: [oidc.allowInsecureRequests],
    [oidc.customFetch]: fetchThroughBridge,
  });
}

let programId: string;
let member: { id: string; programId: string; firstName: string | null; phone: string | null };
let site: { clientId: string; clientSecret: string | null };

beforeAll(async () => {
  process.env.APP_URL = ISSUER;
  resetEnvCache();
  resetOidcProvider();
  programId = await makeClubProgram(db);
  member = await makeFan(db, programId, 0, { email: `fan-${Date.now()}@example.com` });
  await db.customer.update({ where: { id: member.id }, data: { firstName: "Ivan", lastName: "Petrov", phoneVerifiedAt: new Date() } });
  site = await registerClient(db, programId, { type: "system" }, { name: "Ticket site", redirectUris: [REDIRECT], postLogoutRedirectUris: [AFTER_LOGOUT] });
});

afterAll(() => {
  delete process.env.APP_URL;
  resetEnvCache();
  resetOidcProvider();
});

/** The member signs in to the site: authorization request → cabinet (domain) → code at the redirect URI. */
async function signIn(config: oidc.Configuration, b = browser(), scope = "openid profile phone email loyalty", expectConsent = true, siteName = "Ticket site") {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256", state, nonce });
  let res = await b.go(url);
  expect(res.status).toBe(303);
  const interaction = res.headers.get("location")!;
  let next: string | null = interaction;
  if (!interaction.startsWith(REDIRECT)) {
    // A browser without the provider's session passes through the cabinet (the consent page).
    const uid = interaction.match(/^\/cabinet\/connect\/([A-Za-z0-9_-]+)$/)![1];
    const pending = await pendingSignIn(db, uid, member.id);
    expect(pending).toMatchObject({ clientId: config.clientMetadata().client_id, siteName, consented: !expectConsent });
    next = await finishSignIn(db, uid, member, "allow");
  } else {
    expect(expectConsent).toBe(false);
  }
  for (let hops = 0; next && !next.startsWith(REDIRECT) && hops < 5; hops++) {
    res = await b.go(new URL(next, ISSUER));
    next = res.headers.get("location");
  }
  expect(next).toMatch(new RegExp(`^${REDIRECT}\\?code=`));
  return { callback: new URL(next!), verifier, state, nonce, browser: b };
}

describe("identity centre (OpenID Connect provider)", () => {
  it("publishes discovery at APP_URL whatever Host and X-Forwarded-Host say", async () => {
    const res = await handleOidcRequest(
      new Request(`${ISSUER}/.well-known/openid-configuration`, { headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } }),
      db,
    );
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(ISSUER);
    for (const k of ["authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint", "end_session_endpoint", "revocation_endpoint"])
      expect(String(doc[k])).toMatch(new RegExp(`^${ISSUER}/oidc/`));
    expect(doc.code_challenge_methods_supported).toEqual(["S256"]);
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(["openid", "profile", "phone", "email", "loyalty"]));
    expect(JSON.stringify(doc)).not.toContain("evil.example");
  });

  it("signs a member in with code + PKCE: ID token, userinfo, refresh, consent asked once, audited", async () => {
    const config = await configFor(site.clientId, site.clientSecret);
    const { callback, verifier, state, nonce, browser: b } = await signIn(config);
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(member.id);
    expect(claims.iss).toBe(ISSUER);
    expect(claims.aud).toBe(site.clientId);
    expect(tokens.refresh_token).toBeTruthy();

    const card = await db.card.findFirst({ where: { customerId: member.id, status: "active" } });
    const info = await oidc.fetchUserInfo(config, tokens.access_token, member.id);
    expect(info).toMatchObject({ sub: member.id, name: "Ivan Petrov", given_name: "Ivan", family_name: "Petrov", phone_number: member.phone, phone_number_verified: true, email_verified: true });
    expect(info.loyalty_card).toBe(card?.number);
    expect(typeof info.loyalty_tier).toBe("string");

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).toBeTruthy();

    // The code is single-use, and replaying it revokes what it gave (RFC 6749 §4.1.2).
    await expect(oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce })).rejects.toMatchObject({ error: "invalid_grant" });
    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });

    // Same browser, second sign-in: the provider's session knows the member and the consent: straight back with a code.
    const again = await signIn(config, b, "openid profile", false);
    expect(again.callback.searchParams.get("code")).toBeTruthy();
    expect(await connectedSites(db, member.id)).toEqual([expect.objectContaining({ clientId: site.clientId, name: "Ticket site" })]);

    const audits = await db.auditLog.findMany({ where: { entityId: site.clientId, action: { in: ["oidc.token_issued", "oidc.sign_in"] } } });
    expect(audits.filter((a) => a.action === "oidc.token_issued").length).toBeGreaterThanOrEqual(2);
  });

  it("a revoked access token stops working; revoking the site in the profile ends its refresh tokens and asks consent again", async () => {
    const config = await configFor(site.clientId, site.clientSecret);
    const { callback, verifier, state, nonce } = await signIn(config, browser(), "openid profile", false);
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    await oidc.tokenRevocation(config, tokens.access_token);
    await expect(oidc.fetchUserInfo(config, tokens.access_token, member.id)).rejects.toBeTruthy();

    await revokeConsent(db, member.id, site.clientId);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
    expect(await connectedSites(db, member.id)).toEqual([]);
    await signIn(config, browser(), "openid profile", true);
  });

  it("answers protocol errors, never a 500", async () => {
    const config = await configFor(site.clientId, site.clientSecret);
    const verifier = oidc.randomPKCECodeVerifier();
    const challenge = await oidc.calculatePKCECodeChallenge(verifier);
    const b = browser();

    // Wrong redirect URI: an error page, no redirect to the unknown address.
    const wrong = await b.go(oidc.buildAuthorizationUrl(config, { redirect_uri: "http://localhost:4100/elsewhere", scope: "openid", code_challenge: challenge, code_challenge_method: "S256" }));
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get("location")).toBeNull();
    expect(await wrong.text()).toContain("invalid_redirect_uri");

    // Missing PKCE: invalid_request back at the site.
    const noPkce = await b.go(oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: "openid", state: "s1" }));
    expect(noPkce.status).toBe(303);
    const back = new URL(noPkce.headers.get("location")!);
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get("error")).toBe("invalid_request");

    // Wrong client secret: invalid_client (401) at the token endpoint.
    const { callback, verifier: v2 } = await signIn(config, browser(), "openid", false);
    const bad = await handleOidcRequest(
      new Request(`${ISSUER}/oidc/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${site.clientId}:not-the-secret`).toString("base64")}` },
        body: new URLSearchParams({ grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: REDIRECT, code_verifier: v2 }),
      }),
      db,
    );
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: string }).error).toBe("invalid_client");

    // Wrong PKCE verifier and an expired code: invalid_grant.
    const c2 = await signIn(config, browser(), "openid", false);
    await expect(oidc.authorizationCodeGrant(config, c2.callback, { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: c2.state })).rejects.toMatchObject({ error: "invalid_grant" });
    const c3 = await signIn(config, browser(), "openid", false);
    await db.oidcPayload.updateMany({ where: { kind: "AuthorizationCode", clientId: site.clientId, consumedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(oidc.authorizationCodeGrant(config, c3.callback, { pkceCodeVerifier: c3.verifier, expectedState: c3.state })).rejects.toMatchObject({ error: "invalid_grant" });

    // Unknown client.
    const unknown = await b.go(`${ISSUER}/oidc/auth?client_id=oic_nope&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(REDIRECT)}`);
    expect(unknown.status).toBe(400);
  });

  it("public clients need no secret and get no refresh token", async () => {
    const pub = await registerClient(db, programId, { type: "system" }, { name: "Fan app", redirectUris: [REDIRECT], public: true, scopes: ["openid", "profile"] });
    expect(pub.clientSecret).toBeNull();
    const config = await configFor(pub.clientId, null);
    const { callback, verifier, state, nonce } = await signIn(config, browser(), "openid profile", true, "Fan app");
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    expect(tokens.claims()!.sub).toBe(member.id);
    expect(tokens.refresh_token).toBeUndefined();
  });

  it("RP-initiated logout ends the provider session and the cabinet's session cookie", async () => {
    const config = await configFor(site.clientId, site.clientSecret);
    const { callback, verifier, state, nonce, browser: b } = await signIn(config, browser(), "openid", false);
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    b.jar.set(cabinetSessionCookie(), "cabinet-session");
    const page = await b.go(oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: AFTER_LOGOUT, state: "bye" }));
    expect(page.status).toBe(200);
    const html = await page.text();
    const action = html.match(/<form[^>]*action="([^"]+)"/)![1];
    const xsrf = html.match(/name="xsrf" value="([^"]+)"/)![1];
    const done = await b.go(new URL(action, ISSUER), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ xsrf, logout: "yes" }) });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${AFTER_LOGOUT}?state=bye`);
    expect(b.jar.has(cabinetSessionCookie())).toBe(false);
    // The provider's session is gone: the next sign-in goes through the cabinet again.
    const verifier2 = oidc.randomPKCECodeVerifier();
    const res = await b.go(
      oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: "openid", code_challenge: await oidc.calculatePKCECodeChallenge(verifier2), code_challenge_method: "S256" }),
    );
    expect(res.headers.get("location")).toMatch(/^\/cabinet\/connect\//);
  });

  it("rotates signing keys: new tokens carry the new key, tokens of the old key still verify", async () => {
    const config = await configFor(site.clientId, site.clientSecret);
    const first = await signIn(config, browser(), "openid", false);
    const t1 = await oidc.authorizationCodeGrant(config, first.callback, { pkceCodeVerifier: first.verifier, expectedState: first.state, expectedNonce: first.nonce });
    const { kid } = await rotateSigningKeys(db);
    resetOidcProvider();
    const config2 = await configFor(site.clientId, site.clientSecret);
    const second = await signIn(config2, browser(), "openid", false);
    const t2 = await oidc.authorizationCodeGrant(config2, second.callback, { pkceCodeVerifier: second.verifier, expectedState: second.state, expectedNonce: second.nonce });
    expect(decodeProtectedHeader(t2.id_token!).kid).toBe(kid);
    expect(decodeProtectedHeader(t1.id_token!).kid).not.toBe(kid);
    const jwks = (await (await handleOidcRequest(new Request(`${ISSUER}/oidc/jwks`), db)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([kid, decodeProtectedHeader(t1.id_token!).kid]));
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
    for (const token of [t1.id_token!, t2.id_token!]) {
      const key = jwks.keys.find((k) => k.kid === decodeProtectedHeader(token).kid)!;
      await expect(jwtVerify(token, createPublicKey({ key: key as never, format: "jwk" }), { issuer: ISSUER, audience: site.clientId })).resolves.toBeTruthy();
    }
  });
});

describe("identity centre housekeeping", () => {
  it("deletes expired artifacts, rotates a key older than 90 days and drops keys retired past the overlap", async () => {
    await db.oidcPayload.create({ data: { kind: "AccessToken", id: `old-${Date.now()}`, payload: {}, expiresAt: new Date(Date.now() - 60_000) } });
    const { runOidcHousekeeping } = await import("@/lib/jobs/oidc-housekeeping");
    const later = new Date(Date.now() + 91 * 86_400_000);
    const first = await runOidcHousekeeping(db, later);
    expect(first.purged).toBeGreaterThanOrEqual(1);
    expect(first.rotated).toBe(1);
    // Every earlier key was retired at `later`; three hours after, they are past the overlap.
    const after = await runOidcHousekeeping(db, new Date(later.getTime() + 3 * 3600_000));
    expect(after.rotated).toBe(0);
    expect(after.keysDeleted).toBeGreaterThanOrEqual(1);
    expect(await db.oidcSigningKey.count()).toBe(1);
    resetOidcProvider();
  });
});
