// The promotions of the demo season in memory, for the bulk path: each method mirrors its namesake
// in lib/promotions and lib/purchases/promotions.ts statement for statement — what is left of every
// limit (remainingFor), the codes a receipt presents (findCodes), the reservation of limits and
// budgets (reservePromotions), the codes an issueCode promotion gives (issueCode), the budget a
// return gives back (giveBackBudget) — so the rows it produces (PurchasePromotion, the Promotion
// and PromoCode counters, PromotionCustomerUse, issued PromoCode) are those the domain writes.
// lib/seed/season/season.test.ts replays the season through the domain and compares both.
import type { FoundCode } from "@/lib/promotions/codes";
import { promotionCustomer } from "@/lib/promotions/audience";
import { CODE_ALPHABET, type LimitPeriod, type PromotionDefinition } from "@/lib/promotions/definition";
import type { ActivePromotion, AppliedPromotionResult, PromotionContext, Remaining, RejectReason } from "@/lib/promotions/engine";
import { hasCounters, limitPeriodKey, returnedBudget } from "@/lib/promotions/reserve";
import type { SeededIds } from "../ids";
import type { Rng } from "../rng";

export interface MPromotion {
  id: string;
  code: string;
  /** The coalition partner running it (Promotion.partnerId): its promo points pay only in that partner's stores. */
  partnerCode: string | null;
  versionId: string;
  def: PromotionDefinition;
  uses: number;
  moneyUsed: number;
  pointsUsed: number;
}

export interface MPromoCode {
  id: string;
  promotionId: string;
  promotionCode: string;
  code: string;
  kind: "shared" | "unique" | "issued";
  customerId: string | null;
  maxUses: number | null;
  uses: number;
  expiresAt: Date | null;
  issuedByPurchaseId: string | null;
  /** The season event key of the receipt that issued it (the replay finds the code by it). */
  issuedByKey: string | null;
  createdAt: Date;
  /** Stored already (shared codes the promotions file made): only `uses` is written back. */
  stored: boolean;
}

export interface MPurchasePromotion {
  purchaseId: string;
  promotionId: string;
  versionId: string;
  customerId: string | null;
  discount: number;
  points: number;
  promoAccountPoints: number;
  lines: { lineNo: number; discount: number; points: number }[];
  promoCodeId: string | null;
  customerPeriodKey: string | null;
  counted: boolean;
  moneyReturned: number;
  pointsReturned: number;
  at: Date;
  issue: { promotion: string; validDays: number } | null;
}

/** What promotions need to know about a member: lib/promotions/audience.ts promotionCustomer's input. */
export interface AudienceFacts {
  birthDate: Date | null;
  registeredAt: Date;
}

export interface SimPromotionsInput {
  /** The promotions the tills price with (promotionsInForce: active and paused). */
  inForce: ActivePromotion[];
  /** Every promotion with its version in force (issueCode targets, counters). */
  all: { id: string; versionId: string; def: PromotionDefinition; partnerCode?: string | null }[];
  /** Codes stored before the season (shared codes of the promotions file). */
  codes: { id: string; promotionId: string; code: string; kind: "shared" | "unique" | "issued"; customerId: string | null; maxUses: number | null; uses: number; expiresAt: Date | null }[];
}

/** What pricing one receipt needs: preparePromotions of lib/purchases/promotions.ts. */
export interface MPromotionSetup {
  context: PromotionContext;
  codeIds: Map<string, string>;
}

const DAY_MS = 86_400_000;

export class SimPromotions {
  readonly inForce: ActivePromotion[];
  private readonly limited: { p: ActivePromotion; counted: boolean }[];
  readonly promotions = new Map<string, MPromotion>();
  readonly byCode = new Map<string, MPromotion>();
  readonly codes = new Map<string, MPromoCode>();
  private readonly codesById = new Map<string, MPromoCode>();
  readonly uses: MPurchasePromotion[] = [];
  /** PromotionCustomerUse: `${promotionId}|${customerId}|${periodKey}` → uses. */
  readonly customerUses = new Map<string, number>();
  private readonly usesByPurchase = new Map<string, MPurchasePromotion[]>();
  private readonly heldBy = new Map<string, MPromoCode[]>();
  private readonly defs: ReadonlyMap<string, PromotionDefinition>;

