// The ledger's monthly partitions: the months ahead are created before they are needed, and months
// older than the retention are taken offline once nothing the ledger still does can need them.
//
// The rule (docs/scaling.md, "Partitions and retention"). Months are taken offline oldest first,
// as one run of consecutive months ending at a boundary B (so what stays online is one unbroken
// stretch up to now, and `LedgerArchive.to` is one horizon). A month goes only when:
//   1. it ended at least `retentionMonths` whole months before the current one (B ≤ that cutoff);
//   2. none of its entries belongs to a lot that still holds points (`remaining > 0`: spendable,
//      held or pending): that lot can still be spent, expired, returned or voided;
//   3. none of its entries belongs to a hold still active (it is captured or released later);
//   4. none of its entries belongs to a receipt that has an entry at or after B, or that was made at
//      or after B (a till's clock behind the server's): a receipt's entries leave together, so
//      `ledger:check` reconciles a receipt against all its entries or, before the horizon, not at all.
// B is the end of the longest run that passes 1–3, moved back while 4 fails for a month of the run.
// A month that has to stay keeps the months after it online too; the job reports what blocks it.
// Taking a month offline, in one transaction: one "carried forward" entry per account (type
// adjustment, reason "carried_forward", refType "ledger_archive", refId the partition, at the month's
// end — so in the next month, which a later run may carry forward again) with the sums of the
// month's deltas, so every cached balance still equals the sum of its online entries; a
// LedgerArchive row; DETACH PARTITION; the detached table moved to the ledger_archive schema, or dropped.
import type { Db } from "@/lib/db/client";
import { archiveHorizon, detachMonth, ensureMonthPartitions, ident, listMonthPartitions, retentionCutoff, type MonthPartition } from "@/lib/db/partitions";
import { createId } from "@/lib/ids";

export const LEDGER_TABLE = "LedgerEntry";
export const ARCHIVE_SCHEMA = "ledger_archive";

export interface RetentionOptions {
  /** Months of entries kept online; 0 keeps everything. */
  retentionMonths: number;
  /** "schema": keep the detached table in ledger_archive; "drop": delete it. */
  archive: "schema" | "drop";
}

export type Blocker = "open-lots" | "active-holds" | "receipts-continue";

export interface RetentionResult {
  retired: { partition: string; entries: number; accounts: number }[];
  /** The oldest month past the retention that has to stay, and why. */
  blocked: { partition: string; reason: Blocker; rows: number } | null;
}

/** Creates LedgerEntry's monthly partitions from the current month to `monthsAhead` months ahead. */
export function ensureLedgerPartitions(db: Db, now: Date, monthsAhead: number): Promise<string[]> {
  return ensureMonthPartitions(db, LEDGER_TABLE, "at", now, monthsAhead);
}

type Raw = Pick<Db, "$queryRawUnsafe" | "$executeRawUnsafe">;

/** Why the month in `p` must stay online whatever the boundary (rules 2 and 3), with how many entries it concerns, or null. */
async function openBlocker(tx: Raw, p: MonthPartition): Promise<{ reason: Blocker; rows: number } | null> {
  const t = ident(p.name);
  const checks: [Blocker, string][] = [
    ["open-lots", `select count(*)::int as n from ${t} e join "Lot" l on l.id = e."lotId" where l.remaining > 0`],
    ["active-holds", `select count(*)::int as n from ${t} e join "Hold" h on h.id = e."holdId" where h.status = 'active'`],
  ];
  for (const [reason, sql] of checks) {
    const [{ n }] = await tx.$queryRawUnsafe<{ n: number }[]>(sql);
    if (n > 0) return { reason, rows: n };
  }
  return null;
}

/** Entries of `p` whose receipt goes on at or after `boundary` (rule 4). */
async function receiptsContinuing(tx: Raw, p: MonthPartition, boundary: Date): Promise<number> {
  const [{ n }] = await tx.$queryRawUnsafe<{ n: number }[]>(
    `select count(*)::int as n from ${ident(p.name)} e where e."purchaseId" is not null and (
       exists (select 1 from "LedgerEntry" l where l."purchaseId" = e."purchaseId" and l.at >= $1)
       or exists (select 1 from "Purchase" r where r.id = e."purchaseId" and r.at >= $1))`,
    boundary,
  );
  return n;
}

