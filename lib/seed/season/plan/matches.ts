// Match days: season tickets sold in July, tickets bought on the ticket site or at the office
// (often for the next two or three home matches at once), and the gates validating every fan
// who came — the visits that qualify statuses. Tickets for the next home match are on sale now.
import type { Fan, SeasonHabit } from "../fans";
import { seasonTicketLine, ticketLine } from "../products";
import type { Rng } from "../rng";
import { DAY, HOUR, type Fixture } from "../timeline";
import { activeFrom, between, type PlanContext } from "./context";

function chance(habit: SeasonHabit, f: Fixture): number {
  if (habit.stand) return f.competition === "cup" ? habit.attend * 0.3 : habit.attend * (0.85 + 0.15 * f.appeal);
  return Math.min(1, habit.attend * (f.competition === "cup" ? 0.5 : f.appeal));
}

export function planMatches(ctx: PlanContext, rng: Rng) {
  const { t } = ctx;
  for (const fan of ctx.fans) {
    if (fan.kind === "demo") continue;
    const r = rng.fork(fan.index);
    for (const [season, habit] of [
      [t.previous, fan.previous],
      [t.current, fan.current],
    ] as const) {
      if (!habit) continue;
      const from = new Date(Math.max(activeFrom(t, fan).getTime(), season.start.getTime()));
      if (from >= t.now || (season.end && from >= season.end)) continue;
      const fixtures = t.fixtures.filter((f) => f.home && f.season === season.key && f.kickoff > from);
      if (habit.stand && fixtures.length) {
        const first = fixtures[0].kickoff;
        const at = between(r, from, new Date(Math.min(first.getTime() - 6 * HOUR, from.getTime() + 16 * DAY)));
        if (at > from && at < t.now) {
          const renewing = season === t.current && fan.previous?.stand === habit.stand;
          // Renewals are where points pay off: up to the cap of the receipt for fans who like to spend.
          const spend = renewing && r.chance(fan.redeemer * 1.5) ? { redeemShare: r.normal(0.8, 0.2, 0.3, 1) } : {};
          ctx.events.push({
            kind: "purchase",
            at,
            key: ctx.key("st"),
            customerId: fan.id,
            store: r.chance(0.6) ? "ticket-site" : "ticket-office",
            number: "",
            lines: [seasonTicketLine(habit.stand, season.key, renewing)],
            ...spend,
          });
        }
      }
      const attended = fixtures.filter((f) => f.kickoff < t.now && r.chance(chance(habit, f)));
      for (const f of attended) ctx.events.push({ kind: "visit", at: new Date(f.kickoff.getTime() - r.int(15, 100) * 60_000 - r.int(0, 59_999)), customerId: fan.id, eventCode: f.code });
      // Tickets: season-ticket holders only for cup ties; the rest for every match they came to.
      const needTickets = attended.filter((f) => !habit.stand || f.competition === "cup");
      buyTickets(ctx, r, fan, habit, needTickets, from);
      const next = t.nextHome;
      if (season === t.current && next && !habit.stand && r.chance(chance(habit, next) * 0.45)) {
        const at = between(r, new Date(Math.max(from.getTime(), t.now.getTime() - 7 * DAY)), new Date(t.now.getTime() - HOUR));
        if (at > from) ctx.events.push({ kind: "purchase", at, key: ctx.key("tk"), customerId: fan.id, store: "ticket-site", number: "", lines: [ticketLine(r, next, habit.party)] });
      }
    }
  }
}

/** Tickets in receipts of one to three matches, bought 1–12 days before the first of them. */
function buyTickets(ctx: PlanContext, r: Rng, fan: Fan, habit: SeasonHabit, fixtures: Fixture[], from: Date) {
  for (let i = 0; i < fixtures.length;) {
    const size = Math.min(
      fixtures.length - i,
      r.weighted([
        [1, 2],
        [2, 4],
        [3, 4],
      ] as const),
    );
    const group = fixtures.slice(i, i + size).filter((f) => f.kickoff.getTime() - fixtures[i].kickoff.getTime() < 40 * DAY);
    i += Math.max(1, group.length);
    if (!r.chance(habit.ownTickets)) continue;
    const first = group[0].kickoff;
    const office = r.chance(0.25);
    const at = office ? new Date(first.getTime() - r.int(2, 8) * HOUR) : new Date(first.getTime() - r.int(1, 12) * DAY - r.int(0, 12 * 60) * 60_000);
    if (at <= from) continue;
    const lines = group.map((f, j) => ({ ...ticketLine(r, f, habit.party), lineNo: j + 1 }));
    const spend = r.chance(fan.redeemer * 0.4) ? { redeemShare: r.normal(0.7, 0.25, 0.2, 1) } : {};
    ctx.events.push({ kind: "purchase", at, key: ctx.key("tk"), customerId: fan.id, store: office ? "ticket-office" : "ticket-site", number: "", lines, ...spend });
  }
}
