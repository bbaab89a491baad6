// The identity centre: oidc-provider (a certified OpenID Connect implementation) configured for
// Tribune — issuer APP_URL, keys and artifacts in PostgreSQL, members signing in through the
// cabinet, consent asked once per site, refresh tokens for confidential sites only.
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { appUrl, env } from "@/lib/env";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { definitionInForce } from "@/lib/program/in-force";
import { speakTier } from "@/lib/program/definition";
import { adapterFor } from "./adapter";
import { findConsent } from "./clients";
import { currentKid, signingKeys } from "./keys";
import { identityPage } from "./pages";

export const OIDC_PREFIX = "/oidc";

export const ROUTES = {
  authorization: `${OIDC_PREFIX}/auth`,
  token: `${OIDC_PREFIX}/token`,
  jwks: `${OIDC_PREFIX}/jwks`,
  userinfo: `${OIDC_PREFIX}/me`,
  end_session: `${OIDC_PREFIX}/session/end`,
  revocation: `${OIDC_PREFIX}/token/revocation`,
  introspection: `${OIDC_PREFIX}/token/introspection`,
  pushed_authorization_request: `${OIDC_PREFIX}/request`,
  code_verification: `${OIDC_PREFIX}/device`,
  device_authorization: `${OIDC_PREFIX}/device/auth`,
  registration: `${OIDC_PREFIX}/reg`,
  backchannel_authentication: `${OIDC_PREFIX}/backchannel`,
  challenge: `${OIDC_PREFIX}/challenge`,
  credential: `${OIDC_PREFIX}/credential`,
} as const;

/** Claims per scope (CONTRACTS.md, Identity). */
export const CLAIMS = {
  openid: ["sub"],
  profile: ["name", "given_name", "family_name", "locale"],
  phone: ["phone_number", "phone_number_verified"],
  email: ["email", "email_verified"],
  loyalty: ["loyalty_card", "loyalty_tier", "loyalty_tier_name"],
};

/** The member's claims: `sub` is the customer's stable id. */
export async function memberClaims(db: PrismaClient, customerId: string) {
  const c = await db.customer.findUnique({
    where: { id: customerId },
    include: { tier: { select: { tierCode: true } }, cards: { where: { status: "active" }, orderBy: { issuedAt: "desc" }, take: 1, select: { number: true } } },
  });
  if (!c || c.status !== "active") return null;
  const def = (await definitionInForce(db, c.programId))?.definition;
  // A member without a status row is in the program's entry status.
  const tier = def?.tiers.find((t) => t.code === c.tier?.tierCode) ?? (c.tier ? undefined : def?.tiers[0]);
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ") || undefined;
  return {
    programId: c.programId,
    claims: {
      sub: c.id,
      name,
      given_name: c.firstName ?? undefined,
      family_name: c.lastName ?? undefined,
      locale: c.locale ?? undefined,
      phone_number: c.phone ?? undefined,
      phone_number_verified: c.phone ? c.phoneVerifiedAt !== null : undefined,
      email: c.email ?? undefined,
      email_verified: c.email ? c.emailVerifiedAt !== null : undefined,
      loyalty_card: c.cards[0]?.number,
      loyalty_tier: c.tier?.tierCode ?? tier?.code,
      // In the member's language (else the program's).
      loyalty_tier_name: tier && def ? speakTier(def, tier, isLocale(c.locale) ? c.locale : undefined).name : undefined,
    },
  };
}

function cookieKeys(): string[] {
  const secret = env().AUTH_SECRET ?? "tribune-development-secret";
  return [createHash("sha256").update(`oidc-cookies:${secret}`).digest("base64url")];
}

