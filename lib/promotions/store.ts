// Stored promotions: apply a file or one edited promotion (idempotent, a new version only when the
// canonical definition changed, audited), pause/resume, list, versions, export, and the cached
// list of promotions in force that the till prices with.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { problem } from "@/lib/i18n/definition-issues";
import { createId } from "@/lib/ids";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { canonicalPromotion, parsePromotionsFile, promotionOrThrow, type PromotionDefinition, type PromotionsFile } from "./definition";
import type { ActivePromotion } from "./engine";

type Tx = Prisma.TransactionClient;

export function promotionChecksum(def: PromotionDefinition): string {
  return createHash("sha256")
    .update(JSON.stringify(canonicalPromotion(def)))
    .digest("hex");
}

export interface ApplyOutcome {
  code: string;
  version: number;
  changed: boolean;
  /** A partner campaign's version stored as waiting for the owner's approval (file `partnerCampaigns[].pending`). */
  pending?: true;
}

async function programIdOf(db: Db | Tx, code: string): Promise<string> {
  const p = await db.program.findUnique({ where: { code }, select: { id: true } });
  if (!p) throw new AppError("invalid_request", `Unknown program "${code}"`, { details: [problem("program", "def.unknownProgram", { code })] });
  return p.id;
}

export interface VersionOptions {
  actor: AuditActor;
  note?: string;
  /** Prefix of error paths (`promotions[2].` in a file). */
  path: string;
  /** A coalition partner's promotion (lib/partner/campaigns): a new one is created as the partner's. */
  partnerId?: string;
  /** Stored as the version waiting for the owner's approval (`pendingVersionId`), not put in force. */
  pending?: boolean;
}

export interface StoredVersion extends ApplyOutcome {
  promotionId: string;
  versionId: string;
}

/**
 * Stores one promotion in `tx` (the caller holds the program's promotions lock): a new version when
 * the canonical definition differs from the one it replaces — the version in force, or for a
 * pending submission the one already waiting.
 */
export async function storePromotionVersion(tx: Tx, programId: string, def: PromotionDefinition, opts: VersionOptions): Promise<StoredVersion> {
  const canonical = canonicalPromotion(def);
  const checksum = promotionChecksum(def);
  let promotion = await tx.promotion.findUnique({ where: { programId_code: { programId, code: def.code } } });
  if (!promotion) promotion = await tx.promotion.create({ data: { id: createId("prm"), programId, code: def.code, partnerId: opts.partnerId ?? null } });
  const againstId = opts.pending ? (promotion.pendingVersionId ?? promotion.currentVersionId) : promotion.currentVersionId;
  const against = againstId ? await tx.promotionVersion.findUnique({ where: { id: againstId } }) : null;
  if (against && against.checksum === checksum) return { code: def.code, version: against.version, changed: false, promotionId: promotion.id, versionId: against.id };
  const latest = await tx.promotionVersion.findFirst({ where: { promotionId: promotion.id }, orderBy: { version: "desc" }, select: { version: true } });
  const version = (latest?.version ?? 0) + 1;
  const versionId = createId("pmv");
  await tx.promotionVersion.create({
    data: {
      id: versionId,
      programId,
      promotionId: promotion.id,
      version,
      definition: canonical as unknown as Prisma.InputJsonValue,
      checksum,
      createdById: opts.actor.type === "staff" ? (opts.actor.id ?? null) : null,
      note: opts.note ?? null,
    },
  });
  await tx.promotion.update({ where: { id: promotion.id }, data: opts.pending ? { pendingVersionId: versionId } : { currentVersionId: versionId } });
  const shared = def.codes?.shared?.toUpperCase();
  if (shared) {
    const taken = await tx.promoCode.findUnique({ where: { programId_code: { programId, code: shared } } });
    if (taken && taken.promotionId !== promotion.id) {
      throw new AppError("invalid_request", `The code ${shared} belongs to another promotion`, {
        details: [problem(`${opts.path}codes.shared`, "def.sharedTaken", { code: shared })],
      });
    }
    const maxUses = def.codes?.perCode?.maxUses ?? null;
    if (taken) await tx.promoCode.update({ where: { id: taken.id }, data: { maxUses } });
    else await tx.promoCode.create({ data: { id: createId("pcd"), programId, promotionId: promotion.id, code: shared, kind: "shared", maxUses } });
  }
  await writeAudit(tx, {
    programId,
    actor: opts.actor,
    action: opts.pending ? "promotion.submit" : latest ? "promotion.version" : "promotion.create",
    entityType: "promotion",
    entityId: promotion.id,
    before: against ? { version: against.version } : null,
    after: { code: def.code, version, checksum, status: def.status, ...(opts.partnerId ? { partnerId: opts.partnerId } : {}) },
  });
  return { code: def.code, version, changed: true, promotionId: promotion.id, versionId };
}

