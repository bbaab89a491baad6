// POS keys of the partner's own stores: the console's issue/revoke with the partner as scope, so
// another partner's store or terminal is "not found" (lib/admin/terminals.ts).
import type { Db } from "@/lib/db/client";
import { issueTerminalKey, revokeTerminal } from "@/lib/admin/terminals";

export interface PartnerActor {
  partnerId: string;
  staffUserId: string;
}

export function issuePartnerTerminalKey(db: Db, actor: PartnerActor, input: { storeId: string; name: string }) {
  return issueTerminalKey(db, { ...input, partnerId: actor.partnerId, staffUserId: actor.staffUserId });
}

/** Revokes a key of one of the partner's stores. Revoking twice is a no-op. */
export function revokePartnerTerminal(db: Db, actor: PartnerActor, input: { terminalId: string }) {
  return revokeTerminal(db, { terminalId: input.terminalId, partnerId: actor.partnerId, staffUserId: actor.staffUserId });
}
