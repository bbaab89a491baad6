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
  const n = lines.length;
  const out: LineAmounts = {
    quantityMilli: new Array(n),
    amount: new Array(n),
    discount: new Array(n),
    net: new Array(n),
  };
  let errors: ErrorDetail[] | undefined;
  const fail = (path: string, message: string) => (errors ??= []).push({ path, message });
  const seen = new Set<number>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const l = lines[i];
    if (!isInt(l.lineNo) || l.lineNo < 0) fail(`lines[${i}].lineNo`, "must be a non-negative integer");
    else if (seen.has(l.lineNo)) fail(`lines[${i}].lineNo`, `duplicate line number ${l.lineNo}`);
    seen.add(l.lineNo);
    const milli = Number.isFinite(l.quantity) && l.quantity > 0 ? toMilli(l.quantity) : null;
    if (milli === null || milli === 0) fail(`lines[${i}].quantity`, "must be positive with at most 3 decimals");
    if (!isInt(l.price) || l.price < 0 || l.price > MAX_AMOUNT) fail(`lines[${i}].price`, "must be a non-negative integer in minor units");
    const amount = milli && isInt(l.price) ? lineAmount(l.price, milli) : 0;
    if (amount > MAX_AMOUNT) fail(`lines[${i}].price`, "line amount too large");
    const discount = l.discount ?? 0;
    if (!isInt(discount) || discount < 0 || discount > amount) fail(`lines[${i}].discount`, "must be an integer between 0 and the line amount");
    out.quantityMilli[i] = milli ?? 0;
    out.amount[i] = amount;
    out.discount[i] = discount;
    out.net[i] = amount - discount;
    total += amount;
  }
  if (total > MAX_AMOUNT) fail("lines", "receipt amount too large");
  if (!isInt(redeemPoints) || redeemPoints < 0) fail("redeemPoints", "must be a non-negative integer");
  if (errors) throw new AppError("invalid_request", "The basket is invalid", { details: errors });
  return out;
}
