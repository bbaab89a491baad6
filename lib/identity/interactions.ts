// The member's side of a site's sign-in: the cabinet's session is the login, consent is asked once
// per site (and remembered in OidcConsent), and the provider continues at the interaction's returnTo.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { displayName } from "@/lib/customers/display-name";
import { findConsent, recordConsent } from "./clients";
import { oidcProvider } from "./provider";

export interface PendingSignIn {
  uid: string;
  clientId: string;
  siteName: string;
  programId: string;
  scopes: string[];
  /** The member already agreed to every scope asked: no page is needed. */
  consented: boolean;
}

/** The interaction waiting for the member, or null when it expired or never existed. */
export async function pendingSignIn(db: PrismaClient, uid: string, customerId: string): Promise<PendingSignIn | null> {
  const provider = await oidcProvider(db);
  const interaction = await provider.Interaction.find(uid);
  if (!interaction) return null;
  const clientId = String(interaction.params.client_id ?? "");
  const client = await db.oidcClient.findUnique({ where: { id: clientId } });
  if (!client || !client.active) return null;
  const scopes = String(interaction.params.scope ?? "openid")
    .split(/\s+/)
    .filter((s) => client.scopes.includes(s));
  const consent = await findConsent(db, customerId, clientId);
  const consented = !!consent && scopes.every((s) => consent.scopes.includes(s));
  return { uid, clientId, siteName: client.name, programId: client.programId, scopes, consented };
}

/**
 * Finishes the interaction for the signed-in member: `allow` logs them in and grants the scopes
 * (remembered for next time), `deny` answers the site `access_denied`. Returns where to continue.
 */
export async function finishSignIn(db: PrismaClient, uid: string, member: { id: string; programId: string }, decision: "allow" | "deny"): Promise<string | null> {
  const provider = await oidcProvider(db);
  const interaction = await provider.Interaction.find(uid);
  if (!interaction) return null;
  const clientId = String(interaction.params.client_id ?? "");
  const client = await db.oidcClient.findUnique({ where: { id: clientId } });
  if (!client || !client.active) return null;
  if (decision === "deny" || client.programId !== member.programId) {
    interaction.result = { error: "access_denied", error_description: decision === "deny" ? "The member declined." : "The member belongs to another program." };
  } else {
    const scopes = String(interaction.params.scope ?? "openid")
      .split(/\s+/)
      .filter((s) => client.scopes.includes(s));
    const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
    const grant = existing && existing.accountId === member.id ? existing : new provider.Grant({ accountId: member.id, clientId });
    grant.addOIDCScope(scopes.join(" "));
    const details = interaction.prompt.details as { missingOIDCClaims?: string[] };
    if (details.missingOIDCClaims?.length) grant.addOIDCClaims(details.missingOIDCClaims);
    const grantId = await grant.save();
    await recordConsent(db, member.programId, member.id, clientId, scopes);
    await writeAudit(db, { programId: member.programId, actor: { type: "customer", id: member.id }, action: "oidc.sign_in", entityType: "oidc_client", entityId: clientId, after: { scopes } });
    interaction.result = { login: { accountId: member.id }, consent: { grantId } };
  }
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
  return interaction.returnTo;
}

/** How the consent page names the signed-in member. */
export async function memberDisplayName(db: PrismaClient, customerId: string): Promise<string> {
  const m = await db.customer.findUnique({ where: { id: customerId }, select: { firstName: true, lastName: true, phone: true } });
  return m ? displayName(m) : "";
}
