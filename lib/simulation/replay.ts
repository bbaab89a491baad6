// The what-if replay's core, pure: a customer's receipts and visits in time order go through the
// till's own code twice — once under the version in force, once under the draft — each with its
// own status bookkeeping (tier-state.ts, the functions of lib/tiers) and its own balance, and are
// priced with `priceBasket` (lib/rules) exactly as confirmPurchase calls it. Nothing is read or
// written here; read.ts streams the events, run.ts drives both.
//
// What the replay keeps and leaves out (also in every result, `assumptions`):
// - promotions as recorded: each line's recorded discount is the line's discount input, promotion
//   bonus points and promo-account points are left out (the promotions in force are not re-run);
// - the points a member redeemed on a receipt (main account) are redeemed again, capped by the
//   simulated balance and the version's redemption limits;
// - the balance at the window's start is the recorded one; then + issued − redeemed (no expiry,
//   adjustments, catalog redemptions or returns);
// - receipts and visits from the start of the qualification period before the window count toward
//   statuses (warm-up) but issue nothing; returns and manual statuses are left out.
import { AppError } from "@/lib/errors";
import type { ProgramDefinition } from "@/lib/program/definition";
import { lineAmount } from "@/lib/rules/money";
import { priceBasket } from "@/lib/rules/price-basket";
import type { BasketStore, PriceBasketInput, PricedBasket } from "@/lib/rules/types";
import { CustomerTierState } from "./tier-state";

export interface ReplayLine {
  lineNo: number;
  sku: string;
  category: string;
  quantityMilli: number;
  price: number;
  discount: number;
}

export type ReplayEvent =
  | {
      kind: "purchase";
      id: string;
      customerId: string;
      at: Date;
      storeId: string;
      offline: boolean;
      pointsEarned: number;
      pointsRedeemed: number;
      promoPointsRedeemed: number;
      lines: ReplayLine[];
    }
  | { kind: "visit"; id: string; customerId: string; at: Date };

export interface TrackTotals {
  /** Points the receipts of the window issue. */
  issued: number;
  /** Main-account points they redeem. */
  redeemed: number;
  /** issued − redeemed: what the window adds to the points liability. */
  liabilityChange: number;
  /** Customers per status at the window's end. */
  statuses: Record<string, number>;
}

export interface AffectedCustomer {
  customerId: string;
  current: { issued: number; redeemed: number; tier: string };
  draft: { issued: number; redeemed: number; tier: string };
  /** (draft issued − redeemed) − (current issued − redeemed). */
  delta: number;
}

export interface ReplayTotals {
  customers: number;
  receipts: number;
  visits: number;
  /** Receipts of the warm-up (before the window): statuses only. */
  warmupEvents: number;
  recorded: { issued: number; redeemed: number };
  current: TrackTotals;
  draft: TrackTotals;
  /** Customers whose status differs at the end. */
  statusChanged: number;
  mostAffected: AffectedCustomer[];
}

export interface ReplayHooks {
  /** Each receipt of the window, priced under both versions (tests compare with what was recorded). */
  onReceipt?: (e: Extract<ReplayEvent, { kind: "purchase" }>, current: PricedBasket, draft: PricedBasket) => void;
  /** Each customer at the end of the window. */
  onCustomer?: (customerId: string, currentTier: string, draftTier: string) => void;
}

interface Track {
  def: ProgramDefinition;
  tiers: CustomerTierState;
  balance: number;
  issued: number;
  redeemed: number;
}

const REDEMPTION_REFUSALS = new Set(["customer_blocked", "redemption_not_allowed", "insufficient_points", "redeem_limit_exceeded"]);
const TOP = 20;

function newTotals(def: ProgramDefinition): TrackTotals {
  return { issued: 0, redeemed: 0, liabilityChange: 0, statuses: Object.fromEntries(def.tiers.map((t) => [t.code, 0])) };
}

/**
 * What of a definition the status bookkeeping reads (lib/tiers: the time zone, the qualification
 * and each tier's code, thresholds and spend categories, in order): two definitions with the same
 * key give every customer the same statuses, so the replay keeps one bookkeeping for both.
 */
export function statusKey(def: ProgramDefinition): string {
  return JSON.stringify([def.timezone, def.qualification, def.tiers.map((t) => [t.code, t.qualify ?? null, t.spendCategories ?? null])]);
}

