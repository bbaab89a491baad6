// The promotions engine: which promotions a receipt gets and what each gives, in the normative
// order of CONTRACTS.md ("Promotions"). Pure: the caller passes everything (the promotions in
// force, the customer's audience facts, the codes that were presented and found, what the
// database says is left of each limit); `priceBasket` calls it between its phases.
import { zonedParts, type ZonedParts } from "@/lib/time";
import { apportion, divFloor, lineAmount, splitExactTotal, toBasisPoints } from "@/lib/rules/money";
import type { PromotionDefinition, PromotionEffect, Weekday } from "./definition";
import { WEEKDAYS } from "./definition";
import { inHoldout } from "./holdout";
import { oncePerFrozenList } from "./per-list";

/** A promotion in force: its stored identity and the definition of the version in force. */
export interface ActivePromotion {
  id: string;
  versionId: string;
  version: number;
  def: PromotionDefinition;
}

export interface PromotionCustomer {
  id: string;
  tierCode: string;
  blocked: boolean;
  registeredAt: Date | null;
  /** Month (1–12) and day of birth. */
  birthday: { month: number; day: number } | null;
  /** Slugs of the saved segments the customer is in (only those promotions ask about). */
  segments: ReadonlySet<string>;
}

/** What the database says is left, per promotion code (absent = no limit). */
export interface Remaining {
  total?: number;
  customer?: number;
  money?: number;
  points?: number;
}

export interface PromotionContext {
  /** The receipt's instant. */
  at: Date;
  /** The store's time zone (validity weekdays and hours are local). */
  timeZone: string;
  customer: PromotionCustomer | null;
  /** Promotion code → the promo code presented for it (found, valid, not used up). */
  codes: ReadonlyMap<string, string>;
  remaining?: ReadonlyMap<string, Remaining>;
  /** Promotions the database refused (a limit that ran out while reserving) and why. */
  refused?: ReadonlyMap<string, RejectReason>;
  /** Calendar checks off: the console's "what would apply here" on any day and hour. */
  ignoreCalendar?: boolean;
  /**
   * Whose refusals the answer lists: every promotion's (the default: the console's preview,
   * `calculate`'s reasons), or only those of promotions whose code was presented (`codes`: the
   * till, which words the reason of a presented code that did not apply and nothing else). Which
   * promotions apply, and the reason of every listed refusal, are the same either way.
   */
  reasons?: "all" | "codes";
}

export type RejectReason =
  | "not_active"
  | "not_started"
  | "ended"
  | "weekday"
  | "hours"
  | "needs_code"
  | "members_only"
  | "tier"
  | "segment"
  | "new_members_only"
  | "birthday"
  | "holdout"
  | "store"
  | "min_amount"
  | "min_quantity"
  | "no_items"
  | "group"
  | "exclusive"
  | "customer_limit"
  | "used_up"
  | "budget"
  | "nothing_to_give";

export interface RejectedPromotion {
  code: string;
  reason: RejectReason;
}

export interface AppliedPromotionResult {
  id: string;
  versionId: string;
  code: string;
  version: number;
  def: PromotionDefinition;
  /** Minor units taken off the receipt. */
  discount: number;
  /** Bonus points on lines plus points into the promo account. */
  points: number;
  /** Per line (only lines it touched). */
  lines: { lineNo: number; discount: number; points: number }[];
  /** Points for the customer's promo account (promoAccount). */
  promoAccountPoints: number;
  /** issueCode: the promotion whose code the customer gets, and for how long. */
  issue: { promotion: string; validDays: number } | null;
  /** The promo code that unlocked it, if any. */
  promoCode: string | null;
}

export interface EngineLine {
  lineNo: number;
  sku: string;
  category: string;
  quantityMilli: number;
  /** The line's price before promotions (amount − the till's discount). */
  net: number;
}

