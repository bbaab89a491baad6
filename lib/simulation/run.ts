// Runs a what-if replay (replay.ts) of a draft program definition against the version in force
// over the last N months of a program's receipts and visits. Read-only: it streams the events
// customer by customer in time order, in keyset-paged batches (flat memory: one customer's state
// at a time), reads each customer's recorded main balance at the window's start, and returns the
// totals. Nothing of the ledger, lots, receipts or statuses is written.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { validateDefinition } from "@/lib/program/apply-program";
import type { ProgramDefinition } from "@/lib/program/definition";
import { definitionAt } from "@/lib/program/in-force";
import type { BasketStore } from "@/lib/rules/types";
import { evalPeriod } from "@/lib/tiers/metrics";
import { Replay, type ReplayEvent, type ReplayHooks, type ReplayTotals } from "./replay";

export const MIN_MONTHS = 1;
export const MAX_MONTHS = 36;
const BATCH = 5000;

/** How the replay counts (the console shows them translated, by key: prog.sim.assume.*). */
export const ASSUMPTIONS = {
  promotions: "promotions: discounts as recorded on each line; promotion bonus points and promo-account points left out",
  redemptions: "redemptions: the main-account points the member redeemed on each receipt, capped by the simulated balance and the version's limits",
  balance: "balance: recorded at the window's start, then + issued − redeemed (no expiry, adjustments, catalog or returns)",
  statuses: "statuses: receipts and visits since the qualification period before the window count (warm-up, no points); returns and manual statuses left out",
} as const;

export interface SimulationInput {
  programId: string;
  draft: unknown;
  months: number;
  now: Date;
}

export interface SimulationResult extends ReplayTotals {
  window: { from: string; to: string; warmupFrom: string | null };
  currentVersion: number;
  tiers: { code: string; name: ProgramDefinition["tiers"][number]["name"]; current: boolean; draft: boolean }[];
  assumptions: typeof ASSUMPTIONS;
  seconds: number;
}

/** The draft parsed and checked against the program (same code); throws AppError("invalid_request") listing every problem. */
export function checkDraft(draft: unknown, programCode: string): ProgramDefinition {
  const def = validateDefinition(draft);
  if (def.code !== programCode) {
    throw new AppError("invalid_request", `The draft is for program "${def.code}", not "${programCode}"`, { details: [{ path: "code", message: `must be "${programCode}"` }] });
  }
  return def;
}

export function checkMonths(months: number): number {
  if (!Number.isInteger(months) || months < MIN_MONTHS || months > MAX_MONTHS) {
    throw new AppError("invalid_request", `Months must be a whole number from ${MIN_MONTHS} to ${MAX_MONTHS}`, {
      details: [{ path: "months", message: `from ${MIN_MONTHS} to ${MAX_MONTHS}` }],
    });
  }
  return months;
}

/** `now` minus whole calendar months (UTC), the day clamped to the month's length. */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const dim = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, dim));
  return d;
}

/** Where the status bookkeeping must start so the window's first receipt sees the statuses it had: the previous qualification period's start. */
function warmupStart(def: ProgramDefinition, from: Date): Date | null {
  const p = evalPeriod(def, from);
  if (p.rolling || p.prev) return p.prev?.start ?? p.start;
  return p.key === "lifetime" ? null : p.start;
}

type EventRow = {
  kind: "p" | "v";
  id: string;
  customerId: string;
  at: Date;
  storeId: string | null;
  offline: boolean | null;
  pointsEarned: number | null;
  pointsRedeemed: number | null;
  promoPointsRedeemed: number | null;
};

