// Exact integer arithmetic for money and points: quantities in thousandths, percentages in
// hundredths, floor division, and largest-remainder splitting that always sums to the total.

/**
 * Largest receipt or line amount the pricing accepts: what the integer columns of receipts and
 * lines hold (2^31 − 1 minor units, 21 million major), so a bigger amount is a 400, never a 500.
 */
export const MAX_AMOUNT = 2_147_483_647;

/** A quantity such as 1.25 as thousandths (1250), or null when it has more than 3 decimals. */
export function toMilli(quantity: number): number | null {
  const milli = Math.round(quantity * 1000);
  return Math.abs(quantity * 1000 - milli) < 1e-6 ? milli : null;
}

/** A percentage such as 2.5 as hundredths of a percent (250). Definitions allow two decimals. */
export function toBasisPoints(percent: number): number {
  return Math.round(percent * 100);
}

/**
 * floor(a / b) for safe integers a and b > 0. Exact without correction: a non-integer a / b is at
 * least 1/b away from an integer, and with |a| < 2^53 the rounding of a / b is less than that.
 */
export function divFloor(a: number, b: number): number {
  return Math.floor(a / b);
}

/** floor(a × b / c) for non-negative integers, falling back to BigInt past 2^53. */
export function mulDivFloor(a: number, b: number, c: number): number {
  const p = a * b;
  if (p <= Number.MAX_SAFE_INTEGER) return divFloor(p, c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** round(price × quantity), half up, with the quantity in thousandths. */
export function lineAmount(price: number, quantityMilli: number): number {
  const whole = Math.floor(quantityMilli / 1000);
  const frac = quantityMilli - whole * 1000;
  return price * whole + divFloor(price * frac + 500, 1000);
}

/**
 * Adds the `left` units still to give to the items with the largest remainders (ties: the
 * earlier item), one each, never above `caps`; further rounds while capacity is left.
 * Mutates and returns `shares`.
 */
function giveRemainders(shares: number[], remainders: number[], left: number, caps?: number[]): number[] {
  // The sort is stable: on equal remainders the earlier item stays first.
  const order = shares.map((_, i) => i).sort((x, y) => remainders[y] - remainders[x]);
  while (left > 0) {
    const before = left;
    for (const i of order) {
      if (left === 0) break;
      if (caps && shares[i] >= caps[i]) continue;
      shares[i] += 1;
      left -= 1;
    }
    if (left === before) throw new Error(`cannot place ${left} more unit(s): every item is at its cap`);
  }
  return shares;
}

/**
 * Splits `total` units over items in proportion to `weights` (non-negative integers) by the
 * largest-remainder method, never giving an item more than its cap. The shares sum to `total`.
 */
export function apportion(total: number, weights: number[], caps?: number[]): number[] {
  const n = weights.length;
  const shares = new Array<number>(n).fill(0);
  if (total === 0) return shares;
  let sum = 0;
  let max = 0;
  for (const w of weights) {
    sum += w;
    if (w > max) max = w;
  }
  if (sum === 0) throw new Error(`cannot split ${total} unit(s) over zero weights`);
  const remainders: number[] = [];
  if (total * max <= Number.MAX_SAFE_INTEGER) {
    for (let i = 0; i < n; i++) {
      const num = total * weights[i];
      const q = divFloor(num, sum);
      shares[i] = caps ? Math.min(q, caps[i]) : q;
      remainders.push(num - q * sum);
    }
  } else {
    const T = BigInt(total);
    const S = BigInt(sum);
    for (let i = 0; i < n; i++) {
      const num = T * BigInt(weights[i]);
      const q = Number(num / S);
      shares[i] = caps ? Math.min(q, caps[i]) : q;
      remainders.push(Number(num % S)); // below `sum`, so exact
    }
  }
  let given = 0;
  for (const s of shares) given += s;
  return giveRemainders(shares, remainders, total - given, caps);
}

/**
 * Each item's exact value is numerators[i] / denominator; the total is floor of their exact
 * sum. Each item gets the floor of its own value and the leftover goes to the largest
 * fractions, so every item is within one unit of its exact value and the items sum to the total.
 */
export function splitExactTotal(numerators: number[], denominator: number): { total: number; shares: number[] } {
  const shares: number[] = [];
  const remainders: number[] = [];
  let sum = 0;
  let given = 0;
  for (const num of numerators) {
    sum += num;
    const q = divFloor(num, denominator);
    shares.push(q);
    remainders.push(num - q * denominator);
    given += q;
  }
  const total = divFloor(sum, denominator);
  giveRemainders(shares, remainders, total - given);
  return { total, shares };
}
