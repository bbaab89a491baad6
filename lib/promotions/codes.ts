// Promo codes: unique batches from a pattern (console and `npm run promotions:codes`), codes issued
// to one member by an issueCode promotion, the lookup a receipt makes (case-insensitive), and the
// per-customer throttle on wrong codes (claimed on the app pool, so a failed request still counts).
import { randomInt } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { csvLine } from "@/lib/segments/csv";
import { CODE_ALPHABET, MIN_PATTERN_RANDOM, type PromotionDefinition } from "./definition";

/** A code from a pattern: each `#` a random character of the unambiguous alphabet. */
export function codeFromPattern(pattern: string): string {
  let out = "";
  for (const ch of pattern) out += ch === "#" ? CODE_ALPHABET[randomInt(CODE_ALPHABET.length)] : ch;
  return out;
}

export const MAX_BATCH = 100_000;

/**
 * Generates `count` new unique codes of a promotion (its `codes.unique.pattern`), in batches of
 * INSERT … ON CONFLICT DO NOTHING: a collision is simply drawn again. Returns the codes.
 */
export async function generateCodes(db: Db, input: { programId: string; promotionCode: string; count: number; actor: AuditActor }): Promise<string[]> {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_BATCH) {
    throw new AppError("invalid_request", `Generate between 1 and ${MAX_BATCH} codes at a time`, { details: [{ path: "count", message: `1 to ${MAX_BATCH}` }] });
  }
  const promotion = await db.promotion.findUnique({ where: { programId_code: { programId: input.programId, code: input.promotionCode } } });
  if (!promotion?.currentVersionId) throw new AppError("not_found", `No promotion ${input.promotionCode}`);
  const version = await db.promotionVersion.findUniqueOrThrow({ where: { id: promotion.currentVersionId } });
  const def = version.definition as unknown as PromotionDefinition;
  const pattern = def.codes?.unique?.pattern;
  if (def.trigger !== "code" || !pattern) {
    throw new AppError("invalid_request", "This promotion has no unique codes", { details: [{ path: "codes.unique", message: 'needs "trigger": "code" and codes.unique.pattern' }] });
  }
  if ([...pattern].filter((c) => c === "#").length < MIN_PATTERN_RANDOM) throw new AppError("invalid_request", "The pattern is too short to be unguessable");
  const maxUses = def.codes?.perCode?.maxUses ?? 1;
  const made: string[] = [];
  for (let attempts = 0; made.length < input.count; attempts++) {
    if (attempts > 20) throw new AppError("conflict", "The pattern has run out of fresh codes; use a longer one");
    const want = Math.min(5_000, input.count - made.length);
    const codes = [...new Set(Array.from({ length: want }, () => codeFromPattern(pattern)))];
    const ids = codes.map(() => createId("pcd"));
    const inserted = await db.$queryRaw<{ code: string }[]>`
      insert into "PromoCode" (id, "programId", "promotionId", code, kind, "maxUses", "createdAt")
      select u.id, ${input.programId}, ${promotion.id}, u.code, 'unique', ${maxUses}, now() from unnest(${ids}::text[], ${codes}::text[]) as u(id, code)
      on conflict ("programId", code) do nothing returning code`;
    made.push(...inserted.map((r) => r.code));
  }
  await db.$transaction((tx) =>
    writeAudit(tx, { programId: input.programId, actor: input.actor, action: "promotion.codes", entityType: "promotion", entityId: promotion.id, before: null, after: { count: made.length } }),
  );
  return made;
}

/** CSV of a promotion's codes: code, kind, uses, max uses, expires, issued to, revoked. */
export async function codesCsv(db: Db, programId: string, promotionCode: string): Promise<string> {
  const promotion = await db.promotion.findUnique({ where: { programId_code: { programId, code: promotionCode } } });
  if (!promotion) throw new AppError("not_found", `No promotion ${promotionCode}`);
  const rows = await db.promoCode.findMany({ where: { promotionId: promotion.id }, orderBy: { createdAt: "asc" } });
  return [
    csvLine(["code", "kind", "uses", "max_uses", "expires_at", "customer_id", "revoked_at"]),
    ...rows.map((r) => csvLine([r.code, r.kind, r.uses, r.maxUses, r.expiresAt?.toISOString() ?? "", r.customerId ?? "", r.revokedAt?.toISOString() ?? ""])),
  ].join("");
}

export const CODE_STATES = ["usable", "used_up", "expired", "revoked"] as const;
export type CodeState = (typeof CODE_STATES)[number];

export interface CodeRow {
  id: string;
  code: string;
  kind: "shared" | "unique" | "issued";
  uses: number;
  maxUses: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  customer: { id: string; name: string } | null;
  state: CodeState;
}

/** SQL of a code's state at `$now` (revoked first, then expired, then used up). */
const STATE_SQL = (now: string) => `case when c."revokedAt" is not null then 'revoked'
  when c."expiresAt" is not null and c."expiresAt" <= ${now} then 'expired'
  when c."maxUses" is not null and c.uses >= c."maxUses" then 'used_up' else 'usable' end`;

