// Points of the promo account paying a receipt (CONTRACTS.md, promoAccount: "spent only on the
// promotion's basket.items"). Pure. The till asks for `redeemPoints` in total; promo points pay
// first, each promotion's only on the lines its items select, then main points pay the rest.
// One cap for both: the receipt's points (promo + main) never exceed the program's
// maxRedeemShare of the net after discounts, nor a line's own net (whole points).
import { itemFilter, qualifies, type ItemFilter } from "@/lib/promotions/engine";
import { apportion, divFloor } from "./money";

/** Spendable promo points of one promotion (null: promo points of no promotion, e.g. imported: any line). */
export interface PromoBalance {
  promotionId: string | null;
  /**
   * The promotion's version the points were issued under (their items are that version's): the
   * same promotion may have points of several versions, each its own balance. Absent: not tracked.
   */
  versionId?: string | null;
  points: number;
  /** The promotion's `basket.items`; absent = every line. */
  items?: { categories?: string[]; skus?: string[]; excludeSkus?: string[] } | null;
}

export interface PromoAllocation {
  /** Promo points per line (index of the lines). */
  perLine: number[];
  /** The promotion whose points paid each line (undefined: none). */
  promotionOf: (string | null | undefined)[];
  /** The version of that promotion's points (undefined: none, or not tracked). */
  versionOf: (string | null | undefined)[];
  total: number;
  /** Points taken from each balance (promotion and version), in the order given. */
  byPromotion: { promotionId: string | null; versionId?: string | null; points: number }[];
}

const filters = new WeakMap<PromoBalance, ItemFilter>();
function filterOf(b: PromoBalance): ItemFilter {
  let f = filters.get(b);
  if (!f) filters.set(b, (f = itemFilter(b.items)));
  return f;
}

/**
 * Places up to `points` promo points on the lines, promotion by promotion in the order given
 * (the caller orders them soonest-expiring first). Each promotion's share is spread over the
 * qualifying lines no other promotion paid yet, in proportion to their nets (largest remainder),
 * never above a line's whole points; a line is paid by at most one balance (one promotion's points
 * of one version), so a return knows whose points to give back.
 */
export function allocatePromo(points: number, lines: readonly { sku: string; category: string }[], nets: readonly number[], pointValue: number, balances: readonly PromoBalance[]): PromoAllocation {
  const n = lines.length;
  const perLine = new Array<number>(n).fill(0);
  const promotionOf = new Array<string | null | undefined>(n).fill(undefined);
  const versionOf = new Array<string | null | undefined>(n).fill(undefined);
  const byPromotion: PromoAllocation["byPromotion"] = [];
  let left = Math.max(0, points);
  let total = 0;
  for (const b of balances) {
    if (left === 0) break;
    if (b.points <= 0) continue;
    const f = filterOf(b);
    const idx: number[] = [];
    let capacity = 0;
    for (let i = 0; i < n; i++) {
      if (promotionOf[i] !== undefined || !qualifies(f, lines[i])) continue;
      const cap = divFloor(nets[i], pointValue);
      if (cap <= 0) continue;
      idx.push(i);
      capacity += cap;
    }
    const take = Math.min(b.points, capacity, left);
    if (take <= 0) continue;
    const shares = apportion(
      take,
      idx.map((i) => nets[i]),
      idx.map((i) => divFloor(nets[i], pointValue)),
    );
    idx.forEach((i, k) => {
      if (shares[k] <= 0) return;
      perLine[i] = shares[k];
      promotionOf[i] = b.promotionId;
      versionOf[i] = b.versionId;
    });
    left -= take;
    total += take;
    byPromotion.push({ promotionId: b.promotionId, ...(b.versionId !== undefined ? { versionId: b.versionId } : {}), points: take });
  }
  return { perLine, promotionOf, versionOf, total, byPromotion };
}

/**
 * Main points after the promo ones: spread over the lines in proportion to what each still
 * costs after its promo points, never below zero.
 */
export function allocateMain(points: number, nets: readonly number[], pointValue: number, promo: readonly number[]): number[] {
  const rest = nets.map((n, i) => n - promo[i] * pointValue);
  return apportion(
    points,
    rest,
    rest.map((r) => divFloor(r, pointValue)),
  );
}
