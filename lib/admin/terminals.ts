// POS keys of a store: issued once (only the SHA-256 is kept), revoked for good. Used by the
// console's Stores page and by `npm run pos:key`. A key a partner manager issues from the partner
// portal waits for the owner's approval (the POS API answers 403 terminal_not_approved until then);
// the owner's own keys work at once.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { hashTerminalKey } from "@/lib/pos/terminal-auth";

export { hashTerminalKey };

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const KEY_PREFIX = "trm_live_";
export const KEY_PATTERN = /^trm_live_[0-9A-Za-z]{32}$/;

/** `trm_live_` + 32 base62 characters (≈190 bits), unbiased (rejection sampling). */
export function generateTerminalKey(): string {
  let out = "";
  while (out.length < 32) {
    for (const b of randomBytes(48)) {
      if (b < 248 && out.length < 32) out += BASE62[b % 62];
    }
  }
  return KEY_PREFIX + out;
}

/** What lists show to recognise a key: "trm_live_ab12". */
export function keyPrefixOf(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 4);
}

export interface IssueTerminalKeyInput {
  storeId: string;
  name: string;
  staffUserId?: string | null;
  /** When given, the store must belong to this program (console); the CLI may omit it. */
  programId?: string;
  /** Partner portal: the store must belong to this partner (else "not found"). */
  partnerId?: string;
}

/** Creates a terminal with a new key. The key is returned here only; the database keeps its hash. */
export async function issueTerminalKey(db: Db, input: IssueTerminalKeyInput) {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new AppError("invalid_request", "The terminal needs a name (up to 100 characters)", { details: [{ path: "name", message: "required" }] });
  const store = await db.store.findFirst({
    where: { id: input.storeId, ...(input.programId ? { programId: input.programId } : {}), ...(input.partnerId ? { partnerId: input.partnerId } : {}) },
  });
  if (!store) throw new AppError("not_found", "No such store");
  const key = generateTerminalKey();
  const terminal = await db.$transaction(async (tx) => {
    const t = await tx.terminal.create({
      data: { id: createId("trm"), programId: store.programId, storeId: store.id, name, keyPrefix: keyPrefixOf(key), keyHash: hashTerminalKey(key), pendingApproval: Boolean(input.partnerId) },
    });
    await writeAudit(tx, {
      programId: store.programId,
      actor: input.staffUserId ? { type: "staff", id: input.staffUserId } : { type: "system" },
      action: "terminal.issue",
      entityType: "Terminal",
      entityId: t.id,
      after: { storeId: store.id, storeCode: store.code, name, keyPrefix: t.keyPrefix, pendingApproval: t.pendingApproval, ...(input.partnerId ? { partnerId: input.partnerId } : {}) },
    });
    return t;
  });
  return { terminal, key };
}

export interface RevokeTerminalInput {
  terminalId: string;
  staffUserId?: string | null;
  programId?: string;
  /** Partner portal: the terminal's store must belong to this partner (else "not found"). */
  partnerId?: string;
  reason?: string | null;
}

/** Revokes a key: the POS API answers 401 from now on. Revoking twice is a no-op. */
export async function revokeTerminal(db: Db, input: RevokeTerminalInput) {
  return db.$transaction(async (tx) => {
    const t = await tx.terminal.findFirst({
      where: {
        id: input.terminalId,
        store: { ...(input.programId ? { programId: input.programId } : {}), ...(input.partnerId ? { partnerId: input.partnerId } : {}) },
      },
      include: { store: { select: { programId: true, code: true } } },
    });
    if (!t) throw new AppError("not_found", "No such terminal");
    if (t.revoked) return t;
    const updated = await tx.terminal.update({ where: { id: t.id }, data: { revoked: true, revokedAt: new Date() } });
    await writeAudit(tx, {
      programId: t.store.programId,
      actor: input.staffUserId ? { type: "staff", id: input.staffUserId } : { type: "system" },
      action: "terminal.revoke",
      entityType: "Terminal",
      entityId: t.id,
      reason: input.reason ?? null,
      before: { revoked: false, keyPrefix: t.keyPrefix, storeCode: t.store.code },
      after: { revoked: true, ...(input.partnerId ? { partnerId: input.partnerId } : {}) },
    });
    return updated;
  });
}

/**
 * The owner approves a key a partner manager issued: from now on the POS API accepts it. One
 * conditional UPDATE (pending and not revoked); approving twice or a revoked key is refused.
 */
export async function approveTerminal(db: Db, input: { terminalId: string; programId: string; staffUserId: string }) {
  return db.$transaction(async (tx) => {
    const t = await tx.terminal.findFirst({ where: { id: input.terminalId, store: { programId: input.programId } }, include: { store: { select: { programId: true, code: true, partnerId: true } } } });
    if (!t) throw new AppError("not_found", "No such terminal");
    const now = new Date();
    const done = await tx.terminal.updateMany({ where: { id: t.id, pendingApproval: true, revoked: false }, data: { pendingApproval: false, approvedAt: now, approvedById: input.staffUserId } });
    if (done.count !== 1) throw new AppError("invalid_state", t.revoked ? "The key is revoked" : "The key is already active");
    await writeAudit(tx, {
      programId: t.store.programId,
      actor: { type: "staff", id: input.staffUserId },
      action: "terminal.approve",
      entityType: "Terminal",
      entityId: t.id,
      before: { pendingApproval: true, keyPrefix: t.keyPrefix, storeCode: t.store.code },
      after: { pendingApproval: false, partnerId: t.store.partnerId },
    });
    return tx.terminal.findUniqueOrThrow({ where: { id: t.id } });
  });
}
