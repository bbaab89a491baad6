// Signing keys of the identity centre, kept in the database: the newest signs, the previous ones
// stay in the JWKS until every token they signed has expired (rotation without breaking sites).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** The longest a token signed by a key stays verifiable (ID and access tokens live an hour). */
export const KEY_OVERLAP_SECONDS = 2 * 60 * 60;

export type PrivateJwk = { kid: string; kty: string; alg: string; use: string } & Record<string, unknown>;

function newKey(): PrivateJwk {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" }) as Record<string, unknown>;
  return { ...jwk, kid: randomBytes(12).toString("base64url"), alg: "RS256", use: "sig" } as PrivateJwk;
}

/** The published keys, newest first; creates the first key when there is none. */
export async function signingKeys(db: PrismaClient): Promise<PrivateJwk[]> {
  let rows = await db.oidcSigningKey.findMany({ orderBy: { createdAt: "desc" } });
  if (rows.length === 0) {
    const key = newKey();
    // Two processes starting together: the first insert wins, the other reads it back.
    await db.$executeRaw`INSERT INTO "OidcSigningKey" ("kid", "privateJwk") SELECT ${key.kid}, ${JSON.stringify(key)}::jsonb WHERE NOT EXISTS (SELECT 1 FROM "OidcSigningKey")`;
    rows = await db.oidcSigningKey.findMany({ orderBy: { createdAt: "desc" } });
  }
  return rows.map((r) => r.privateJwk as PrivateJwk);
}

/** The newest key's id: the provider is rebuilt when it changes. */
export async function currentKid(db: PrismaClient): Promise<string | null> {
  const row = await db.oidcSigningKey.findFirst({ orderBy: { createdAt: "desc" }, select: { kid: true } });
  return row?.kid ?? null;
}

/**
 * Rotation: a new key signs from now on; the previous ones are marked retired and deleted once
 * retired for longer than KEY_OVERLAP_SECONDS. Serialised by an advisory lock.
 */
export async function rotateSigningKeys(db: PrismaClient, now = new Date()): Promise<{ kid: string; deleted: number }> {
  const key = newKey();
  return db.$transaction(async (tx: Prisma.TransactionClient) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tribune:oidc-keys'))`;
    await tx.oidcSigningKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: now } });
    await tx.oidcSigningKey.create({ data: { kid: key.kid, privateJwk: key as unknown as Prisma.InputJsonValue, createdAt: now } });
    const { count } = await tx.oidcSigningKey.deleteMany({ where: { retiredAt: { lt: new Date(now.getTime() - KEY_OVERLAP_SECONDS * 1000) } } });
    return { kid: key.kid, deleted: count };
  });
}

/** Keys sign for 90 days, then the nightly housekeeping rotates them. */
export const KEY_LIFETIME_DAYS = 90;

/** Rotates when the newest key is older than KEY_LIFETIME_DAYS; deletes keys retired long enough. */
export async function rotateSigningKeysIfDue(db: PrismaClient, now = new Date()): Promise<{ rotated: number; deleted: number }> {
  const newest = await db.oidcSigningKey.findFirst({ orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  if (newest && now.getTime() - newest.createdAt.getTime() >= KEY_LIFETIME_DAYS * 86_400_000) {
    const { deleted } = await rotateSigningKeys(db, now);
    return { rotated: 1, deleted };
  }
  const { count } = await db.oidcSigningKey.deleteMany({ where: { retiredAt: { lt: new Date(now.getTime() - KEY_OVERLAP_SECONDS * 1000) } } });
  return { rotated: 0, deleted: count };
}
