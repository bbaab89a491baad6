// The points ledger in memory, for the bulk path of the demo season. Each function mirrors the
// statement sequence of its namesake in lib/ledger (accrue, spend, expireDueLots, refundPoints,
// reclaimPoints) on plain objects: same lots picked in the same order, same entries, same cached
// balances. lib/seed/season/season.test.ts replays a season through lib/ledger itself and
// compares the two databases row by row.
import { AppError } from "@/lib/errors";
import type { AccountKind } from "@/lib/ledger/types";
import type { Activation } from "@/lib/ledger/accrue";
import type { EntryType } from "@/lib/ledger/post-entry";
import type { SeededIds } from "../ids";

export interface MLot {
  id: string;
  accountId: string;
  activation: Activation["kind"];
  amount: number;
  remaining: number;
  held: number;
  availableAt: Date | null;
  activatedAt: Date | null;
  expiresAt: Date | null;
  expiredAt: Date | null;
  voidedAt: Date | null;
  purchaseId: string | null;
  purchaseLineNo: number | null;
  /** Promo lots: the promotion whose points they are (lib/ledger/accrue.ts). */
  promotionId: string | null;
  createdAt: Date;
}

/** Which lots may pay (spend.ts LotScope): all, or on the promo account one promotion's (null: of none). */
export type MScope = { promotionId: string | null } | undefined;
const inScope = (l: MLot, scope: MScope) => scope === undefined || l.promotionId === scope.promotionId;

export interface MRefs {
  purchaseId?: string | null;
  returnId?: string | null;
  holdId?: string | null;
  promotionId?: string | null;
  staffUserId?: string | null;
  refType?: string | null;
  refId?: string | null;
  note?: string | null;
}

export interface MEntry extends MRefs {
  id: string;
  accountId: string;
  type: EntryType;
  deltaAvailable: number;
  deltaHeld: number;
  deltaPending: number;
  deltaDebt: number;
  reason: string;
  lotId: string | null;
  at: Date;
}

export interface MAllocation {
  id: string;
  lotId: string;
  entryId: string;
  amount: number;
}

export interface MAccount {
  id: string;
  programId: string;
  customerId: string;
  kind: AccountKind;
  available: number;
  held: number;
  pending: number;
  debt: number;
  createdAt: Date;
  lots: MLot[];
}

const byExpiryThenAge = (a: MLot, b: MLot) =>
  (a.expiresAt === null ? 1 : 0) - (b.expiresAt === null ? 1 : 0) ||
  (a.expiresAt?.getTime() ?? 0) - (b.expiresAt?.getTime() ?? 0) ||
  a.createdAt.getTime() - b.createdAt.getTime() ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** All accounts, entries, lots and allocations written by the simulation. */
export class MemoryLedger {
  readonly accounts = new Map<string, Record<AccountKind, MAccount>>();
  readonly entries: MEntry[] = [];
  readonly allocations: MAllocation[] = [];
  /** Redemption entries by receipt (refundPoints looks up the lots a receipt consumed). */
  private readonly spentByPurchase = new Map<string, { entryId: string; accountId: string }[]>();
  private readonly allocationsByEntry = new Map<string, MAllocation[]>();
  private readonly lotById = new Map<string, MLot>();
  /** Expiry instants not yet handed to the expire job (a min-heap, each instant once). */
  private readonly expiries: number[] = [];
  private readonly expirySeen = new Set<number>();
  private readonly lotsByExpiry = new Map<number, MLot[]>();
  private readonly customerOf = new Map<string, string>();

  constructor(
    private readonly ids: SeededIds,
    private readonly programId: string,
  ) {}

  /** lockAccounts: the customer's main and promo accounts, created on first use. */
  lock(customerId: string, at: Date): Record<AccountKind, MAccount> {
    let accs = this.accounts.get(customerId);
    if (!accs) {
      const make = (kind: AccountKind): MAccount => ({ id: this.ids.id("acc", at), programId: this.programId, customerId, kind, available: 0, held: 0, pending: 0, debt: 0, createdAt: at, lots: [] });
      accs = { main: make("main"), promo: make("promo") };
      this.accounts.set(customerId, accs);
      this.customerOf.set(accs.main.id, customerId);
      this.customerOf.set(accs.promo.id, customerId);
    }
    return accs;
  }

  private allocate(a: MAllocation) {
    this.allocations.push(a);
    const list = this.allocationsByEntry.get(a.entryId) ?? [];
    list.push(a);
    this.allocationsByEntry.set(a.entryId, list);
  }

