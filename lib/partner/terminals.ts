// POS keys of the partner's own stores: issue (the key is returned once) and revoke, audited.
// The partner scope is part of every query: another partner's store or terminal is not found.
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { generateTerminalKey, hashTerminalKey, keyPrefixOf } from "@/lib/admin/terminals";

export interface PartnerActor {
  partnerId: string;
  staffUserId: string;
}

export async function issuePartnerTerminalKey(db: Db, actor: PartnerActor, input: { storeId: string; name: string }) {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new AppError("invalid_request", "The terminal needs a name (up to 100 characters)", { details: [{ path: "name", message: "required" }] });
  return db.$transaction(async (tx) => {
    const store = await tx.store.findFirst({ where: { id: input.storeId, partnerId: actor.partnerId }, select: { id: true, code: true, programId: true } });
    if (!store) throw new AppError("not_found", "No such store");
    const key = generateTerminalKey();
    const terminal = await tx.terminal.create({ data: { id: createId("trm"), storeId: store.id, name, keyPrefix: keyPrefixOf(key), keyHash: hashTerminalKey(key) } });
    await writeAudit(tx, {
      programId: store.programId,
      actor: { type: "staff", id: actor.staffUserId },
      action: "terminal.issue",
      entityType: "Terminal",
      entityId: terminal.id,
      after: { storeId: store.id, storeCode: store.code, name, keyPrefix: terminal.keyPrefix, partnerId: actor.partnerId, via: "partner-portal" },
    });
    return { terminal, key };
  });
}

/** Revokes a key of one of the partner's stores. Revoking twice is a no-op. */
export async function revokePartnerTerminal(db: Db, actor: PartnerActor, input: { terminalId: string }) {
  return db.$transaction(async (tx) => {
    const scope = { id: input.terminalId, store: { partnerId: actor.partnerId } };
    const t = await tx.terminal.findFirst({ where: scope, include: { store: { select: { programId: true, code: true } } } });
    if (!t) throw new AppError("not_found", "No such terminal");
    if (t.revoked) return t;
    const at = new Date();
    await tx.terminal.updateMany({ where: { ...scope, revoked: false }, data: { revoked: true, revokedAt: at } });
    await writeAudit(tx, {
      programId: t.store.programId,
      actor: { type: "staff", id: actor.staffUserId },
      action: "terminal.revoke",
      entityType: "Terminal",
      entityId: t.id,
      before: { revoked: false, keyPrefix: t.keyPrefix, storeCode: t.store.code },
      after: { revoked: true, partnerId: actor.partnerId, via: "partner-portal" },
    });
    return { ...t, revoked: true, revokedAt: at };
  });
}
