// Appends one audit entry: who did what to which record, before and after.
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditActor = { type: "staff" | "customer" | "terminal" | "system"; id?: string | null };

type Tx = Pick<Prisma.TransactionClient, "auditLog">;

export interface AuditEntry {
  programId?: string | null;
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

const json = (v: unknown) => (v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue));

export async function writeAudit(tx: Tx, e: AuditEntry) {
  await tx.auditLog.create({
    data: {
      programId: e.programId ?? null,
      actorType: e.actor.type,
      actorId: e.actor.id ?? null,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      reason: e.reason ?? null,
      before: json(e.before),
      after: json(e.after),
    },
  });
}
