// Runs the season's events in time order in memory, through the pure pricing, return and
// status functions the tills use (priceBasket, apportionReturn, reevaluate) and the in-memory
// ledger (sim/ledger.ts): the rows the bulk writer stores, and the resolved event log.
import { availabilityOf } from "@/lib/catalog/items";
import { compileRules, lineActivation } from "@/lib/rules/compiled-rules";
import { apportionReturn, promoRefunds, type ReturnedLine } from "@/lib/rules/apportion-return";
import { lotAvailableAt } from "@/lib/rules/expiry";
import { priceBasket } from "@/lib/rules/price-basket";
import type { PromoBalance } from "@/lib/rules/promo-redemption";
import { tierRank } from "@/lib/tiers/evaluate-status";
import type { SeasonEvent } from "../events";
import type { SeededIds } from "../ids";
import type { World } from "../world";
import { MemoryLedger, type MAccount } from "./ledger";
import { PeriodCache } from "./periods";
import type { SimPromotions } from "./promotions";
import { MemoryTiers } from "./tiers";

export interface MPurchase {
  id: string;
  storeId: string;
  terminalId: string;
  customerId: string | null;
  number: string;
  at: Date;
  periodKey: string;
  amount: number;
  discount: number;
  pointsRedeemed: number;
  promoPointsRedeemed: number;
  pointsEarned: number;
  payable: number;
  lines: MPurchaseLine[];
}

export interface MPurchaseLine {
  id: string;
  lineNo: number;
  sku: string;
  category: string;
  name: string | null;
  quantityMilli: number;
  price: number;
  amount: number;
  discount: number;
  pointsRedeemed: number;
  promoPointsRedeemed: number;
  promoPromotionId: string | null;
  pointsEarned: number;
  pointsPending: boolean;
  returnedMilli: number;
}

export interface MReturn {
  id: string;
  purchaseId: string;
  number: string;
  at: Date;
  amount: number;
  pointsRefunded: number;
  pointsReclaimed: number;
  promoPointsRefunded: number;
  promoPointsReclaimed: number;
  reason: string | null;
  lines: ReturnedLine[];
}

export interface MVisit {
  id: string;
  customerId: string;
  eventCode: string;
  at: Date;
  storeId: string;
  periodKey: string;
}

export interface MRedemption {
  id: string;
  customerId: string;
  itemId: string;
  voucherCode: string;
  status: "issued" | "used";
  pointsSpent: number;
  spendEntryId: string;
  idempotencyKey: string;
  createdAt: Date;
  usedAt: Date | null;
  resolvedBy: string | null;
}

export interface MAudit {
  actorType: "staff" | "customer";
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  at: Date;
}

const VOUCHER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const balances = (a: MAccount) => ({ available: a.available, held: a.held, pending: a.pending, debt: a.debt });

export class SeasonSim {
  readonly ledger: MemoryLedger;
  readonly tiers: MemoryTiers;
  readonly purchases: MPurchase[] = [];
  readonly returns: MReturn[] = [];
  readonly visits: MVisit[] = [];
  readonly redemptions: MRedemption[] = [];
  readonly audits: MAudit[] = [];
  /** The resolved log: what the replay sends through the domain. */
  readonly log: SeasonEvent[] = [];
  private readonly byKey = new Map<string, MPurchase>();
  private readonly visited = new Set<string>();
  private readonly stock = new Map<string, number | null>();
  private readonly voucherRng: () => string;
  private readonly periods: PeriodCache;

  constructor(
    private readonly world: World,
    private readonly ids: SeededIds,
    voucherRandom: () => number,
    /** The promotions in force through the season (none: receipts are priced without). */
    readonly promotions: SimPromotions | null = null,
    /** Chance (0–1) a member presents a code they hold when it would apply. */
    private readonly useHeldCode: () => boolean = () => true,
  ) {
    this.ledger = new MemoryLedger(ids, world.programId);
    this.tiers = new MemoryTiers(ids, world.programId, world.def);
    this.periods = new PeriodCache(world.def);
    for (const item of world.items.values()) this.stock.set(item.code, item.stock);
    this.voucherRng = () => {
      let s = "";
      for (let i = 0; i < 8; i++) s += VOUCHER_ALPHABET[Math.floor(voucherRandom() * VOUCHER_ALPHABET.length)];
      return `TRB-${s.slice(0, 4)}-${s.slice(4)}`;
    };
  }

  /** Catalog stock left after the history (written back to CatalogItem). */
  stockLeft(code: string) {
    return this.stock.get(code);
  }

