// Joining: most fans who sign up during the seasons do it buying something — at the ticket
// site, at a till of the megastore, in the web shop — so their first receipt comes minutes
// after they registered.
import { coffeeBasket, merchBasket, ticketLine } from "../products";
import type { Rng } from "../rng";
import type { PlanContext } from "./context";

export function planWelcome(ctx: PlanContext, rng: Rng) {
  const { t } = ctx;
  for (const fan of ctx.fans) {
    if (fan.legacy || fan.kind === "demo" || fan.createdAt < t.previous.start) continue;
    const r = rng.fork(fan.index);
    if (!r.chance(0.55)) continue;
    const at = new Date(fan.createdAt.getTime() + r.int(2, 30) * 60_000 + r.int(0, 59_999));
    if (at >= t.now) continue;
    const current = at >= t.current.start;
    const next = t.fixtures.find((f) => f.home && f.kickoff > at);
    let store: string;
    let lines;
    if ((fan.channel === "ticketing" || fan.channel === "app") && next) {
      store = "ticket-site";
      lines = [ticketLine(r, next, r.int(1, 2))];
    } else if (fan.channel === "pos") {
      store = r.chance(0.8) ? "stadium-shop" : "coffee-stadium";
      lines = store === "stadium-shop" ? merchBasket(r, 1, current) : coffeeBasket(r);
    } else {
      store = "web-shop";
      lines = merchBasket(r, r.int(1, 2), current);
    }
    ctx.events.push({ kind: "purchase", at, key: ctx.key("wl"), customerId: fan.id, store, number: "", lines });
  }
}
