// The partner's own earn rate (program definition `partners[].earnRate`, percent with up to two
// decimals) and the bounds the owner allows it in (PartnerEarnRateBounds, basis points).
//
// A change is a new version of the program through applyProgramIn — the same validation,
// versioning and audit as `npm run program:apply` and the console's editor — in one transaction
// that holds the program's advisory lock (so the version it edits is the latest, no save is lost)
// and a share lock on the partner's bounds row (so the owner cannot narrow them meanwhile). The
// bounds are checked inside that transaction; out of bounds throws and writes nothing.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError, invalidInput } from "@/lib/errors";
import { applyProgramIn } from "@/lib/program/apply-program";
import { programDefinitionOrThrow } from "@/lib/program/definition";
import { forgetProgram } from "@/lib/program/in-force";

/** A percent with at most two decimals, 0–100, as basis points (5.25 % → 525). */
export const percentInput = z.coerce
  .number()
  .min(0)
  .max(100)
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, { message: "two_decimals" })
  .transform((n) => Math.round(n * 100));

export const bpToPercent = (bp: number) => bp / 100;

export interface RateBounds {
  minBp: number;
  maxBp: number;
}

export interface PartnerRate {
  partnerCode: string;
  /** The rate of the latest program version, in basis points; null when the definition does not list the partner. */
  rateBp: number | null;
  bounds: RateBounds | null;
  version: number | null;
}

async function latestVersion(db: Pick<Prisma.TransactionClient, "programVersion">, programId: string) {
  const row = await db.programVersion.findFirst({ where: { programId }, orderBy: { version: "desc" }, select: { version: true, definition: true } });
  return row ? { version: row.version, definition: programDefinitionOrThrow(row.definition) } : null;
}

/** The partner's rate as the latest program version has it, and its bounds. */
export async function partnerEarnRate(db: Db, partnerId: string): Promise<PartnerRate> {
  const partner = await db.partner.findUnique({ where: { id: partnerId }, select: { code: true, programId: true, earnRateBounds: { select: { minBp: true, maxBp: true } } } });
  if (!partner) throw new AppError("not_found", "Partner not found");
  const latest = await latestVersion(db, partner.programId);
  const entry = latest?.definition.partners.find((p) => p.code === partner.code);
  return { partnerCode: partner.code, rateBp: entry ? Math.round(entry.earnRate * 100) : null, bounds: partner.earnRateBounds, version: latest?.version ?? null };
}

export interface RateChange {
  changed: boolean;
  version: number;
  fromBp: number;
  toBp: number;
}

