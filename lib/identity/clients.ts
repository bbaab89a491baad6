// Sites that sign members in through Tribune (OIDC clients): registration, the metadata the provider
// sees, and members' consents (connected sites on the cabinet's profile).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { sha256Hex } from "@/lib/hash";
import { createId } from "@/lib/ids";

/** Scopes a site may be allowed (CONTRACTS.md, Identity). */
export const OIDC_SCOPES = ["openid", "profile", "phone", "email", "loyalty", "offline_access"] as const;
export type OidcScope = (typeof OIDC_SCOPES)[number];

/** The provider compares hashes only: the presented secret is hashed before it reaches it. */
export const hashClientSecret = sha256Hex;

const uri = z
  .string()
  .trim()
  .url()
  .refine((u) => !u.includes("#"), { message: "must not contain a fragment" })
  .refine((u) => /^https:\/\//.test(u) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//.test(u), { message: "must be https (http only for localhost)" });

export const clientInput = z.object({
  name: z.string().trim().min(2).max(80),
  redirectUris: z.array(uri).min(1).max(10),
  postLogoutRedirectUris: z.array(uri).max(10).default([]),
  public: z.boolean().default(false),
  scopes: z
    .array(z.enum(OIDC_SCOPES))
    .default(["openid", "profile", "phone", "email", "loyalty"])
    .refine((s) => s.includes("openid"), { message: "must include openid" }),
});
export type ClientInput = z.input<typeof clientInput>;

export interface RegisteredClient {
  clientId: string;
  /** Shown once; null for public clients. */
  clientSecret: string | null;
}

export async function registerClient(db: PrismaClient, programId: string, actor: AuditActor, raw: ClientInput): Promise<RegisteredClient> {
  const input = clientInput.parse(raw);
  const clientId = createId("oic");
  const clientSecret = input.public ? null : randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    await tx.oidcClient.create({
      data: {
        id: clientId,
        programId,
        name: input.name,
        redirectUris: input.redirectUris,
        postLogoutRedirectUris: input.postLogoutRedirectUris,
        public: input.public,
        secretHash: clientSecret ? hashClientSecret(clientSecret) : null,
        scopes: [...new Set(input.scopes)],
        createdById: actor.type === "staff" ? (actor.id ?? null) : null,
      },
    });
    await writeAudit(tx, { programId, actor, action: "oidc_client.register", entityType: "oidc_client", entityId: clientId, after: { ...input } });
  });
  return { clientId, clientSecret };
}

/** A new secret for a confidential client (the old one stops working at once). */
export async function rotateClientSecret(db: PrismaClient, programId: string, actor: AuditActor, clientId: string): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    const { count } = await tx.oidcClient.updateMany({ where: { id: clientId, programId, public: false }, data: { secretHash: hashClientSecret(secret) } });
    if (count !== 1) throw new AppError("not_found", "No confidential site with this id.");
    await writeAudit(tx, { programId, actor, action: "oidc_client.rotate_secret", entityType: "oidc_client", entityId: clientId });
  });
  return secret;
}

export async function setClientActive(db: PrismaClient, programId: string, actor: AuditActor, clientId: string, active: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.oidcClient.updateMany({ where: { id: clientId, programId }, data: { active } });
    if (count !== 1) throw new AppError("not_found", "No site with this id.");
    if (!active) await tx.oidcPayload.deleteMany({ where: { clientId } });
    await writeAudit(tx, { programId, actor, action: active ? "oidc_client.enable" : "oidc_client.disable", entityType: "oidc_client", entityId: clientId });
  });
}

export async function listClients(db: PrismaClient, programId: string) {
  const rows = await db.oidcClient.findMany({ where: { programId }, orderBy: { createdAt: "desc" }, include: { _count: { select: { consents: true } } } });
  return rows.map(({ secretHash, _count, ...c }) => ({ ...c, confidential: secretHash !== null, members: _count.consents }));
}

/** What oidc-provider's Client model sees; null for unknown or disabled sites. */
export async function clientMetadata(db: PrismaClient, clientId: string) {
  const c = await db.oidcClient.findUnique({ where: { id: clientId } });
  if (!c || !c.active) return null;
  return {
    client_id: c.id,
    client_name: c.name,
    redirect_uris: c.redirectUris,
    post_logout_redirect_uris: c.postLogoutRedirectUris,
    response_types: ["code"],
    grant_types: c.public ? ["authorization_code"] : ["authorization_code", "refresh_token"],
    token_endpoint_auth_method: c.public ? "none" : "client_secret_basic",
    ...(c.public ? {} : { client_secret: c.secretHash ?? undefined }),
    scope: c.scopes.join(" "),
    "urn:tribune:program": c.programId,
  };
}

// ---------------------------------------------------------------------------------------------
// Consents: a member agrees once per site; revoking ends every token the site holds for them.

export async function recordConsent(db: PrismaClient, programId: string, customerId: string, clientId: string, scopes: string[]) {
  await db.oidcConsent.upsert({
    where: { customerId_clientId: { customerId, clientId } },
    create: { programId, customerId, clientId, scopes },
    update: { scopes },
  });
}

export async function findConsent(db: PrismaClient, customerId: string, clientId: string) {
  return db.oidcConsent.findUnique({ where: { customerId_clientId: { customerId, clientId } } });
}

export async function connectedSites(db: PrismaClient, customerId: string) {
  const rows = await db.oidcConsent.findMany({ where: { customerId, client: { active: true } }, include: { client: { select: { name: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({ clientId: r.clientId, name: r.client.name, scopes: r.scopes, since: r.createdAt }));
}

export async function revokeConsent(db: PrismaClient, customerId: string, clientId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { programId: true } });
    const { count } = await tx.oidcConsent.deleteMany({ where: { customerId, clientId } });
    if (count !== 1) throw new AppError("not_found", "This site is not connected.");
    // Every code, token and grant the site holds for this member.
    await tx.oidcPayload.deleteMany({ where: { accountId: customerId, clientId } });
    await writeAudit(tx, { programId: customer?.programId, actor: { type: "customer", id: customerId }, action: "oidc_consent.revoke", entityType: "oidc_client", entityId: clientId });
  });
}
