// POS authentication: `Authorization: Bearer <terminal key>`. Only the SHA-256 of a key is
// stored; a key belongs to one store, and every call acts for that store only.
import type { Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { sha256Hex } from "@/lib/hash";
import type { Till } from "@/lib/purchases/context";

/** The terminal of a key, as the processing domain sees it. */
export type PosTerminal = Till;

export const hashTerminalKey = sha256Hex;

type Row = {
  terminalId: string;
  pendingApproval: boolean;
  lastUsedAt: Date | null;
  programId: string;
  storeId: string;
  code: string;
  tags: string[];
  partnerCode: string | null;
  timezone: string;
  promotionsStamp?: string;
};

/**
 * The terminal of a valid, unrevoked, approved key; 401 for unknown and revoked keys (the same
 * answer), 403 terminal_not_approved for a partner's key still waiting for the owner's approval.
 */
export async function authenticateTerminal(db: Sql, authorization: string | null): Promise<Till> {
  return (await authenticateTill(db, authorization, false)).till;
}

/**
 * authenticateTerminal for an operation that prices with promotions: the same statement also
 * reads the promotions' cache stamp of the key's program (`promotionsStamp` of lib/promotions/store.ts,
 * the same expression), so the receipt does not spend a round trip on it.
 */
export async function authenticateTill(db: Sql, authorization: string | null, withPromotionsStamp: boolean): Promise<{ till: Till; promotionsStamp: string | null }> {
  const m = authorization ? /^Bearer\s+(\S{16,200})\s*$/i.exec(authorization) : null;
  if (!m) throw new AppError("unauthorized", "Send the terminal key as `Authorization: Bearer <key>`");
  const keyHash = hashTerminalKey(m[1]);
  const rows = withPromotionsStamp
    ? await db.$queryRaw<Row[]>`
    select t.id as "terminalId", t."pendingApproval", t."lastUsedAt", s."programId", s.id as "storeId", s.code, s.tags, p.code as "partnerCode", s.timezone,
      (select count(*)::text || ':' || coalesce(max(x."updatedAt")::text, '') from "Promotion" x where x."programId" = s."programId") as "promotionsStamp"
    from "Terminal" t join "Store" s on s.id = t."storeId" left join "Partner" p on p.id = s."partnerId"
    where t."keyHash" = ${keyHash} and not t.revoked`
    : await db.$queryRaw<Row[]>`
    select t.id as "terminalId", t."pendingApproval", t."lastUsedAt", s."programId", s.id as "storeId", s.code, s.tags, p.code as "partnerCode", s.timezone
    from "Terminal" t join "Store" s on s.id = t."storeId" left join "Partner" p on p.id = s."partnerId"
    where t."keyHash" = ${keyHash} and not t.revoked`;
  const r = rows[0];
  if (!r) throw new AppError("unauthorized", "Unknown or revoked terminal key");
  // A key a partner manager issued works once the program's owner has approved it.
  if (r.pendingApproval) throw new AppError("terminal_not_approved", "This terminal key waits for the program owner's approval in the console");
  // Remember when the key was last used, at most once a minute, without delaying the answer.
  if (!r.lastUsedAt || Date.now() - r.lastUsedAt.getTime() > 60_000) {
    void db.$executeRaw`update "Terminal" set "lastUsedAt" = now() where id = ${r.terminalId}`.catch(() => {});
  }
  return {
    till: { terminalId: r.terminalId, programId: r.programId, store: { id: r.storeId, code: r.code, tags: r.tags, partnerCode: r.partnerCode, timezone: r.timezone } },
    promotionsStamp: r.promotionsStamp ?? null,
  };
}
