// Why goods come back (the till's reason codes), and the coffee shop's few returns. Drawn after
// each fan's own plan from a fork of the fan's generator, so every receipt and return planned
// before stays exactly what it was.
import type { Rng } from "../rng";
import type { SeasonEvent } from "../events";
import type { PlanContext } from "./context";

type Reasons = readonly (readonly [string, number])[];

/** Food and drink at the partners. */
export const PARTNER_REASONS: Reasons = [
  ["wrong_item", 4],
  ["defect", 3],
  ["changed_mind", 2],
  ["other", 1],
];

/** Merchandise: mostly sizes. */
export const SHOP_REASONS: Reasons = [
  ["wrong_size", 6],
  ["changed_mind", 2],
  ["defect", 1],
  ["not_as_described", 1],
];

/**
 * Gives a reason to each return the fan's plan added since `mark`, and with `returnChance` sends
 * back the first item of some of its receipts a few minutes later.
 */
export function planReturnReasons(ctx: PlanContext, mark: number, r: Rng, reasons: Reasons, returnChance?: (e: Extract<SeasonEvent, { kind: "purchase" }>) => number) {
  const why = r.fork("return-reasons");
  for (const e of ctx.events.slice(mark)) {
    if (e.kind === "return") e.reason = why.weighted(reasons);
    else if (e.kind === "purchase" && returnChance && why.chance(returnChance(e))) {
      const at = new Date(e.at.getTime() + why.int(2, 30) * 60_000);
      if (at < ctx.t.now) ctx.events.push({ kind: "return", at, purchaseKey: e.key, number: "", lines: [{ lineNo: 1, quantity: 1 }], reason: why.weighted(reasons) });
    }
  }
}
