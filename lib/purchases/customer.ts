// Finding the customer of a POS call (card, phone, QR token or id; always inside the
// terminal's program) and reading the state that prices a receipt.
import type { Sql } from "@/lib/db/sql";
import type { DueLot } from "@/lib/ledger/expire";
import { lockAccounts } from "@/lib/ledger/lock-accounts";
import type { AccountKind, LockedAccount } from "@/lib/ledger/types";
import { AppError } from "@/lib/errors";
import type { ProgramDefinition } from "@/lib/program/definition";
import { tierInForce } from "@/lib/tiers/activity";
import { evalPeriod, metricRowRange, metricsAt, type MetricRow } from "@/lib/tiers/metrics";
import type { TierRow } from "@/lib/tiers/reevaluate";
import { tierRowFromJson, type TierRowJson } from "@/lib/tiers/tier-rows";
import type { TierMetrics } from "@/lib/tiers/evaluate-status";
import type { LimitRow } from "@/lib/promotions/reserve";

type Q = Pick<Sql, "$queryRaw">;

/** How a till names a customer: card number, phone (E.164), the cabinet's QR token, or id. */
export type CustomerRef = { card: string } | { phone: string } | { qr: string } | { id: string };

export interface PosCustomer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  phoneVerifiedAt: Date | null;
  birthDate: Date | null;
  /** When the member joined (promotions for new members). */
  registeredAt: Date;
  status: "active" | "blocked";
  card: string | null;
}

/** "Anna" → "A•••": what a partner's terminal may show of a member's name. */
export function maskName(name: string | null): string | null {
  const n = name?.trim();
  return n ? `${Array.from(n)[0]}•••` : null;
}

/**
 * The customer as a till may see them: a coalition partner's terminal sees masked names only
 * (lookups, receipt messages); the program owner's own stores see them in full.
 */
export function asSeenBy(till: { store: { partnerCode: string | null } }, c: PosCustomer): PosCustomer {
  return till.store.partnerCode ? { ...c, firstName: maskName(c.firstName), lastName: maskName(c.lastName) } : c;
}

/**
 * Spending at a partner's store needs the member present, whatever the program says: the
 * cabinet's QR token was scanned, or the customer tells the SMS code (POST /redemptions/authorize).
 */
export function partnerNeedsCode(till: { store: { partnerCode: string | null } }, ref: CustomerRef | undefined, redeemPoints: number): boolean {
  return till.store.partnerCode !== null && redeemPoints > 0 && !(ref && "qr" in ref);
}

export async function resolveCustomer(q: Q, programId: string, ref: CustomerRef): Promise<PosCustomer> {
  let rows: PosCustomer[];
  if ("card" in ref) {
    rows = await q.$queryRaw<PosCustomer[]>`
      select c.id, c."firstName", c."lastName", c.phone, c."phoneVerifiedAt", c."birthDate", c."createdAt" as "registeredAt", c.status::text as status, k.number as card
      from "Card" k join "Customer" c on c.id = k."customerId"
      where k.number = ${ref.card} and k."programId" = ${programId} and k.status = 'active'`;
  } else if ("qr" in ref) {
    rows = await q.$queryRaw<PosCustomer[]>`
      select c.id, c."firstName", c."lastName", c.phone, c."phoneVerifiedAt", c."birthDate", c."createdAt" as "registeredAt", c.status::text as status, k.number as card
      from "Card" k join "Customer" c on c.id = k."customerId"
      where k."qrToken" = ${ref.qr} and k."programId" = ${programId} and k.status = 'active'`;
  } else if ("phone" in ref) {
    rows = await q.$queryRaw<PosCustomer[]>`
      select c.id, c."firstName", c."lastName", c.phone, c."phoneVerifiedAt", c."birthDate", c."createdAt" as "registeredAt", c.status::text as status,
        (select number from "Card" where "customerId" = c.id and status = 'active' order by "issuedAt" desc limit 1) as card
      from "Customer" c where c."programId" = ${programId} and c.phone = ${ref.phone}`;
  } else {
    rows = await q.$queryRaw<PosCustomer[]>`
      select c.id, c."firstName", c."lastName", c.phone, c."phoneVerifiedAt", c."birthDate", c."createdAt" as "registeredAt", c.status::text as status,
        (select number from "Card" where "customerId" = c.id and status = 'active' order by "issuedAt" desc limit 1) as card
      from "Customer" c where c."programId" = ${programId} and c.id = ${ref.id}`;
  }
  const c = rows[0];
  if (!c) throw customerNotFound();
  return c;
}

export const customerNotFound = () => new AppError("customer_not_found", "No customer of this program matches the card, phone, QR code or id");

type AccountJson = Omit<LockedAccount, "kind"> & { kind: AccountKind };

/** The customer a merged-away record now lives on (following chains of merges), or null. */
export async function mergedInto(q: Q, customerId: string): Promise<string | null> {
  const rows = await q.$queryRaw<{ id: string }[]>`
    with recursive chain(id, depth) as (
      select "keptId", 1 from "CustomerMerge" where "mergedId" = ${customerId}
      union all
      select m."keptId", c.depth + 1 from "CustomerMerge" m join chain c on m."mergedId" = c.id where c.depth < 20
    )
    select id from chain order by depth desc limit 1`;
  return rows[0]?.id ?? null;
}

