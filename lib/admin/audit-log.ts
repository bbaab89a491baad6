// The audit log viewer's query: filters by actor, action, entity and date, newest first.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditFilters {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
}

export async function searchAudit(db: Db, programId: string, f: AuditFilters, opts: { limit: number; offset: number; desc?: boolean }) {
  const where: Prisma.AuditLogWhereInput = {
    programId,
    ...(f.actorId ? { actorId: f.actorId } : {}),
    ...(f.action ? { action: { startsWith: f.action } } : {}),
    ...(f.entityType ? { entityType: { equals: f.entityType, mode: "insensitive" } } : {}),
    ...(f.entityId ? { entityId: f.entityId } : {}),
    ...(f.from || f.to ? { at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
  const rows = await db.auditLog.findMany({ where, orderBy: [{ at: opts.desc === false ? "asc" : "desc" }, { id: opts.desc === false ? "asc" : "desc" }], skip: opts.offset, take: opts.limit + 1 });
  const actorIds = [...new Set(rows.filter((r) => r.actorType === "staff" && r.actorId).map((r) => r.actorId!))];
  const staff = actorIds.length ? await db.staffUser.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return { rows: rows.slice(0, opts.limit).map((r) => ({ ...r, actorName: r.actorId ? (names.get(r.actorId) ?? null) : null })), hasNext: rows.length > opts.limit };
}

/** Distinct actions and entity types for the filter menus. */
export async function auditFacets(db: Db, programId: string) {
  const [actions, entities] = await Promise.all([
    db.$queryRaw<{ v: string }[]>`select distinct action as v from "AuditLog" where "programId" = ${programId} order by 1 limit 200`,
    db.$queryRaw<{ v: string }[]>`select distinct "entityType" as v from "AuditLog" where "programId" = ${programId} order by 1 limit 100`,
  ]);
  return { actions: actions.map((r) => r.v), entities: entities.map((r) => r.v) };
}