export async function simulateProgram(
  db: Db,
  input: SimulationInput,
  opts: { onProgress?: (fraction: number) => void | Promise<void>; hooks?: ReplayHooks; batch?: number } = {},
): Promise<SimulationResult> {
  const started = Date.now();
  const program = await db.program.findUnique({ where: { id: input.programId }, select: { code: true } });
  if (!program) throw new AppError("not_found", "No such program");
  const draft = checkDraft(input.draft, program.code);
  const months = checkMonths(input.months);
  const inForce = await definitionAt(db, input.programId, input.now);
  const version = await db.programVersion.findUnique({ where: { id: inForce.versionId }, select: { version: true } });
  const current = inForce.definition;
  const to = input.now;
  const from = monthsBefore(to, months);
  const starts = [warmupStart(current, from), warmupStart(draft, from)];
  const warmupFrom = starts.includes(null) ? null : new Date(Math.min(...starts.map((d) => d!.getTime()), from.getTime()));
  const lo = warmupFrom ?? new Date(0);

  const storeRows = await db.$queryRaw<{ id: string; code: string; tags: string[]; partnerCode: string | null }[]>`
    select s.id, s.code, s.tags, p.code as "partnerCode" from "Store" s left join "Partner" p on p.id = s."partnerId" where s."programId" = ${input.programId}`;
  const stores = new Map<string, BasketStore>(storeRows.map((s) => [s.id, { code: s.code, partnerCode: s.partnerCode, tags: s.tags }]));

  const [{ n: total }] = await db.$queryRaw<{ n: number }[]>`
    select ((select count(*) from "Purchase" where "programId" = ${input.programId} and "customerId" is not null and status = 'committed' and at >= ${lo} and at < ${to})
      + (select count(*) from "Visit" where "programId" = ${input.programId} and at >= ${lo} and at < ${to}))::int as n`;

  const replay = new Replay(current, draft, { from, to }, stores, opts.hooks);
  const size = opts.batch ?? BATCH;
  let cursor: { customerId: string; at: Date; id: string } | null = null;
  let done = 0;
  let currentCustomer: string | null = null;
  for (;;) {
    const c: { customerId: string; at: Date; id: string } = cursor ?? { customerId: "", at: new Date(0), id: "" };
    const rows = await db.$queryRaw<EventRow[]>`
      select * from (
        select 'p' as kind, id, "customerId", at, "storeId", offline, "pointsEarned", "pointsRedeemed", "promoPointsRedeemed" from "Purchase"
        where "programId" = ${input.programId} and "customerId" is not null and status = 'committed' and at >= ${lo} and at < ${to}
          and ("customerId", at, id) > (${c.customerId}, ${c.at}, ${c.id})
        union all
        select 'v', id, "customerId", at, null, null, null, null, null from "Visit"
        where "programId" = ${input.programId} and at >= ${lo} and at < ${to}
          and ("customerId", at, id) > (${c.customerId}, ${c.at}, ${c.id})
      ) e order by "customerId", at, id limit ${size}`;
    if (!rows.length) break;
    const purchaseIds = rows.filter((r) => r.kind === "p").map((r) => r.id);
    const lines = purchaseIds.length
      ? await db.$queryRaw<{ purchaseId: string; lineNo: number; sku: string; category: string; quantityMilli: number; price: number; discount: number }[]>`
          select "purchaseId", "lineNo", sku, category, "quantityMilli", price, discount from "PurchaseLine" where "purchaseId" = any(${purchaseIds}::text[]) order by "purchaseId", "lineNo"`
      : [];
    const byPurchase = new Map<string, typeof lines>();
    for (const l of lines) {
      const list = byPurchase.get(l.purchaseId);
      if (list) list.push(l);
      else byPurchase.set(l.purchaseId, [l]);
    }
    const newCustomers = [...new Set(rows.map((r) => r.customerId))].filter((id) => id !== currentCustomer);
    const balances = new Map(
      (
        await db.$queryRaw<{ customerId: string; balance: number }[]>`
          select a."customerId", coalesce(sum(e."deltaAvailable"), 0)::int as balance from "Account" a
          left join "LedgerEntry" e on e."accountId" = a.id and e.at < ${from}
          where a."customerId" = any(${newCustomers}::text[]) and a.kind = 'main' group by a."customerId"`
      ).map((r) => [r.customerId, r.balance]),
    );
    for (const r of rows) {
      if (r.customerId !== currentCustomer) {
        currentCustomer = r.customerId;
        replay.customer(r.customerId, balances.get(r.customerId) ?? 0);
      }
      const e: ReplayEvent =
        r.kind === "v"
          ? { kind: "visit", id: r.id, customerId: r.customerId, at: r.at }
          : {
              kind: "purchase",
              id: r.id,
              customerId: r.customerId,
              at: r.at,
              storeId: r.storeId!,
              offline: r.offline ?? false,
              pointsEarned: r.pointsEarned ?? 0,
              pointsRedeemed: r.pointsRedeemed ?? 0,
              promoPointsRedeemed: r.promoPointsRedeemed ?? 0,
              lines: (byPurchase.get(r.id) ?? []).map((l) => ({ lineNo: l.lineNo, sku: l.sku, category: l.category, quantityMilli: l.quantityMilli, price: l.price, discount: l.discount })),
            };
      replay.event(e);
    }
    done += rows.length;
    const last = rows[rows.length - 1];
    cursor = { customerId: last.customerId, at: last.at, id: last.id };
    await opts.onProgress?.(total ? Math.min(1, done / total) : 1);
    if (rows.length < size) break;
  }
  const totals = replay.finish();
  const codes = [...new Set([...current.tiers.map((t) => t.code), ...draft.tiers.map((t) => t.code)])];
  return {
    ...totals,
    window: { from: from.toISOString(), to: to.toISOString(), warmupFrom: warmupFrom?.toISOString() ?? null },
    currentVersion: version?.version ?? 0,
    tiers: codes.map((code) => ({
      code,
      name: (draft.tiers.find((t) => t.code === code) ?? current.tiers.find((t) => t.code === code))!.name,
      current: current.tiers.some((t) => t.code === code),
      draft: draft.tiers.some((t) => t.code === code),
    })),
    assumptions: ASSUMPTIONS,
    seconds: (Date.now() - started) / 1000,
  };
}
