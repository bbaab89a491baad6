// What went wrong in the database, read from the error's SQLSTATE (or, for failures below SQL,
// from the connection layer that raised it) — never from its message text. Callers map the kinds
// they expect next to the statement that can raise them (a unique index → duplicate_receipt);
// `dbFailure` gives the rest: retry, busy, unavailable, or a real bug.

/** The SQLSTATEs the application reacts to (PostgreSQL, Appendix A). */
export const SQLSTATE = {
  uniqueViolation: "23505",
  numericValueOutOfRange: "22003",
  serializationFailure: "40001",
  deadlockDetected: "40P01",
  lockNotAvailable: "55P03",
  queryCanceled: "57014",
  adminShutdown: "57P01",
  crashShutdown: "57P02",
  cannotConnectNow: "57P03",
  tooManyConnections: "53300",
  undefinedTable: "42P01",
  /** A statement in a transaction that an earlier error aborted. */
  inFailedTransaction: "25P02",
  /** A write on a read-only session: the analytics pool, or a hot-standby replica. */
  readOnlyTransaction: "25006",
  /**
   * Ours (raised by the trigger "PurchasePromotion_claim_counters" at commit): a promotion's total
   * uses or budget ran out since the receipt was priced. Nothing was kept; running the transaction
   * again prices the receipt from the counters as they are now.
   */
  promotionLimitAtCommit: "TR001",
  /**
   * Ours (raised by `tribune_refuse_reservations` in a receipt's one write): a per-customer limit
   * or a code refused a reservation; the statement fails so that a `commit` sent with it never runs.
   */
  reservationRefused: "TR002",
} as const;

/**
 * Raised by our pg pools and clients (lib/db/pool.ts) for a failure below SQL: the pool could
 * not hand out a connection in time, the server refused or dropped the connection. It carries
 * no SQLSTATE because the server never answered.
 */
export class DbUnavailableError extends Error {
  readonly cause: unknown;
  constructor(where: "connect" | "query", cause: unknown) {
    super(`database unavailable (${where})`);
    this.name = "DbUnavailableError";
    this.cause = cause;
  }
}

type Shape = {
  name?: unknown;
  code?: unknown;
  severity?: unknown;
  constraint?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalCode?: string; kind?: string; constraint?: { index?: string } } } };
  cause?: unknown;
};

/** node-postgres' DatabaseError, told apart by shape (the adapter does the same). */
function isPgDatabaseError(e: Shape): boolean {
  return typeof e.code === "string" && typeof e.severity === "string";
}

function adapterCause(e: Shape) {
  return e.meta?.driverAdapterError?.cause;
}

/** The SQLSTATE of an error from node-postgres or from Prisma's pg adapter; null when the server never answered. */
export function sqlState(e: unknown): string | null {
  if (!e || typeof e !== "object") return null;
  const err = e as Shape;
  const viaPrisma = adapterCause(err)?.originalCode;
  if (typeof viaPrisma === "string") return viaPrisma;
  if (isPgDatabaseError(err)) return err.code as string;
  return null;
}

/** The constraint (index) a unique or foreign-key violation names. */
export function constraintOf(e: unknown): string | null {
  if (!e || typeof e !== "object") return null;
  const err = e as Shape;
  const viaPrisma = adapterCause(err)?.constraint?.index;
  if (typeof viaPrisma === "string") return viaPrisma;
  return typeof err.constraint === "string" ? err.constraint : null;
}

/** A unique violation, optionally of one named index (e.g. "ReceiptKey_pkey"). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  if (sqlState(e) !== SQLSTATE.uniqueViolation) return false;
  return constraint === undefined || constraintOf(e) === constraint;
}

/** Prisma's own codes for the same conditions when it raises them itself (ORM writes). */
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const ADAPTER_UNAVAILABLE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** Errors Node.js raises for a socket (the server is down or went away). */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH"]);

export type DbFailure =
  /** A serialization failure, a deadlock, or a promotion limit that ran out at commit: the whole transaction may simply run again. */
  | "retry"
  /** statement_timeout / lock_timeout: the database is busy; the caller should retry later. */
  | "busy"
  /** The database cannot be reached or is restarting. */
  | "unavailable"
  /** A value does not fit its column. */
  | "out_of_range"
  /** Anything else: a bug, logged in full. */
  | "bug";

export function dbFailure(e: unknown): DbFailure {
  if (e instanceof DbUnavailableError) return "unavailable";
  const state = sqlState(e);
  if (state) {
    if (state === SQLSTATE.serializationFailure || state === SQLSTATE.deadlockDetected || state === SQLSTATE.promotionLimitAtCommit) return "retry";
    if (state === SQLSTATE.lockNotAvailable || state === SQLSTATE.queryCanceled) return "busy";
    if (state === SQLSTATE.numericValueOutOfRange) return "out_of_range";
    // Class 08: connection exception; 57P01-57P03: the server is shutting down or starting up; 53300: no free slots.
    if (state.startsWith("08") || state === SQLSTATE.adminShutdown || state === SQLSTATE.crashShutdown || state === SQLSTATE.cannotConnectNow || state === SQLSTATE.tooManyConnections)
      return "unavailable";
    return "bug";
  }
  if (!e || typeof e !== "object") return "bug";
  const err = e as Shape;
  const kind = adapterCause(err)?.kind;
  if (kind === "TransactionWriteConflict") return "retry";
  if (typeof kind === "string" && ADAPTER_UNAVAILABLE.has(kind)) return "unavailable";
  if (typeof err.code === "string" && (PRISMA_UNAVAILABLE.has(err.code) || SOCKET_CODES.has(err.code))) return "unavailable";
  if (err.name === "PrismaClientInitializationError") return "unavailable";
  if (err.cause && err.cause !== e) return dbFailure(err.cause);
  return "bug";
}

/**
 * Runs a whole transaction again when PostgreSQL aborted it as a serialization failure or a
 * deadlock victim, or its commit found a promotion's limit used up by a receipt that committed
 * first (safe: the aborted attempt wrote nothing). Other errors pass through.
 */
export async function retryConflicts<T>(run: (attempt: number) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (e) {
      if (attempt >= attempts || dbFailure(e) !== "retry") throw e;
      // A short random pause lets the transaction that won go first.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}

/** Awaits one statement and turns a unique violation of `constraint` into the caller's error. */
export async function onUniqueViolation<T>(statement: Promise<T>, constraint: string, toError: () => Error): Promise<T> {
  try {
    return await statement;
  } catch (e) {
    if (isUniqueViolation(e, constraint)) throw toError();
    throw e;
  }
}
