// Support actions on one customer: block / unblock (ends their sessions) and a new card (the old
// ones are marked replaced). Each needs a reason and writes an audit entry with before and after.
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { issueCard } from "@/lib/cards/issue-card";

interface Base {
  programId: string;
  customerId: string;
  staffUserId: string;
  reason: string;
}

function needReason(reason: string | undefined) {
  const r = reason?.trim();
  if (!r) throw new AppError("invalid_request", "A reason is required", { details: [{ path: "reason", message: "required" }] });
  return r;
}

export async function setCustomerBlocked(db: Db, input: Base & { blocked: boolean }) {
  const reason = needReason(input.reason);
  return db.$transaction(async (tx) => {
    const c = await tx.customer.findFirst({ where: { id: input.customerId, programId: input.programId }, select: { id: true, status: true, sessionVersion: true } });
    if (!c) throw new AppError("customer_not_found", "Customer not found");
    const status = input.blocked ? "blocked" : "active";
    if (c.status === status) return c;
    // Blocking ends every session of the customer (the session check compares sessionVersion).
    const updated = await tx.customer.update({
      where: { id: c.id },
      data: { status, ...(input.blocked ? { sessionVersion: { increment: 1 } } : {}) },
      select: { id: true, status: true, sessionVersion: true },
    });
    await writeAudit(tx, {
      programId: input.programId,
      actor: { type: "staff", id: input.staffUserId },
      action: input.blocked ? "customer.block" : "customer.unblock",
      entityType: "Customer",
      entityId: c.id,
      reason,
      before: { status: c.status },
      after: { status: updated.status },
    });
    return updated;
  });
}

/** Issues a new virtual card; the customer's active cards become "replaced" (they stop working at tills). */
export async function issueReplacementCard(db: Db, input: Base) {
  const reason = needReason(input.reason);
  return db.$transaction(async (tx) => {
    const c = await tx.customer.findFirst({ where: { id: input.customerId, programId: input.programId }, select: { id: true } });
    if (!c) throw new AppError("customer_not_found", "Customer not found");
    const old = await tx.card.findMany({ where: { customerId: c.id, status: "active" }, select: { id: true, number: true } });
    await tx.card.updateMany({ where: { id: { in: old.map((o) => o.id) } }, data: { status: "replaced" } });
    const card = await issueCard(tx, input.programId, c.id);
    await writeAudit(tx, {
      programId: input.programId,
      actor: { type: "staff", id: input.staffUserId },
      action: "card.reissue",
      entityType: "Customer",
      entityId: c.id,
      reason,
      before: { activeCards: old.map((o) => o.number) },
      after: { activeCards: [card.number], replaced: old.map((o) => o.number) },
    });
    return { card, replaced: old.map((o) => o.number) };
  });
}