async function promotionIdOf(db: Db, programId: string, promotionCode: string): Promise<string> {
  const p = await db.promotion.findUnique({ where: { programId_code: { programId, code: promotionCode } }, select: { id: true } });
  if (!p) throw new AppError("not_found", `No promotion ${promotionCode}`);
  return p.id;
}

/**
 * One page of a promotion's codes, newest first: by the start of the code (case-insensitive) and
 * by state. The promotion is looked up within the program, so another program's codes never show.
 */
export async function listCodes(
  db: Db,
  input: { programId: string; promotionCode: string; q?: string; state?: CodeState; limit: number; offset: number; now: Date },
): Promise<{ rows: CodeRow[]; total: number }> {
  const promotionId = await promotionIdOf(db, input.programId, input.promotionCode);
  const q = (input.q ?? "").trim().toUpperCase().slice(0, 64);
  const like = `${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const where = `c."promotionId" = $1 and c."programId" = $2 and c.code like $3 and ($4::text is null or (${STATE_SQL("$5")}) = $4::text)`;
  const params = [promotionId, input.programId, like, input.state ?? null, input.now];
  const [rows, [count]] = await Promise.all([
    db.$queryRawUnsafe<(Omit<CodeRow, "customer" | "state"> & { state: CodeState; customerId: string | null; firstName: string | null; lastName: string | null })[]>(
      `select c.id, c.code, c.kind::text as kind, c.uses, c."maxUses", c."expiresAt", c."revokedAt", c."createdAt", c."customerId",
         cu."firstName", cu."lastName", ${STATE_SQL("$5")} as state
       from "PromoCode" c left join "Customer" cu on cu.id = c."customerId" and cu."programId" = c."programId"
       where ${where} order by c."createdAt" desc, c.id desc limit $6 offset $7`,
      ...params,
      Math.max(1, Math.min(500, Math.trunc(input.limit))),
      Math.max(0, Math.trunc(input.offset)),
    ),
    db.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from "PromoCode" c where ${where}`, ...params),
  ]);
  return {
    total: count.n,
    rows: rows.map(({ customerId, firstName, lastName, ...r }) => ({
      ...r,
      customer: customerId ? { id: customerId, name: [firstName, lastName].filter(Boolean).join(" ") || customerId } : null,
    })),
  };
}

/**
 * Revokes codes of a promotion (a leaked batch, a mistaken issue): one code, or every code nobody
 * has used yet. A conditional UPDATE: a code a receipt is using at this moment is either used
 * first (and, with `unusedOnly`, kept) or revoked first (and the receipt reads it as expired).
 * Shared codes are the promotion's own: pause the promotion instead. Returns how many changed.
 */
export async function revokeCodes(db: Db, input: { programId: string; promotionCode: string; code?: string; unusedOnly?: boolean; actor: AuditActor; at: Date }): Promise<number> {
  const promotionId = await promotionIdOf(db, input.programId, input.promotionCode);
  const code = input.code?.trim().toUpperCase();
  if (input.code !== undefined && !code) throw new AppError("invalid_request", "Which code?", { details: [{ path: "code", message: "required" }] });
  if (code) {
    const found = await db.promoCode.findFirst({ where: { programId: input.programId, promotionId, code }, select: { kind: true, revokedAt: true } });
    if (!found) throw new AppError("not_found", `No code ${code} in ${input.promotionCode}`, { details: [{ path: "code", message: "not_found" }] });
    if (found.kind === "shared") throw new AppError("invalid_request", "A shared code belongs to the promotion: pause the promotion instead", { text: { key: "console.promo.codes.sharedRevoke" } });
    if (found.revokedAt) throw new AppError("conflict", `${code} is already revoked`, { text: { key: "console.promo.codes.alreadyRevoked" } });
  }
  return db.$transaction(async (tx) => {
    const changed = await tx.$executeRaw`
      update "PromoCode" set "revokedAt" = ${input.at}
      where "programId" = ${input.programId} and "promotionId" = ${promotionId} and kind <> 'shared' and "revokedAt" is null
        and (${code ?? null}::text is null or code = ${code ?? null}) and (${!!input.unusedOnly} = false or uses = 0)`;
    if (changed > 0) {
      await writeAudit(tx, {
        programId: input.programId,
        actor: input.actor,
        action: "promotion.codes.revoke",
        entityType: "promotion",
        entityId: promotionId,
        before: null,
        after: code ? { code } : { unused: changed },
      });
    }
    return changed;
  });
}