  apply(e: SeasonEvent) {
    switch (e.kind) {
      case "purchase":
        return this.purchase(e);
      case "return":
        return this.return(e);
      case "visit":
        return this.visit(e);
      case "voucher":
        return this.voucher(e);
      case "adjust":
        return this.adjust(e);
      case "legacy":
        return this.legacy(e);
      case "expire-lots":
        return this.expireJob(e);
      case "rollover":
        return this.rolloverJob(e);
    }
  }

  private purchase(e: Extract<SeasonEvent, { kind: "purchase" }>) {
    const { def } = this.world;
    const store = this.world.stores.get(e.store)!;
    const at = e.at;
    let accs: ReturnType<MemoryLedger["lock"]> | null = null;
    let tierCode: string | null = null;
    let promoLots: PromoBalance[] = [];
    if (e.customerId) {
      accs = this.ledger.lock(e.customerId, at);
      this.ledger.expireDueLots(accs.main, at);
      // confirm.ts: the promo account's due lots, then its balances per promotion (promo points pay first).
      if (accs.promo.available > 0) {
        this.ledger.expireDueLots(accs.promo, at);
        if (accs.promo.available > 0)
          promoLots = this.ledger
            .promoBalances(accs.promo, at)
            .filter((b) => this.promotions?.spendableAt(b.promotionId, store.partnerCode ?? null) ?? true)
            .map((b) => ({ ...b, items: this.promotions?.itemsOf(b.promotionId) ?? null }));
      }
      tierCode = this.tiers.statusAt(def, e.customerId, at, true);
    }
    const promos = this.promotions?.active ? this.promotions : null;
    const setupFor = (codes: string[]) => promos?.prepare({ customerId: e.customerId, tierCode, promoCodes: codes, at, timeZone: store.timezone }) ?? null;
    const price = (redeemPoints: number, setup: ReturnType<typeof setupFor>) =>
      priceBasket({
        definition: def,
        customer: accs && tierCode ? { tierCode, balances: { main: accs.main.available, promo: accs.promo.available }, blocked: false, promoBalances: promoLots } : null,
        store: { code: store.code, partnerCode: store.partnerCode, tags: store.tags },
        lines: e.lines,
        redeemPoints,
        promotions: setup && promos ? { list: promos.inForce, context: setup.context } : undefined,
      });
    // A member who holds an issued code brings it when it would apply (most of the time).
    let codes = e.promoCodes ?? [];
    if (promos && e.customerId && tierCode) {
      const held = promos.held(e.customerId, at)[0];
      const where = held && promos.byCode.get(held.promotionCode)?.def.where?.stores;
      if (held && (!where?.length || where.includes(store.code))) {
        const withCode = price(0, setupFor([...codes, held.code]));
        if (withCode.promotions.applied.some((a) => a.code === held.promotionCode) && this.useHeldCode()) {
          codes = [...codes, held.code];
          e.issuedCode = { purchaseKey: held.issuedByKey!, promotion: held.promotionCode };
        }
      }
    }
    const setup = setupFor(codes);
    let redeem = 0;
    if ((e.redeemShare || e.redeem) && accs) {
      const max = price(0, setup).maxRedeemablePoints;
      // Round to what people type at a till (whole hundreds when there is enough).
      const wanted = e.redeemShare ? Math.floor(max * e.redeemShare) : Math.min(e.redeem!, max);
      redeem = e.redeemShare && wanted >= 300 ? Math.floor(wanted / 100) * 100 : wanted;
    }
    const id = this.ids.id("rcp", at);
    // priceAndReserve (lib/purchases/promotions.ts): the limits are held as the receipt is written.
    const priced = price(redeem, setup);
    if (promos && setup) {
      const refused = promos.reserve({ purchaseId: id, customerId: accs && tierCode ? e.customerId : null, at, timeZone: store.timezone, applied: priced.promotions.applied, codeIds: setup.codeIds });
      if (refused) throw new Error(`receipt ${e.number}: the simulation priced promotions whose limits ran out (${[...refused.keys()].join(", ")})`);
    }
    const names = new Map(e.lines.map((l) => [l.lineNo, l.name ?? null]));
    const p: MPurchase = {
      id,
      storeId: store.id,
      terminalId: store.terminalId,
      customerId: e.customerId,
      number: e.number,
      at,
      periodKey: this.periods.bucket(at).key,
      amount: priced.totals.amount,
      discount: priced.totals.discount,
      pointsRedeemed: priced.totals.pointsRedeemed,
      promoPointsRedeemed: priced.totals.promoPointsRedeemed,
      pointsEarned: priced.totals.pointsEarned,
      payable: priced.totals.payable,
      lines: priced.lines.map((l) => ({
        id: this.ids.id("rln", at),
        lineNo: l.lineNo,
        sku: l.sku,
        category: l.category,
        name: names.get(l.lineNo) ?? null,
        quantityMilli: l.quantityMilli,
        price: l.price,
        amount: l.amount,
        discount: l.discount,
        pointsRedeemed: l.pointsRedeemed,
        promoPointsRedeemed: l.promoPointsRedeemed,
        promoPromotionId: l.promoPromotionId ?? null,
        pointsEarned: l.pointsEarned,
        pointsPending: Boolean(l.pointsPending),
        returnedMilli: 0,
      })),
    };
    this.purchases.push(p);
    this.byKey.set(e.key, p);
    if (accs && e.customerId) {
      // Promo points first, each from its own promotion's lots; main pays the rest (confirm.ts).
      const mainPoints = priced.totals.pointsRedeemed - priced.totals.promoPointsRedeemed;
      if (mainPoints > 0) this.ledger.spend(accs.main, { amount: mainPoints, at, reason: "purchase", purchaseId: id });
      for (const x of priced.promoRedeemed) this.ledger.spend(accs.promo, { amount: x.points, at, reason: "purchase", purchaseId: id, scope: { promotionId: x.promotionId } });
      this.earn(accs.main, id, p.lines, at);
      const byCat: Record<string, number> = {};
      for (const l of p.lines) byCat[l.category] = (byCat[l.category] ?? 0) + (l.amount - l.discount);
      this.tiers.record({ customerId: e.customerId, definition: def, at, spend: p.amount - p.discount, spendByCategory: byCat, purchases: 1 });
      const promo = accs.promo;
      promos?.finish({
        purchaseId: id,
        purchaseKey: e.key,
        customerId: e.customerId,
        at,
        credit: (promotionId, points, expiresAt) => this.ledger.accrue(promo, { amount: points, at, activation: { kind: "immediate" }, expiresAt, reason: "promotion", purchaseId: id, promotionId }),
      });
    }
    e.redeemShare = undefined;
    e.redeem = redeem;
    this.log.push(e);
  }

