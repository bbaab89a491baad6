// The receipts' monthly partitions ("Purchase" and "PurchaseLine" are partitioned by month of the
// receipt's time, migration purchase_partitions): the months ahead created before they are needed,
// and the months past the retention taken offline once nothing still needs them (docs/scaling.md,
// "Partitions and retention"). The partitions themselves are lib/db/partitions.ts's, as for the
// ledger and the visits; a month of receipts and the same month of their lines go together.
//
// The rule. Months go offline oldest first, as one run of consecutive months (what stays online is
// one unbroken stretch up to now, and `PurchaseArchive.to` is one horizon). A month goes only when:
//   1. it ended at least `retentionMonths` whole months before the current one (at least 13, so every
//      segment window of 365 days and its comparison month stay online; 0 keeps everything);
//   2. the ledger no longer needs it: the ledger's retention already took the month offline
//      (`LedgerArchive.to` ≥ the month's end). `ledger:check` reconciles the receipts from the
//      ledger's horizon on against their entries, and the ledger's own rule keeps a receipt's entries
//      together, so a receipt before that horizon has no entry online. With the ledger's retention
//      off (0), no receipt goes offline either;
//   3. none of its receipts is held (an open hold is committed or voided later, by its receipt);
//   4. no lot still holding points (`remaining > 0`) was earned by one of its receipts: a return
//      could still take them back, and needs the receipt's lines to apportion it;
//   5. no return of one of its receipts was made at or after the retention's cutoff: a return in the
//      online window keeps its receipt readable. The month's returns (all older than the cutoff) go
//      offline with their receipts.
// A month that has to stay keeps the later months online too; the job reports what blocks it.
// What stays for ever is the month's keys ("ReceiptKey"): a till resending a receipt of an offline
// month still gets 409 duplicate_receipt, and a receipt known by id is found to be offline.
// Taking a month offline, in one transaction with short lock waits: the rule re-checked with the
// month's receipts and lines locked against writes, a "PurchaseArchive" row, the month's returns
// moved out of "PurchaseReturn" (into purchase_archive."PurchaseReturn_pYYYY_MM", or deleted), the
// lines' month detached, then the receipts' month (each dropped or moved to the purchase_archive
// schema with its foreign keys dropped: an archived month is history, it holds nothing in place).
// The segments' activity summary keeps the month's counts (a detach fires no delete trigger).
import type { Db } from "@/lib/db/client";
import { ledgerHorizon } from "@/lib/ledger/retention";
import { archiveHorizon, detachMonth, ensureMonthPartitions, ident, listMonthPartitions, partitionName, retentionCutoff, type MonthPartition } from "@/lib/db/partitions";

export const PURCHASE_TABLE = "Purchase";
export const LINE_TABLE = "PurchaseLine";
export const PURCHASE_ARCHIVE_SCHEMA = "purchase_archive";

export interface PurchaseRetentionOptions {
  /** Whole months of receipts kept online; 0 keeps everything. */
  retentionMonths: number;
  /** "schema": keep the detached tables in purchase_archive; "drop": delete them. */
  archive: "schema" | "drop";
}

export type PurchaseBlocker = "ledger" | "held-receipts" | "open-lots" | "recent-returns" | "lines-unpartitioned";

export interface PurchaseRetentionResult {
  retired: { partition: string; receipts: number; lines: number; returns: number }[];
  /** The oldest month past the retention that has to stay, and why. */
  blocked: { partition: string; reason: PurchaseBlocker; rows: number } | null;
}

/**
 * Creates Purchase's and PurchaseLine's monthly partitions from the current month to `monthsAhead`
 * months ahead. A month whose rows wait in a default partition is left for later (lines and returns
 * reference receipts, so rows cannot be moved out of it): returned in `waiting`.
 */
export async function ensurePurchasePartitions(db: Db, now: Date, monthsAhead: number): Promise<{ created: string[]; waiting: string[] }> {
  const waiting: string[] = [];
  const created = [
    ...(await ensureMonthPartitions(db, PURCHASE_TABLE, "at", now, monthsAhead, { keepDefaultRows: true, waiting })),
    ...(await ensureMonthPartitions(db, LINE_TABLE, "purchaseAt", now, monthsAhead, { keepDefaultRows: true, waiting })),
  ];
  return { created, waiting };
}

type Raw = Pick<Db, "$queryRawUnsafe">;