// ---- compiled promotions ----------------------------------------------------------------
// Everything the per-receipt checks read, taken out of the definition once per promotion (the
// cache of promotions in force keeps the same objects from receipt to receipt): flat fields of one
// shape, so the loop over 200 promotions does not walk definitions of 200 different JSON shapes.
interface Compiled extends ItemFilter {
  p: ActivePromotion;
  code: string;
  /** Equal for promotions whose `basket.items` are equal: the lines they select are worked out once per basket. */
  filterKey: string;
  effect: PromotionEffect;
  priority: number;
  group: string | null;
  exclusive: boolean;
  phase: "line" | "receipt" | "points";
  active: boolean;
  needsCode: boolean;
  /** Anonymous receipts never get it. */
  membersOnly: boolean;
  tiers: Set<string> | null;
  segments: string[];
  newMemberDays: number;
  birthday: { daysBefore: number; daysAfter: number } | null;
  holdoutPercent: number;
  stores: string[] | null;
  partners: string[] | null;
  storeTags: string[] | null;
  excludeStoreTags: string[] | null;
  weekdays: Set<Weekday> | null;
  hours: { from: number; to: number }[] | null;
  from: number | null;
  to: number | null;
  minAmount: number | undefined;
  minQuantity: number | undefined;
  /** Its refusals, one frozen object per reason: a receipt refuses most promotions, and allocates none for it. */
  refusals: Partial<Record<RejectReason, RejectedPromotion>>;
}

function refusal(c: Compiled, reason: RejectReason): RejectedPromotion {
  return (c.refusals[reason] ??= Object.freeze({ code: c.code, reason }));
}

/** Whether this promotion's refusal is listed (PromotionContext.reasons). */
const listed = (c: Compiled, ctx: PromotionContext) => ctx.reasons !== "codes" || ctx.codes.has(c.code);

/** Lists the refusal when the caller asked for it. */
function refuse(out: RejectedPromotion[], c: Compiled, ctx: PromotionContext, reason: RejectReason): void {
  if (listed(c, ctx)) out.push(refusal(c, reason));
}

const compiledCache = new WeakMap<ActivePromotion, Compiled>();
const set = (xs: string[] | undefined) => (xs && xs.length ? new Set(xs) : null);
const list = (xs: string[] | undefined) => (xs?.length ? xs : null);
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function phaseOf(e: PromotionEffect): Compiled["phase"] {
  if (e.type === "percentOff" || e.type === "fixedPrice" || e.type === "buyXgetY") return "line";
  if (e.type === "amountOff") return "receipt";
  return "points";
}

export function compilePromotion(p: ActivePromotion): Compiled {
  const hit = compiledCache.get(p);
  if (hit) return hit;
  const d = p.def;
  const a = d.audience;
  const phase = phaseOf(d.effect);
  const tiers = set(a?.tiers);
  const segments = a?.segments ?? [];
  const items = d.basket?.items;
  const c: Compiled = {
    p,
    code: d.code,
    filterKey: JSON.stringify([items?.categories ?? null, items?.skus ?? null, items?.excludeSkus ?? null]),
    effect: d.effect,
    priority: d.stacking?.priority ?? 0,
    group: d.stacking?.group ?? null,
    exclusive: d.stacking?.exclusive ?? false,
    phase,
    ...itemFilter(items),
    active: d.status === "active",
    needsCode: d.trigger === "code",
    membersOnly: (a?.members ?? true) || phase === "points" || Boolean(tiers || segments.length || a?.newMemberDays || a?.birthday || d.limits?.perCustomer),
    tiers,
    segments,
    newMemberDays: a?.newMemberDays || 0,
    birthday: a?.birthday ?? null,
    holdoutPercent: a?.holdoutPercent || 0,
    stores: list(d.where?.stores),
    partners: list(d.where?.partners),
    storeTags: list(d.where?.storeTags),
    excludeStoreTags: list(d.where?.excludeStoreTags),
    weekdays: d.validity?.weekdays?.length ? new Set(d.validity.weekdays) : null,
    hours: d.validity?.hours?.length ? d.validity.hours.map((h) => ({ from: minutes(h.from), to: minutes(h.to) })) : null,
    from: d.validity?.from ? Date.parse(d.validity.from) : null,
    to: d.validity?.to ? Date.parse(d.validity.to) : null,
    minAmount: d.basket?.minAmount,
    minQuantity: d.basket?.minQuantity,
    refusals: {},
  };
  compiledCache.set(p, c);
  return c;
}

