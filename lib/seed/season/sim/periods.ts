// Period lookups for the simulation, memoised: the season goes in time order, so the period (or
// local day) of the previous call almost always holds the next instant too. Each value is what
// lib/tiers and lib/rules compute (evalPeriod, metricBucket, periodAt, lotExpiresAt); only repeated
// calls for the same period or day are skipped.
import type { ProgramDefinition } from "@/lib/program/definition";
import { lotExpiresAt } from "@/lib/rules/expiry";
import { evalPeriod, metricBucket, type EvalPeriod } from "@/lib/tiers/metrics";
import { zonedParts, zonedTimeToInstant, type Period } from "@/lib/time";

const inside = (p: { start: Date; end: Date | null }, at: Date) => at >= p.start && (p.end === null || at < p.end);

export class PeriodCache {
  private evalP: EvalPeriod | null = null;
  private lastBucket: Period | null = null;
  private day: { start: Date; end: Date; expires: Date | null } | null = null;

  constructor(private readonly def: ProgramDefinition) {
    const p = def.qualification.period;
    if (typeof p === "object" && "rollingMonths" in p) throw new Error("The demo season generator does not simulate rolling qualification windows");
  }

  evalPeriod(at: Date): EvalPeriod {
    if (!this.evalP || !inside(this.evalP, at)) this.evalP = evalPeriod(this.def, at);
    return this.evalP;
  }

  /** metricBucket = periodAt for seasons, calendar years and lifetime. */
  bucket(at: Date): Period {
    if (!this.lastBucket || !inside(this.lastBucket, at)) this.lastBucket = metricBucket(this.def, at);
    return this.lastBucket;
  }

  /** lotExpiresAt depends only on the local day. */
  expiresAt(at: Date): Date | null {
    if (!this.day || !inside(this.day, at)) {
      const p = zonedParts(at, this.def.timezone);
      const start = zonedTimeToInstant(this.def.timezone, p.year, p.month, p.day);
      this.day = { start, end: zonedTimeToInstant(this.def.timezone, p.year, p.month, p.day + 1), expires: lotExpiresAt(this.def, at) };
    }
    return this.day.expires;
  }
}
