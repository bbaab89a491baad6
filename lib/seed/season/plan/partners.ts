// The coalition partners: the Extra Time sports bar (two bars; full on match nights, home and
// away) and Half-Time Coffee at the west stand (before kick-off, and on weekdays for the club's
// museum and offices). Members earn the partner's rate or their status rate, whichever is higher.
import { coffeeBasket, merchBasket, outletBasket, pubBasket, ticketLine } from "../products";
import type { Rng } from "../rng";
import { DAY, HOUR } from "../timeline";
import { activeFrom, between, localDay, poisson, timeOfDay, type PlanContext } from "./context";
import { PARTNER_REASONS, planReturnReasons } from "./return-reasons";

export function planPartners(ctx: PlanContext, rng: Rng) {
  const { t } = ctx;
  const fixtures = t.fixtures.filter((f) => f.kickoff < t.now && f.kickoff >= t.previous.start);
  const visitsByFan = new Map<string, Date[]>();
  for (const e of ctx.events) if (e.kind === "visit") visitsByFan.set(e.customerId, [...(visitsByFan.get(e.customerId) ?? []), e.at]);
  for (const fan of ctx.fans) {
    if (fan.kind === "demo") continue;
    const r = rng.fork(fan.index);
    const from = activeFrom(t, fan);
    if (from >= t.now) continue;
    const mark = ctx.events.length;
    const months = (t.now.getTime() - from.getTime()) / (30 * DAY);
    const redeem = () => (r.chance(fan.redeemer * 0.6) ? { redeemShare: r.normal(0.8, 0.2, 0.3, 1) } : {});
    // The bar: match nights (after a home match, during an away one) and ordinary evenings.
    for (let i = poisson(r, fan.pub * months); i > 0; i--) {
      let at: Date;
      const mine = fixtures.filter((f) => f.kickoff > from);
      if (mine.length && r.chance(0.55)) {
        const f = r.pick(mine);
        at = new Date(f.kickoff.getTime() + (f.home ? r.int(120, 240) : r.int(-30, 100)) * 60_000 + r.int(0, 59_999));
      } else at = timeOfDay(r, localDay(t, between(r, from, t.now)), 17, 24.5);
      if (at <= from || at >= t.now) continue;
      const key = ctx.key("pb");
      ctx.events.push({
        kind: "purchase",
        at,
        key,
        customerId: fan.id,
        store: r.chance(0.62) ? "pub-luzhniki" : "pub-arbat",
        number: "",
        lines: pubBasket(
          r,
          r.weighted([
            [1, 3],
            [2, 4],
            [3, 2],
            [4, 1],
          ] as const),
        ),
        ...redeem(),
      });
      if (r.chance(0.01)) ctx.events.push({ kind: "return", at: new Date(at.getTime() + r.int(5, 40) * 60_000), purchaseKey: key, number: "", lines: [{ lineNo: 1, quantity: 1 }] });
    }
    // Coffee before kick-off for some of the fan's matches, and weekday regulars.
    for (const visit of visitsByFan.get(fan.id) ?? []) {
      if (!r.chance(0.012)) continue;
      const at = new Date(visit.getTime() + r.int(3, 25) * 60_000);
      if (at < t.now) ctx.events.push({ kind: "purchase", at, key: ctx.key("cf"), customerId: fan.id, store: "coffee-stadium", number: "", lines: coffeeBasket(r), ...redeem() });
    }
    for (let i = poisson(r, fan.coffee * months); i > 0; i--) {
      const at = timeOfDay(r, localDay(t, between(r, from, t.now)), 8, 19.5);
      if (at > from && at < t.now) ctx.events.push({ kind: "purchase", at, key: ctx.key("cf"), customerId: fan.id, store: "coffee-stadium", number: "", lines: coffeeBasket(r), ...redeem() });
    }
    // The bar's returns get their reasons; a coffee in 70 goes back (spilt, cold, the wrong order).
    planReturnReasons(ctx, mark, r, PARTNER_REASONS, (e) => (e.store === "coffee-stadium" ? 1 / 70 : 0));
  }
}

/** Walk-in buyers who are not members: the club's shops and the partners, busier on match days. */
export function planWalkIns(ctx: PlanContext, rng: Rng) {
  const { t } = ctx;
  const homeDays = new Map(t.fixtures.filter((f) => f.home).map((f) => [localDay(t, f.kickoff).getTime(), f]));
  const awayDays = new Set(t.fixtures.filter((f) => !f.home).map((f) => localDay(t, f.kickoff).getTime()));
  const r = rng.fork("walk-ins");
  const push = (at: Date, store: string, lines: ReturnType<typeof pubBasket>) => {
    if (at < t.now && r.next() < ctx.scale) ctx.events.push({ kind: "purchase", at, key: ctx.key("an"), customerId: null, store, number: "", lines });
  };
  for (let day = localDay(t, t.previous.start); day < t.now; day = localDay(t, new Date(day.getTime() + DAY + 3 * HOUR))) {
    const match = homeDays.get(day.getTime());
    const away = awayDays.has(day.getTime());
    const weekend = day.getUTCDay() === 5 || day.getUTCDay() === 6;
    for (let i = poisson(r, 2.2 + (weekend ? 1 : 0)); i > 0; i--) push(timeOfDay(r, day, 8, 24), "web-shop", merchBasket(r, r.int(1, 2), day >= t.current.start));
    for (let i = poisson(r, weekend ? 1.6 : 0.6); i > 0; i--) push(timeOfDay(r, day, 10, 21), "outlet", outletBasket(r));
    for (let i = poisson(r, (match ? 15 : away ? 8 : 3) + (weekend ? 2 : 0)); i > 0; i--) push(timeOfDay(r, day, 17, 24.5), r.chance(0.6) ? "pub-luzhniki" : "pub-arbat", pubBasket(r, r.int(1, 3)));
    for (let i = poisson(r, match ? 15 : 2); i > 0; i--) push(match ? new Date(match.kickoff.getTime() - r.int(10, 110) * 60_000) : timeOfDay(r, day, 8, 19.5), "coffee-stadium", coffeeBasket(r));
    if (match) {
      for (let i = poisson(r, 18); i > 0; i--) push(new Date(match.kickoff.getTime() - r.int(20, 200) * 60_000), "stadium-shop", merchBasket(r, 1, day >= t.current.start));
      for (let i = poisson(r, 14); i > 0; i--) push(new Date(match.kickoff.getTime() - r.int(60, 300) * 60_000), "ticket-office", [ticketLine(r, match, r.int(1, 3))]);
    } else for (let i = poisson(r, weekend ? 2.5 : 1.2); i > 0; i--) push(timeOfDay(r, day, 10, 21), "stadium-shop", merchBasket(r, 1, day >= t.current.start));
  }
}