  lot(id: string): MLot {
    return this.lotById.get(id)!;
  }

  private post(
    acc: MAccount,
    e: Omit<MEntry, "id" | "accountId" | "deltaAvailable" | "deltaHeld" | "deltaPending" | "deltaDebt" | "lotId"> &
      Partial<Pick<MEntry, "deltaAvailable" | "deltaHeld" | "deltaPending" | "deltaDebt" | "lotId">>,
  ): string {
    const entry: MEntry = {
      ...e,
      id: this.ids.id("pts", e.at),
      accountId: acc.id,
      deltaAvailable: e.deltaAvailable ?? 0,
      deltaHeld: e.deltaHeld ?? 0,
      deltaPending: e.deltaPending ?? 0,
      deltaDebt: e.deltaDebt ?? 0,
      lotId: e.lotId ?? null,
    };
    this.entries.push(entry);
    acc.available += entry.deltaAvailable;
    acc.held += entry.deltaHeld;
    acc.pending += entry.deltaPending;
    acc.debt += entry.deltaDebt;
    if (entry.type === "redemption" && entry.purchaseId) {
      const list = this.spentByPurchase.get(entry.purchaseId) ?? [];
      list.push({ entryId: entry.id, accountId: acc.id });
      this.spentByPurchase.set(entry.purchaseId, list);
    }
    return entry.id;
  }

  private repayDebt(acc: MAccount, lot: MLot, lotRemaining: number, at: Date, refs: MRefs): number {
    const repay = Math.min(acc.debt, lotRemaining);
    if (repay <= 0) return lotRemaining;
    this.post(acc, { type: "debt", reason: "debt-repayment", at, lotId: lot.id, deltaAvailable: -repay, deltaDebt: -repay, ...refs });
    return lotRemaining - repay;
  }

  accrue(
    acc: MAccount,
    input: MRefs & {
      amount: number;
      at: Date;
      activation: Activation;
      expiresAt: Date | null;
      reason: string;
      type?: "accrual" | "adjustment" | "reversal";
      purchaseLineNo?: number | null;
      lotPromotionId?: string | null;
    },
  ): { lotId: string; entryId: string } | null {
    const { amount, at, activation } = input;
    if (!Number.isInteger(amount) || amount <= 0) return null;
    const activeNow = activation.kind === "immediate" || (activation.kind === "date" && activation.availableAt <= at);
    const lot: MLot = {
      id: this.ids.id("lot", at),
      accountId: acc.id,
      activation: activation.kind,
      amount,
      remaining: amount,
      held: 0,
      availableAt: activation.kind === "immediate" ? at : activation.kind === "date" ? activation.availableAt : null,
      activatedAt: activeNow ? at : null,
      expiresAt: input.expiresAt,
      expiredAt: null,
      voidedAt: null,
      purchaseId: input.purchaseId ?? null,
      purchaseLineNo: input.purchaseLineNo ?? null,
      promotionId: acc.kind === "promo" ? (input.lotPromotionId !== undefined ? input.lotPromotionId : (input.promotionId ?? null)) : null,
      createdAt: at,
    };
    acc.lots.push(lot);
    this.lotById.set(lot.id, lot);
    if (lot.expiresAt) {
      const t = lot.expiresAt.getTime();
      this.scheduleExpiry(t);
      const list = this.lotsByExpiry.get(t) ?? [];
      list.push(lot);
      this.lotsByExpiry.set(t, list);
    }
    const refs: MRefs = {
      purchaseId: input.purchaseId,
      returnId: input.returnId,
      promotionId: input.promotionId,
      staffUserId: input.staffUserId,
      refType: input.refType,
      refId: input.refId,
      note: input.note,
    };
    const entryId = this.post(acc, { type: input.type ?? "accrual", reason: input.reason, at, lotId: lot.id, ...(activeNow ? { deltaAvailable: amount } : { deltaPending: amount }), ...refs });
    if (activeNow && acc.debt > 0) lot.remaining = this.repayDebt(acc, lot, amount, at, refs);
    return { lotId: lot.id, entryId };
  }

