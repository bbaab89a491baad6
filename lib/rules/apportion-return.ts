// What a (partial) return gives back and takes back, line by line. Each figure is the share of
// everything returned so far minus the share of what was returned before, so any sequence of
// returns that ends with everything returned adds up exactly to the receipt: no rounding drift.
import { AppError, type ErrorDetail } from "@/lib/errors";
import { mulDivFloor, toMilli } from "./money";

/** A line as priced and stored (a PricedLine fits), with what earlier returns took. */
export interface ReturnablePurchaseLine {
  lineNo: number;
  quantityMilli: number;
  /** Returned by earlier returns, thousandths. */
  returnedMilli?: number;
  amount: number;
  discount?: number;
  payable: number;
  pointsRedeemed: number;
  /** The part of pointsRedeemed paid from the promo account. */
  promoPointsRedeemed?: number;
  pointsEarned: number;
}

export interface ReturnLineInput {
  lineNo: number;
  /** Units, at most 3 decimals. */
  quantity: number;
}

export interface ReturnedLine {
  lineNo: number;
  quantityMilli: number;
  /** Returned in total after this return. */
  returnedMilli: number;
  amount: number;
  discount: number;
  /** Money back to the customer. */
  payable: number;
  /** Spent points given back. */
  pointsRefunded: number;
  /** The part of pointsRefunded that goes back to the promo account. */
  promoPointsRefunded: number;
  /** Earned points taken back. */
  pointsReclaimed: number;
}

export interface ReturnApportionment {
  lines: ReturnedLine[];
  totals: { amount: number; discount: number; payable: number; pointsRefunded: number; promoPointsRefunded: number; pointsReclaimed: number };
}

/**
 * The promo points a return gives back, per promotion whose points paid the returned lines (each
 * line was paid by one promotion's points; null: promo points of no promotion), in a fixed order.
 * Where the lines record the version those points were issued under, per promotion and version
 * (the third element): the points go back as that version's.
 */
export function promoRefunds(
  purchaseLines: readonly { lineNo: number; promoPromotionId: string | null; promoVersionId?: string | null }[],
  returned: readonly { lineNo: number; promoPointsRefunded: number }[],
): ([string | null, number] | [string | null, number, string])[] {
  const byNo = new Map(purchaseLines.map((l) => [l.lineNo, l]));
  const back = new Map<string, { id: string | null; version: string | null; points: number }>();
  for (const r of returned) {
    if (r.promoPointsRefunded <= 0) continue;
    const l = byNo.get(r.lineNo);
    const id = l?.promoPromotionId ?? null;
    const version = l?.promoVersionId ?? null;
    const key = `${id ?? ""}\u0000${version ?? ""}`;
    const b = back.get(key) ?? { id, version, points: 0 };
    b.points += r.promoPointsRefunded;
    back.set(key, b);
  }
  return [...back].sort(([a], [b]) => a.localeCompare(b)).map(([, b]) => (b.version === null ? [b.id, b.points] : [b.id, b.points, b.version]));
}

/** Throws AppError `invalid_request` (unknown or repeated line, bad quantity) or `return_exceeds_purchase`. */
export function apportionReturn(purchaseLines: ReturnablePurchaseLine[], returnLines: ReturnLineInput[]): ReturnApportionment {
  const byNo = new Map(purchaseLines.map((l) => [l.lineNo, l] as const));
  const seen = new Set<number>();
  const errors: ErrorDetail[] = [];
  let exceeding = 0;
  const out: ReturnApportionment = {
    lines: [],
    totals: { amount: 0, discount: 0, payable: 0, pointsRefunded: 0, promoPointsRefunded: 0, pointsReclaimed: 0 },
  };
  returnLines.forEach((r, i) => {
    const line = byNo.get(r.lineNo);
    const milli = r.quantity > 0 ? toMilli(r.quantity) : null; // null for NaN and Infinity too
    if (!line) return errors.push({ path: `lines[${i}].lineNo`, message: `the receipt has no line ${r.lineNo}` });
    if (seen.has(r.lineNo)) return errors.push({ path: `lines[${i}].lineNo`, message: `line ${r.lineNo} listed twice` });
    seen.add(r.lineNo);
    if (!milli) return errors.push({ path: `lines[${i}].quantity`, message: "must be positive with at most 3 decimals" });
    const before = line.returnedMilli ?? 0;
    const after = before + milli;
    if (after > line.quantityMilli) {
      exceeding += 1;
      const left = (line.quantityMilli - before) / 1000;
      return errors.push({ path: `lines[${i}].quantity`, message: `only ${left} of line ${r.lineNo} can still be returned` });
    }
    const Q = line.quantityMilli;
    const slice = (total: number) => mulDivFloor(total, after, Q) - mulDivFloor(total, before, Q);
    // Promo and main points are sliced apart, so each account gets back exactly what it paid.
    const promo = line.promoPointsRedeemed ?? 0;
    const promoRefunded = slice(promo);
    const returned: ReturnedLine = {
      lineNo: line.lineNo,
      quantityMilli: milli,
      returnedMilli: after,
      amount: slice(line.amount),
      discount: slice(line.discount ?? 0),
      payable: slice(line.payable),
      pointsRefunded: slice(line.pointsRedeemed - promo) + promoRefunded,
      promoPointsRefunded: promoRefunded,
      pointsReclaimed: slice(line.pointsEarned),
    };
    out.lines.push(returned);
    const t = out.totals;
    t.amount += returned.amount;
    t.discount += returned.discount;
    t.payable += returned.payable;
    t.pointsRefunded += returned.pointsRefunded;
    t.promoPointsRefunded += returned.promoPointsRefunded;
    t.pointsReclaimed += returned.pointsReclaimed;
  });
  if (errors.length) {
    const code = exceeding === errors.length ? "return_exceeds_purchase" : "invalid_request";
    throw new AppError(code, code === "return_exceeds_purchase" ? "The return exceeds the purchase" : "The return is invalid", {
      details: errors,
    });
  }
  return out;
}