/**
 * Locks the resolved customer's accounts. A merge that committed while this request waited for
 * the lock moved everything to the kept customer: the request follows it (and locks the kept
 * customer's accounts), so nothing is ever written for a merged-away record.
 */
export async function lockCustomerAccounts(sql: Sql, programId: string, customer: PosCustomer): Promise<{ customer: PosCustomer; accounts: Record<AccountKind, LockedAccount> }> {
  const accounts = await lockAccounts(sql, programId, customer.id);
  const kept = await mergedInto(sql, customer.id);
  if (!kept) return { customer, accounts };
  const survivor = await resolveCustomer(sql, programId, { id: kept });
  return { customer: survivor, accounts: await lockAccounts(sql, programId, survivor.id) };
}

/** What a receipt reads right after the customer's account locks, in one statement. */
export interface ReceiptReads {
  /** The main account's lots due to expire at `now` (by expiry, then id). */
  dueLots: DueLot[];
  /** The CustomerTier row, locked FOR UPDATE (accounts → CustomerTier, the ledger's order), and the metric rows of the period of `at`. */
  tier: { row: TierRow | null; periodKey: string; metricRows: MetricRow[] };
  /** The limit rows of the promotions asked for (`limits`), for pricing (lib/promotions/reserve.ts `remainingFor`). */
  limitRows: LimitRow[];
}

type LockedRow = PosCustomer & { accounts: AccountJson[] | null; kept: string | null; lots: DueLot[] | null; tier: TierRowJson | null; metrics: MetricRow[] | null; limits: LimitRow[] | null };

/**
 * lockCustomerAccounts for a receipt, from the till's reference, in ONE round trip: the
 * migration's function `tribune_lock_for_receipt` resolves the customer (card, QR, phone or id),
 * locks their accounts (main → promo) and then — each statement of a VOLATILE function takes a
 * fresh snapshot, so a receipt or merge that committed while this one waited for the locks is
 * seen — reads the merge check, the main account's due lots, the status row (locking it), the
 * metric rows of the period of `at` and the promotions' limit rows. A customer without both
 * accounts gets them created and locked, then the reads (two statements more). After following
 * a merge, `reads` is null (the caller reads them for the kept customer).
 */
export async function lockForReceipt(
  sql: Sql,
  programId: string,
  ref: CustomerRef,
  def: ProgramDefinition,
  at: Date,
  now: Date,
  /** The promotions whose counters and per-customer uses pricing needs (lib/promotions/reserve.ts `limitIds`). */
  limits: { counted: string[]; perCustomer: string[] } = { counted: [], perCustomer: [] },
): Promise<{ customer: PosCustomer; accounts: Record<AccountKind, LockedAccount>; reads: ReceiptReads | null }> {
  const period = evalPeriod(def, at);
  const range = metricRowRange(def, period);
  const call = () => sql.$queryRaw<LockedRow[]>`
    select * from "tribune_lock_for_receipt"(${programId}, ${"card" in ref ? ref.card : null}::text, ${"qr" in ref ? ref.qr : null}::text, ${"phone" in ref ? ref.phone : null}::text,
      ${"id" in ref ? ref.id : null}::text, ${now}::timestamptz, ${range.keys}::text[], ${range.lo}::text, ${range.hi}::text, ${limits.counted}::text[], ${limits.perCustomer}::text[])`;
  let [r] = await call();
  if (!r) throw customerNotFound();
  if (!r.accounts || r.accounts.length < 2) {
    // A customer without both accounts: lockAccounts creates them (locked by this transaction),
    // and the function, called again, finds them and reads after the locks.
    await lockAccounts(sql, programId, r.id);
    [r] = await call();
  }
  const { accounts: locked, kept, lots, tier, metrics, limits: limitRows, ...customer } = r;
  const accounts = Object.fromEntries(locked!.map((a) => [a.kind, a])) as Record<AccountKind, LockedAccount>;
  if (kept) {
    const survivor = await resolveCustomer(sql, programId, { id: kept });
    return { customer: survivor, accounts: await lockAccounts(sql, programId, survivor.id), reads: null };
  }
  return {
    customer,
    accounts,
    reads: {
      dueLots: (lots ?? []).map((l) => ({ id: l.id, remaining: l.remaining, held: l.held, active: l.active, purchaseId: l.purchaseId })),
      tier: {
        row: tierRowFromJson(tier),
        periodKey: period.key,
        metricRows: metrics ?? [],
      },
      limitRows: limitRows ?? [],
    },
  };
}

/** The tier code in force for the customer at `at` (no writes; a finished period is evaluated in memory). */
export async function currentTierCode(q: Sql, programId: string, customerId: string, def: ProgramDefinition, at: Date): Promise<string> {
  return tierInForce(q, programId, customerId, def, at);
}

export async function readBalances(q: Q, customerId: string) {
  const rows = await q.$queryRaw<{ kind: string; available: number; pending: number }[]>`
    select kind::text as kind, available, pending from "Account" where "customerId" = ${customerId}`;
  const main = rows.find((r) => r.kind === "main");
  const promo = rows.find((r) => r.kind === "promo");
  return { main: main?.available ?? 0, promo: promo?.available ?? 0, pending: (main?.pending ?? 0) + (promo?.pending ?? 0) };
}

/** The customer's metrics in the qualification period containing `at` (rolling windows summed). */
export async function periodMetrics(q: Q, customerId: string, def: ProgramDefinition, at: Date): Promise<TierMetrics> {
  return metricsAt(q, customerId, def, at);
}
