// The identity centre's nightly work: expired codes, tokens, sessions and interactions are deleted,
// and the signing key is rotated when it is due (the old one stays published until its tokens expire).
import type { Db } from "@/lib/db/client";
import { purgeExpiredOidcPayloads } from "@/lib/identity/adapter";
import { rotateSigningKeysIfDue } from "@/lib/identity/keys";

export async function runOidcHousekeeping(db: Db, now: Date): Promise<Record<string, number>> {
  const purged = await purgeExpiredOidcPayloads(db, now);
  const { rotated, deleted } = await rotateSigningKeysIfDue(db, now);
  return { purged, rotated, keysDeleted: deleted };
}