  /** earnPoints of lib/purchases/confirm.ts. */
  private earn(main: MAccount, purchaseId: string, lines: MPurchaseLine[], at: Date) {
    const def = this.world.def;
    const rules = compileRules(def);
    const expiresAt = this.periods.expiresAt(at);
    let immediate = 0;
    const byDate = new Map<number, number>();
    for (const l of lines) {
      if (l.pointsEarned <= 0) continue;
      const availableAt = lotAvailableAt(def, lineActivation(rules, l.category), at);
      if (availableAt === null) this.ledger.accrue(main, { amount: l.pointsEarned, at, activation: { kind: "validation" }, expiresAt, reason: "purchase", purchaseId, purchaseLineNo: l.lineNo });
      else if (availableAt.getTime() <= at.getTime()) immediate += l.pointsEarned;
      else byDate.set(availableAt.getTime(), (byDate.get(availableAt.getTime()) ?? 0) + l.pointsEarned);
    }
    if (immediate > 0) this.ledger.accrue(main, { amount: immediate, at, activation: { kind: "immediate" }, expiresAt, reason: "purchase", purchaseId });
    for (const [time, points] of byDate) this.ledger.accrue(main, { amount: points, at, activation: { kind: "date", availableAt: new Date(time) }, expiresAt, reason: "purchase", purchaseId });
  }