export class Replay {
  private readonly totals: ReplayTotals;
  private customerId: string | null = null;
  private tracks: [Track, Track] | null = null;
  private started = false;
  /** The draft changes nothing the statuses depend on: both tracks share one bookkeeping (half the work). */
  private readonly sameStatuses: boolean;

  constructor(
    private readonly current: ProgramDefinition,
    private readonly draft: ProgramDefinition,
    private readonly window: { from: Date; to: Date },
    private readonly stores: ReadonlyMap<string, BasketStore>,
    private readonly hooks: ReplayHooks = {},
  ) {
    this.sameStatuses = statusKey(current) === statusKey(draft);
    this.totals = {
      customers: 0,
      receipts: 0,
      visits: 0,
      warmupEvents: 0,
      recorded: { issued: 0, redeemed: 0 },
      current: newTotals(current),
      draft: newTotals(draft),
      statusChanged: 0,
      mostAffected: [],
    };
  }

  /** The next customer (events come customer by customer); `balance`: recorded main balance at the window's start. */
  customer(customerId: string, balance: number) {
    this.flush();
    this.customerId = customerId;
    const tiers = new CustomerTierState(this.current);
    this.tracks = [
      { def: this.current, tiers, balance, issued: 0, redeemed: 0 },
      { def: this.draft, tiers: this.sameStatuses ? tiers : new CustomerTierState(this.draft), balance, issued: 0, redeemed: 0 },
    ];
  }

  event(e: ReplayEvent) {
    if (!this.tracks || e.customerId !== this.customerId) throw new Error(`replay: event of ${e.customerId} outside its customer`);
    if (e.at >= this.window.to) return;
    const inWindow = e.at >= this.window.from;
    if (!inWindow) this.totals.warmupEvents += 1;
    if (e.kind === "visit") {
      if (inWindow) this.totals.visits += 1;
      this.tracks[0].tiers.record(e.at, { visits: 1 });
      if (!this.sameStatuses) this.tracks[1].tiers.record(e.at, { visits: 1 });
      return;
    }
    const spendByCategory: Record<string, number> = {};
    let spend = 0;
    const store = this.stores.get(e.storeId);
    if (!store) throw new Error(`replay: unknown store ${e.storeId}`);
    const priced: PricedBasket[] = [];
    // The basket's lines as priceBasket takes them, built once for both versions.
    const lines = inWindow ? e.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, category: l.category, quantity: l.quantityMilli / 1000, price: l.price, discount: l.discount })) : [];
    const currentTier = this.tracks[0].tiers.pricing(e.at);
    const tierCodes = [currentTier, this.sameStatuses ? currentTier : this.tracks[1].tiers.pricing(e.at)];
    for (let i = 0; i < 2; i++) {
      const t = this.tracks[i];
      const tierCode = tierCodes[i];
      if (inWindow) {
        const p = this.price(t, tierCode, store, e, lines);
        priced.push(p);
        t.issued += p.totals.pointsEarned;
        t.redeemed += p.totals.pointsRedeemed;
        t.balance += p.totals.pointsEarned - p.totals.pointsRedeemed;
      }
    }
    // What countPurchase adds: each line's amount after discounts (the recorded ones, as priced).
    for (const l of e.lines) {
      const net = lineAmount(l.price, l.quantityMilli) - l.discount;
      spend += net;
      spendByCategory[l.category] = (spendByCategory[l.category] ?? 0) + net;
    }
    this.tracks[0].tiers.record(e.at, { spend, spendByCategory, purchases: 1 });
    if (!this.sameStatuses) this.tracks[1].tiers.record(e.at, { spend, spendByCategory, purchases: 1 });
    if (inWindow) {
      this.totals.receipts += 1;
      this.totals.recorded.issued += e.pointsEarned;
      this.totals.recorded.redeemed += e.pointsRedeemed - e.promoPointsRedeemed;
      this.hooks.onReceipt?.(e, priced[0], priced[1]);
    }
  }

  private price(t: Track, tierCode: string, store: BasketStore, e: Extract<ReplayEvent, { kind: "purchase" }>, lines: PriceBasketInput["lines"]): PricedBasket {
    const run = (redeemPoints: number) =>
      priceBasket({ definition: t.def, customer: { tierCode, balances: { main: Math.max(0, t.balance), promo: 0 } }, store, lines, redeemPoints, offline: e.offline });
    const wanted = Math.min(Math.max(0, e.pointsRedeemed - e.promoPointsRedeemed), Math.max(0, t.balance));
    try {
      return run(wanted);
    } catch (err) {
      if (!(err instanceof AppError) || !REDEMPTION_REFUSALS.has(err.code) || wanted === 0) throw err;
      const none = run(0);
      const allowed = Math.min(wanted, none.maxRedeemablePoints);
      return allowed === 0 ? none : run(allowed);
    }
  }

  private flush() {
    if (!this.tracks || !this.customerId) return;
    const [cur, dr] = this.tracks;
    const end = new Date(this.window.to.getTime() - 1);
    const curTier = cur.tiers.at(end);
    const draftTier = this.sameStatuses ? curTier : dr.tiers.at(end);
    const tot = this.totals;
    tot.customers += 1;
    for (const [t, into, tier] of [
      [cur, tot.current, curTier],
      [dr, tot.draft, draftTier],
    ] as const) {
      into.issued += t.issued;
      into.redeemed += t.redeemed;
      into.liabilityChange += t.issued - t.redeemed;
      into.statuses[tier] = (into.statuses[tier] ?? 0) + 1;
    }
    if (curTier !== draftTier) tot.statusChanged += 1;
    this.hooks.onCustomer?.(this.customerId, curTier, draftTier);
    const delta = dr.issued - dr.redeemed - (cur.issued - cur.redeemed);
    if (delta !== 0 || curTier !== draftTier) {
      const a: AffectedCustomer = {
        customerId: this.customerId,
        current: { issued: cur.issued, redeemed: cur.redeemed, tier: curTier },
        draft: { issued: dr.issued, redeemed: dr.redeemed, tier: draftTier },
        delta,
      };
      insertTop(tot.mostAffected, a);
    }
    this.tracks = null;
    this.customerId = null;
  }

  finish(): ReplayTotals {
    if (this.started) throw new Error("replay: finished twice");
    this.started = true;
    this.flush();
    return this.totals;
  }
}

