// What every operation of the processing domain receives: the till that asks, the database
// handles, and the time. The HTTP shell (lib/pos) builds it; the demo seed builds it directly.
import type { Db } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface TillStore {
  id: string;
  code: string;
  tags: string[];
  /** Set for a coalition partner's store: its terminals see masked names and need the member present to spend. */
  partnerCode: string | null;
  timezone: string;
}

/** The terminal of an authenticated key: it acts for one store of one program. */
export interface Till {
  terminalId: string;
  programId: string;
  store: TillStore;
}

export interface PosContext {
  /** Cached reads of the program's rules, and writes that must survive the request's rollback. */
  db: Db;
  /** The request's statements: its transaction, or the pool for reads outside one. */
  sql: Sql;
  till: Till;
  now: Date;
  /** The promotions' cache stamp, when the shell read it with the terminal key (lib/promotions/store.ts `promotionsInForce`). */
  promotionsStamp?: string | null;
  /**
   * The request's transaction's last statement, sent with its `commit` in one round trip (set
   * when nothing else follows the domain's statements). After it the transaction is over: use
   * it only for a statement after which the operation runs none.
   */
  last?: Sql;
}

/** Operations that use the ORM (registration, phone codes) and send messages after commit. */
export interface OrmContext extends PosContext {
  orm: Prisma.TransactionClient;
  afterCommit(fn: () => Promise<void>): void;
}