  private return(e: Extract<SeasonEvent, { kind: "return" }>) {
    const { def } = this.world;
    const p = this.byKey.get(e.purchaseKey);
    if (!p) throw new Error(`return ${e.number}: unknown receipt ${e.purchaseKey}`);
    const result = apportionReturn(
      p.lines.map((l) => ({ ...l, payable: l.amount - l.discount - l.pointsRedeemed * def.pointValue })),
      e.lines,
    );
    const returnId = this.ids.id("ret", e.at);
    let promoReclaimed = 0;
    const accs = p.customerId ? this.ledger.lock(p.customerId, e.at) : null;
    if (p.customerId && accs) {
      this.ledger.refund(accs.main, {
        amount: result.totals.pointsRefunded - result.totals.promoPointsRefunded,
        at: e.at,
        purchaseId: p.id,
        returnId,
        fallbackExpiresAt: this.periods.expiresAt(e.at),
        reason: "return",
      });
      // returns.ts: promo points back to their own promotion's lots.
      for (const [promotionId, amount] of promoRefunds(p.lines, result.lines)) {
        this.ledger.refund(accs.promo, { amount, at: e.at, purchaseId: p.id, returnId, fallbackExpiresAt: "lifetime", reason: "return", scope: { promotionId } });
      }
      const rules = compileRules(def);
      const category = new Map(p.lines.map((l) => [l.lineNo, l.category]));
      let pooled = 0;
      for (const r of result.lines) {
        if (r.pointsReclaimed <= 0) continue;
        if ("on" in lineActivation(rules, category.get(r.lineNo)!))
          this.ledger.reclaim(accs.main, { amount: r.pointsReclaimed, at: e.at, purchaseId: p.id, lineNo: r.lineNo, returnId, reason: "return" });
        else pooled += r.pointsReclaimed;
      }
      if (pooled > 0) this.ledger.reclaim(accs.main, { amount: pooled, at: e.at, purchaseId: p.id, returnId, reason: "return" });
      const fully = p.lines.every((l) => (result.lines.find((r) => r.lineNo === l.lineNo)?.returnedMilli ?? l.returnedMilli) >= l.quantityMilli);
      const byCategory: Record<string, number> = {};
      for (const r of result.lines) {
        const c = category.get(r.lineNo)!;
        byCategory[c] = (byCategory[c] ?? 0) - (r.amount - r.discount);
      }
      this.tiers.record({ customerId: p.customerId, definition: def, at: p.at, spend: -(result.totals.amount - result.totals.discount), spendByCategory: byCategory, purchases: fully ? -1 : 0 });
    }
    const before = new Map(p.lines.map((l) => [l.lineNo, l]));
    const given =
      this.promotions?.giveBack(
        p.id,
        result.lines.map((r) => ({ lineNo: r.lineNo, quantityMilli: before.get(r.lineNo)!.quantityMilli, beforeMilli: before.get(r.lineNo)!.returnedMilli, afterMilli: r.returnedMilli })),
      ) ?? [];
    if (p.customerId && accs) {
      for (const g of given) {
        if (g.promoAccountPoints <= 0) continue;
        const r = this.ledger.reclaim(accs.promo, {
          amount: g.promoAccountPoints,
          at: e.at,
          purchaseId: p.id,
          returnId,
          reason: "return",
          promotionId: g.promotionId,
          scope: { promotionId: g.promotionId },
        });
        promoReclaimed += r.fromBalance + r.debt;
      }
    }
    for (const r of result.lines) p.lines.find((l) => l.lineNo === r.lineNo)!.returnedMilli = r.returnedMilli;
    this.returns.push({
      id: returnId,
      purchaseId: p.id,
      number: e.number,
      at: e.at,
      amount: result.totals.amount,
      pointsRefunded: result.totals.pointsRefunded,
      pointsReclaimed: result.totals.pointsReclaimed,
      promoPointsRefunded: result.totals.promoPointsRefunded,
      promoPointsReclaimed: promoReclaimed,
      reason: e.reason ?? null,
      lines: result.lines,
    });
    this.log.push(e);
  }

  private visit(e: Extract<SeasonEvent, { kind: "visit" }>) {
    const { def } = this.world;
    this.ledger.lock(e.customerId, e.at);
    const k = `${e.customerId}|${e.eventCode}`;
    if (!this.visited.has(k)) {
      this.visited.add(k);
      this.visits.push({
        id: this.ids.id("vis", e.at),
        customerId: e.customerId,
        eventCode: e.eventCode,
        at: e.at,
        storeId: this.world.stores.get("stadium-gates")!.id,
        periodKey: this.periods.bucket(e.at).key,
      });
      this.tiers.record({ customerId: e.customerId, definition: def, at: e.at, visits: 1 });
    }
    this.log.push(e);
  }