/** Most affected first: the larger change of points, then a status change. */
function weight(a: AffectedCustomer): number {
  return Math.abs(a.delta) * 2 + (a.current.tier !== a.draft.tier ? 1 : 0);
}

/** Keeps the TOP heaviest, sorted (flat memory: at most TOP + 1 entries). */
function insertTop(list: AffectedCustomer[], a: AffectedCustomer) {
  const w = weight(a);
  if (list.length >= TOP && w <= weight(list[list.length - 1])) return;
  let i = list.length;
  while (i > 0 && weight(list[i - 1]) < w) i--;
  list.splice(i, 0, a);
  if (list.length > TOP) list.pop();
}

function mergeTrack(into: TrackTotals, t: TrackTotals) {
  into.issued += t.issued;
  into.redeemed += t.redeemed;
  into.liabilityChange += t.liabilityChange;
  for (const [code, n] of Object.entries(t.statuses)) into.statuses[code] = (into.statuses[code] ?? 0) + n;
}

/**
 * The totals of consecutive key ranges of customers (in key order) as one replay of them all
 * gives: sums, statuses per code, and the most affected — each range's list holds every customer
 * of the range that can be in the overall list, in the order one replay inserts them (heaviest
 * first, ties in customer order), so a stable merge in range order keeps the first TOP.
 */
export function mergeTotals(parts: readonly ReplayTotals[]): ReplayTotals {
  const out: ReplayTotals = structuredClone(parts[0]);
  for (const p of parts.slice(1)) {
    out.customers += p.customers;
    out.receipts += p.receipts;
    out.visits += p.visits;
    out.warmupEvents += p.warmupEvents;
    out.recorded.issued += p.recorded.issued;
    out.recorded.redeemed += p.recorded.redeemed;
    mergeTrack(out.current, p.current);
    mergeTrack(out.draft, p.draft);
    out.statusChanged += p.statusChanged;
    for (const a of p.mostAffected) insertTop(out.mostAffected, a);
  }
  return out;
}
