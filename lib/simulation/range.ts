// One key range of customers of a what-if replay (run.ts splits the program's customers into
// ranges, one per worker thread, worker.ts): the customers are read in keyset pages by id, and
// ONE statement per page returns each customer's receipts and visits since the warm-up start —
// in time order, each receipt with its lines — as a JSON array, with the customer's recorded main
// balance at the window's start (only for customers with events). Flat memory: one page at a time.
// Read-only. Plain data in and out, so a worker thread can run it on its own connection.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ProgramDefinition } from "@/lib/program/definition";
import type { BasketStore } from "@/lib/rules/types";
import { Replay, type ReplayEvent, type ReplayHooks, type ReplayLine, type ReplayTotals } from "./replay";

/** What every range of one simulation shares (structured-clonable: sent to the worker threads). */
export interface ReplayContext {
  programId: string;
  current: ProgramDefinition;
  draft: ProgramDefinition;
  /** The window [from, to) and the warm-up start `lo` (epoch ms). */
  from: number;
  to: number;
  lo: number;
  stores: [string, BasketStore][];
}

/** Customers with `after` < id ≤ `upTo` (in the database's text order); `upTo` null: no upper bound. */
export interface CustomerRange {
  after: string;
  upTo: string | null;
}

/** Where a range's time went (the bench prints it): waiting for pages (the next is read while one is replayed) vs replaying them, ms. */
export interface ReplayTiming {
  sqlMs: number;
  replayMs: number;
}

type PageRow = { id: string; balance: number; events: string | null };
/** ["p", id, at ms, storeId, offline, pointsEarned, pointsRedeemed, promoPointsRedeemed, lines | null] or ["v", id, at ms]. */
type EventTuple = ["p", string, number, string, boolean | null, number | null, number | null, number | null, [number, string, string, number, number, number][] | null] | ["v", string, number];

/** One page: customers of the range after `cursor`, each with its events (null: none in the window) and its start balance. */
async function readPage(db: Db, ctx: ReplayContext, range: CustomerRange, cursor: string, size: number): Promise<PageRow[]> {
  const lo = new Date(ctx.lo);
  const from = new Date(ctx.from);
  const to = new Date(ctx.to);
  const upTo = range.upTo === null ? Prisma.empty : Prisma.sql`and id <= ${range.upTo}`;
  return db.$queryRaw<PageRow[]>`
    select c.id, ev.events::text as events,
      case when ev.events is null then 0 else coalesce((
        select sum(e."deltaAvailable") from "Account" a join "LedgerEntry" e on e."accountId" = a.id and e.at < ${from}
        where a."customerId" = c.id and a.kind = 'main'), 0)::int end as balance
    from (select id from "Customer" where "programId" = ${ctx.programId} and id > ${cursor} ${upTo} order by id limit ${size}) c
    cross join lateral (
      select json_agg(x.j order by x.at, x.id) as events from (
        select p.at, p.id, json_build_array('p', p.id, (extract(epoch from p.at) * 1000)::bigint, p."storeId", p.offline, p."pointsEarned", p."pointsRedeemed", p."promoPointsRedeemed",
          (select json_agg(json_build_array(l."lineNo", l.sku, l.category, l."quantityMilli", l.price, l.discount) order by l."lineNo") from "PurchaseLine" l where l."purchaseId" = p.id and l."purchaseAt" = p.at)) as j
        from "Purchase" p
        where p."customerId" = c.id and p."programId" = ${ctx.programId} and p.status = 'committed' and p.at >= ${lo} and p.at < ${to}
        union all
        select v.at, v.id, json_build_array('v', v.id, (extract(epoch from v.at) * 1000)::bigint)
        from "Visit" v
        where v."customerId" = c.id and v."programId" = ${ctx.programId} and v.at >= ${lo} and v.at < ${to}
      ) x
    ) ev
    order by c.id`;
}

function toEvent(customerId: string, t: EventTuple): ReplayEvent {
  if (t[0] === "v") return { kind: "visit", id: t[1], customerId, at: new Date(t[2]) };
  const lines: ReplayLine[] = (t[8] ?? []).map((l) => ({ lineNo: l[0], sku: l[1], category: l[2], quantityMilli: l[3], price: l[4], discount: l[5] }));
  return {
    kind: "purchase",
    id: t[1],
    customerId,
    at: new Date(t[2]),
    storeId: t[3],
    offline: t[4] ?? false,
    pointsEarned: t[5] ?? 0,
    pointsRedeemed: t[6] ?? 0,
    promoPointsRedeemed: t[7] ?? 0,
    lines,
  };
}

/**
 * Replays the customers of `range` (customer by customer, each customer's events in time order)
 * and returns the range's totals. `onPage` gets the number of customers read so far (progress).
 */
export async function replayRange(
  db: Db,
  ctx: ReplayContext,
  range: CustomerRange,
  opts: { batch: number; hooks?: ReplayHooks; onPage?: (customers: number) => void | Promise<void>; timing?: ReplayTiming },
): Promise<ReplayTotals> {
  const replay = new Replay(ctx.current, ctx.draft, { from: new Date(ctx.from), to: new Date(ctx.to) }, new Map(ctx.stores), opts.hooks);
  let read = 0;
  // The next page is read while this one is replayed (the database's backend and this thread work
  // at once); at most two pages in memory.
  const prefetch = (cursor: string) => {
    const page = readPage(db, ctx, range, cursor, opts.batch);
    // Starts the query now (Prisma's promises are lazy) and keeps a failure for the await below.
    page.catch(() => {});
    return page;
  };
  let next: Promise<PageRow[]> | null = prefetch(range.after);
  while (next) {
    const t0 = performance.now();
    const rows: PageRow[] = await next;
    const t1 = performance.now();
    next = rows.length < opts.batch ? null : prefetch(rows[rows.length - 1].id);
    for (const r of rows) {
      if (r.events === null) continue;
      replay.customer(r.id, r.balance);
      for (const t of JSON.parse(r.events) as EventTuple[]) replay.event(toEvent(r.id, t));
    }
    if (opts.timing) {
      opts.timing.sqlMs += t1 - t0;
      opts.timing.replayMs += performance.now() - t1;
    }
    read += rows.length;
    await opts.onPage?.(read);
  }
  return replay.finish();
}
