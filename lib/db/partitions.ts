// Monthly range partitions of a table partitioned by a timestamptz column (PARTITION BY RANGE):
// which months exist, creating the months ahead, and the month a timestamp falls in. Partitions hold
// one UTC calendar month each and are named "<Table>_pYYYY_MM"; "<Table>_default" takes rows no month
// covers, so an insert never fails for want of a partition. Used by the ledger's, the visits' and the
// receipts' partitions jobs (lib/ledger/retention.ts, job "ledger-partitions";
// lib/purchases/visit-retention.ts, job "visit-partitions"; lib/purchases/purchase-retention.ts, job
// "purchase-partitions"); see docs/scaling.md, "Partitions and retention".
import type { Db } from "@/lib/db/client";

export interface MonthPartition {
  /** Table name, e.g. "LedgerEntry_p2026_12". */
  name: string;
  /** First instant of the month (UTC). */
  from: Date;
  /** First instant of the next month. */
  to: Date;
}

/** The first instant (UTC) of the month of `d`, moved by `add` months. */
export function monthStart(d: Date, add = 0): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + add, 1));
}

export function partitionName(table: string, month: Date): string {
  return `${table}_p${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function defaultPartitionName(table: string): string {
  return `${table}_default`;
}

/** A quoted SQL identifier. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The first instant of the months that stay online whatever happens: months ending before it may go. */
export function retentionCutoff(now: Date, retentionMonths: number): Date {
  return monthStart(now, -retentionMonths);
}

type RawTx = Pick<Db, "$queryRawUnsafe" | "$executeRawUnsafe">;

/** The end of the last month taken offline, from its archive table ("LedgerArchive", "VisitArchive", "PurchaseArchive"). Null: nothing archived. */
export async function archiveHorizon(db: Pick<Db, "$queryRawUnsafe">, archiveTable: string): Promise<Date | null> {
  const [{ to }] = await db.$queryRawUnsafe<{ to: Date | null }[]>(`select max("to") as "to" from ${ident(archiveTable)}`);
  return to;
}

/**
 * Takes the month `p` of `table` offline inside the caller's transaction (its archive row already
 * written): DETACH PARTITION, then the table dropped (`archive: "drop"`) or moved to `schema`; with
 * `dropForeignKeys`, the archived table's foreign keys go first (it then holds no row elsewhere in place).
 */
export async function detachMonth(tx: RawTx, table: string, p: MonthPartition, opts: { archive: "schema" | "drop"; schema: string; dropForeignKeys?: boolean }): Promise<void> {
  await tx.$executeRawUnsafe(`ALTER TABLE ${ident(table)} DETACH PARTITION ${ident(p.name)}`);
  if (opts.archive === "drop") {
    await tx.$executeRawUnsafe(`DROP TABLE ${ident(p.name)}`);
    return;
  }
  if (opts.dropForeignKeys) {
    // Only the table's own keys: a key into a partitioned table has one child per referenced partition, dropped with it.
    const fks = await tx.$queryRawUnsafe<{ name: string }[]>(`select conname as name from pg_constraint where conrelid = $1::regclass and contype = 'f' and conparentid = 0`, ident(p.name));
    for (const fk of fks) await tx.$executeRawUnsafe(`ALTER TABLE ${ident(p.name)} DROP CONSTRAINT ${ident(fk.name)}`);
  }
  await tx.$executeRawUnsafe(`ALTER TABLE ${ident(p.name)} SET SCHEMA ${ident(opts.schema)}`);
}

/** The monthly partitions attached to `table` (the default partition left out), oldest first. */
export async function listMonthPartitions(db: Db, table: string): Promise<MonthPartition[]> {
  const rows = await db.$queryRaw<{ name: string; from: Date; to: Date }[]>`
    select c.relname as name, b[1]::timestamptz as "from", b[2]::timestamptz as "to"
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    join pg_class p on p.oid = i.inhparent
    join pg_namespace n on n.oid = p.relnamespace and n.nspname = current_schema()
    cross join lateral regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\) TO \\(''([^'']+)''\\)') b
    where p.relname = ${table} and b is not null
    order by 2`;
  return rows;
}

type Raw = Pick<Db, "$queryRawUnsafe">;

/** Rows of the default partition of `table` in [from, to) of its partition key `column`. */
async function defaultRows(db: Raw, table: string, column: string, from: Date, to: Date): Promise<number> {
  const [{ n }] = await db.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from ${ident(defaultPartitionName(table))} where ${ident(column)} >= $1 and ${ident(column)} < $2`, from, to);
  return n;
}

/**
 * Creates the missing monthly partitions of `table` from the month of `now` to `monthsAhead` months
 * after it. Rows of a new month already in the default partition (written before its partition
 * existed: an import dated ahead, a clock far off) are moved into it in the same transaction, so the
 * month can be attached at all (PostgreSQL refuses a partition whose rows sit in the default one).
 * Returns the names created.
 */
export async function ensureMonthPartitions(
  db: Db,
  table: string,
  column: string,
  now: Date,
  monthsAhead: number,
  /**
   * `keepDefaultRows`: a month whose rows wait in the default partition is left uncreated (its name
   * pushed to `waiting`) instead of moved — for tables other tables reference by foreign key
   * (receipts and their lines: a row cannot leave the default partition while a line or a return
   * points at it). The rows stay correct where they are, only unpruned.
   */
  opts: { keepDefaultRows?: boolean; waiting?: string[] } = {},
): Promise<string[]> {
  const have = new Set((await listMonthPartitions(db, table)).map((p) => p.from.getTime()));
  const created: string[] = [];
  for (let i = 0; i <= monthsAhead; i++) {
    const from = monthStart(now, i);
    if (have.has(from.getTime())) continue;
    const to = monthStart(now, i + 1);
    const name = partitionName(table, from);
    const bounds = `FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`;
    const made = await db.$transaction(async (tx) => {
      // Short waits only: the job runs again tomorrow rather than queueing the tills behind it.
      await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '5s'`);
      if ((await defaultRows(tx, table, column, from, to)) === 0) {
        await tx.$executeRawUnsafe(`CREATE TABLE ${ident(name)} PARTITION OF ${ident(table)} ${bounds}`);
        return true;
      }
      if (opts.keepDefaultRows) return false;
      const def = ident(defaultPartitionName(table));
      await tx.$executeRawUnsafe(`LOCK TABLE ${def} IN EXCLUSIVE MODE`);
      await tx.$executeRawUnsafe(`CREATE TABLE ${ident(name)} (LIKE ${ident(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await tx.$executeRawUnsafe(`INSERT INTO ${ident(name)} SELECT * FROM ${def} WHERE ${ident(column)} >= $1 AND ${ident(column)} < $2`, from, to);
      // A move, not a change: the user triggers (the ledger's append-only one, cloned onto the
      // partition) are off for this statement only; statement-level ones (the visits' activity
      // summary) are the parent's and do not fire for a statement on the partition.
      await tx.$executeRawUnsafe(`ALTER TABLE ${def} DISABLE TRIGGER USER`);
      await tx.$executeRawUnsafe(`DELETE FROM ${def} WHERE ${ident(column)} >= $1 AND ${ident(column)} < $2`, from, to);
      await tx.$executeRawUnsafe(`ALTER TABLE ${def} ENABLE TRIGGER USER`);
      await tx.$executeRawUnsafe(`ALTER TABLE ${ident(table)} ATTACH PARTITION ${ident(name)} ${bounds}`);
      return true;
    });
    if (made) created.push(name);
    else opts.waiting?.push(name);
  }
  return created;
}