/** Gives a member a code of `promotionCode` (an issueCode effect), valid for `validDays`. */
export async function issueCode(
  sql: Sql,
  input: {
    programId: string;
    promotionCode: string;
    customerId: string;
    /** The receipt that earned it; null for a code a triggered message gives (birthday). */ purchaseId: string | null;
    at: Date;
    validDays: number;
  },
): Promise<{ code: string; expiresAt: Date } | null> {
  const [target] = await sql.$queryRaw<{ id: string; pattern: string | null; maxUses: number | null }[]>`
    select p.id, v.definition->'codes'->'unique'->>'pattern' as pattern, (v.definition->'codes'->'perCode'->>'maxUses')::int as "maxUses"
    from "Promotion" p join "PromotionVersion" v on v.id = p."currentVersionId" where p."programId" = ${input.programId} and p.code = ${input.promotionCode}`;
  if (!target) return null;
  const expiresAt = new Date(input.at.getTime() + input.validDays * 86_400_000);
  for (let i = 0; i < 5; i++) {
    const code = codeFromPattern(target.pattern ?? "TRB-####-####");
    const rows = await sql.$queryRaw<{ code: string }[]>`
      insert into "PromoCode" (id, "programId", "promotionId", code, kind, "customerId", "maxUses", "expiresAt", "issuedByPurchaseId", "createdAt")
      values (${createId("pcd", input.at.getTime())}, ${input.programId}, ${target.id}, ${code}, 'issued', ${input.customerId}, ${target.maxUses ?? 1}, ${expiresAt}, ${input.purchaseId}, ${input.at})
      on conflict ("programId", code) do nothing returning code`;
    if (rows.length) return { code, expiresAt };
  }
  throw new AppError("conflict", "Could not draw a fresh code");
}

export type CodeStatus = "applied" | "not_applicable" | "unknown" | "expired" | "not_yet_valid" | "used_up";

export interface FoundCode {
  code: string;
  /** Set when the code can be used now. */
  usable: { id: string; promotionCode: string } | null;
  status: CodeStatus | null;
}

/**
 * What each presented code is, before pricing: unknown (also another member's issued code, so
 * nothing leaks), expired, not yet valid, used up, or usable for its promotion.
 */
export async function findCodes(
  sql: Sql,
  input: { programId: string; codes: string[]; customerId: string | null; at: Date; promotions: ReadonlyMap<string, PromotionDefinition> },
): Promise<FoundCode[]> {
  const codes = [...new Set(input.codes.map((c) => c.trim().toUpperCase()))];
  if (!codes.length) return [];
  const rows = await sql.$queryRaw<
    { id: string; code: string; promotionCode: string; customerId: string | null; maxUses: number | null; uses: number; expiresAt: Date | null; revokedAt: Date | null }[]
  >`
    select c.id, c.code, p.code as "promotionCode", c."customerId", c."maxUses", c.uses, c."expiresAt", c."revokedAt"
    from "PromoCode" c join "Promotion" p on p.id = c."promotionId" where c."programId" = ${input.programId} and c.code = any(${codes}::text[])`;
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return codes.map((code): FoundCode => {
    const r = byCode.get(code);
    const def = r ? input.promotions.get(r.promotionCode) : undefined;
    if (!r || !def || (r.customerId !== null && r.customerId !== input.customerId)) return { code, usable: null, status: "unknown" };
    const t = input.at.getTime();
    // A revoked code reads as expired: the till has no other word for "no longer valid".
    if (r.revokedAt || def.status === "ended" || (def.validity?.to && t >= Date.parse(def.validity.to)) || (r.expiresAt && r.expiresAt.getTime() <= t)) {
      return { code, usable: null, status: "expired" };
    }
    if (def.validity?.from && t < Date.parse(def.validity.from)) return { code, usable: null, status: "not_yet_valid" };
    if (r.maxUses !== null && r.uses >= r.maxUses) return { code, usable: null, status: "used_up" };
    return { code, usable: { id: r.id, promotionCode: r.promotionCode }, status: null };
  });
}

/** Wrong codes a customer (or, for anonymous receipts, a till) may try per hour. */
export const FAILED_CODE_LIMIT = 10;

/**
 * Claims one attempt per presented code before the lookup (an atomic upsert on the app pool,
 * outside the request's transaction); false when the hour's attempts are used up. Attempts of
 * codes that turn out to exist are handed back by `refundCodeAttempts`.
 */
export async function claimCodeAttempts(db: Db, key: string, n: number, at: Date): Promise<boolean> {
  if (n === 0) return true;
  const windowStart = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
  const rows = await db.$queryRaw<{ used: number }[]>`
    insert into "RateCounter" (key, "windowStart", used) values (${"promo-code:" + key}, ${windowStart}, ${n})
    on conflict (key, "windowStart") do update set used = "RateCounter".used + ${n} where "RateCounter".used + ${n} <= ${FAILED_CODE_LIMIT}
    returning used`;
  return rows.length > 0;
}

export async function refundCodeAttempts(db: Db, key: string, n: number, at: Date): Promise<void> {
  if (n === 0) return;
  const windowStart = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
  await db.$executeRaw`update "RateCounter" set used = greatest(0, used - ${n}) where key = ${"promo-code:" + key} and "windowStart" = ${windowStart}`;
}
