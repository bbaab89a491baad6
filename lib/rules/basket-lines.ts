// Checks the basket lines and computes their amounts: round(price × quantity) in integers.
import { AppError, type ErrorDetail } from "@/lib/errors";
import { MAX_AMOUNT, lineAmount, toMilli } from "./money";
import type { BasketLineInput } from "./types";

export interface LineAmounts {
  quantityMilli: number[];
  amount: number[];
  discount: number[];
  /** amount − discount: what the line costs before points. */
  net: number[];
}

const isInt = Number.isSafeInteger;

/** Throws AppError("invalid_request") listing every bad field; route handlers check first. */
export function lineAmounts(lines: BasketLineInput[], redeemPoints: number): LineAmounts {
  const out: LineAmounts = { quantityMilli: [], amount: [], discount: [], net: [] };
  let errors: ErrorDetail[] | undefined;
  const fail = (path: string, message: string) => (errors ??= []).push({ path, message });
  const seen = new Set<number>();
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!isInt(l.lineNo) || l.lineNo < 0) fail(`lines[${i}].lineNo`, "must be a non-negative integer");
    else if (seen.has(l.lineNo)) fail(`lines[${i}].lineNo`, `duplicate line number ${l.lineNo}`);
    seen.add(l.lineNo);
    const milli = l.quantity > 0 ? toMilli(l.quantity) : null; // null for NaN and Infinity too
    if (milli === null || milli === 0) fail(`lines[${i}].quantity`, "must be positive with at most 3 decimals");
    const priceOk = isInt(l.price) && l.price >= 0 && l.price <= MAX_AMOUNT;
    if (!priceOk) fail(`lines[${i}].price`, "must be a non-negative integer in minor units");
    // A bad quantity or price is reported once: the line then counts as 0 towards the total.
    const amount = milli && priceOk ? lineAmount(l.price, milli) : 0;
    if (amount > MAX_AMOUNT) fail(`lines[${i}].price`, "line amount too large");
    const discount = l.discount ?? 0;
    if (!isInt(discount) || discount < 0 || discount > amount) fail(`lines[${i}].discount`, "must be an integer between 0 and the line amount");
    out.quantityMilli.push(milli ?? 0);
    out.amount.push(amount);
    out.discount.push(discount);
    out.net.push(amount - discount);
    total += amount;
  }
  if (total > MAX_AMOUNT) fail("lines", "receipt amount too large");
  if (!isInt(redeemPoints) || redeemPoints < 0) fail("redeemPoints", "must be a non-negative integer");
  if (errors) throw new AppError("invalid_request", "The basket is invalid", { details: errors });
  return out;
}
