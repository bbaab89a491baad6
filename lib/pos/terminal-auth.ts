// POS authentication: `Authorization: Bearer <terminal key>`. Only the SHA-256 of a key is
// stored; a key belongs to one store, and every call acts for that store only.
import { statement, type Sql, type Statement } from "@/lib/db/sql";
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

/** The SHA-256 of the key in `Authorization: Bearer <key>`; 401 when there is none. */
export function terminalKeyHash(authorization: string | null): string {
  const m = authorization ? /^Bearer\s+(\S{16,200})\s*$/i.exec(authorization) : null;
  if (!m) throw new AppError("unauthorized", "Send the terminal key as `Authorization: Bearer <key>`");
  return hashTerminalKey(m[1]);
}

/** The terminal of a key hash (with the promotions' cache stamp of its program when asked). */
function tillStatement(keyHash: string, withPromotionsStamp: boolean): Statement {
  return withPromotionsStamp
    ? statement`
    select t.id as "terminalId", t."pendingApproval", t."lastUsedAt", s."programId", s.id as "storeId", s.code, s.tags, p.code as "partnerCode", s.timezone,
      coalesce((select x.stamp::text from "PromotionStamp" x where x."programId" = s."programId"), '0') as "promotionsStamp"
    from "Terminal" t join "Store" s on s.id = t."storeId" left join "Partner" p on p.id = s."partnerId"
    where t."keyHash" = ${keyHash} and not t.revoked`
    : statement`
    select t.id as "terminalId", t."pendingApproval", t."lastUsedAt", s."programId", s.id as "storeId", s.code, s.tags, p.code as "partnerCode", s.timezone
    from "Terminal" t join "Store" s on s.id = t."storeId" left join "Partner" p on p.id = s."partnerId"
    where t."keyHash" = ${keyHash} and not t.revoked`;
}

export interface TillAuth {
  till: Till;
  promotionsStamp: string | null;
}

/** The answer of the key's row: 401 for none (unknown or revoked), 403 while a partner's key waits for approval. */
function tillOf(db: Sql, r: Row | undefined): TillAuth {
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

// The last answer per key hash, in this process. It is never trusted alone: a transaction that
// starts from it sends the same statement with its first one (lib/db/raw-pool.ts `RawTx.probe`,
// no round trip of its own) and fails with TillChanged unless the database answers the same.
const seen = new Map<string, TillAuth>();
const SEEN_MAX = 20_000;
const seenKey = (keyHash: string, withPromotionsStamp: boolean) => (withPromotionsStamp ? "p" : "-") + keyHash;

/**
 * authenticateTerminal for an operation that prices with promotions: the same statement also
 * reads the promotions' cache stamp of the key's program (`promotionsStamp` of lib/promotions/store.ts,
 * the same expression), so the receipt does not spend a round trip on it.
 */
export async function authenticateTill(db: Sql, authorization: string | null, withPromotionsStamp: boolean): Promise<TillAuth> {
  const keyHash = terminalKeyHash(authorization);
  const st = tillStatement(keyHash, withPromotionsStamp);
  const auth = tillOf(db, (await db.$queryRaw<Row[]>(st.strings, ...st.values))[0]);
  if (seen.size >= SEEN_MAX) seen.clear();
  seen.set(seenKey(keyHash, withPromotionsStamp), auth);
  return auth;
}

/** The database's answer differs from the remembered terminal (revoked, moved, promotions changed): authenticate again. */
export class TillChanged extends Error {
  constructor() {
    super("the terminal key's row changed since this process last read it");
    this.name = "TillChanged";
  }
}

/**
 * The terminal this process last authenticated with the key, and the statement that confirms it
 * inside the request's transaction: `check` (given that statement's rows) throws TillChanged when
 * the database answers anything else, and keeps `lastUsedAt` as authenticateTill does.
 */
export function rememberedTill(db: Sql, keyHash: string, withPromotionsStamp: boolean): (TillAuth & { probe: Statement; check(rows: unknown[]): void }) | null {
  const key = seenKey(keyHash, withPromotionsStamp);
  const auth = seen.get(key);
  if (!auth) return null;
  const check = (rows: unknown[]) => {
    let now: TillAuth | null = null;
    try {
      now = tillOf(db, rows[0] as Row | undefined);
    } catch {
      // Unknown, revoked or waiting for approval now: the slow path answers with the reason.
    }
    if (!now || !sameTill(now, auth)) {
      seen.delete(key);
      throw new TillChanged();
    }
  };
  return { ...auth, probe: tillStatement(keyHash, withPromotionsStamp), check };
}

function sameTill(a: TillAuth, b: TillAuth): boolean {
  const x = a.till;
  const y = b.till;
  return (
    a.promotionsStamp === b.promotionsStamp &&
    x.terminalId === y.terminalId &&
    x.programId === y.programId &&
    x.store.id === y.store.id &&
    x.store.code === y.store.code &&
    x.store.partnerCode === y.store.partnerCode &&
    x.store.timezone === y.store.timezone &&
    x.store.tags.length === y.store.tags.length &&
    x.store.tags.every((t, i) => t === y.store.tags[i])
  );
}
