// Runs a segment: count, a sample, a page of members, and every member in batches (for CSV).
// The console passes analyticsDb() (lib/db/client.ts): a small pool of its own with timeouts.
import type { Db } from "@/lib/db/client";
import { sqlState, SQLSTATE } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { definitionInForce } from "@/lib/program/in-force";
import { compileSegment, countQuery, membersQuery, type CompileOptions, type SegmentContext } from "./compile";
import type { SegmentDefinition } from "./definition";

export interface SegmentMember {
  id: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  birthDate: Date | null;
  registrationChannel: string;
  emailConsent: boolean;
  smsConsent: boolean;
  createdAt: Date;
  tierCode: string | null;
  balance: number;
}

/** The context a program's segments are evaluated in (its time zone and entry tier). */
export async function segmentContext(db: Db, programId: string, now = new Date()): Promise<SegmentContext> {
  const program = await db.program.findUnique({ where: { id: programId }, select: { timezone: true } });
  if (!program) throw new AppError("not_found", "Program not found");
  const version = await definitionInForce(db, programId, now);
  return { programId, now, timeZone: program.timezone, entryTier: version?.definition.tiers[0]?.code ?? null };
}

/** A live count must not hold a connection for long: past this the console says "try a narrower segment". */
const COUNT_TIMEOUT_MS = 20_000;

export async function countSegment(db: Db, ctx: SegmentContext, def: SegmentDefinition, opts: { timeoutMs?: number } & CompileOptions = {}): Promise<number> {
  const q = countQuery(compileSegment(def, ctx, { activity: opts.activity }));
  const timeout = Math.max(100, Math.trunc(opts.timeoutMs ?? COUNT_TIMEOUT_MS));
  try {
    const rows = await db.$transaction(
      async (tx) => {
        // A constant, not input: SET cannot take bind parameters.
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${timeout}`);
        // Per-customer aggregates of receipts hash well in memory; the default 4 MB spills to disk.
        await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
        // Parallel plans here rebuild every per-customer hash in each worker (measured: 3× the
        // work for the same answer); one process does it once.
        await tx.$executeRawUnsafe(`SET LOCAL max_parallel_workers_per_gather = 0`);
        return tx.$queryRawUnsafe<{ n: bigint }[]>(q.sql, ...q.params);
      },
      { timeout: timeout + 5_000, maxWait: 5_000 },
    );
    return Number(rows[0]?.n ?? 0);
  } catch (err) {
    if (sqlState(err) === SQLSTATE.queryCanceled) throw new AppError("unavailable", "Counting this segment took too long. Try narrower conditions.");
    throw err;
  }
}

/** Members in id order: after `afterId` (keyset, for exports) or skipping `offset` (console pages). */
export async function segmentMembers(db: Db, ctx: SegmentContext, def: SegmentDefinition, opts: { afterId?: string | null; limit?: number; offset?: number } = {}): Promise<SegmentMember[]> {
  const q = membersQuery(compileSegment(def, ctx), { afterId: opts.afterId, limit: opts.limit ?? 50, offset: opts.offset });
  const rows = await db.$queryRawUnsafe<SegmentMember[]>(q.sql, ...q.params);
  // Customers without a status row hold the entry tier.
  return ctx.entryTier ? rows.map((m) => (m.tierCode ? m : { ...m, tierCode: ctx.entryTier ?? null })) : rows;
}

/** Every member, in id order, `batch` rows per query (keyset: memory stays flat at any size). */
export async function* segmentBatches(db: Db, ctx: SegmentContext, def: SegmentDefinition, batch = 2_000): AsyncGenerator<SegmentMember[]> {
  let afterId: string | null = null;
  for (;;) {
    const rows = await segmentMembers(db, ctx, def, { afterId, limit: batch });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
    afterId = rows[rows.length - 1].id;
  }
}
