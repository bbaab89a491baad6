// Demo data of the identity centre: the club's ticket site and web shop sign fans in through
// Tribune. Fans who bought online there have connected the site (consent on their first online
// purchase), so the console's "Sites" page and the fans' profiles show real numbers.
import type { Db } from "@/lib/db/client";
import { hashClientSecret } from "@/lib/identity/clients";
import { randomBytes } from "node:crypto";

export const DEMO_SITES = [
  {
    id: "oic_demo_tickets",
    name: "Tickets · tickets.fc-tribune.example",
    store: "ticket-site",
    redirect: "https://tickets.fc-tribune.example/auth/callback",
    logout: "https://tickets.fc-tribune.example/",
    scopes: ["openid", "profile", "phone", "email", "loyalty"],
  },
  {
    id: "oic_demo_shop",
    name: "Web shop · shop.fc-tribune.example",
    store: "web-shop",
    redirect: "https://shop.fc-tribune.example/oidc/callback",
    logout: "https://shop.fc-tribune.example/",
    scopes: ["openid", "profile", "email", "loyalty"],
  },
] as const;

export async function seedSites(db: Db, opts: { programId: string; since: Date; log?: (l: string) => void }) {
  let connected = 0;
  for (const s of DEMO_SITES) {
    await db.oidcClient.upsert({
      where: { id: s.id },
      update: {},
      create: {
        id: s.id,
        programId: opts.programId,
        name: s.name,
        redirectUris: [s.redirect],
        postLogoutRedirectUris: [s.logout],
        secretHash: hashClientSecret(randomBytes(32).toString("base64url")),
        scopes: [...s.scopes],
        createdAt: opts.since,
      },
    });
    connected += await db.$executeRaw`
      INSERT INTO "OidcConsent" ("programId", "customerId", "clientId", "scopes", "createdAt", "updatedAt")
      SELECT ${opts.programId}, p."customerId", ${s.id}, ${[...s.scopes]}::text[], min(p."at"), min(p."at")
      FROM "Purchase" p JOIN "Store" st ON st.id = p."storeId"
      WHERE st."programId" = ${opts.programId} AND st.code = ${s.store} AND p."customerId" IS NOT NULL
      GROUP BY p."customerId"
      ON CONFLICT DO NOTHING`;
  }
  opts.log?.(`${DEMO_SITES.length} identity-centre sites, ${connected.toLocaleString("en")} connected fans`);
}