  constructor(
    input: SimPromotionsInput,
    private readonly ids: SeededIds,
    private readonly rng: Rng,
    private readonly audience: ReadonlyMap<string, AudienceFacts>,
  ) {
    this.inForce = input.inForce;
    // Only promotions with a limit have something left (remainingFor leaves the others out).
    this.limited = input.inForce.filter((p) => hasCounters(p) || p.def.limits?.perCustomer).map((p) => ({ p, counted: hasCounters(p) }));
    this.defs = new Map(input.inForce.map((p) => [p.def.code, p.def]));
    for (const p of input.all) {
      const m: MPromotion = { id: p.id, code: p.def.code, partnerCode: p.partnerCode ?? null, versionId: p.versionId, def: p.def, uses: 0, moneyUsed: 0, pointsUsed: 0 };
      this.promotions.set(p.id, m);
      this.byCode.set(p.def.code, m);
    }
    for (const c of input.codes) {
      const promotion = this.promotions.get(c.promotionId)!;
      this.add({ ...c, promotionCode: promotion.code, issuedByPurchaseId: null, issuedByKey: null, createdAt: new Date(0), stored: true });
    }
    for (const p of input.inForce) {
      if (p.def.audience?.segments?.length) throw new Error(`promotion ${p.def.code}: segment audiences are not simulated by the demo season (segments are seeded after it)`);
    }
  }

  private add(c: MPromoCode) {
    this.codes.set(c.code, c);
    this.codesById.set(c.id, c);
  }

  get active(): boolean {
    return this.inForce.length > 0;
  }

  private keysAt = { at: 0, timeZone: "", keys: new Map<LimitPeriod, string>() };

  /** limitPeriodKey, once per period for the receipt being priced (pricing asks several times). */
  private periodKey(period: LimitPeriod, at: Date, timeZone: string): string {
    const k = this.keysAt;
    if (k.at !== at.getTime() || k.timeZone !== timeZone) this.keysAt = { at: at.getTime(), timeZone, keys: new Map() };
    let key = this.keysAt.keys.get(period);
    if (key === undefined) this.keysAt.keys.set(period, (key = limitPeriodKey(period, at, timeZone)));
    return key;
  }

  /** remainingFor (lib/promotions/reserve.ts). */
  private remaining(customerId: string | null, at: Date, timeZone: string): Map<string, Remaining> {
    const out = new Map<string, Remaining>();
    for (const { p, counted } of this.limited) {
      const l = p.def.limits;
      const r: Remaining = {};
      const row = counted ? this.promotions.get(p.id)! : null;
      if (row && l?.total !== undefined) r.total = l.total - row.uses;
      if (row && l?.budget?.money !== undefined) r.money = Math.max(0, l.budget.money - row.moneyUsed);
      if (row && l?.budget?.points !== undefined) r.points = Math.max(0, l.budget.points - row.pointsUsed);
      if (customerId && l?.perCustomer) r.customer = l.perCustomer.uses - (this.customerUses.get(`${p.id}|${customerId}|${this.periodKey(l.perCustomer.period, at, timeZone)}`) ?? 0);
      if (r.total !== undefined || r.money !== undefined || r.points !== undefined || r.customer !== undefined) out.set(p.def.code, r);
    }
    return out;
  }

  /** findCodes (lib/promotions/codes.ts). */
  private find(presented: string[], customerId: string | null, at: Date): FoundCode[] {
    return presented.map((code): FoundCode => {
      const r = this.codes.get(code);
      const def = r ? this.defs.get(r.promotionCode) : undefined;
      if (!r || !def || (r.customerId !== null && r.customerId !== customerId)) return { code, usable: null, status: "unknown" };
      const t = at.getTime();
      if (def.status === "ended" || (def.validity?.to && t >= Date.parse(def.validity.to)) || (r.expiresAt && r.expiresAt.getTime() <= t)) return { code, usable: null, status: "expired" };
      if (def.validity?.from && t < Date.parse(def.validity.from)) return { code, usable: null, status: "not_yet_valid" };
      if (r.maxUses !== null && r.uses >= r.maxUses) return { code, usable: null, status: "used_up" };
      return { code, usable: { id: r.id, promotionCode: r.promotionCode }, status: null };
    });
  }