/** The months to take offline now (oldest first) and the first one that has to stay, with why. */
async function planRetirement(db: Raw, months: MonthPartition[], cutoff: Date): Promise<{ run: MonthPartition[]; blocked: RetentionResult["blocked"] }> {
  let run: MonthPartition[] = [];
  let blocked: RetentionResult["blocked"] = null;
  for (const p of months) {
    if (p.to > cutoff) break;
    const b = await openBlocker(db, p);
    if (b) {
      blocked = { partition: p.name, ...b };
      break;
    }
    run.push(p);
  }
  // Rule 4: shorten the run until no receipt of it goes on past its end.
  for (let i = 0; i < run.length;) {
    const n = await receiptsContinuing(db, run[i], run[run.length - 1].to);
    if (n === 0) {
      i++;
      continue;
    }
    blocked = { partition: run[i].name, reason: "receipts-continue", rows: n };
    run = run.slice(0, i);
    i = 0;
  }
  return { run, blocked };
}

/** Takes offline every month the rule lets go, oldest first. */
export async function retireLedgerMonths(db: Db, now: Date, opts: RetentionOptions): Promise<RetentionResult> {
  const result: RetentionResult = { retired: [], blocked: null };
  if (opts.retentionMonths <= 0) return result;
  const { run, blocked } = await planRetirement(db, await listMonthPartitions(db, LEDGER_TABLE), retentionCutoff(now, opts.retentionMonths));
  result.blocked = blocked;
  const boundary = run.at(-1)?.to;
  for (const p of run) {
    const done = await db.$transaction(
      async (tx) => {
        // The tills never wait long on this: a busy moment makes the job try again tomorrow.
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '5s'`);
        // Summing a month of a large chain takes longer than the app pool's statement limit allows.
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = 0`);
        // No entry can join the month while it is checked, summed and detached (a late import dated in it).
        await tx.$executeRawUnsafe(`LOCK TABLE ${ident(p.name)} IN SHARE MODE`);
        const open = await openBlocker(tx, p);
        if (open) return { blocked: open };
        const continuing = await receiptsContinuing(tx, p, boundary!);
        if (continuing) return { blocked: { reason: "receipts-continue" as const, rows: continuing } };
        const accounts = await tx.$executeRawUnsafe(
          `insert into "LedgerEntry" (id, "programId", "customerId", "accountId", type, "deltaAvailable", "deltaHeld", "deltaPending", "deltaDebt",
             reason, note, "refType", "refId", at)
           select $1 || '_' || row_number() over (order by "accountId"), "programId", "customerId", "accountId", 'adjustment',
             sum("deltaAvailable"), sum("deltaHeld"), sum("deltaPending"), sum("deltaDebt"),
             'carried_forward', 'entries of ' || $2 || ' taken offline', 'ledger_archive', $3, $4
           from ${ident(p.name)}
           group by "accountId", "programId", "customerId"
           having sum("deltaAvailable") <> 0 or sum("deltaHeld") <> 0 or sum("deltaPending") <> 0 or sum("deltaDebt") <> 0`,
          createId("pts", p.to.getTime()),
          p.from.toISOString().slice(0, 7),
          p.name,
          p.to,
        );
        const [{ n: entries }] = await tx.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from ${ident(p.name)}`);
        await tx.$executeRawUnsafe(
          `insert into "LedgerArchive" (partition, "from", "to", entries, accounts, dropped) values ($1, $2, $3, $4, $5, $6)`,
          p.name,
          p.from,
          p.to,
          entries,
          accounts,
          opts.archive === "drop",
        );
        await detachMonth(tx, LEDGER_TABLE, p, { archive: opts.archive, schema: ARCHIVE_SCHEMA });
        return { retired: { partition: p.name, entries, accounts } };
      },
      { timeout: 600_000, maxWait: 10_000 },
    );
    if ("blocked" in done) {
      // Something changed since the plan (a hold opened, a late entry): the rest waits for the next run.
      result.blocked = { partition: p.name, ...done.blocked! };
      break;
    }
    result.retired.push(done.retired!);
  }
  return result;
}

/** Receipts made before this instant have (some of) their entries offline: `ledger:check` leaves them out. Null: nothing archived. */
export async function ledgerHorizon(db: Pick<Db, "$queryRawUnsafe">): Promise<Date | null> {
  return archiveHorizon(db, "LedgerArchive");
}
