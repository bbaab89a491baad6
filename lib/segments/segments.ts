// Saved segments: create, rename/redefine, delete, list and read — scoped to a program and audited.
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { segmentDefinitionOrThrow, type SegmentDefinition } from "./definition";

export interface SavedSegment {
  id: string;
  programId: string;
  name: string;
  definition: SegmentDefinition;
  createdById: string | null;
  updatedById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function cleanName(name: string): string {
  const n = name.trim().replace(/\s+/g, " ");
  if (!n || n.length > 120) throw new AppError("invalid_request", "A segment needs a name (up to 120 characters)", { details: [{ path: "name", message: "required" }] });
  return n;
}

const asJson = (d: SegmentDefinition) => d as unknown as Prisma.InputJsonValue;

function isUniqueViolation(err: unknown) {
  return (err as { code?: string })?.code === "P2002" || String((err as Error)?.message).includes("Unique constraint");
}

export async function listSegments(db: Db, programId: string): Promise<SavedSegment[]> {
  const rows = await db.segment.findMany({ where: { programId }, orderBy: { updatedAt: "desc" }, take: 500 });
  return rows as unknown as SavedSegment[];
}

/** A segment of this program, or 404 (another program's id is not found either). */
export async function getSegment(db: Db, programId: string, id: string): Promise<SavedSegment> {
  const row = await db.segment.findFirst({ where: { id, programId } });
  if (!row) throw new AppError("not_found", "Segment not found");
  return row as unknown as SavedSegment;
}

export async function createSegment(db: Db, input: { programId: string; name: string; definition: unknown; staffUserId: string }): Promise<SavedSegment> {
  const name = cleanName(input.name);
  const definition = segmentDefinitionOrThrow(input.definition);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.segment.create({
        data: { id: createId("seg"), programId: input.programId, name, definition: asJson(definition), createdById: input.staffUserId, updatedById: input.staffUserId },
      });
      await writeAudit(tx, {
        programId: input.programId,
        actor: { type: "staff", id: input.staffUserId },
        action: "segment.create",
        entityType: "segment",
        entityId: row.id,
        after: { name, definition },
      });
      return row as unknown as SavedSegment;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("already_exists", "A segment with this name already exists", { details: [{ path: "name", message: "already_used" }] });
    throw err;
  }
}

export async function updateSegment(db: Db, input: { programId: string; id: string; name: string; definition: unknown; staffUserId: string }): Promise<SavedSegment> {
  const name = cleanName(input.name);
  const definition = segmentDefinitionOrThrow(input.definition);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.segment.findFirst({ where: { id: input.id, programId: input.programId } });
      if (!before) throw new AppError("not_found", "Segment not found");
      const row = await tx.segment.update({ where: { id: before.id }, data: { name, definition: asJson(definition), updatedById: input.staffUserId } });
      await writeAudit(tx, {
        programId: input.programId,
        actor: { type: "staff", id: input.staffUserId },
        action: "segment.update",
        entityType: "segment",
        entityId: row.id,
        before: { name: before.name, definition: before.definition },
        after: { name, definition },
      });
      return row as unknown as SavedSegment;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("already_exists", "A segment with this name already exists", { details: [{ path: "name", message: "already_used" }] });
    throw err;
  }
}

export async function deleteSegment(db: Db, input: { programId: string; id: string; staffUserId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.segment.findFirst({ where: { id: input.id, programId: input.programId } });
    if (!before) throw new AppError("not_found", "Segment not found");
    await tx.segment.delete({ where: { id: before.id } });
    await writeAudit(tx, {
      programId: input.programId,
      actor: { type: "staff", id: input.staffUserId },
      action: "segment.delete",
      entityType: "segment",
      entityId: before.id,
      before: { name: before.name, definition: before.definition },
    });
  });
}