/** The partner manager sets its partner's earn rate (percent) within the owner's bounds. */
export async function changePartnerEarnRate(db: Db, input: { partnerId: string; staffUserId: string; rate: unknown; now?: Date }): Promise<RateChange> {
  const parsed = percentInput.safeParse(input.rate);
  if (!parsed.success)
    throw invalidInput(
      "Invalid rate",
      parsed.error.issues.map((i) => ({ ...i, path: ["rate"] })),
    );
  const toBp = parsed.data;
  const result = await db.$transaction(
    async (tx) => {
      const partner = await tx.partner.findUnique({ where: { id: input.partnerId }, select: { id: true, code: true, programId: true, program: { select: { code: true } } } });
      if (!partner) throw new AppError("not_found", "Partner not found");
      // The lock applyProgramIn takes too (re-entrant): the version read below is the latest.
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${"program:" + partner.program.code}))`;
      const [bounds] = await tx.$queryRaw<RateBounds[]>`SELECT "minBp", "maxBp" FROM "PartnerEarnRateBounds" WHERE "partnerId" = ${partner.id} FOR SHARE`;
      if (!bounds) throw new AppError("invalid_state", "The program owner has not allowed this partner to change its earn rate", { text: { key: "partner.rate.noBounds" } });
      if (toBp < bounds.minBp || toBp > bounds.maxBp)
        throw new AppError("invalid_request", `The earn rate must be between ${bpToPercent(bounds.minBp)} % and ${bpToPercent(bounds.maxBp)} %`, {
          details: [{ path: "rate", message: "out_of_range", text: { key: "partner.rate.outOfBounds", values: { min: bpToPercent(bounds.minBp), max: bpToPercent(bounds.maxBp) } } }],
        });
      const latest = await latestVersion(tx, partner.programId);
      const entry = latest?.definition.partners.find((p) => p.code === partner.code);
      if (!latest || !entry) throw new AppError("invalid_state", "The program definition does not list this partner", { text: { key: "partner.rate.notInProgram" } });
      const fromBp = Math.round(entry.earnRate * 100);
      if (fromBp === toBp) return { changed: false, version: latest.version, fromBp, toBp, programId: partner.programId };
      const definition = { ...latest.definition, partners: latest.definition.partners.map((p) => (p.code === partner.code ? { ...p, earnRate: bpToPercent(toBp) } : p)) };
      const applied = await applyProgramIn(tx, definition, {
        actor: { type: "staff", id: input.staffUserId },
        note: `${partner.code}: earn rate ${bpToPercent(fromBp)} % → ${bpToPercent(toBp)} % (partner portal)`,
        now: input.now,
        structure: "keep",
      });
      await writeAudit(tx, {
        programId: partner.programId,
        actor: { type: "staff", id: input.staffUserId },
        action: "partner.earn_rate",
        entityType: "partner",
        entityId: partner.id,
        before: { earnRate: bpToPercent(fromBp), version: latest.version },
        after: { earnRate: bpToPercent(toBp), version: applied.version },
      });
      return { changed: true, version: applied.version, fromBp, toBp, programId: partner.programId };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  // This process prices the next receipt with the new rate at once (others within seconds).
  if (result.changed) forgetProgram(result.programId);
  return { changed: result.changed, version: result.version, fromBp: result.fromBp, toBp: result.toBp };
}

export const boundsInput = z.object({ min: percentInput, max: percentInput }).refine((b) => b.min <= b.max, { path: ["max"], message: "out_of_range" });

/** The owner sets the range a partner may choose its rate in (percents). Audited. */
export async function setPartnerRateBounds(db: Db, input: { programId: string; partnerId: string; staffUserId: string; min: unknown; max: unknown }): Promise<RateBounds> {
  const parsed = boundsInput.safeParse({ min: input.min, max: input.max });
  if (!parsed.success) throw invalidInput("Invalid bounds", parsed.error.issues);
  const { min: minBp, max: maxBp } = parsed.data;
  return db.$transaction(async (tx) => {
    const partner = await tx.partner.findFirst({ where: { id: input.partnerId, programId: input.programId }, select: { id: true, earnRateBounds: { select: { minBp: true, maxBp: true } } } });
    if (!partner) throw new AppError("not_found", "Partner not found");
    await tx.partnerEarnRateBounds.upsert({
      where: { partnerId: partner.id },
      create: { partnerId: partner.id, programId: input.programId, minBp, maxBp, updatedById: input.staffUserId },
      update: { minBp, maxBp, updatedById: input.staffUserId },
    });
    await writeAudit(tx, {
      programId: input.programId,
      actor: { type: "staff", id: input.staffUserId },
      action: "partner.rate_bounds",
      entityType: "partner",
      entityId: partner.id,
      before: partner.earnRateBounds ? { min: bpToPercent(partner.earnRateBounds.minBp), max: bpToPercent(partner.earnRateBounds.maxBp) } : null,
      after: { min: bpToPercent(minBp), max: bpToPercent(maxBp) },
    });
    return { minBp, maxBp };
  });
}

export interface RateHistoryEntry {
  at: Date;
  fromPercent: number;
  toPercent: number;
  version: number;
}

/** The partner's own rate changes, newest first (from the audit trail). */
export async function partnerRateHistory(db: Db, partnerId: string, take = 10): Promise<RateHistoryEntry[]> {
  const rows = await db.auditLog.findMany({
    where: { entityType: "partner", entityId: partnerId, action: "partner.earn_rate" },
    orderBy: { at: "desc" },
    take,
    select: { at: true, before: true, after: true },
  });
  return rows.map((r) => {
    const before = (r.before ?? {}) as { earnRate?: number };
    const after = (r.after ?? {}) as { earnRate?: number; version?: number };
    return { at: r.at, fromPercent: Number(before.earnRate ?? 0), toPercent: Number(after.earnRate ?? 0), version: Number(after.version ?? 0) };
  });
}
