// The one timeline of the demo season: the last season and the current one (from the program's
// own season boundaries, relative to "now"), the migration from the club's old fan card, and
// every fixture — league rounds home and away, cup matches, the winter break.
import type { ProgramDefinition } from "@/lib/program/definition";
import { periodAt, previousPeriod, zonedParts, zonedTimeToInstant, type Period } from "@/lib/time";
import { Rng } from "./rng";

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

export const OPPONENTS = [
  "Spartak",
  "Zenit",
  "CSKA",
  "Lokomotiv",
  "Dynamo",
  "Krasnodar",
  "Rostov",
  "Rubin",
  "Akhmat",
  "Krylia Sovetov",
  "Orenburg",
  "Fakel",
  "Pari NN",
  "Akron",
  "Baltika",
  "Dynamo Makhachkala",
] as const;

export interface Fixture {
  /** Visit event code, e.g. "home-2026-08-02-spartak". */
  code: string;
  kickoff: Date;
  home: boolean;
  competition: "league" | "cup";
  opponent: string;
  /** 0.6 (a dull cup tie) … 1.4 (the derby): how many fans come and buy. */
  appeal: number;
  /** Season key ("2026/27"). */
  season: string;
}

export interface SeasonTimeline {
  now: Date;
  timeZone: string;
  current: Period;
  previous: Period;
  /** The club moved from its old fan card to Tribune here: legacy balances and achievements. */
  launch: Date;
  fixtures: Fixture[];
  /** Home fixtures already played (kick-off before now). */
  played: Fixture[];
  /** The next home fixture (tickets are on sale). */
  nextHome: Fixture | null;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** Local time in the program's zone. */
function local(tz: string, y: number, m: number, d: number, h = 0, min = 0) {
  return zonedTimeToInstant(tz, y, m, d, h, min);
}

/** Fixtures of one season: weekly rounds July–early December and March–May, with international breaks. */
function seasonFixtures(season: Period, tz: string, rng: Rng): Fixture[] {
  const start = zonedParts(season.start, tz);
  const y = start.year;
  const out: Fixture[] = [];
  // Saturdays of the two halves of the season.
  const saturdays = (from: Date, to: Date) => {
    const days: Date[] = [];
    const d = new Date(from);
    while (d.getUTCDay() !== 6) d.setUTCDate(d.getUTCDate() + 1);
    for (; d < to; d.setUTCDate(d.getUTCDate() + 7)) days.push(new Date(d));
    return days;
  };
  const autumn = saturdays(new Date(Date.UTC(y, 6, 18)), new Date(Date.UTC(y, 11, 9)));
  const spring = saturdays(new Date(Date.UTC(y + 1, 1, 28)), new Date(Date.UTC(y + 1, 4, 26)));
  const breaks = new Set([autumn[7], autumn[12], autumn[16], spring[3]].filter(Boolean).map((d) => d.getTime()));
  const opponents = [...OPPONENTS].sort(() => rng.next() - 0.5);
  let round = 0;
  for (const sat of [...autumn, ...spring]) {
    if (breaks.has(sat.getTime())) continue;
    const home = round % 2 === 0;
    const opponent = opponents[round % opponents.length];
    round += 1;
    const day = new Date(sat.getTime() + (rng.chance(0.4) ? DAY : 0));
    const [h, m] = rng.pick([
      [14, 0],
      [16, 30],
      [19, 0],
      [19, 30],
    ] as const);
    const kickoff = local(tz, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), h, m);
    const big = ["Spartak", "Zenit", "CSKA", "Lokomotiv"].includes(opponent);
    out.push({
      code: `${home ? "home" : "away"}-${day.toISOString().slice(0, 10)}-${slug(opponent)}`,
      kickoff,
      home,
      competition: "league",
      opponent,
      appeal: big ? rng.normal(1.3, 0.08, 1.15, 1.45) : rng.normal(0.95, 0.1, 0.75, 1.15),
      season: season.key,
    });
  }
  // Cup ties at home on Wednesday evenings: three in the autumn, one in the spring.
  for (const [month, day] of [
    [8, 27],
    [9, 24],
    [10, 29],
    [3, 18],
  ] as const) {
    const yy = month >= 7 ? y : y + 1;
    const d = new Date(Date.UTC(yy, month - 1, day));
    while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
    const opponent = rng.pick(OPPONENTS);
    out.push({
      code: `cup-${d.toISOString().slice(0, 10)}-${slug(opponent)}`,
      kickoff: local(tz, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 19, 0),
      home: true,
      competition: "cup",
      opponent,
      appeal: rng.normal(0.7, 0.08, 0.55, 0.85),
      season: season.key,
    });
  }
  return out.sort((a, b) => a.kickoff.getTime() - b.kickoff.getTime());
}

export function buildTimeline(def: ProgramDefinition, now: Date, seed: string): SeasonTimeline {
  const tz = def.timezone;
  const period = def.qualification.period;
  if (typeof period !== "object" || !("season" in period)) throw new Error("The demo season needs a program whose qualification period is a season");
  const current = periodAt(period, tz, now);
  const previous = previousPeriod(period, tz, now)!;
  const rng = new Rng(`timeline:${seed}:${previous.key}`);
  const fixtures = [...seasonFixtures(previous, tz, rng), ...seasonFixtures(current, tz, rng)];
  const played = fixtures.filter((f) => f.home && f.kickoff < now);
  const nextHome = fixtures.find((f) => f.home && f.kickoff >= now) ?? null;
  return { now, timeZone: tz, current, previous, launch: new Date(previous.start.getTime() - 14 * DAY), fixtures, played, nextHome };
}

/** The season key an instant falls in, or null before the history. */
export function seasonOf(t: SeasonTimeline, at: Date): "previous" | "current" | null {
  if (at >= t.current.start) return "current";
  if (at >= t.previous.start) return "previous";
  return null;
}