  /** Expiry instants up to `until` (each once, in order): when the expire-lots job has work. */
  expiriesUntil(until: Date): Date[] {
    const out: Date[] = [];
    const h = this.expiries;
    while (h.length && h[0] <= until.getTime()) {
      out.push(new Date(h[0]));
      const last = h.pop()!;
      if (h.length) {
        h[0] = last;
        for (let i = 0; ;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < h.length && h[l] < h[m]) m = l;
          if (r < h.length && h[r] < h[m]) m = r;
          if (m === i) break;
          [h[i], h[m]] = [h[m], h[i]];
          i = m;
        }
      }
    }
    return out;
  }

  private scheduleExpiry(t: number) {
    if (this.expirySeen.has(t)) return;
    this.expirySeen.add(t);
    const h = this.expiries;
    h.push(t);
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (h[p] <= h[i]) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  /** Customers whose lots expiring exactly at `at` still hold points (the expire job's work then). */
  customersWithExpiring(at: Date): string[] {
    const lots = (this.lotsByExpiry.get(at.getTime()) ?? []).filter((l) => l.expiredAt === null && l.voidedAt === null && l.remaining - l.held > 0);
    return [...new Set(lots.map((l) => this.customerOf.get(l.accountId)!))];
  }

  /** Lots of the account past their expiry at `at` (what expireDueLots would touch). */
  dueLots(acc: MAccount, at: Date): MLot[] {
    const t = at.getTime();
    let out: MLot[] | null = null;
    for (const l of acc.lots) if (l.expiredAt === null && l.voidedAt === null && l.expiresAt !== null && l.expiresAt.getTime() <= t) (out ??= []).push(l);
    return out ?? [];
  }

  expireDueLots(acc: MAccount, at: Date): number {
    const due = this.dueLots(acc, at);
    if (!due.length) return 0;
    const lots = due.sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime() || (a.id < b.id ? -1 : 1));
    let total = 0;
    for (const lot of lots) {
      const amount = lot.remaining - lot.held;
      if (amount > 0) {
        this.post(acc, { type: "expiry", reason: "expiry", at, lotId: lot.id, purchaseId: lot.purchaseId, ...(lot.activatedAt ? { deltaAvailable: -amount } : { deltaPending: -amount }) });
        total += amount;
      }
      lot.remaining -= Math.max(amount, 0);
      if (lot.held === 0) lot.expiredAt = at;
    }
    return total;
  }

  spend(acc: MAccount, input: MRefs & { amount: number; at: Date; reason: string; type?: "redemption" | "adjustment"; scope?: MScope }): string {
    const { amount, at } = input;
    if (!Number.isInteger(amount) || amount <= 0) throw new AppError("invalid_request", "Points must be a positive integer");
    this.expireDueLots(acc, at);
    if (acc.available < amount) throw new AppError("insufficient_points", `Not enough points: ${amount} requested, ${acc.available} available`);
    const lots = acc.lots
      .filter((l) => l.activatedAt !== null && l.expiredAt === null && l.voidedAt === null && l.remaining - l.held > 0 && (l.expiresAt === null || l.expiresAt > at) && inScope(l, input.scope))
      .sort(byExpiryThenAge);
    const picks: { lot: MLot; take: number }[] = [];
    let left = amount;
    for (const lot of lots) {
      if (left === 0) break;
      const take = Math.min(lot.remaining - lot.held, left);
      picks.push({ lot, take });
      left -= take;
    }
    if (left > 0) throw new AppError("insufficient_points", `Not enough points: ${amount} requested, ${amount - left} available`);
    const { type, reason, ...rest } = input;
    const refs: MRefs = { purchaseId: rest.purchaseId, returnId: rest.returnId, holdId: rest.holdId, staffUserId: rest.staffUserId, refType: rest.refType, refId: rest.refId, note: rest.note };
    const entryId = this.post(acc, { type: type ?? "redemption", reason, at, deltaAvailable: -amount, ...refs });
    for (const p of picks) {
      p.lot.remaining -= p.take;
      this.allocate({ id: this.ids.id("pts", at), lotId: p.lot.id, entryId, amount: p.take });
    }
    return entryId;
  }

  /** promoBalances (lib/ledger/promo-balances.ts): spendable promo points per promotion, soonest-expiring first. */
  promoBalances(promo: MAccount, at: Date): { promotionId: string | null; points: number }[] {
    const groups = new Map<string | null, { promotionId: string | null; points: number; soonest: number | null }>();
    for (const l of promo.lots) {
      if (l.activatedAt === null || l.expiredAt !== null || l.voidedAt !== null || l.remaining - l.held <= 0 || (l.expiresAt !== null && l.expiresAt <= at)) continue;
      const g = groups.get(l.promotionId) ?? { promotionId: l.promotionId, points: 0, soonest: null };
      g.points += l.remaining - l.held;
      if (l.expiresAt && (g.soonest === null || l.expiresAt.getTime() < g.soonest)) g.soonest = l.expiresAt.getTime();
      groups.set(l.promotionId, g);
    }
    return [...groups.values()]
      .sort(
        (a, b) =>
          (a.soonest === null ? 1 : 0) - (b.soonest === null ? 1 : 0) ||
          (a.soonest ?? 0) - (b.soonest ?? 0) ||
          (a.promotionId === null ? -1 : 0) - (b.promotionId === null ? -1 : 0) ||
          (a.promotionId! < b.promotionId! ? -1 : a.promotionId! > b.promotionId! ? 1 : 0),
      )
      .map(({ promotionId, points }) => ({ promotionId, points }));
  }

  /** refundPoints: spent points of a receipt come back as a new lot with the latest expiry of the lots they came from. */
  refund(acc: MAccount, input: { amount: number; at: Date; purchaseId: string; returnId: string; fallbackExpiresAt: Date | null | "lifetime"; reason: string; scope?: MScope }) {
    if (input.amount <= 0) return;
    const spent = (this.spentByPurchase.get(input.purchaseId) ?? []).filter((s) => s.accountId === acc.id);
    let expires: Date | null = null;
    let unlimited = false;
    let any = false;
    let lifetime: number | null = null;
    for (const a of spent.flatMap((s) => this.allocationsByEntry.get(s.entryId) ?? [])) {
      const lot = this.lotById.get(a.lotId)!;
      if (!inScope(lot, input.scope)) continue;
      any = true;
      if (lot.expiresAt === null) unlimited = true;
      else {
        if (!expires || lot.expiresAt > expires) expires = lot.expiresAt;
        const life = lot.expiresAt.getTime() - lot.createdAt.getTime();
        if (lifetime === null || life > lifetime) lifetime = life;
      }
    }
    const fallback = input.fallbackExpiresAt === "lifetime" ? (lifetime ? new Date(input.at.getTime() + lifetime) : null) : input.fallbackExpiresAt;
    const expiresAt = any && unlimited ? null : expires && expires > input.at ? expires : fallback;
    this.accrue(acc, {
      ...(input.scope ? { lotPromotionId: input.scope.promotionId } : {}),
      amount: input.amount,
      at: input.at,
      activation: { kind: "immediate" },
      expiresAt,
      reason: input.reason,
      type: "reversal",
      purchaseId: input.purchaseId,
      returnId: input.returnId,
    });
  }

  /** reclaimPoints: earned points taken back from the receipt's own lots, then the soonest-expiring others, then as debt. */
  reclaim(
    acc: MAccount,
    input: { amount: number; at: Date; purchaseId: string; lineNo?: number | null; returnId: string; reason: string; promotionId?: string | null; scope?: MScope },
  ): { fromBalance: number; debt: number } {
    let left = input.amount;
    if (left <= 0) return { fromBalance: 0, debt: 0 };
    this.expireDueLots(acc, input.at);
    const refs = { purchaseId: input.purchaseId, returnId: input.returnId, promotionId: input.promotionId ?? null };
    const free = (l: MLot) => l.expiredAt === null && l.voidedAt === null && l.remaining - l.held > 0 && inScope(l, input.scope);
    const own = acc.lots
      .filter((l) => l.purchaseId === input.purchaseId && (input.lineNo == null || l.purchaseLineNo === input.lineNo) && free(l))
      .sort((a, b) => (a.activatedAt ? 1 : 0) - (b.activatedAt ? 1 : 0) || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    const others = acc.lots.filter((l) => l.purchaseId !== input.purchaseId && l.activatedAt !== null && free(l)).sort(byExpiryThenAge);
    let fromBalance = 0;
    for (const lot of [...own, ...others]) {
      if (left === 0) break;
      const take = Math.min(lot.remaining - lot.held, left);
      const entryId = this.post(acc, { type: "reversal", reason: input.reason, at: input.at, lotId: lot.id, ...(lot.activatedAt ? { deltaAvailable: -take } : { deltaPending: -take }), ...refs });
      lot.remaining -= take;
      if (lot.activatedAt === null && lot.remaining === 0) lot.voidedAt = input.at;
      this.allocate({ id: this.ids.id("pts", input.at), lotId: lot.id, entryId, amount: take });
      left -= take;
      fromBalance += take;
    }
    if (left > 0) this.post(acc, { type: "debt", reason: input.reason, at: input.at, deltaDebt: left, ...refs });
    return { fromBalance, debt: left };
  }
}