  /** redeemCatalogItem (then markRedemptionUsed when the voucher was used). */
  private voucher(e: Extract<SeasonEvent, { kind: "voucher" }>) {
    const { def } = this.world;
    const tierCode = this.tiers.viewTier(def, e.customerId, e.at);
    // A refused redemption rolls its transaction back (accounts included): decide before touching anything.
    const accs = this.ledger.accounts.get(e.customerId);
    if (!accs) return;
    if (this.ledger.dueLots(accs.main, e.at).some((l) => l.remaining - l.held > 0)) throw new Error("voucher: lots past expiry must be expired by the job first");
    const rank = (code: string) => tierRank(def, code);
    const item = (e.item ? [e.item] : (e.wishes ?? []))
      .map((code) => this.world.items.get(code)!)
      .find((i) => availabilityOf({ ...i, stock: this.stock.get(i.code) ?? null }, { tierCode, balance: accs.main.available }, rank, e.at).ok);
    if (!item) return;
    const stock = this.stock.get(item.code);
    if (stock !== null && stock !== undefined) this.stock.set(item.code, stock - 1);
    const id = this.ids.id("red", e.at);
    const spendEntryId = this.ledger.spend(accs.main, { amount: item.pointsPrice, at: e.at, reason: "catalog", refType: "catalog_redemption", refId: id, note: item.title });
    const used = e.usedAt ?? null;
    this.redemptions.push({
      id,
      customerId: e.customerId,
      itemId: item.id,
      voucherCode: this.voucherRng(),
      status: used ? "used" : "issued",
      pointsSpent: item.pointsPrice,
      spendEntryId,
      idempotencyKey: e.key,
      createdAt: e.at,
      usedAt: used,
      resolvedBy: used ? (e.usedBy ?? null) : null,
    });
    this.audits.push({
      actorType: "customer",
      actorId: e.customerId,
      action: "catalog.redeemed",
      entityType: "catalog_redemption",
      entityId: id,
      reason: null,
      before: null,
      after: { itemId: item.id, points: item.pointsPrice },
      at: e.at,
    });
    if (used && e.usedBy)
      this.audits.push({
        actorType: "staff",
        actorId: e.usedBy,
        action: "catalog.redemption_used",
        entityType: "catalog_redemption",
        entityId: id,
        reason: null,
        before: { status: "issued" },
        after: { status: "used" },
        at: used,
      });
    e.wishes = undefined;
    e.item = item.code;
    this.log.push(e);
  }

  /** adjustPoints (a support agent's correction, audited). */
  private adjust(e: Extract<SeasonEvent, { kind: "adjust" }>) {
    // adjustPoints refuses (and writes nothing) when a correction would go below zero.
    if (e.points < 0 && (this.ledger.accounts.get(e.customerId)?.main.available ?? 0) < -e.points) return;
    const accs = this.ledger.lock(e.customerId, e.at);
    const acc = accs.main;
    if (this.ledger.dueLots(acc, e.at).some((l) => l.remaining - l.held > 0)) throw new Error("adjust: lots past expiry must be expired by the job first");
    const before = balances(acc);
    const refs = { staffUserId: e.staffUserId, note: e.reason };
    let entryId: string;
    if (e.points > 0)
      entryId = this.ledger.accrue(acc, { amount: e.points, at: e.at, activation: { kind: "immediate" }, expiresAt: e.expiresAt, reason: "manual", type: "adjustment", ...refs })!.entryId;
    else entryId = this.ledger.spend(acc, { amount: -e.points, at: e.at, reason: "manual", type: "adjustment", ...refs });
    const after = balances(acc);
    this.audits.push({
      actorType: "staff",
      actorId: e.staffUserId,
      action: "points.adjust",
      entityType: "account",
      entityId: acc.id,
      reason: e.reason,
      before: { ...before, account: "main", customerId: e.customerId },
      after: { ...after, account: "main", customerId: e.customerId, points: e.points, entryId },
      at: e.at,
    });
    this.log.push(e);
  }

  /** Balances carried over from the old fan card (lots with their own expiry). */
  private legacy(e: Extract<SeasonEvent, { kind: "legacy" }>) {
    const accs = this.ledger.lock(e.customerId, e.at);
    this.ledger.accrue(accs.main, { amount: e.points, at: e.at, activation: { kind: "immediate" }, expiresAt: e.expiresAt, reason: "import", type: "adjustment", note: e.note });
    this.log.push(e);
  }

  /**
   * The expire-lots job at an expiry instant: every customer with points in lots due then, both
   * accounts (the simulation runs it at each instant a lot expires, so earlier ones are done).
   */
  private expireJob(e: Extract<SeasonEvent, { kind: "expire-lots" }>) {
    const customers = this.ledger.customersWithExpiring(e.at);
    for (const customerId of customers) {
      const accs = this.ledger.accounts.get(customerId)!;
      this.ledger.expireDueLots(accs.main, e.at);
      this.ledger.expireDueLots(accs.promo, e.at);
    }
    if (customers.length) this.log.push(e);
  }

  private rolloverJob(e: Extract<SeasonEvent, { kind: "rollover" }>) {
    this.tiers.rollover(this.world.def, e.at);
    this.log.push(e);
  }
}
