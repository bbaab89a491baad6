// A pass's authentication token (Authorization: ApplePass <token>): derived from the card id with
// an HMAC keyed by AUTH_SECRET, so a pass downloaded again keeps the token its devices registered
// with; the database keeps only its SHA-256 (WalletPass.authTokenHash).
import type { Db } from "@/lib/db/client";
import { sha256Hex } from "@/lib/hash";
import { sameHash, secretHash } from "@/lib/messaging/limits";

export const passAuthToken = (cardId: string) => secretHash("wallet-pass", cardId);

export const tokenHash = sha256Hex;

/** Records that the card is a pass of this type (idempotent: a second download changes nothing). */
export async function recordPass(db: Db, cardId: string, passTypeId: string) {
  const authTokenHash = tokenHash(passAuthToken(cardId));
  // One statement: two downloads at the same moment record one row.
  await db.$executeRaw`
    insert into "WalletPass" ("cardId", "programId", "customerId", "passTypeId", "authTokenHash")
    select c.id, c."programId", c."customerId", ${passTypeId}, ${authTokenHash} from "Card" c where c.id = ${cardId}
    on conflict ("cardId") do update set "passTypeId" = excluded."passTypeId", "authTokenHash" = excluded."authTokenHash"`;
}

/** Whether `token` is the pass's token (constant-time); false for a card never downloaded as a pass. */
export async function passTokenValid(db: Db, passTypeId: string, cardId: string, token: string | null): Promise<boolean> {
  if (!token) return false;
  const pass = await db.walletPass.findUnique({ where: { cardId }, select: { passTypeId: true, authTokenHash: true } });
  return !!pass && pass.passTypeId === passTypeId && sameHash(pass.authTokenHash, tokenHash(token));
}

/** The token of an `Authorization: ApplePass <token>` header, or null. */
export function applePassToken(header: string | null): string | null {
  const m = /^ApplePass\s+(\S+)$/.exec(header ?? "");
  return m ? m[1] : null;
}
