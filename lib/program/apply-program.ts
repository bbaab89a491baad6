// Applies a program definition: validates it, upserts the program (and, from the CLI and the demo
// seed, its partners and stores), and stores a new version only when the canonical definition
// changed (so applying is idempotent). The console's save edits the rules only: stores and
// partners belong to the Stores page, and a save must not undo an owner's tag or move a store.
import { localized } from "@/lib/i18n/localized";
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { forgetProgram } from "./in-force";
import { createId } from "@/lib/ids";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { canonicalDefinition, parseProgramDefinition, type ProgramDefinition } from "./definition";

export interface ApplyResult {
  programId: string;
  code: string;
  version: number;
  /** False when the definition equals the version in force (nothing was written). */
  changed: boolean;
}

export function definitionChecksum(def: ProgramDefinition): string {
  return createHash("sha256")
    .update(JSON.stringify(canonicalDefinition(def)))
    .digest("hex");
}

/** Parses or throws AppError("invalid_request") listing every problem with its JSON path. */
export function validateDefinition(json: unknown): ProgramDefinition {
  const parsed = parseProgramDefinition(json);
  if (!parsed.ok) {
    throw new AppError("invalid_request", `The program definition has ${parsed.errors.length} error(s)`, { details: parsed.errors });
  }
  return parsed.value;
}

export async function applyProgram(
  db: Db,
  json: unknown,
  opts: {
    actor?: AuditActor;
    note?: string;
    now?: Date;
    /** "apply" (CLI, seed): upsert the definition's partners and stores; "keep" (console): never touch them. */
    structure?: "apply" | "keep";
  } = {},
): Promise<ApplyResult> {
  const def = validateDefinition(json);
  const result = await db.$transaction(
    // A definition may carry many stores (a chain of 1,500): more than the default 5 s.
    (tx) => applyProgramIn(tx, def, opts),
    { timeout: 60_000, maxWait: 10_000 },
  );
  // This process prices the next receipt with the new rules at once (others within seconds).
  forgetProgram(result.programId);
  return result;
}

/**
 * applyProgram's work inside the caller's transaction (a caller that must read and change the
 * definition under the same program lock, e.g. a partner's earn rate). The caller calls
 * forgetProgram(programId) after its commit.
 */
export async function applyProgramIn(
  tx: Prisma.TransactionClient,
  def: ProgramDefinition,
  opts: { actor?: AuditActor; note?: string; now?: Date; structure?: "apply" | "keep" } = {},
): Promise<ApplyResult> {
  const canonical = canonicalDefinition(def) as unknown as Prisma.InputJsonValue;
  const checksum = definitionChecksum(def);
  const now = opts.now ?? new Date();
  const actor = opts.actor ?? { type: "system" };
  // One apply per program code at a time: version numbers never collide.
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${"program:" + def.code}))`;
  const existing = await tx.program.findUnique({ where: { code: def.code } });
  const programData = {
    name: def.name,
    kind: def.kind ?? (def.partners && def.partners.length > 1 ? "coalition" : "retailer"),
    timezone: def.timezone,
    currency: def.currency,
    defaultLocale: def.defaultLocale ?? "ru",
    // The column keeps the tagline in the program's language; the landing page reads every language from the definition.
    tagline: localized(def.tagline, def.defaultLocale ?? "ru"),
    ...(def.brandColor ? { brandColor: def.brandColor } : {}),
  } as const;
  const program = existing ? await tx.program.update({ where: { id: existing.id }, data: programData }) : await tx.program.create({ data: { id: createId("prg"), code: def.code, ...programData } });

  const partnerIds = new Map<string, string>();
  const structure = opts.structure === "keep" ? { partners: [], stores: [] } : { partners: def.partners ?? [], stores: def.stores ?? [] };
  for (const p of structure.partners) {
    const row = await tx.partner.upsert({
      where: { programId_code: { programId: program.id, code: p.code } },
      update: { name: p.name },
      create: { id: createId("ptn"), programId: program.id, code: p.code, name: p.name },
    });
    partnerIds.set(p.code, row.id);
  }
  for (const s of structure.stores) {
    const data = {
      name: s.name ?? s.code,
      timezone: s.timezone ?? def.timezone,
      tags: s.tags ?? [],
      partnerId: s.partner ? (partnerIds.get(s.partner) ?? null) : null,
    };
    await tx.store.upsert({
      where: { programId_code: { programId: program.id, code: s.code } },
      update: data,
      create: { id: createId("sto"), programId: program.id, code: s.code, ...data },
    });
  }

  const latest = await tx.programVersion.findFirst({ where: { programId: program.id }, orderBy: { version: "desc" } });
  if (latest && latest.checksum === checksum) {
    return { programId: program.id, code: program.code, version: latest.version, changed: false };
  }
  const version = (latest?.version ?? 0) + 1;
  await tx.programVersion.create({
    data: {
      id: createId("pvr"),
      programId: program.id,
      version,
      definition: canonical,
      checksum,
      effectiveFrom: now,
      createdById: actor.type === "staff" ? (actor.id ?? null) : null,
      note: opts.note ?? null,
    },
  });
  await writeAudit(tx, {
    programId: program.id,
    actor,
    action: existing ? "program.version" : "program.create",
    entityType: "program",
    entityId: program.id,
    before: latest ? { version: latest.version } : null,
    after: { version, checksum },
    reason: opts.note,
  });
  return { programId: program.id, code: program.code, version, changed: true };
}

/**
 * The console's save: the rules of the staff user's own program (the code comes from the
 * database, never the form), as a new version; stores and partners stay as they are.
 */
export async function saveProgramRules(db: Db, input: { programId: string; json: Record<string, unknown>; staffUserId: string; note?: string; now?: Date }): Promise<ApplyResult> {
  const program = await db.program.findUniqueOrThrow({ where: { id: input.programId }, select: { code: true } });
  return applyProgram(db, { ...input.json, code: program.code }, { actor: { type: "staff", id: input.staffUserId }, note: input.note, now: input.now, structure: "keep" });
}