  /** preparePromotions (lib/purchases/promotions.ts) for a receipt of `customerId` (with a status) presenting `promoCodes`. */
  prepare(input: { customerId: string | null; tierCode: string | null; promoCodes: string[]; at: Date; timeZone: string }): MPromotionSetup {
    const customerId = input.customerId && input.tierCode ? input.customerId : null;
    const presented = [...new Set(input.promoCodes.map((c) => c.trim().toUpperCase()))];
    const codes = new Map<string, string>();
    const codeIds = new Map<string, string>();
    for (const f of this.find(presented, customerId, input.at)) {
      if (!f.usable || codes.has(f.usable.promotionCode)) continue;
      codes.set(f.usable.promotionCode, f.code);
      codeIds.set(f.usable.promotionCode, f.usable.id);
    }
    const facts = customerId ? this.audience.get(customerId) : undefined;
    if (customerId && !facts) throw new Error(`promotions: no audience facts for ${customerId}`);
    return {
      codeIds,
      context: {
        at: input.at,
        timeZone: input.timeZone,
        customer: customerId ? promotionCustomer({ id: customerId, birthDate: facts!.birthDate, status: "active", registeredAt: facts!.registeredAt }, input.tierCode!, new Set()) : null,
        codes,
        remaining: this.remaining(customerId, input.at, input.timeZone),
      },
    };
  }

  /** The member's issued codes that can still be used at `at`, soonest to expire first (heldCodes of lib/promotions/offers.ts). */
  held(customerId: string, at: Date): MPromoCode[] {
    const t = at.getTime();
    return (this.heldBy.get(customerId) ?? []).filter((c) => (c.expiresAt === null || c.expiresAt.getTime() > t) && (c.maxUses === null || c.uses < c.maxUses));
  }