async function applyOne(tx: Tx, programId: string, def: PromotionDefinition, opts: { actor: AuditActor; note?: string; path: string; partnerId?: string }): Promise<ApplyOutcome> {
  const { code, version, changed } = await storePromotionVersion(tx, programId, def, opts);
  return { code, version, changed };
}

/** Takes the program's promotions lock in `tx`: one writer of a program's promotions at a time. */
export async function lockPromotions(tx: Tx, programId: string) {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${"promotions:" + programId}))`;
}

async function knownTriggers(db: Db | Tx, programId: string): Promise<Map<string, "auto" | "code">> {
  const rows = await currentDefinitions(db, programId);
  return new Map(rows.map((r) => [r.def.code, r.def.trigger]));
}

/** Parses a promotions file or throws AppError("invalid_request") with every error and its path. */
export async function validatePromotionsFile(db: Db, json: unknown): Promise<PromotionsFile> {
  const program = typeof json === "object" && json !== null ? (json as { program?: unknown }).program : undefined;
  const known = typeof program === "string" ? await knownTriggers(db, await programIdOf(db, program)) : new Map();
  const parsed = parsePromotionsFile(json, known);
  if (!parsed.ok) throw new AppError("invalid_request", `The promotions file has ${parsed.errors.length} error(s)`, { details: parsed.errors });
  return parsed.value;
}

/** `npm run promotions:apply` and the demo seed: every promotion of the file, all or nothing. */
export async function applyPromotionsFile(db: Db, json: unknown, opts: { actor?: AuditActor; note?: string } = {}): Promise<ApplyOutcome[]> {
  const file = await validatePromotionsFile(db, json);
  const programId = await programIdOf(db, file.program);
  const out = await db.$transaction(
    async (tx) => {
      await lockPromotions(tx, programId);
      const actor = opts.actor ?? { type: "system" as const };
      const partnerOf = await partnerCampaignOwners(tx, programId, file);
      const results: ApplyOutcome[] = [];
      for (const [i, def] of file.promotions.entries()) results.push(await applyOne(tx, programId, def, { actor, note: opts.note, path: `promotions[${i}].`, partnerId: partnerOf.get(def.code) }));
      results.push(...(await applyPartnerCampaigns(tx, programId, file, partnerOf, { actor, note: opts.note })));
      return results;
    },
    // A file of hundreds of promotions is a few statements each: more than Prisma's default 5 s on a busy machine.
    { maxWait: 10_000, timeout: 120_000 },
  );
  forgetPromotions(programId);
  return out;
}

/**
 * The file's partner campaigns: each code's partner (by code), checked before anything is written —
 * an unknown partner, a promotion another partner runs or the owner's own one is an error with its path.
 * A promotion whose version in force is in the file and not yet stored is created as the partner's.
 */
async function partnerCampaignOwners(tx: Tx, programId: string, file: PromotionsFile): Promise<Map<string, string>> {
  const entries = file.partnerCampaigns ?? [];
  const out = new Map<string, string>();
  if (!entries.length) return out;
  const partners = new Map((await tx.partner.findMany({ where: { programId }, select: { id: true, code: true } })).map((p) => [p.code, p.id]));
  const stored = new Map((await tx.promotion.findMany({ where: { programId, code: { in: entries.map((e) => e.code) } }, select: { code: true, partnerId: true } })).map((p) => [p.code, p.partnerId]));
  const inFile = new Set(file.promotions.map((p) => p.code));
  const errors: ReturnType<typeof problem>[] = [];
  entries.forEach((e, i) => {
    const partnerId = partners.get(e.partner);
    if (!partnerId) return void errors.push(problem(`partnerCampaigns[${i}].partner`, "def.unknownPartner", { code: e.partner }));
    const owner = stored.get(e.code);
    if (owner === null && stored.has(e.code)) return void errors.push(problem(`partnerCampaigns[${i}].code`, "def.notPartnerCampaign", { code: e.code }));
    if (owner && owner !== partnerId) return void errors.push(problem(`partnerCampaigns[${i}].code`, "def.partnerTaken", { code: e.code }));
    if (!stored.has(e.code) && !inFile.has(e.code) && !e.pending) return void errors.push(problem(`partnerCampaigns[${i}].code`, "def.unknownPromotion", { code: e.code }));
    out.set(e.code, partnerId);
  });
  if (errors.length) throw new AppError("invalid_request", `The promotions file has ${errors.length} error(s)`, { details: errors });
  return out;
}

/** Stores each partner campaign's version waiting for approval (a new one opens a review, as a partner's submission does). */
async function applyPartnerCampaigns(tx: Tx, programId: string, file: PromotionsFile, partnerOf: Map<string, string>, opts: { actor: AuditActor; note?: string }): Promise<ApplyOutcome[]> {
  const out: ApplyOutcome[] = [];
  for (const [i, e] of (file.partnerCampaigns ?? []).entries()) {
    const partnerId = partnerOf.get(e.code)!;
    if (!e.pending) continue;
    const saved = await storePromotionVersion(tx, programId, e.pending, { ...opts, path: `partnerCampaigns[${i}].pending.`, partnerId, pending: true });
    if (saved.changed) {
      await tx.promotionReview.updateMany({
        where: { promotionId: saved.promotionId, status: "pending", versionId: { not: saved.versionId } },
        data: { status: "withdrawn", decidedAt: new Date() },
      });
      await tx.promotionReview.create({ data: { id: `prv_${randomBytes(10).toString("hex")}`, programId, promotionId: saved.promotionId, partnerId, versionId: saved.versionId } });
    }
    out.push({ code: saved.code, version: saved.version, changed: saved.changed, pending: true });
  }
  return out;
}

/** The console's save of one promotion (a new one, or a new version of `code`). */
export async function savePromotion(db: Db, programId: string, json: unknown, opts: { actor: AuditActor; note?: string }): Promise<ApplyOutcome> {
  const def = promotionOrThrow(json);
  if (def.effect.type === "issueCode") {
    const target = (await knownTriggers(db, programId)).get(def.effect.promotion);
    if (target !== "code") throw new AppError("invalid_request", "The promotion is invalid", { details: [problem("effect.promotion", "def.issueTargetStored", { code: def.effect.promotion })] });
  }
  const out = await db.$transaction(async (tx) => {
    await lockPromotions(tx, programId);
    return applyOne(tx, programId, def, { ...opts, path: "" });
  });
  forgetPromotions(programId);
  return out;
}

/** Pause or resume (or end): a new version with only the status changed. */
export async function setPromotionStatus(db: Db, programId: string, code: string, status: PromotionDefinition["status"], actor: AuditActor): Promise<ApplyOutcome> {
  const current = (await currentDefinitions(db, programId)).find((r) => r.def.code === code);
  if (!current) throw new AppError("not_found", `No promotion ${code}`);
  return savePromotion(db, programId, { ...current.def, status }, { actor, note: `status → ${status}` });
}

export interface StoredPromotion extends ActivePromotion {
  uses: number;
  moneyUsed: number;
  pointsUsed: number;
  updatedAt: Date;
}

/** Every promotion of the program with the definition of its version in force. */
export async function currentDefinitions(db: Db | Tx, programId: string): Promise<StoredPromotion[]> {
  const rows = await db.promotion.findMany({ where: { programId, currentVersionId: { not: null } }, orderBy: { code: "asc" } });
  const versions = await db.promotionVersion.findMany({ where: { id: { in: rows.map((r) => r.currentVersionId!) } } });
  const byId = new Map(versions.map((v) => [v.id, v]));
  return rows.map((r) => {
    const v = byId.get(r.currentVersionId!)!;
    return {
      id: r.id,
      versionId: v.id,
      version: v.version,
      def: v.definition as unknown as PromotionDefinition,
      uses: r.uses,
      moneyUsed: Number(r.moneyUsed),
      pointsUsed: Number(r.pointsUsed),
      updatedAt: r.updatedAt,
    };
  });
}

export async function promotionVersions(db: Db, programId: string, code: string) {
  const p = await db.promotion.findUnique({ where: { programId_code: { programId, code } } });
  if (!p) throw new AppError("not_found", `No promotion ${code}`);
  const versions = await db.promotionVersion.findMany({ where: { promotionId: p.id }, orderBy: { version: "desc" } });
  return versions.map((v) => ({
    id: v.id,
    version: v.version,
    def: v.definition as unknown as PromotionDefinition,
    note: v.note,
    createdById: v.createdById,
    createdAt: v.createdAt,
    current: v.id === p.currentVersionId,
  }));
}

/**
 * The file `npm run promotions:export` writes: applying it again changes nothing. The versions in
 * force, and for coalition partners' campaigns (`partnerCampaigns`) the partner that runs each and
 * its version waiting for the owner's approval, so export → apply keeps who runs what and what waits.
 */
export async function exportPromotions(db: Db, programCode: string): Promise<PromotionsFile> {
  const programId = await programIdOf(db, programCode);
  const promotions = (await currentDefinitions(db, programId)).map((p) => p.def);
  const campaigns = await db.promotion.findMany({ where: { programId, partnerId: { not: null } }, include: { partner: { select: { code: true } } }, orderBy: { code: "asc" } });
  if (!campaigns.length) return { program: programCode, promotions };
  const pendingIds = campaigns.flatMap((c) => (c.pendingVersionId ? [c.pendingVersionId] : []));
  const pending = new Map((await db.promotionVersion.findMany({ where: { id: { in: pendingIds } } })).map((v) => [v.id, v.definition as unknown as PromotionDefinition]));
  return {
    program: programCode,
    promotions,
    partnerCampaigns: campaigns.map((c) => ({ code: c.code, partner: c.partner!.code, pending: c.pendingVersionId ? (pending.get(c.pendingVersionId) ?? null) : null })),
  };
}

// ---- the promotions the till prices with ----------------------------------------------------
interface CacheEntry {
  stamp: string;
  list: readonly ActivePromotion[];
}
const cache = new Map<string, CacheEntry>();

export function forgetPromotions(programId: string) {
  cache.delete(programId);
}

/**
 * Promotions that may apply (status active or paused — paused ones answer "not active" — never
 * drafts or ended ones), by the newest version. One cheap stamp query per receipt keeps every
 * process in step with edits made elsewhere; a caller that read the stamp already (the
 * processing API reads it with the terminal key, lib/pos/terminal-auth.ts, with this same
 * expression) passes it and saves the round trip.
 */
export async function promotionsInForce(sql: Sql, programId: string, knownStamp?: string | null): Promise<readonly ActivePromotion[]> {
  const stamp = knownStamp ?? (await promotionsStamp(sql, programId));
  const hit = cache.get(programId);
  if (hit && hit.stamp === stamp) return hit.list;
  const rows = await sql.$queryRaw<{ id: string; versionId: string; version: number; definition: PromotionDefinition }[]>`
    select p.id, v.id as "versionId", v.version, v.definition from "Promotion" p join "PromotionVersion" v on v.id = p."currentVersionId"
    where p."programId" = ${programId} and v.definition->>'status' in ('active', 'paused')`;
  // Frozen: every receipt until the next edit shares it, and what is worked out from it once (compiled
  // and sorted promotions, lib/promotions/engine.ts; limit ids, reserve.ts; segments asked about, audience.ts) is kept with it.
  const list = Object.freeze(rows.map((r) => ({ id: r.id, versionId: r.versionId, version: r.version, def: r.definition })));
  cache.set(programId, { stamp, list });
  return list;
}

/**
 * Moves forward with every insert, delete or edit of a program's promotions, and never with their
 * counters (triggers on Promotion, migration promotion_stamp): one row, where it was a scan of every
 * promotion of the program on every receipt. "0" before the program's first promotion.
 */
async function promotionsStamp(sql: Sql, programId: string): Promise<string> {
  const [row] = await sql.$queryRaw<{ stamp: string }[]>`
    select coalesce((select stamp::text from "PromotionStamp" where "programId" = ${programId}), '0') as stamp`;
  return row.stamp;
}
