// Merchandise: the stadium megastore on match days, the web shop (new kit in July, Black Friday,
// December gifts), the outlet; points spent at the till by fans who like to; shared promo codes
// typed in; returns of web orders (sizes) and a few shop receipts.
import { merchBasket, outletBasket } from "../products";
import type { Rng } from "../rng";
import { DAY, HOUR } from "../timeline";
import { activeFrom, poisson, shopDay, timeOfDay, type PlanContext } from "./context";
import { planReturnReasons, SHOP_REASONS } from "./return-reasons";

/** Share of shop receipts where the fan types in a shared promo code. */
const PROGRAMME_CODE = 0.06;

export function planShop(ctx: PlanContext, rng: Rng) {
  const { t } = ctx;
  const matchDays = t.played.map((f) => f.kickoff);
  for (const fan of ctx.fans) {
    if (fan.kind === "demo" || fan.merch <= 0) continue;
    const r = rng.fork(fan.index);
    const from = activeFrom(t, fan);
    if (from >= t.now) continue;
    const mark = ctx.events.length;
    // Expected receipts over the fan's part of the history (a season is ~12 months).
    const months = (t.now.getTime() - from.getTime()) / (30 * DAY);
    const active = fan.current || fan.previous ? 1 : 0.3;
    const n = poisson(r, (fan.merch * months * active) / 12);
    for (let i = 0; i < n; i++) {
      const online = r.chance(fan.online);
      let at: Date;
      let store: string;
      if (online) {
        const day = shopDay(r, t, from, t.now);
        if (!day) continue;
        at = timeOfDay(r, day, 8, 24);
        store = "web-shop";
      } else if (r.chance(0.12)) {
        const day = shopDay(r, t, from, t.now);
        if (!day) continue;
        at = timeOfDay(r, day, 10, 21);
        store = "outlet";
      } else {
        const mine = matchDays.filter((d) => d > from);
        const kickoff = mine.length && r.chance(0.6) ? r.pick(mine) : null;
        if (kickoff) at = new Date(kickoff.getTime() - r.int(30, 180) * 60_000 - r.int(0, 59_999));
        else {
          const day = shopDay(r, t, from, t.now);
          if (!day) continue;
          at = timeOfDay(r, day, 10, 21);
        }
        store = "stadium-shop";
      }
      if (at <= from || at >= t.now) continue;
      const current = at >= t.current.start;
      const lines =
        store === "outlet"
          ? outletBasket(r)
          : merchBasket(
              r,
              r.weighted([
                [1, 5],
                [2, 3],
                [3, 2],
              ] as const),
              current,
            );
      const key = ctx.key("mr");
      const spend = store !== "outlet" && r.chance(fan.redeemer * 0.9);
      // A code from the matchday programme, typed as it is printed or in lower case.
      const code = store !== "outlet" && ctx.sharedCodes.length && r.chance(PROGRAMME_CODE) ? r.pick(ctx.sharedCodes) : null;
      ctx.events.push({
        kind: "purchase",
        at,
        key,
        customerId: fan.id,
        store,
        number: "",
        lines,
        ...(spend ? { redeemShare: r.normal(0.7, 0.25, 0.2, 1) } : {}),
        ...(code ? { promoCodes: [r.chance(0.3) ? code.toLowerCase() : code] } : {}),
      });
      const returns = store === "web-shop" ? 0.08 : 0.02;
      if (r.chance(returns)) {
        const back = new Date(at.getTime() + r.int(2, 14) * DAY + r.int(0, 8) * HOUR);
        const line = r.pick(lines);
        if (back < t.now) ctx.events.push({ kind: "return", at: back, purchaseKey: key, number: "", lines: [{ lineNo: line.lineNo, quantity: line.quantity }] });
      }
    }
    planReturnReasons(ctx, mark, r, SHOP_REASONS);
  }
}
