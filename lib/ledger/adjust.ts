// Manual adjustment by staff (support correcting a balance): a positive amount is a new lot, a
// negative one is spent from the soonest-expiring lots and never takes the balance below zero.
// One transaction with the account lock (see lock-accounts.ts), and an audit log entry with the
// balances before and after.
import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db/client";
import { AppError, type ErrorDetail } from "@/lib/errors";
import { accrue } from "./accrue";
import { lockAccounts } from "./lock-accounts";
import { spend } from "./spend";
import type { AccountKind, Balances } from "./types";

export interface AdjustInput {
  customerId: string;
  account: AccountKind;
  /** Signed, non-zero. */
  points: number;
  /** Why (shown in the history and the audit log). Required. */
  reason: string;
  staffUserId: string;
  /** For added points; null or absent: they never expire. */
  expiresAt?: Date | null;
  at?: Date;
}

export interface AdjustResult {
  entryId: string;
  accountId: string;
  before: Balances;
  after: Balances;
}

const balances = (a: Balances): Balances => ({ available: a.available, held: a.held, pending: a.pending, debt: a.debt });

export async function adjustPoints(db: Db, input: AdjustInput): Promise<AdjustResult> {
  const at = input.at ?? new Date();
  const reason = typeof input.reason === "string" ? input.reason.trim() : "";
  const details: ErrorDetail[] = [];
  if (!Number.isSafeInteger(input.points) || input.points === 0) details.push({ path: "points", message: "must be a non-zero whole number" });
  if (!reason) details.push({ path: "reason", message: "is required" });
  if (input.account !== "main" && input.account !== "promo") details.push({ path: "account", message: 'must be "main" or "promo"' });
  if (input.expiresAt && input.points > 0 && input.expiresAt <= at) details.push({ path: "expiresAt", message: "must be in the future" });
  if (details.length) throw new AppError("invalid_request", "Invalid adjustment", { details });
  const customer = await db.customer.findUnique({ where: { id: input.customerId }, select: { id: true, programId: true } });
  if (!customer) throw new AppError("customer_not_found", "Customer not found");

  return db.$transaction(async (tx) => {
    const accounts = await lockAccounts(tx, customer.programId, customer.id);
    const acc = accounts[input.account];
    const before = balances(acc);
    const refs = { staffUserId: input.staffUserId, note: reason };
    let entryId: string;
    if (input.points > 0) {
      const r = await accrue(tx, acc, {
        amount: input.points,
        at,
        activation: { kind: "immediate" },
        expiresAt: input.expiresAt ?? null,
        reason: "manual",
        type: "adjustment",
        ...refs,
      });
      entryId = r!.entryId;
    } else {
      // Throws insufficient_points (and the transaction writes nothing) when the balance is short.
      entryId = await spend(tx, acc, { amount: -input.points, at, reason: "manual", type: "adjustment", ...refs });
    }
    const after = balances(acc);
    await writeAudit(tx, {
      programId: customer.programId,
      actor: { type: "staff", id: input.staffUserId },
      action: "points.adjust",
      entityType: "account",
      entityId: acc.id,
      reason,
      before: { ...before, account: input.account, customerId: customer.id },
      after: { ...after, account: input.account, customerId: customer.id, points: input.points, entryId },
    });
    return { entryId, accountId: acc.id, before, after };
  });
}