async function configuration(db: PrismaClient): Promise<Configuration> {
  const keys = await signingKeys(db);
  return {
    adapter: adapterFor(() => db),
    jwks: { keys: keys as never },
    routes: ROUTES,
    scopes: ["openid", "offline_access", "profile", "phone", "email", "loyalty"],
    claims: CLAIMS,
    cookies: { keys: cookieKeys(), long: { signed: true, httpOnly: true, sameSite: "lax" }, short: { signed: true, httpOnly: true, sameSite: "lax" } },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // A site may revoke only its own tokens.
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = "html";
          ctx.body = identityPage({ kind: "logout", form, site: ctx.oidc.client?.clientName ?? null }, ctx.cookies.get(LOCALE_COOKIE));
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = "html";
          ctx.body = identityPage({ kind: "loggedOut", site: ctx.oidc.client?.clientName ?? null }, ctx.cookies.get(LOCALE_COOKIE));
        },
      },
    },
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      RefreshToken: 30 * 24 * 60 * 60,
      Interaction: 60 * 60,
      Session: 14 * 24 * 60 * 60,
      Grant: 365 * 24 * 60 * 60,
    },
    // Refresh tokens for confidential sites (they can keep a secret), never for public ones.
    issueRefreshToken: async (_ctx, client) => client.clientAuthMethod !== "none" && client.grantTypeAllowed("refresh_token"),
    interactions: { url: (_ctx, interaction) => `/cabinet/connect/${interaction.uid}` },
    // Consent is asked once per site: a stored consent becomes a grant for every new session.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client!;
      const accountId = ctx.oidc.session?.accountId;
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session?.grantIdFor(client.clientId);
      if (grantId) {
        const grant = await ctx.oidc.provider.Grant.find(grantId);
        if (grant) return grant;
      }
      if (!accountId) return undefined;
      const consent = await findConsent(db, accountId, client.clientId);
      if (!consent) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId });
      grant.addOIDCScope(consent.scopes.join(" "));
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, sub) => {
      const member = await memberClaims(db, sub);
      if (!member) return undefined;
      return { accountId: sub, claims: async () => member.claims };
    },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = identityPage({ kind: "error", error: String(out.error ?? "server_error"), description: out.error_description ? String(out.error_description) : null }, ctx.cookies.get(LOCALE_COOKIE));
    },
    extraClientMetadata: { properties: ["urn:tribune:program"] },
    clientBasedCORS: () => false,
    conformIdTokenClaims: true,
    enabledJWA: { idTokenSigningAlgValues: ["RS256"], requestObjectSigningAlgValues: ["RS256"], userinfoSigningAlgValues: ["RS256"] },
  };
}

type Holder = { __tribuneOidc?: { key: string; provider: Promise<Provider>; checkedAt: number } };
const holder = globalThis as unknown as Holder;
const KEY_CHECK_MS = 30_000;

async function build(db: PrismaClient, issuer: string): Promise<Provider> {
  const provider = new Provider(issuer, await configuration(db));
  // Where the provider is comes from APP_URL only (lib/identity/http.ts), never from proxy headers.
  provider.proxy = false;
  // Every issuance is audited: who, which site, which scopes.
  provider.on("grant.success", (ctx: KoaContextWithOIDC) => {
    const token = ctx.oidc.entities.AccessToken ?? ctx.oidc.entities.RefreshToken;
    const client = ctx.oidc.client;
    const accountId = ctx.oidc.entities.Account?.accountId ?? (token as { accountId?: string } | undefined)?.accountId;
    if (!client) return;
    void (async () => {
      const programId = (client.metadata() as Record<string, unknown>)["urn:tribune:program"] as string | undefined;
      await writeAudit(db, {
        programId,
        actor: { type: "customer", id: accountId ?? null },
        action: "oidc.token_issued",
        entityType: "oidc_client",
        entityId: client.clientId,
        after: { grantType: ctx.oidc.params?.grant_type, scope: (token as { scope?: string } | undefined)?.scope },
      });
    })().catch((e) => console.error("[oidc] audit failed", e));
  });
  provider.on("server_error", (_ctx, err) => console.error("[oidc] server_error", err));
  return provider;
}

/** The provider for this process; rebuilt when the signing key rotates or the issuer changes. */
export async function oidcProvider(db: PrismaClient): Promise<Provider> {
  const issuer = appUrl();
  const now = Date.now();
  const h = holder.__tribuneOidc;
  if (h && now - h.checkedAt < KEY_CHECK_MS && h.key.startsWith(`${issuer}|`)) return h.provider;
  const key = `${issuer}|${(await currentKid(db)) ?? "none"}`;
  if (h && h.key === key) {
    h.checkedAt = now;
    return h.provider;
  }
  const provider = build(db, issuer);
  holder.__tribuneOidc = { key, provider, checkedAt: now };
  provider.catch(() => {
    if (holder.__tribuneOidc?.provider === provider) holder.__tribuneOidc = undefined;
  });
  // The first build may have created the first key: remember the key it really used.
  await provider;
  holder.__tribuneOidc = { key: `${issuer}|${(await currentKid(db)) ?? "none"}`, provider, checkedAt: now };
  return provider;
}

/** Tests: forget the cached provider (after rotating keys or changing APP_URL). */
export function resetOidcProvider() {
  holder.__tribuneOidc = undefined;
}