/** Highest priority first; ties by code. */
export function byPriority(a: { priority: number; code: string }, b: { priority: number; code: string }): number {
  return b.priority - a.priority || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** A promotion's `basket.items`, compiled. */
export interface ItemFilter {
  categories: Set<string> | null;
  skus: Set<string> | null;
  excludeSkus: Set<string>;
}

export function itemFilter(items: { categories?: string[]; skus?: string[]; excludeSkus?: string[] } | null | undefined): ItemFilter {
  return { categories: set(items?.categories), skus: set(items?.skus), excludeSkus: new Set(items?.excludeSkus ?? []) };
}

/** A line takes part when no item filter is set, or its category or SKU is listed (and its SKU is not excluded). */
export function qualifies(c: ItemFilter, l: { sku: string; category: string }): boolean {
  if (c.excludeSkus.has(l.sku)) return false;
  if (!c.categories && !c.skus) return true;
  return (c.categories?.has(l.category) ?? false) || (c.skus?.has(l.sku) ?? false);
}

// ---- eligibility ------------------------------------------------------------------------
const DAY_MS = 86_400_000;

function birthdayNear(b: { month: number; day: number }, at: Date, timeZone: string, before: number, after: number): boolean {
  const z = zonedParts(at, timeZone);
  const today = Date.UTC(z.year, z.month - 1, z.day);
  for (const y of [z.year - 1, z.year, z.year + 1]) {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const day = b.month === 2 && b.day === 29 && !leap ? 28 : b.day;
    const diff = (today - Date.UTC(y, b.month - 1, day)) / DAY_MS;
    if (diff >= -before && diff <= after) return true;
  }
  return false;
}

export interface EligibilityStore {
  code: string;
  partnerCode: string | null;
  tags: readonly string[];
}

/** The receipt's local wall clock, read once per receipt and only when a promotion asks for it. */
export type LocalClock = { parts: ZonedParts | null };

const localParts = (ctx: PromotionContext, clock: LocalClock | undefined): ZonedParts => {
  if (!clock) return zonedParts(ctx.at, ctx.timeZone);
  return (clock.parts ??= zonedParts(ctx.at, ctx.timeZone));
};

/** Why this promotion cannot apply to this receipt at all, before looking at the basket; null when it may. */
export function ineligibility(c: Compiled, ctx: PromotionContext, store: EligibilityStore, clock?: LocalClock): RejectReason | null {
  if (ctx.refused) {
    const refused = ctx.refused.get(c.code);
    if (refused) return refused;
  }
  if (!c.active) return "not_active";
  const t = ctx.at.getTime();
  if (c.from !== null && t < c.from) return "not_started";
  if (c.to !== null && t >= c.to) return "ended";
  if (!ctx.ignoreCalendar && (c.weekdays || c.hours)) {
    const z = localParts(ctx, clock);
    if (c.weekdays) {
      const wd = WEEKDAYS[(new Date(Date.UTC(z.year, z.month - 1, z.day)).getUTCDay() + 6) % 7];
      if (!c.weekdays.has(wd)) return "weekday";
    }
    if (c.hours) {
      const m = z.hour * 60 + z.minute;
      if (!c.hours.some((h) => m >= h.from && m < h.to)) return "hours";
    }
  }
  if (c.needsCode && !ctx.codes.has(c.code)) return "needs_code";
  const cust = ctx.customer;
  if (!cust && c.membersOnly) return "members_only";
  if (cust) {
    if (c.tiers && !c.tiers.has(cust.tierCode)) return "tier";
    if (c.segments.length && !c.segments.some((s) => cust.segments.has(s))) return "segment";
    if (c.newMemberDays && (!cust.registeredAt || t - cust.registeredAt.getTime() > c.newMemberDays * DAY_MS)) return "new_members_only";
    if (c.birthday && (!cust.birthday || !birthdayNear(cust.birthday, ctx.at, ctx.timeZone, c.birthday.daysBefore, c.birthday.daysAfter))) return "birthday";
    if (c.holdoutPercent) {
      // The hash is the dearest check: when the reason is not listed, it is left for last and
      // computed only for a promotion that passes the checks after it (which is refused either way).
      const later = placeAndLimits(c, ctx, store);
      if ((later === null || listed(c, ctx)) && inHoldout(c.code, cust.id, c.holdoutPercent)) return "holdout";
      return later;
    }
  }
  return placeAndLimits(c, ctx, store);
}

/** Whether the promotion runs in this store (its stores, partners and store tags). */
function runsIn(c: Compiled, store: EligibilityStore): boolean {
  if (c.stores && !c.stores.includes(store.code)) return false;
  if (c.partners && (store.partnerCode === null || !c.partners.includes(store.partnerCode))) return false;
  if (c.storeTags && !c.storeTags.some((tag) => store.tags.includes(tag))) return false;
  if (c.excludeStoreTags && c.excludeStoreTags.some((tag) => store.tags.includes(tag))) return false;
  return true;
}

/** The checks after the holdout's: the store, then what is left of the promotion's limits. */
function placeAndLimits(c: Compiled, ctx: PromotionContext, store: EligibilityStore): RejectReason | null {
  if (!runsIn(c, store)) return "store";
  const left = ctx.remaining?.get(c.code);
  if (left) {
    if (left.total !== undefined && left.total <= 0) return "used_up";
    if (left.customer !== undefined && left.customer <= 0) return "customer_limit";
    if (c.phase !== "points" && left.money !== undefined && left.money <= 0) return "budget";
    if (c.phase === "points" && c.effect.type !== "issueCode" && left.points !== undefined && left.points <= 0) return "budget";
  }
  return null;
}

/** The lines each item filter selects in one basket, by `filterKey`: promotions share filters ("merch", "ticket"…). */
type Selections = Map<string, number[]>;

function selected(c: Compiled, lines: EngineLine[], memo: Selections): number[] {
  let idx = memo.get(c.filterKey);
  if (!idx) {
    idx = [];
    for (let i = 0; i < lines.length; i++) if (qualifies(c, lines[i])) idx.push(i);
    memo.set(c.filterKey, idx);
  }
  return idx;
}

/** The basket's thresholds on the qualifying lines as they are when the phase starts. `idx` is shared: read only. */
function basketCheck(c: Compiled, lines: EngineLine[], net: number[], memo: Selections): { idx: readonly number[]; reason: RejectReason | null } {
  const idx = selected(c, lines, memo);
  let amount = 0;
  let units = 0;
  for (const i of idx) {
    amount += net[i];
    units += lines[i].quantityMilli;
  }
  if (idx.length === 0) return { idx, reason: "no_items" };
  if (c.minAmount !== undefined && amount < c.minAmount) return { idx, reason: "min_amount" };
  if (c.minQuantity !== undefined && units < c.minQuantity * 1000) return { idx, reason: "min_quantity" };
  return { idx, reason: null };
}

// ---- discount effects -------------------------------------------------------------------
/** Caps a promotion's discounts by the money budget left: the same proportions, largest remainder. */
function capTotal(shares: number[], left: number | undefined): number[] {
  if (left === undefined) return shares;
  const total = shares.reduce((s, x) => s + x, 0);
  if (total <= left) return shares;
  return apportion(left, shares, shares);
}

/** Discount per qualifying line (same order as `idx`) of one line or receipt effect on the running prices. */
function discountShares(c: Compiled, lines: EngineLine[], net: number[], idx: readonly number[]): number[] {
  const e = c.effect;
  const nets = idx.map((i) => net[i]);
  switch (e.type) {
    case "percentOff": {
      const sum = nets.reduce((s, x) => s + x, 0);
      let total = divFloor(sum * toBasisPoints(e.percent), 10_000);
      if (e.maxDiscount !== undefined && total > e.maxDiscount) total = e.maxDiscount;
      return sum === 0 ? nets.map(() => 0) : apportion(total, nets, nets);
    }
    case "fixedPrice":
      return idx.map((i, k) => Math.max(0, nets[k] - lineAmount(e.unitPrice, lines[i].quantityMilli)));
    case "amountOff": {
      const sum = nets.reduce((s, x) => s + x, 0);
      return sum === 0 ? nets.map(() => 0) : apportion(Math.min(e.amount, sum), nets, nets);
    }
    case "buyXgetY": {
      // Whole units only (weight goods count their whole units); the cheapest units are the free ones.
      const units: { k: number; unit: number }[] = [];
      const whole = idx.map((i) => Math.floor(lines[i].quantityMilli / 1000));
      idx.forEach((i, k) => {
        if (whole[k] === 0) return;
        const unit = nets[k] / (lines[i].quantityMilli / 1000);
        for (let u = 0; u < whole[k]; u++) units.push({ k, unit });
      });
      let times = Math.floor(units.length / (e.buy + e.get));
      const perReceipt = c.p.def.limits?.perReceipt;
      if (e.maxTimes !== undefined) times = Math.min(times, e.maxTimes);
      if (perReceipt !== undefined) times = Math.min(times, perReceipt);
      const free = new Array<number>(idx.length).fill(0);
      units.sort((x, y) => x.unit - y.unit || x.k - y.k);
      for (let u = 0; u < times * e.get; u++) free[units[u].k] += 1;
      const bp = toBasisPoints(e.percent);
      // A line's discount: its net × freeUnits / quantity × percent, floored; never above its net.
      return idx.map((i, k) => (free[k] === 0 ? 0 : Math.min(nets[k], divFloor(nets[k] * free[k] * 1000 * bp, lines[i].quantityMilli * 10_000))));
    }
    default:
      return nets.map(() => 0);
  }
}

export interface DiscountOutcome {
  /** Promotions' discount per line (index of the input lines). */
  perLine: number[];
  applied: AppliedPromotionResult[];
  rejected: RejectedPromotion[];
  /** Groups already taken (the points phase goes on from here). */
  groups: Set<string>;
}

function result(c: Compiled, ctx: PromotionContext): AppliedPromotionResult {
  return {
    id: c.p.id,
    versionId: c.p.versionId,
    code: c.code,
    version: c.p.version,
    def: c.p.def,
    discount: 0,
    points: 0,
    lines: [],
    promoAccountPoints: 0,
    issue: null,
    promoCode: ctx.codes.get(c.code) ?? null,
  };
}

/** Line effects by priority, then receipt effects on what is left: each on the running prices. */
export function discountPhases(list: Compiled[], ctx: PromotionContext, lines: EngineLine[]): DiscountOutcome {
  const net = lines.map((l) => l.net);
  const memo: Selections = new Map();
  const perLine = new Array<number>(lines.length).fill(0);
  const applied: AppliedPromotionResult[] = [];
  const rejected: RejectedPromotion[] = [];
  const groups = new Set<string>();
  for (const phase of ["line", "receipt"] as const) {
    const entry = net.slice();
    for (const c of list) {
      if (c.phase !== phase) continue;
      if (c.group && groups.has(c.group)) {
        refuse(rejected, c, ctx, "group");
        continue;
      }
      const { idx, reason } = basketCheck(c, lines, entry, memo);
      if (reason) {
        refuse(rejected, c, ctx, reason);
        continue;
      }
      const shares = capTotal(discountShares(c, lines, net, idx), ctx.remaining?.get(c.code)?.money);
      const r = result(c, ctx);
      idx.forEach((i, k) => {
        if (shares[k] <= 0) return;
        net[i] -= shares[k];
        perLine[i] += shares[k];
        r.discount += shares[k];
        r.lines.push({ lineNo: lines[i].lineNo, discount: shares[k], points: 0 });
      });
      if (r.discount === 0) {
        refuse(rejected, c, ctx, "nothing_to_give");
        continue;
      }
      if (c.group) groups.add(c.group);
      applied.push(r);
    }
  }
  return { perLine, applied, rejected, groups };
}

// ---- points effects ---------------------------------------------------------------------
export interface PointsLine extends EngineLine {
  /** What the customer pays for the line in money (after discounts and points). */
  payable: number;
  /** Base points the line earns (before promotions). */
  earned: number;
  /** False for categories the program never rewards. */
  earns: boolean;
}

export interface PointsOutcome {
  /** Bonus points per line (index of the input lines). */
  perLine: number[];
  applied: AppliedPromotionResult[];
  rejected: RejectedPromotion[];
}

function pointShares(c: Compiled, lines: PointsLine[], idx: readonly number[], pointValue: number): number[] {
  const e = c.effect;
  if (e.type === "bonusPoints" && e.points !== undefined) {
    const pay = idx.map((i) => lines[i].payable);
    const weights = pay.some((x) => x > 0) ? pay : idx.map((i) => lines[i].net);
    return weights.some((x) => x > 0) ? apportion(e.points, weights) : idx.map((_, k) => (k === 0 ? e.points! : 0));
  }
  if (e.type === "bonusPoints" && e.percent !== undefined) {
    const bp = toBasisPoints(e.percent);
    return splitExactTotal(
      idx.map((i) => lines[i].payable * bp),
      10_000 * pointValue,
    ).shares;
  }
  if (e.type === "pointsMultiplier") {
    const extra = Math.round(e.multiplier * 100) - 100;
    return splitExactTotal(
      idx.map((i) => lines[i].earned * extra),
      100,
    ).shares;
  }
  return idx.map(() => 0);
}

/** Bonus points, multipliers, promo-account points and issued codes, after earning. */
export function pointsPhase(list: Compiled[], ctx: PromotionContext, lines: PointsLine[], groups: Set<string>, pointValue: number): PointsOutcome {
  const perLine = new Array<number>(lines.length).fill(0);
  const applied: AppliedPromotionResult[] = [];
  const rejected: RejectedPromotion[] = [];
  const net = lines.map((l) => l.net);
  const memo: Selections = new Map();
  for (const c of list) {
    if (c.phase !== "points") continue;
    const code = c.code;
    if (c.group && groups.has(c.group)) {
      refuse(rejected, c, ctx, "group");
      continue;
    }
    if (ctx.customer?.blocked) {
      refuse(rejected, c, ctx, "members_only");
      continue;
    }
    const { idx: all, reason } = basketCheck(c, lines, net, memo);
    if (reason) {
      refuse(rejected, c, ctx, reason);
      continue;
    }
    const r = result(c, ctx);
    const e = c.effect;
    const budget = ctx.remaining?.get(code)?.points;
    if (e.type === "promoAccount") {
      r.promoAccountPoints = budget === undefined ? e.points : Math.min(e.points, budget);
      r.points = r.promoAccountPoints;
      // Earned by the qualifying lines in proportion to what they pay, so a returned unit takes its share back.
      if (r.points > 0) {
        const pay = all.map((i) => lines[i].payable);
        const weights = pay.some((x) => x > 0) ? pay : all.map((i) => lines[i].net);
        const shares = weights.some((x) => x > 0) ? apportion(r.points, weights) : all.map((_, k) => (k === 0 ? r.points : 0));
        all.forEach((i, k) => {
          if (shares[k] > 0) r.lines.push({ lineNo: lines[i].lineNo, discount: 0, points: shares[k] });
        });
      }
    } else if (e.type === "issueCode") {
      r.issue = { promotion: e.promotion, validDays: e.validDays };
    } else {
      const idx = all.filter((i) => lines[i].earns);
      const shares = capTotal(idx.length ? pointShares(c, lines, idx, pointValue) : [], budget);
      idx.forEach((i, k) => {
        if (shares[k] <= 0) return;
        perLine[i] += shares[k];
        r.points += shares[k];
        r.lines.push({ lineNo: lines[i].lineNo, discount: 0, points: shares[k] });
      });
    }
    if (r.points === 0 && !r.issue) {
      refuse(rejected, c, ctx, "nothing_to_give");
      continue;
    }
    if (c.group) groups.add(c.group);
    applied.push(r);
  }
  return { perLine, applied, rejected };
}

/** A list of promotions compiled once: in its own order (for the reasons) and by priority (for the phases). */
interface PreparedList {
  compiled: Compiled[];
  /** Indexes into `compiled`, highest priority first (ties by code, then list order). */
  order: number[];
  /** Per store (code, partner, tags): 1 for a promotion that store never gets (not active, or not run there). */
  neverIn: Map<string, Uint8Array>;
}

const STORES_KEPT = 1_000;

/**
 * The promotions of a prepared list that a store can never get, whatever the receipt: at the till
 * (reasons of presented codes only) they are passed over without a look, unless their code was
 * presented. Kept per store with the frozen list.
 */
function neverIn(prep: PreparedList, store: EligibilityStore): Uint8Array {
  const key = `${store.code}\n${store.partnerCode ?? ""}\n${store.tags.join("\n")}`;
  let out = prep.neverIn.get(key);
  if (!out) {
    out = new Uint8Array(prep.compiled.length);
    for (let i = 0; i < out.length; i++) out[i] = !prep.compiled[i].active || !runsIn(prep.compiled[i], store) ? 1 : 0;
    if (prep.neverIn.size >= STORES_KEPT) prep.neverIn.clear();
    prep.neverIn.set(key, out);
  }
  return out;
}

/** Compiled and sorted once per frozen list (lib/promotions/per-list.ts). */
const preparedList = oncePerFrozenList((list: readonly ActivePromotion[]): PreparedList => {
  const compiled = list.map(compilePromotion);
  const order = compiled.map((_, i) => i).sort((x, y) => byPriority(compiled[x], compiled[y]) || x - y);
  return { compiled, order, neverIn: new Map() };
});

/** The promotions that may apply before the basket is looked at, by priority, and the rest with reasons. */
export function eligible(list: readonly ActivePromotion[], ctx: PromotionContext, store: EligibilityStore): { candidates: Compiled[]; rejected: RejectedPromotion[] } {
  const candidates: Compiled[] = [];
  const rejected: RejectedPromotion[] = [];
  const clock: LocalClock = { parts: null };
  const prep = preparedList(list);
  const { compiled } = prep;
  const ok = new Uint8Array(compiled.length);
  // At the till a refusal is listed only for a presented code: one the store never gets is passed over.
  const never = ctx.reasons === "codes" && Object.isFrozen(list) ? neverIn(prep, store) : null;
  for (let i = 0; i < compiled.length; i++) {
    const c = compiled[i];
    if (never && never[i] && !ctx.codes.has(c.code)) continue;
    const why = ineligibility(c, ctx, store, clock);
    if (why) refuse(rejected, c, ctx, why);
    else ok[i] = 1;
  }
  for (const i of prep.order) if (ok[i]) candidates.push(compiled[i]);
  return { candidates, rejected };
}

export type { Compiled as CompiledPromotion };