  /** reservePromotions (lib/promotions/reserve.ts): null when every limit held, else the refused promotions (nothing kept). */
  reserve(input: {
    purchaseId: string;
    customerId: string | null;
    at: Date;
    timeZone: string;
    applied: AppliedPromotionResult[];
    codeIds: ReadonlyMap<string, string>;
  }): Map<string, RejectReason> | null {
    if (!input.applied.length) return null;
    const refused = new Map<string, RejectReason>();
    const rows: MPurchasePromotion[] = [];
    const ordered = [...input.applied].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const a of ordered) {
      const l = a.def.limits;
      const counted = hasCounters(a);
      const row = this.promotions.get(a.id)!;
      if (counted) {
        const ok =
          (l?.total === undefined || row.uses < l.total) &&
          (l?.budget?.money === undefined || row.moneyUsed + a.discount <= l.budget.money) &&
          (l?.budget?.points === undefined || row.pointsUsed + a.points <= l.budget.points);
        if (!ok) {
          refused.set(a.code, l?.total !== undefined && row.uses >= l.total ? "used_up" : "budget");
          continue;
        }
      }
      let periodKey: string | null = null;
      if (l?.perCustomer && input.customerId) {
        periodKey = this.periodKey(l.perCustomer.period, input.at, input.timeZone);
        if ((this.customerUses.get(`${a.id}|${input.customerId}|${periodKey}`) ?? 0) >= l.perCustomer.uses) {
          refused.set(a.code, "customer_limit");
          continue;
        }
      }
      const codeId = input.codeIds.get(a.code) ?? null;
      if (codeId) {
        const c = this.codesById.get(codeId)!;
        if (c.maxUses !== null && c.uses >= c.maxUses) {
          refused.set(a.code, "used_up");
          continue;
        }
      }
      rows.push({
        purchaseId: input.purchaseId,
        promotionId: a.id,
        versionId: a.versionId,
        customerId: input.customerId,
        discount: a.discount,
        points: a.points,
        promoAccountPoints: a.promoAccountPoints,
        lines: a.lines,
        promoCodeId: codeId,
        customerPeriodKey: periodKey,
        counted,
        moneyReturned: 0,
        pointsReturned: 0,
        at: input.at,
        issue: a.issue,
      });
    }
    if (refused.size) return refused;
    for (const u of rows) {
      const row = this.promotions.get(u.promotionId)!;
      if (u.counted) {
        row.uses += 1;
        row.moneyUsed += u.discount;
        row.pointsUsed += u.points;
      }
      if (u.customerPeriodKey && u.customerId) {
        const k = `${u.promotionId}|${u.customerId}|${u.customerPeriodKey}`;
        this.customerUses.set(k, (this.customerUses.get(k) ?? 0) + 1);
      }
      if (u.promoCodeId) this.codesById.get(u.promoCodeId)!.uses += 1;
      this.uses.push(u);
    }
    this.usesByPurchase.set(
      input.purchaseId,
      rows.sort((a, b) => (a.promotionId < b.promotionId ? -1 : a.promotionId > b.promotionId ? 1 : 0)),
    );
    return null;
  }

  /** promoBalances' store filter (lib/ledger/promo-balances.ts): a partner's promotion pays only in that partner's stores. */
  spendableAt(promotionId: string | null, storePartnerCode: string | null) {
    const partner = promotionId ? (this.promotions.get(promotionId)?.partnerCode ?? null) : null;
    return partner === null || partner === storePartnerCode;
  }

  /** The `basket.items` promo points of a promotion may pay for (its version in force; null: any line). */
  itemsOf(promotionId: string | null) {
    return promotionId ? (this.promotions.get(promotionId)?.def.basket?.items ?? null) : null;
  }

  /**
   * finishPromotions (lib/purchases/promotions.ts) after a member's receipt commits: promo-account
   * points (`credit`, in the ledger) and the codes its issueCode promotions give.
   */
  finish(input: { purchaseId: string; purchaseKey: string; customerId: string; at: Date; credit: (promotionId: string, points: number, expiresAt: Date | null) => void }) {
    for (const u of this.usesByPurchase.get(input.purchaseId) ?? []) {
      if (u.promoAccountPoints > 0) {
        const e = this.promotions.get(u.promotionId)!.def.effect;
        const days = e.type === "promoAccount" ? e.expiresInDays : undefined;
        input.credit(u.promotionId, u.promoAccountPoints, days ? new Date(input.at.getTime() + days * DAY_MS) : null);
      }
      if (!u.issue) continue;
      const target = this.byCode.get(u.issue.promotion);
      if (!target) continue;
      const expiresAt = new Date(input.at.getTime() + u.issue.validDays * DAY_MS);
      const pattern = target.def.codes?.unique?.pattern ?? "TRB-####-####";
      let code = "";
      for (let i = 0; ; i++) {
        if (i >= 5) throw new Error("Could not draw a fresh code");
        code = [...pattern].map((ch) => (ch === "#" ? CODE_ALPHABET[Math.floor(this.rng.next() * CODE_ALPHABET.length)] : ch)).join("");
        if (!this.codes.has(code)) break;
      }
      const c: MPromoCode = {
        id: this.ids.id("pcd", input.at),
        promotionId: target.id,
        promotionCode: target.code,
        code,
        kind: "issued",
        customerId: input.customerId,
        maxUses: target.def.codes?.perCode?.maxUses ?? 1,
        uses: 0,
        expiresAt,
        issuedByPurchaseId: input.purchaseId,
        issuedByKey: input.purchaseKey,
        createdAt: input.at,
        stored: false,
      };
      this.add(c);
      const mine = this.heldBy.get(input.customerId) ?? [];
      mine.push(c);
      mine.sort((a, b) => (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity) || (a.code < b.code ? -1 : 1));
      this.heldBy.set(input.customerId, mine);
    }
  }

  /** giveBackBudget (lib/promotions/reserve.ts): a return gives back the budget its units used. */
  giveBack(purchaseId: string, returned: { lineNo: number; quantityMilli: number; beforeMilli: number; afterMilli: number }[]): { promotionId: string; promoAccountPoints: number }[] {
    const byLine = new Map(returned.map((r) => [r.lineNo, r]));
    const out: { promotionId: string; promoAccountPoints: number }[] = [];
    for (const u of this.usesByPurchase.get(purchaseId) ?? []) {
      const { money, points } = returnedBudget(u.lines, byLine);
      if (money === 0 && points === 0) continue;
      if (u.promoAccountPoints > 0) out.push({ promotionId: u.promotionId, promoAccountPoints: points });
      u.moneyReturned += money;
      u.pointsReturned += points;
      if (u.counted) {
        const row = this.promotions.get(u.promotionId)!;
        row.moneyUsed -= money;
        row.pointsUsed -= points;
      }
    }
    return out;
  }
}