/** What keeps month `p` online (rules 2–5), or null. `ledgerTo`: the ledger's horizon; `cutoff`: the retention's. */
export async function purchaseMonthBlocker(db: Raw, p: MonthPartition, ledgerTo: Date | null, cutoff: Date): Promise<{ reason: PurchaseBlocker; rows: number } | null> {
  if (!ledgerTo || ledgerTo < p.to) return { reason: "ledger", rows: 0 };
  const lines = partitionName(LINE_TABLE, p.from);
  const [{ n: linePartition }] = await db.$queryRawUnsafe<{ n: number }[]>(
    `select count(*)::int as n from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = $1::regclass and c.relname = $2`,
    ident(LINE_TABLE),
    lines,
  );
  if (!linePartition) return { reason: "lines-unpartitioned", rows: 0 };
  const month = ident(p.name);
  const [held] = await db.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from ${month} where status = 'held'`);
  if (held.n) return { reason: "held-receipts", rows: held.n };
  const [lots] = await db.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from "Lot" l where l.remaining > 0 and l."purchaseId" in (select id from ${month})`);
  if (lots.n) return { reason: "open-lots", rows: lots.n };
  const [returns] = await db.$queryRawUnsafe<{ n: number }[]>(
    `select count(*)::int as n from "PurchaseReturn" r where r."purchaseAt" >= $1 and r."purchaseAt" < $2 and r.at >= $3`,
    p.from,
    p.to,
    cutoff,
  );
  if (returns.n) return { reason: "recent-returns", rows: returns.n };
  return null;
}

/** Takes offline every month of receipts the rule lets go, oldest first. */
export async function retirePurchaseMonths(db: Db, now: Date, opts: PurchaseRetentionOptions): Promise<PurchaseRetentionResult> {
  const result: PurchaseRetentionResult = { retired: [], blocked: null };
  if (opts.retentionMonths <= 0) return result;
  const cutoff = retentionCutoff(now, opts.retentionMonths);
  for (const p of await listMonthPartitions(db, PURCHASE_TABLE)) {
    if (p.to > cutoff) break;
    const lines: MonthPartition = { name: partitionName(LINE_TABLE, p.from), from: p.from, to: p.to };
    const done = await db.$transaction(
      async (tx) => {
        // The tills never wait long on this: a busy moment makes the job try again tomorrow.
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '5s'`);
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = 0`);
        const ledgerTo = await ledgerHorizon(tx);
        // Checked before the locks (a month without its lines' partition has nothing to lock), then again under them.
        const early = await purchaseMonthBlocker(tx, p, ledgerTo, cutoff);
        if (early) return { blocked: early };
        // No receipt, line or return of the month changes while it is checked, copied and detached.
        await tx.$executeRawUnsafe(`LOCK TABLE ${ident(p.name)}, ${ident(lines.name)}, "PurchaseReturn" IN SHARE MODE`);
        const blocker = await purchaseMonthBlocker(tx, p, ledgerTo, cutoff);
        if (blocker) return { blocked: blocker };
        const [{ n: receipts }] = await tx.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from ${ident(p.name)}`);
        const [{ n: lineCount }] = await tx.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from ${ident(lines.name)}`);
        const monthReturns = `from "PurchaseReturn" where "purchaseAt" >= $1 and "purchaseAt" < $2`;
        if (opts.archive === "schema") {
          await tx.$executeRawUnsafe(`create table ${ident(PURCHASE_ARCHIVE_SCHEMA)}.${ident(partitionName("PurchaseReturn", p.from))} as select * ${monthReturns}`, p.from, p.to);
        }
        const returns = await tx.$executeRawUnsafe(`delete ${monthReturns}`, p.from, p.to);
        await tx.$executeRawUnsafe(
          `insert into "PurchaseArchive" (partition, "from", "to", receipts, lines, returns, dropped) values ($1, $2, $3, $4, $5, $6, $7)`,
          p.name,
          p.from,
          p.to,
          receipts,
          lineCount,
          returns,
          opts.archive === "drop",
        );
        await detachMonth(tx, LINE_TABLE, lines, { archive: opts.archive, schema: PURCHASE_ARCHIVE_SCHEMA, dropForeignKeys: true });
        await detachMonth(tx, PURCHASE_TABLE, p, { archive: opts.archive, schema: PURCHASE_ARCHIVE_SCHEMA, dropForeignKeys: true });
        return { retired: { partition: p.name, receipts, lines: lineCount, returns } };
      },
      { timeout: 600_000, maxWait: 10_000 },
    );
    if ("blocked" in done) {
      result.blocked = { partition: p.name, ...done.blocked! };
      break;
    }
    result.retired.push(done.retired!);
  }
  return result;
}

/** Receipts before this instant are offline (their counts live on in the activity summary, their numbers in ReceiptKey). Null: nothing archived. */
export async function purchaseHorizon(db: Raw): Promise<Date | null> {
  return archiveHorizon(db, "PurchaseArchive");
}
