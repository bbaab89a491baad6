// Compiles a segment definition to one parameterised SQL predicate over "Customer" c.
// Every value the marketer typed travels as a bind parameter ($n); the SQL text is made only
// of the constant fragments below and whitelisted identifiers, so no input can change the query.
import { zonedParts, zonedTimeToInstant } from "@/lib/time";
import type { CmpOp, SegmentCondition, SegmentDefinition, SegmentGroup, SegmentNode, SegmentPeriod } from "./definition";

export interface SegmentContext {
  programId: string;
  /** "Now" for relative periods and birthdays. */
  now: Date;
  /** The program's IANA time zone: dates and birthdays follow it. */
  timeZone: string;
  /** Customers without a status row hold this tier (the program's entry tier). */
  entryTier?: string | null;
  /**
   * A coalition partner's scope (the partner portal): the population is the partner's customers
   * (a committed receipt at its stores), every receipt condition sees only its receipts (so its
   * categories, SKUs and stores), and conditions about the rest of the program (balances, visits,
   * other partners, channels) are refused. `$2` is the partner id.
   */
  partnerId?: string | null;
}

/** Conditions a partner's segment may not use: they read the member's life outside its stores. */
export const PARTNER_FORBIDDEN_KINDS = new Set<SegmentCondition["kind"]>(["balance", "visits", "daysSinceLastVisit", "boughtAtPartner", "registrationChannel"]);

/** Joins the predicate may need besides "Customer" c. */
export type SegmentJoin = "tier" | "main" | "promo";

export interface CompiledSegment {
  /** Boolean SQL over c (and the joins listed in `joins`). */
  where: string;
  /** $1 is always the program id. */
  params: unknown[];
  joins: Set<SegmentJoin>;
  /**
   * When the whole predicate is "c is in this set of the activity summary's rows of program $1"
   * (distinct customer ids): the set itself. A summary row's program is its customer's (the key
   * "CustomerActivity_customerId_programId_fkey"), so counting the set counts the members without
   * a look-up in "Customer" per member (countQuery).
   */
  summarySet?: string;
  /**
   * When the predicate is an AND of one such summary set and sets of tables that hold at most one
   * row per customer (a status list, a balance that 0 does not pass): the summary set's ids and one
   * JOIN per other set, on `s."customerId"`. The summary set's customers are in program $1 (the
   * same key) and each JOIN matches at most one row, so a count of the join counts the members,
   * without a look-up in "Customer" per member and without making the summary's ids unique again.
   * `filters`: sets of receipts beside it (a category bought), each a sub-select of customer ids
   * (repeated), joined to the set's ids and made distinct again by countQuery.
   */
  summaryJoin?: { ids: string; joins: string[]; filters?: string[] };
}

const DAY = 86_400_000;

export interface CompileOptions {
  /**
   * Read receipts and visits through the activity summary ("CustomerActivity",
   * "CustomerActivityMonth", "CustomerCategoryDay" for categories; kept by triggers, see
   * prisma/schema/purchases.prisma) — the default. `false` reads only "Purchase" /
   * "PurchaseLine" / "Visit": the reference the summary's answers are tested against. A partner's
   * segment always reads receipts (the summary is program-wide).
   */
  activity?: boolean;
}

/** The first instant of the UTC month of `d`, shifted by `add` months. */
function utcMonth(d: Date, add = 0): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + add, 1));
}

/** The first instant of the UTC day of `d`, shifted by `add` days. */
function utcDay(d: Date, add = 0): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + add));
}

/**
 * For a partial first month [from, to) of a period: the days of its month before `from`, when they
 * are fewer than the partial month's own — then the whole month less those days reads fewer rows
 * than the partial month does. Otherwise null.
 */
function daysBeforeInMonth(edge: { from?: Date; to?: Date } | undefined): { from: Date; to: Date } | null {
  if (!edge?.from || !edge.to) return null;
  const month = utcMonth(edge.from);
  return edge.from.getTime() - month.getTime() < edge.to.getTime() - edge.from.getTime() ? { from: month, to: edge.from } : null;
}

/**
 * A period as whole UTC months (read from the summary) and the partial months at its edges (read
 * from the rows themselves, to the millisecond): together exactly the rows of [from, to).
 * `unit` "day": whole UTC days and partial days instead (the category days).
 */
export function splitPeriod(b: { from?: Date; to?: Date }, unit: "month" | "day" = "month"): { months: { from?: Date; to?: Date } | null; edges: { from?: Date; to?: Date }[] } {
  if (!b.from && !b.to) return { months: {}, edges: [] };
  const start = unit === "month" ? utcMonth : utcDay;
  const first = b.from ? (start(b.from).getTime() === b.from.getTime() ? b.from : start(b.from, 1)) : undefined;
  const end = b.to ? start(b.to) : undefined;
  if (first && end && first.getTime() >= end.getTime()) return { months: null, edges: [{ from: b.from, to: b.to }] };
  const edges: { from?: Date; to?: Date }[] = [];
  if (b.from && first && first.getTime() > b.from.getTime()) edges.push({ from: b.from, to: first });
  if (b.to && end && end.getTime() < b.to.getTime()) edges.push({ from: end, to: b.to });
  return { months: { from: first, to: end }, edges };
}

const OPS: Record<Exclude<CmpOp, "between">, string> = { gte: ">=", gt: ">", lte: "<=", lt: "<", eq: "=" };

/** Whitelisted columns, never taken from input. */
const CONSENT_COLUMN = { email: `c."emailConsent"`, sms: `c."smsConsent"` } as const;
/** Their copies on the summary row (migration customer_activity_profile). */
const ROW_CONSENT_COLUMN = { email: `a."emailConsent"`, sms: `a."smsConsent"` } as const;
const ACCOUNT_KIND = { main: `'main'::"AccountKind"`, promo: `'promo'::"AccountKind"` } as const;
const COMMITTED = `p."programId" = $1 AND p."status" = 'committed'::"PurchaseStatus" AND p."customerId" IS NOT NULL`;
/**
 * One customer's committed receipts: the customer (already of this program) scopes them, so the
 * per-customer sub-selects are index-only scans of "Purchase_segment_customer_idx".
 */
const COMMITTED_OF_CUSTOMER = `p."customerId" = c."id" AND p."status" = 'committed'::"PurchaseStatus" AND p."customerId" IS NOT NULL`;
const VISITS_OF_CUSTOMER = `v."customerId" = c."id"`;
/** Visits of the program (the IS NOT NULL matches the partial index "Visit_segment_at_idx"). */
const VISITS = `v."programId" = $1 AND v."customerId" IS NOT NULL`;

interface Cmp {
  op: CmpOp;
  value: number;
  to?: number;
}

/**
 * A condition answered by the customer's own "CustomerActivity" row (all-time totals, the last
 * purchase / visit, the rolling windows of receipts, spend and visits), maybe plus their receipts
 * (visits) of a partial edge month (`edge`, read exactly from "Purchase" or "Visit"). `positive`: the member needs a row
 * that passes `test`; otherwise the member must not have a row that passes it (customers without
 * a row count as 0). Several such conditions of one AND group read the row once (`Builder.fold`).
 */
interface RowCond {
  positive: boolean;
  /**
   * A plain test of the row that a member without a summary row may pass or fail (the status and
   * main balance copied onto the row): folded only into a set with a positive test, whose members
   * have a row anyway.
   */
  plain?: boolean;
  /** Called once; `e`: the edge's receipts / spend (or visits, `n`) of the customer (0 without any). */
  test: (e?: { n: string; s: string }) => string;
  /** Read from "Purchase" or (`visit`) from "Visit". */
  edge?: { from: Date; to: Date; sign: 1 | -1; visit?: boolean };
  /** An OR group of row conditions: rowSet renders its children (`test` is not called). */
  any?: RowCond[];
  /** Reads the row's activity (not only the copies of the status, balance, consents, birth date). */
  activity: boolean;
}

/**
 * "The last N days" as a ring's whole months from `first` on, plus (`sign` 1) or minus (−1) the
 * customer's receipts in `edge`, read from "Purchase".
 */
interface RingSplit {
  first: Date;
  edge?: { from: Date; to: Date; sign: 1 | -1 };
}

/** A UTC month as year × 12 + month − 1 (the summary's "ringMonth"). */
export function monthIndex(d: Date): number {
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Months a ring holds: element i is the i months ending with the month of the last purchase (or visit). */
export const RING_MONTHS = 13;

/** Does the comparison hold for 0 (customers with no receipts at all)? */
export function zeroMatches(c: Cmp): boolean {
  switch (c.op) {
    case "gte":
      return 0 >= c.value;
    case "gt":
      return 0 > c.value;
    case "lte":
      return 0 <= c.value;
    case "lt":
      return 0 < c.value;
    case "eq":
      return c.value === 0;
    case "between":
      return c.value <= 0 && 0 <= (c.to ?? c.value);
  }
}

/** Conditions answered from the customer row or one small table: they narrow a set fast. */
const CHEAP = new Set<SegmentCondition["kind"]>(["tier", "balance", "consent", "registrationChannel", "registeredIn", "birthdayMonth", "birthdayWithin"]);

class Builder {
  params: unknown[];
  /** Inside an AND group with a cheap sibling: aggregate conditions as correlated sub-selects. */
  correlated = false;
  /**
   * In such a group that also holds a named status list (without the entry tier) and a bounded
   * recency ("bought in the last N days"): those two sets meet first, and the balance (which most
   * customers pass) is read per remaining customer instead of joining every passing account.
   */
  balancePerCustomer = false;
  joins = new Set<SegmentJoin>();
  /**
   * Predicates `c."id" IN (ids)` whose ids are a distinct set of summary rows of program $1, by
   * predicate, with the set's form for a count (`count`: the same rows, maybe without their ids).
   */
  summarySets = new Map<string, { ids: string; count: string }>();
  /**
   * Predicates "c has a row of this per-customer table passing this test" (a status list without
   * the entry tier, a balance that 0 does not pass), as a JOIN of that row to `s."customerId"`.
   */
  keyedSets = new Map<string, string>();
  /**
   * Predicates `c."id" IN (sub)` whose sub-select yields customer ids of program $1 (receipts of
   * the program), by predicate: beside a summary set, a count tests the set's ids against them.
   */
  idSets = new Map<string, string>();
  private aliases = 0;
  /** The committed receipts a condition may see: the program's, or one partner's ($2). */
  readonly committed: string;
  readonly committedOfCustomer: string;
  /** Receipts and visits through the activity summary (never for a partner). */
  readonly activity: boolean;
  constructor(
    readonly ctx: SegmentContext,
    opts: CompileOptions = {},
  ) {
    this.params = [ctx.programId];
    this.activity = opts.activity !== false && !ctx.partnerId;
    const partner = ctx.partnerId ? ` AND p."partnerId" = ${this.bind(ctx.partnerId, "text")}` : "";
    this.committed = COMMITTED + partner;
    this.committedOfCustomer = COMMITTED_OF_CUSTOMER + partner;
  }

  /** A bind parameter with an explicit type, so PostgreSQL never guesses. */
  bind(value: unknown, type: "text" | "text[]" | "int" | "int[]" | "bigint" | "boolean" | "timestamptz" | "date"): string {
    this.params.push(value);
    return `$${this.params.length}::${type}`;
  }

  /**
   * `c."id" IN (sub)` for `sub` a set of distinct customer ids of summary rows of program $1;
   * `count`: the same set for counting, when the semi-join's form does work a count does not need.
   */
  inSummary(sub: string, count = sub): string {
    const predicate = `c."id" IN (${sub})`;
    this.summarySets.set(predicate, { ids: sub, count });
    return predicate;
  }

  /** `c."id" IN (sub)` for `sub` customer ids of program $1 (see idSets). */
  idSet(sub: string): string {
    const predicate = `c."id" IN (${sub})`;
    this.idSets.set(predicate, sub);
    return predicate;
  }

  /** Records `predicate` as "a row of `table` for the customer with `test(alias)`" (see keyedSets). */
  keyed(predicate: string, table: string, test: (alias: string) => string): string {
    const alias = `k${++this.aliases}`;
    this.keyedSets.set(predicate, `JOIN "${table}" ${alias} ON ${alias}."customerId" = s."customerId" AND ${alias}."programId" = $1 AND ${test(alias)}`);
    return predicate;
  }

  /** Integers go as strings cast to bigint: exact at any size, never a float. */
  num(n: number): string {
    return this.bind(String(Math.trunc(n)), "bigint");
  }

  cmp(expr: string, c: Cmp): string {
    return this.cmpOf(c)(expr);
  }

  /** The comparison with its numbers bound once, for any number of expressions. */
  cmpOf(c: Cmp): (expr: string) => string {
    if (c.op === "between") {
      const [lo, hi] = [this.num(c.value), this.num(c.to ?? c.value)];
      return (expr) => `(${expr} BETWEEN ${lo} AND ${hi})`;
    }
    const [op, v] = [OPS[c.op], this.num(c.value)];
    return (expr) => `(${expr} ${op} ${v})`;
  }

  /** Start (inclusive) and end (exclusive) instants of a period, in the program's time zone. */
  bounds(period: SegmentPeriod): { from?: Date; to?: Date } {
    if (period.kind === "allTime") return {};
    if (period.kind === "lastDays") return { from: new Date(this.ctx.now.getTime() - period.days * DAY) };
    const [fy, fm, fd] = period.from.split("-").map(Number);
    const [ty, tm, td] = period.to.split("-").map(Number);
    return { from: zonedTimeToInstant(this.ctx.timeZone, fy, fm, fd), to: zonedTimeToInstant(this.ctx.timeZone, ty, tm, td + 1) };
  }

  periodSql(column: string, period: SegmentPeriod): string {
    const b = this.bounds(period);
    const parts: string[] = [];
    if (b.from) parts.push(`${column} >= ${this.bind(b.from.toISOString(), "timestamptz")}`);
    if (b.to) parts.push(`${column} < ${this.bind(b.to.toISOString(), "timestamptz")}`);
    return parts.length ? ` AND ${parts.join(" AND ")}` : "";
  }

  /**
   * "Aggregate per customer compares to a number": customers with no rows count as 0, so when
   * 0 satisfies the comparison the test is "not among those for whom it fails".
   */
  aggregate(source: string, filter: string, agg: string, c: Cmp): string {
    if (this.correlated) {
      // Per customer: an index-only range scan on (customerId, at); no rows = 0.
      return this.cmp(`(SELECT COALESCE(${agg}, 0) FROM ${filter})`, c);
    }
    const positive = !zeroMatches(c);
    const having = this.cmp(agg, c);
    const sub = `SELECT ${source}."customerId" FROM ${filter} GROUP BY ${source}."customerId" HAVING ${positive ? having : `NOT ${having}`}`;
    return positive ? `c."id" IN (${sub})` : `c."id" NOT IN (${sub})`;
  }

  purchases(period: SegmentPeriod): string {
    return `"Purchase" p WHERE ${this.correlated ? this.committedOfCustomer : this.committed}${this.periodSql(`p."at"`, period)}`;
  }

  /** Customers with at least one committed receipt matching `extra` (joins to lines/stores allowed). */
  bought(joins: string, extra: string, period: SegmentPeriod, negate?: boolean): string {
    const sub = `SELECT p."customerId" FROM "Purchase" p ${joins} WHERE ${this.committed}${this.periodSql(`p."at"`, period)} AND ${extra}`;
    return negate ? `c."id" NOT IN (${sub})` : this.idSet(sub);
  }

  daysSince(table: "Purchase" | "Visit", c: Cmp): string {
    // Next to a status list whose balance is read per customer (balancePerCustomer), a bounded
    // recency stays the window of receipts / visits: at 1,000,000 members the summary's set
    // (its index is in order of the last purchase) fed the per-customer lookups in random customer
    // order, every one a cache miss — 6.5 s against 1.8 s for the window on the same data.
    if (this.activity && !(this.balancePerCustomer && this.recencyWindow(c) !== undefined && (c.op === "lte" || c.op === "lt")))
      return this.daysSinceActivity(table === "Purchase" ? `a."lastPurchaseAt"` : `a."lastVisitAt"`, c);
    const alias = table === "Purchase" ? "p" : "v";
    const scope = table === "Purchase" ? this.committed : VISITS;
    // Only rows newer than the largest number of days allowed can matter: lets the index cut the scan.
    const upper = c.op === "lte" || c.op === "eq" ? c.value : c.op === "lt" ? c.value - 1 : c.op === "between" ? (c.to ?? c.value) : undefined;
    // (Past a century the window cuts nothing and would overflow the date range.)
    const windowed = upper !== undefined && upper <= 36_500;
    // A bounded recency ("bought in the last N days") is one index range over the period: a set
    // PostgreSQL can join early. Unbounded ones ("no receipt for N days") go per customer.
    const perCustomer = this.correlated && !windowed;
    const window = !perCustomer && windowed ? ` AND ${alias}."at" > ${this.bind(new Date(this.ctx.now.getTime() - (Math.max(upper, -1) + 1) * DAY).toISOString(), "timestamptz")}` : "";
    // "At most N days ago" is exactly "a row after now - (N + 1) days": a plain semi-join, no per-customer max.
    if (window && (c.op === "lte" || c.op === "lt") && upper !== undefined && upper >= 0) {
      return `c."id" IN (SELECT ${alias}."customerId" FROM "${table}" ${alias} WHERE ${scope}${window})`;
    }
    const now = this.bind(this.ctx.now.toISOString(), "timestamptz");
    if (perCustomer) {
      // NULL (never bought / visited) compares to nothing: no match.
      const last = `(SELECT max(${alias}."at") FROM "${table}" ${alias} WHERE ${table === "Purchase" ? this.committedOfCustomer : VISITS_OF_CUSTOMER})`;
      return this.cmp(`floor(extract(epoch FROM (${now} - ${last})) / 86400)`, c);
    }
    const days = `floor(extract(epoch FROM (${now} - max(${alias}."at"))) / 86400)`;
    return `c."id" IN (SELECT ${alias}."customerId" FROM "${table}" ${alias} WHERE ${scope}${window} GROUP BY ${alias}."customerId" HAVING ${this.cmp(days, c)})`;
  }

  /** Upper bound of "days since" a comparison allows, when bounded; the window rows must be newer than. */
  recencyWindow(c: Cmp): number | undefined {
    const upper = c.op === "lte" || c.op === "eq" ? c.value : c.op === "lt" ? c.value - 1 : c.op === "between" ? (c.to ?? c.value) : undefined;
    return upper !== undefined && upper <= 36_500 ? upper : undefined;
  }

  /** Days since the last receipt / visit from the customer's summary row (one row, not every receipt). */
  daysSinceActivity(last: string, c: Cmp): string {
    const upper = this.recencyWindow(c);
    if (this.correlated && upper === undefined) {
      const now = this.bind(this.ctx.now.toISOString(), "timestamptz");
      return this.cmp(`floor(extract(epoch FROM (${now} - (SELECT ${last} FROM "CustomerActivity" a WHERE a."customerId" = c."id"))) / 86400)`, c);
    }
    return this.inSummary(`SELECT a."customerId" FROM "CustomerActivity" a WHERE a."programId" = $1 AND ${this.recencyTest(last, c)}`);
  }

  /** "Days since the last one" as a test of the summary row `a` (no last one: no match). */
  recencyTest(last: string, c: Cmp): string {
    const upper = this.recencyWindow(c);
    const window = upper !== undefined ? ` AND ${last} > ${this.bind(new Date(this.ctx.now.getTime() - (Math.max(upper, -1) + 1) * DAY).toISOString(), "timestamptz")}` : "";
    // "At most N days ago" is exactly "the last one after now − (N + 1) days".
    // Bound only where used: an unused parameter has no type PostgreSQL can infer.
    const test =
      upper !== undefined && (c.op === "lte" || c.op === "lt") && upper >= 0
        ? ""
        : ` AND ${this.cmp(`floor(extract(epoch FROM (${this.bind(this.ctx.now.toISOString(), "timestamptz")} - ${last})) / 86400)`, c)}`;
    return `${last} IS NOT NULL${window}${test}`;
  }

  /**
   * Receipts / spend / visits of a period through the summary: whole months from
   * "CustomerActivityMonth", the partial edge months from the rows themselves.
   * `perCustomer`: the rows of c only (a correlated sub-select); otherwise the program's.
   * Counts (`n`) stay integer: their sum is a bigint kept in the aggregate's own state, where a
   * sum of bigints is a numeric (a 128-bit state allocated per customer group, measured slower on
   * the ~630k month rows of "visits in 365 days" at 1,000,000 members). Visits carry no spend.
   */
  activityRows(source: "purchase" | "visit", period: SegmentPeriod, perCustomer: boolean): string {
    const b = this.bounds(period);
    const split = splitPeriod(b);
    // A period starting in the first half of its month: the whole month from its first day, less
    // the rows of the days before the period (fewer rows to read than the rest of that month).
    const start = split.edges[0];
    const less = b.from && split.months?.from && start?.from?.getTime() === b.from.getTime() ? daysBeforeInMonth(start) : null;
    if (less && split.months) {
      split.months.from = less.from;
      split.edges.shift();
    }
    const parts: string[] = [];
    const scope = perCustomer ? `m."customerId" = c."id"` : `m."programId" = $1`;
    const at = (alias: string, e: { from?: Date; to?: Date }) =>
      (e.from ? ` AND ${alias}."at" >= ${this.bind(e.from.toISOString(), "timestamptz")}` : "") + (e.to ? ` AND ${alias}."at" < ${this.bind(e.to.toISOString(), "timestamptz")}` : "");
    if (split.months) {
      const months =
        (split.months.from ? ` AND m."month" >= ${this.bind(split.months.from.toISOString().slice(0, 10), "date")}` : "") +
        (split.months.to ? ` AND m."month" < ${this.bind(split.months.to.toISOString().slice(0, 10), "date")}` : "");
      parts.push(
        source === "purchase"
          ? `SELECT m."customerId", m."receipts" AS n, m."spend" AS s FROM "CustomerActivityMonth" m WHERE ${scope} AND m."receipts" > 0${months}`
          : `SELECT m."customerId", m."visits" AS n FROM "CustomerActivityMonth" m WHERE ${scope} AND m."visits" > 0${months}`,
      );
    }
    for (const [e, sign] of [...split.edges.map((e) => [e, 1] as const), ...(less ? [[less, -1] as const] : [])]) {
      const n = sign < 0 ? "-1" : "1";
      parts.push(
        source === "purchase"
          ? `SELECT p."customerId", ${n} AS n, ${sign < 0 ? "-" : ""}(p."amount" - p."discount")::bigint AS s FROM "Purchase" p WHERE ${perCustomer ? this.committedOfCustomer : this.committed}${at("p", e)}`
          : `SELECT v."customerId", ${n} AS n FROM "Visit" v WHERE ${perCustomer ? VISITS_OF_CUSTOMER : VISITS}${at("v", e)}`,
      );
    }
    return parts.join(" UNION ALL ");
  }

  /**
   * "Bought one of these categories in the period" through the category days: the buyers of the
   * period's whole UTC days from "CustomerCategoryDay", those of its partial edge days (at most a
   * day at each end) from the receipts and their lines.
   */
  boughtCategoryActivity(categories: string[], period: SegmentPeriod, negate?: boolean): string {
    const split = splitPeriod(this.bounds(period), "day");
    const cats = this.bind(categories, "text[]");
    const parts: string[] = [];
    if (split.months) {
      const days =
        (split.months.from ? ` AND d."day" >= ${this.bind(split.months.from.toISOString().slice(0, 10), "date")}` : "") +
        (split.months.to ? ` AND d."day" < ${this.bind(split.months.to.toISOString().slice(0, 10), "date")}` : "");
      parts.push(`SELECT d."customerId" FROM "CustomerCategoryDay" d WHERE d."programId" = $1 AND d."category" = ANY(${cats}) AND d."lines" > 0${days}`);
    }
    for (const e of split.edges) {
      const at = (e.from ? ` AND p."at" >= ${this.bind(e.from.toISOString(), "timestamptz")}` : "") + (e.to ? ` AND p."at" < ${this.bind(e.to.toISOString(), "timestamptz")}` : "");
      parts.push(`SELECT p."customerId" FROM "Purchase" p JOIN "PurchaseLine" l ON l."purchaseId" = p."id" AND l."purchaseAt" = p."at" WHERE ${this.committed}${at} AND l."category" = ANY(${cats})`);
    }
    const sub = parts.join(" UNION ALL ");
    return negate ? `c."id" NOT IN (${sub})` : this.idSet(sub);
  }

  /**
   * The whole months of "the last N days" for a ring: the first whole month, and the partial one
   * before it (read from the receipts, `sign` 1) — when the months from the first to now fit in a
   * ring. When the window starts in the first half of its month and that month still fits, the
   * ring's whole months start with it instead and the days of it before the window are taken
   * off (`sign` −1): fewer receipts to read and to join to the buyers.
   */
  ringSplit(period: SegmentPeriod): RingSplit | null {
    if (!this.activity || period.kind !== "lastDays") return null;
    const b = this.bounds(period);
    const split = splitPeriod(b);
    const first = split.months?.from;
    if (!b.from || !first || split.months?.to) return null;
    if (monthIndex(this.ctx.now) - monthIndex(first) >= RING_MONTHS) return null;
    const edge = split.edges[0];
    if (!edge?.from || !edge.to) return { first };
    const less = daysBeforeInMonth(edge);
    if (less && monthIndex(this.ctx.now) - monthIndex(less.from) < RING_MONTHS) return { first: less.from, edge: { ...less, sign: -1 } };
    return { first, edge: { from: edge.from, to: edge.to, sign: 1 } };
  }

  /**
   * Receipts / spend of the customer's whole months from `first` on, from the ring of its summary
   * row `a`: one subscript. No receipt since `first`: 0. A last purchase more than a ring past
   * `first` (receipts dated in the future) sums its month rows instead.
   */
  ringValue(what: "receipts" | "spend" | "visits", first: Date): string {
    const f = this.bind(String(monthIndex(first)), "int");
    const col = { receipts: `a."ringReceipts"`, spend: `a."ringSpend"`, visits: `a."ringVisits"` }[what];
    // Visits have their own ring, of the month of the last visit.
    const top = what === "visits" ? `a."visitRingMonth"` : `a."ringMonth"`;
    const month = this.bind(first.toISOString().slice(0, 10), "date");
    return (
      `(CASE WHEN ${top} IS NULL OR ${top} < ${f} THEN 0 WHEN ${top} - ${f} < ${RING_MONTHS} THEN ${col}[${top} - ${f} + 1] ` +
      `ELSE (SELECT COALESCE(sum(m."${what}"), 0)::bigint FROM "CustomerActivityMonth" m WHERE m."programId" = $1 AND m."customerId" = a."customerId" AND m."month" >= ${month}) END)`
    );
  }

  /**
   * The customers' receipts (n0, n1 …) and spend (s0, s1 …) in each of `edges`, from the receipts:
   * a partial month at most each, one index range over the program's receipts.
   */
  edgeSql(edges: { from: Date; to: Date }[]): string {
    const ranges = edges.map((e) => `p."at" >= ${this.bind(e.from.toISOString(), "timestamptz")} AND p."at" < ${this.bind(e.to.toISOString(), "timestamptz")}`);
    const cols = ranges.map((r, i) => `count(*) FILTER (WHERE ${r}) AS "n${i}", COALESCE(sum(p."amount" - p."discount") FILTER (WHERE ${r}), 0)::bigint AS "s${i}"`);
    return `SELECT p."customerId", ${cols.join(", ")} FROM "Purchase" p WHERE ${this.committed} AND (${ranges.map((r) => `(${r})`).join(" OR ")}) GROUP BY p."customerId"`;
  }

  /** The customers' visits (n0, n1 …) in each of `edges`, from the visits: as edgeSql for receipts. */
  visitEdgeSql(edges: { from: Date; to: Date }[]): string {
    const ranges = edges.map((e) => `v."at" >= ${this.bind(e.from.toISOString(), "timestamptz")} AND v."at" < ${this.bind(e.to.toISOString(), "timestamptz")}`);
    const cols = ranges.map((r, i) => `count(*) FILTER (WHERE ${r}) AS "n${i}"`);
    return `SELECT v."customerId", ${cols.join(", ")} FROM "Visit" v WHERE ${VISITS} AND (${ranges.map((r) => `(${r})`).join(" OR ")}) GROUP BY v."customerId"`;
  }

  /** The condition as a test of the customer's summary row, when it is one (see RowCond). */
  rowCond(n: SegmentNode): RowCond | null {
    if (!this.activity) return null;
    if (n.kind === "group") return this.rowAny(n);
    switch (n.kind) {
      case "receipts":
      case "spend":
      case "visits": {
        const b = this.bounds(n.period);
        if (!b.from && !b.to) {
          if (this.correlated) return null;
          const total = `a."${n.kind}"`;
          const positive = !zeroMatches(n);
          return { positive, activity: true, test: () => (positive ? this.cmp(total, n) : `NOT ${this.cmp(total, n)}`) };
        }
        if (n.kind !== "spend" && b.from && !b.to) {
          const atLeastOne = (n.op === "gte" && n.value === 1) || (n.op === "gt" && n.value === 0);
          const none = (n.op === "eq" || n.op === "lte") && n.value === 0;
          const last = n.kind === "visits" ? `a."lastVisitAt"` : `a."lastPurchaseAt"`;
          const from = b.from;
          if (atLeastOne || none) return { positive: atLeastOne, activity: true, test: () => `${last} >= ${this.bind(from.toISOString(), "timestamptz")}` };
        }
        const ring = this.ringSplit(n.period);
        if (!ring || !b.from) return null;
        const what = n.kind;
        const positive = !zeroMatches(n);
        const last = what === "visits" ? `a."lastVisitAt"` : `a."lastPurchaseAt"`;
        const from = b.from;
        return {
          positive,
          activity: true,
          edge: ring.edge && { ...ring.edge, visit: what === "visits" },
          test: (e) => {
            const v = `(${this.ringValue(what, ring.first)}${e ? ` ${what === "spend" ? e.s : e.n}` : ""})`;
            if (!positive) return `NOT ${this.cmp(v, n)}`;
            // A comparison that 0 fails needs a receipt (visit) in the window, so a last one at or
            // after its start: a test of the row's own column that drops the other rows before the
            // window's value is read and its edge joined ("≥ 2 visits in 365 days" at 1,000,000
            // members: 1,230 ms of CPU through the month rows, 560 by the window alone, 470 with
            // this test; docs/benchmarks.md, "Rolling windows of visits").
            return `${last} >= ${this.bind(from.toISOString(), "timestamptz")} AND ${this.cmp(v, n)}`;
          },
        };
      }
      case "daysSinceLastPurchase":
      case "daysSinceLastVisit": {
        const upper = this.recencyWindow(n);
        if (this.correlated && upper === undefined) return null;
        const last = n.kind === "daysSinceLastPurchase" ? `a."lastPurchaseAt"` : `a."lastVisitAt"`;
        return { positive: true, activity: true, test: () => this.recencyTest(last, n) };
      }
      // The status and the main balance as the summary row holds them (migration
      // customer_activity_status_balance): next to a summary condition, one scan of the summary
      // instead of a join to the statuses and a look-up of every remaining member's account
      // (docs/benchmarks.md, "Status and balance on the summary row").
      case "tier": {
        const withEntry = !!this.ctx.entryTier && n.tiers.includes(this.ctx.entryTier);
        const test = () => {
          const tiers = this.bind(n.tiers, "text[]");
          // No status row (NULL) is the entry tier.
          const held = withEntry ? `(a."tierCode" IS NULL OR a."tierCode" = ANY(${tiers}))` : `COALESCE(a."tierCode" = ANY(${tiers}), false)`;
          return n.op === "in" ? held : `NOT ${held}`;
        };
        return { positive: false, plain: true, activity: false, test };
      }
      case "balance":
        if ((n.account ?? "main") !== "main") return null;
        return { positive: false, plain: true, activity: false, test: () => this.cmp(`a."mainAvailable"`, n) };
      // The consents and birth date as the summary row holds them (migration
      // customer_activity_profile): "category ∧ consent ∧ (birthday ∨ visits)" reads one summary row
      // per member instead of every "Customer" row beside the set of frequent visitors.
      case "consent":
        return { positive: false, plain: true, activity: false, test: () => `${ROW_CONSENT_COLUMN[n.channel]} = ${this.bind(n.given, "boolean")}` };
      case "birthdayMonth":
      case "birthdayWithin":
        return { positive: false, plain: true, activity: false, test: () => this.birthday(n, `a."birthDate"`) };
      default:
        return null;
    }
  }

  /**
   * An OR group whose every child is a test of the summary row, as one test of it. A member without
   * a row passes when a child does that counts such a member as 0 (a negative one): the group is
   * then negative too (its test is its failure); it is positive when every child is; otherwise it
   * is plain (folded only where every member has a row).
   */
  rowAny(n: SegmentGroup): RowCond | null {
    if (n.op !== "or" || n.children.length === 0) return null;
    const children: RowCond[] = [];
    for (const c of n.children) {
      const rc = c.kind === "group" ? this.rowAny(c) : this.rowCond(c);
      if (!rc) return null;
      children.push(rc);
    }
    const negative = children.some((c) => !c.positive && !c.plain);
    const positive = children.every((c) => c.positive);
    return { positive, plain: !positive && !negative, activity: children.some((c) => c.activity), any: children, test: () => "" };
  }

  /**
   * Conditions on the summary row as one set: the rows that pass every positive test and no
   * negative one. With no positive test, the members are those without a failing row (NOT IN) —
   * unless `implied`: a sibling condition only members with a summary row pass (a receipt bought),
   * so the set is the rows that pass every test, as with a positive one.
   */
  rowSet(conds: RowCond[], implied = false): string {
    const edges: { from: Date; to: Date }[] = [];
    const visitEdges: { from: Date; to: Date }[] = [];
    const positive = implied || conds.some((c) => c.positive);
    if (!positive && conds.some((c) => c.plain)) throw new Error("a plain test of the summary row needs a positive one beside it");
    const render = (c: RowCond): string => {
      if (c.any) {
        // Each child as "passes" (a negative child's test is its failure; NULL passes nothing).
        const passes = c.any.map((x) => (x.positive || x.plain ? `COALESCE(${render(x)}, false)` : `NOT COALESCE(${render(x)}, false)`));
        const pass = `(${passes.join(" OR ")})`;
        return c.positive || c.plain ? pass : `NOT ${pass}`;
      }
      let e: { n: string; s: string } | undefined;
      if (c.edge) {
        const op = c.edge.sign < 0 ? "-" : "+";
        if (c.edge.visit) {
          const i = visitEdges.length;
          visitEdges.push(c.edge);
          e = { n: `${op} COALESCE(ev."n${i}", 0)`, s: "" };
        } else {
          const i = edges.length;
          edges.push(c.edge);
          e = { n: `${op} COALESCE(e."n${i}", 0)`, s: `${op} COALESCE(e."s${i}", 0)` };
        }
      }
      return c.test(e);
    };
    const tests = conds.map((c) => {
      const t = render(c);
      // One negative alone: its failing rows (NOT IN below); next to a positive: a row that does not fail.
      return c.positive || c.plain || !positive ? t : `NOT COALESCE(${t}, false)`;
    });
    // The edge's receipts (and visits) first: the summary row's program test then sits right after its name.
    let from = `"CustomerActivity" a`;
    if (edges.length) from = `(${this.edgeSql(edges)}) e RIGHT JOIN ${from} ON e."customerId" = a."customerId"`;
    if (visitEdges.length) from = `(${this.visitEdgeSql(visitEdges)}) ev RIGHT JOIN ${from} ON ev."customerId" = a."customerId"`;
    // One row per customer: the edge's receipts and visits are grouped by customer.
    const sub = `SELECT a."customerId" FROM ${from} WHERE a."programId" = $1 AND ${tests.join(" AND ")}`;
    return positive ? this.inSummary(sub) : `c."id" NOT IN (${sub})`;
  }

  /** Receipts, spend or visits in a period compared to a number, through the summary. */
  activityAggregate(what: "receipts" | "spend" | "visits", period: SegmentPeriod, c: Cmp): string {
    // "The last N days" one pass: the rolling window of the customer's summary row plus the edge.
    if (!this.correlated && this.ringSplit(period)) {
      const rc = this.rowCond({ kind: what, period, ...c } as SegmentCondition);
      if (rc) return this.rowSet([rc]);
    }
    const total = what === "visits" ? `a."visits"` : `a."${what}"`;
    const b = this.bounds(period);
    if (!b.from && !b.to) {
      // All time: the customer's own totals; no row = 0.
      if (this.correlated) return this.cmp(`COALESCE((SELECT ${total} FROM "CustomerActivity" a WHERE a."customerId" = c."id"), 0)`, c);
      const having = this.cmp(total, c);
      const positive = !zeroMatches(c);
      const sub = `SELECT a."customerId" FROM "CustomerActivity" a WHERE a."programId" = $1 AND ${positive ? having : `NOT ${having}`}`;
      return positive ? this.inSummary(sub) : `c."id" NOT IN (${sub})`;
    }
    if (what !== "spend" && b.from && !b.to) {
      // Since a date, "at least one" / "none" is "the last one is on or after it".
      const atLeastOne = (c.op === "gte" && c.value === 1) || (c.op === "gt" && c.value === 0);
      const none = (c.op === "eq" || c.op === "lte") && c.value === 0;
      if (atLeastOne || none) {
        const last = what === "visits" ? `a."lastVisitAt"` : `a."lastPurchaseAt"`;
        const sub = `SELECT a."customerId" FROM "CustomerActivity" a WHERE a."programId" = $1 AND ${last} >= ${this.bind(b.from.toISOString(), "timestamptz")}`;
        return atLeastOne ? this.inSummary(sub) : `c."id" NOT IN (${sub})`;
      }
    }
    const source = what === "visits" ? "visit" : "purchase";
    const agg = what === "spend" ? `COALESCE(sum(x."s"), 0)::bigint` : `COALESCE(sum(x."n"), 0)`;
    if (this.correlated) {
      // Per customer, one index-only range over the customer's own receipts / visits is cheaper
      // than the month rows (a heap visit each) plus the edges (measured on bench:segments).
      if (what === "visits") return this.aggregate("v", `"Visit" v WHERE ${VISITS_OF_CUSTOMER}${this.periodSql(`v."at"`, period)}`, `count(*)`, c);
      return this.aggregate("p", this.purchases(period), what === "spend" ? `COALESCE(sum(p."amount" - p."discount"), 0)` : `count(*)`, c);
    }
    const positive = !zeroMatches(c);
    const having = this.cmp(agg, c);
    const sub = `SELECT x."customerId" FROM (${this.activityRows(source, period, false)}) x GROUP BY x."customerId" HAVING ${positive ? having : `NOT ${having}`}`;
    return positive ? `c."id" IN (${sub})` : `c."id" NOT IN (${sub})`;
  }

  /**
   * RFM cells with the scores of rfmScoreSql, computed without a window sort per dimension: each
   * dimension's values of all buyers are sorted once into an array (a sort of plain numbers /
   * instants), and a buyer's rank is the count of values below its own — a binary search
   * (`width_bucket` counts the elements ≤ its operand; the values are whole numbers, and instants
   * of whole milliseconds, so "below x" is "≤ x − 1"). The score is then percent_rank's own
   * arithmetic: (rank − 1) / (buyers − 1) in float8 (0 for a single buyer), × 5, floored, + 1, at
   * most 5 — the same numbers as the window functions give.
   */
  rfmRanked(grouped: string, n: Extract<SegmentCondition, { kind: "rfm" }>): string {
    const dims = (["r", "f", "m"] as const).filter((k) => n[k].length > 0);
    if (dims.length === 0) return `c."id" IN (SELECT g."customerId" FROM (${grouped}) g)`;
    const below = { r: `s."r" - interval '1 millisecond'`, f: `s."f" - 1`, m: `s."m" - 1` } as const;
    const score = (k: "r" | "f" | "m") => `LEAST(5, 1 + floor(CASE WHEN k."n" <= 1 THEN 0 ELSE width_bucket(${below[k]}, k."${k}s")::float8 / (k."n" - 1)::float8 END * 5))::int`;
    const tests = dims.map((k) => `${score(k)} = ANY(${this.bind(n[k], "int[]")})`);
    const arrays = dims.map((k) => `array_agg(g."${k}" ORDER BY g."${k}") AS "${k}s"`).join(", ");
    return `c."id" IN (WITH s AS MATERIALIZED (${grouped}), k AS MATERIALIZED (SELECT count(*) AS n, ${arrays} FROM s g) ` + `SELECT s."customerId" FROM s, k WHERE ${tests.join(" AND ")})`;
  }

  /**
   * RFM cells from the summary, scored exactly as rfmScoreSql: the window's buyers are the
   * customers whose last purchase is in it (their recency is that purchase), their frequency and
   * value the ring's whole months plus the partial month at the window's start. A score is
   * monotone in its value, so "score ≥ s" is "value above the j-th smallest", j the least rank − 1
   * whose percent_rank (float8, as the window function computes it) reaches (s − 1) / 5; a cell
   * needs the thresholds where its allowed scores start or stop, each a count over buckets of the
   * values and one sort inside a bucket — no per-buyer binary search and no sort of every buyer.
   */
  rfmSummary(n: Extract<SegmentCondition, { kind: "rfm" }>, ring: RingSplit, since: string): string {
    const edges = ring.edge ? [ring.edge] : [];
    const from = edges.length ? `(${this.edgeSql(edges)}) e RIGHT JOIN "CustomerActivity" a ON e."customerId" = a."customerId"` : `"CustomerActivity" a`;
    const op = ring.edge?.sign === -1 ? "-" : "+";
    const f = `${this.ringValue("receipts", ring.first)}${edges.length ? ` ${op} COALESCE(e."n0", 0)` : ""}`;
    const m = `${this.ringValue("spend", ring.first)}${edges.length ? ` ${op} COALESCE(e."s0", 0)` : ""}`;
    const scored = (id: string) => `SELECT ${id}a."lastPurchaseAt" AS r, (${f})::bigint AS f, (${m})::bigint AS m FROM ${from} WHERE a."programId" = $1 AND a."lastPurchaseAt" >= ${since}`;
    const buyers = scored(`a."customerId", `);
    const dims = (["r", "f", "m"] as const).filter((k) => n[k].length > 0);
    if (dims.length === 0) return this.inSummary(`SELECT s."customerId" FROM (${buyers}) s`);
    // Buckets of a dimension's values, in value order (the count itself, 65,536 kopecks).
    const bucket = {
      f: (x: string) => `${x}."f"`,
      m: (x: string) => `(${x}."m" / 65536)`,
    } as const;
    const js: string[] = [];
    const hbs: string[] = [];
    const ts: string[] = [];
    const near: string[] = [];
    const tests: string[] = [];
    const used: ("r" | "f" | "m")[] = [];
    for (const k of dims) {
      const allowed = new Set(n[k]);
      const bounds = [2, 3, 4, 5].filter((sc) => allowed.has(sc) !== allowed.has(sc - 1));
      if (bounds.length === 0) {
        if (!allowed.has(1)) tests.push("false");
        continue;
      }
      used.push(k);
      const crossed: string[] = [];
      for (const sc of bounds) {
        const col = `${k}${sc}`;
        // The least j ≥ 0 with (j / (n − 1)) · 5 ≥ sc − 1 in float8: ⌈(sc − 1)(n − 1) / 5⌉, checked ±1.
        const e = `(((${sc - 1}) * (k."n" - 1) + 4) / 5)`;
        js.push(`(SELECT min(x) FROM unnest(ARRAY[${e} - 1, ${e}, ${e} + 1]) x WHERE x >= 0 AND (x::float8 / (k."n" - 1)::float8) * 5 >= ${sc - 1}) AS "${col}"`);
        if (k === "r") {
          // The j-th smallest recency is the j-th smallest last purchase of the window's buyers:
          // read off the summary's index of last purchases (in order, index-only), from whichever
          // end is nearer — no buyer's recency is sorted or bucketed.
          const at = (dir: "ASC" | "DESC", offset: string) =>
            `(SELECT q."lastPurchaseAt" FROM "CustomerActivity" q WHERE q."programId" = $1 AND q."lastPurchaseAt" >= ${since} ORDER BY q."lastPurchaseAt" ${dir} OFFSET ${offset} LIMIT 1)`;
          ts.push(`CASE WHEN j."${col}" - 1 <= k."n" - j."${col}" THEN ${at("ASC", `j."${col}" - 1`)} ELSE ${at("DESC", `k."n" - j."${col}"`)} END AS "${col}"`);
        } else {
          // The j-th smallest value: the bucket holding it (from the dimension's histogram) …
          const hist = `(SELECT h."${k}b" AS b, h.cnt, sum(h.cnt) OVER (ORDER BY h."${k}b") AS cum FROM h WHERE h."g${k}" = 0) hh WHERE hh.cum >= j."${col}" ORDER BY hh.b LIMIT 1`;
          hbs.push(`(SELECT hh.b FROM ${hist}) AS "${col}_b", (SELECT hh.cum - hh.cnt FROM ${hist}) AS "${col}_before"`);
          // … then its place inside the bucket, among the few values near a threshold (a bucket of
          // frequencies holds one value: the threshold itself).
          if (k === "f") ts.push(`hb."${col}_b" AS "${col}"`);
          else {
            near.push(`${bucket[k]("x")} = hb."${col}_b"`);
            ts.push(`(SELECT x."${k}" FROM near x WHERE ${bucket[k]("x")} = hb."${col}_b" ORDER BY x."${k}" OFFSET j."${col}" - hb."${col}_before" - 1 LIMIT 1) AS "${col}"`);
          }
        }
        crossed.push(`(s."${k}" > (SELECT t."${col}" FROM t))::int`);
      }
      // Each threshold crossed flips "allowed" (the scores between two thresholds are all in or all out).
      tests.push(`COALESCE((${crossed.join(" + ")}) % 2, 0) = ${allowed.has(1) ? 0 : 1}`);
    }
    if (js.length === 0) return this.inSummary(`SELECT s."customerId" FROM (${buyers}) s WHERE ${tests.length ? tests.join(" AND ") : "true"}`);
    // One pass over the buyers for the frequency's and value's histograms and the number of
    // buyers (hashed by bucket pair, then grouping sets over the pairs), and one for the values in
    // the buckets that hold a threshold. A single buyer (or none) scores 1 everywhere: no
    // thresholds (j and t stay empty, each threshold's one-row sub-select is NULL). The
    // thresholds as sub-selects run once; a join of t to every buyer rescanned t per buyer. The
    // cell's members leave in id order, distinct: the semi-join then looks the members up in the
    // order of the primary key (and, ids being time-ordered, of the heap) and needs no hash to
    // make them unique (measured −0.1 s of CPU for 72k members at 1,000,000); a count of the cell
    // reads the buyers it kept and nothing else (countQuery). A histogram of the
    // recency (by day) sorted every buyer — at 6,000,000 members 4.65 M rows spilled to disk.
    const hashed = used.filter((k): k is "f" | "m" => k !== "r");
    // The buyers are hashed once, by the pair of their buckets (tens of thousands of pairs at
    // most); the histograms and the number of buyers are then grouping sets over the pairs.
    const pairs = `SELECT ${hashed.map((k) => `${bucket[k]("x")} AS "${k}b"`).join(", ")}, count(*) AS cnt FROM s x GROUP BY ${hashed.map((_, i) => i + 1).join(", ")}`;
    const h = hashed.length
      ? `SELECT ${hashed.map((k) => `p."${k}b", GROUPING(p."${k}b") AS "g${k}"`).join(", ")}, sum(p.cnt)::bigint AS cnt FROM (${pairs}) p GROUP BY GROUPING SETS ((), ${hashed.map((k) => `(p."${k}b")`).join(", ")})`
      : `SELECT count(*) AS cnt FROM s x`;
    const total = hashed.length ? ` WHERE ${hashed.map((k) => `h."g${k}" = 1`).join(" AND ")}` : "";
    const cte = (rows: string, member: string) =>
      `WITH s AS MATERIALIZED (${rows}), h AS MATERIALIZED (${h}), ` +
      `k AS MATERIALIZED (SELECT COALESCE(sum(h.cnt), 0)::bigint AS n FROM h${total}), ` +
      `j AS MATERIALIZED (SELECT ${js.join(", ")} FROM k WHERE k."n" > 1), hb AS MATERIALIZED (SELECT ${hbs.length ? hbs.join(", ") : "1 AS one"} FROM j), ` +
      `near AS MATERIALIZED (SELECT x."m" FROM s x, hb WHERE ${near.length ? near.join(" OR ") : "false"}), ` +
      `t AS MATERIALIZED (SELECT ${ts.join(", ")} FROM k, j, hb) ` +
      `SELECT ${member} FROM s WHERE ${tests.join(" AND ")}`;
    // A count of the cell needs neither the grouping nor the ids: each buyer is one summary row, so
    // the buyers it keeps are distinct members, and without their ids the materialised buyers are
    // narrower (measured −6 % of an RFM count's CPU at 6,000,000 members, 5.66 → 5.34 s).
    return this.inSummary(`${cte(buyers, `s."customerId"`)} GROUP BY 1 ORDER BY 1`, cte(scored(""), "1"));
  }

  /** A birthday condition on a birth date column (the customer's, or its copy on the summary row). */
  birthday(n: Extract<SegmentCondition, { kind: "birthdayMonth" | "birthdayWithin" }>, birthDate: string): string {
    if (n.kind === "birthdayMonth") {
      // date_part (float8), not extract (numeric since PostgreSQL 14): the same month, a quarter
      // less CPU over a million customers' rows (docs/benchmarks.md, 2026-12-07 13:16).
      return `(${birthDate} IS NOT NULL AND date_part('month', ${birthDate})::int = ANY(${this.bind(n.months, "int[]")}))`;
    }
    // The age in years goes up between yesterday and today + N days ⇔ a birthday falls in [today, today + N].
    const from = this.bind(this.localDate(-1), "date");
    const to = this.bind(this.localDate(n.days), "date");
    return `(${birthDate} IS NOT NULL AND date_part('year', age(${to}, ${birthDate})) > date_part('year', age(${from}, ${birthDate})))`;
  }

  /** Today's date in the program's time zone, shifted by `days`, as YYYY-MM-DD. */
  localDate(days: number): string {
    const p = zonedParts(this.ctx.now, this.ctx.timeZone);
    return new Date(Date.UTC(p.year, p.month - 1, p.day + days)).toISOString().slice(0, 10);
  }

  condition(n: SegmentCondition): string {
    // Never compiled for a partner, whatever the caller validated.
    if (this.ctx.partnerId && PARTNER_FORBIDDEN_KINDS.has(n.kind)) throw new Error(`A partner's segment cannot use "${n.kind}"`);
    switch (n.kind) {
      case "tier": {
        // Customers without a status row hold the entry tier: "in" a list with the entry tier
        // means "not among those holding another tier". Semi/anti-joins on the status index.
        const tiers = this.bind(n.tiers, "text[]");
        const withEntry = !!this.ctx.entryTier && n.tiers.includes(this.ctx.entryTier);
        const holding = (negate: boolean) => `SELECT ct."customerId" FROM "CustomerTier" ct WHERE ct."programId" = $1 AND ${negate ? "NOT " : ""}(ct."tierCode" = ANY(${tiers}))`;
        const isIn = withEntry ? `c."id" NOT IN (${holding(true)})` : `c."id" IN (${holding(false)})`;
        if (n.op !== "in") return `NOT (${isIn})`;
        // A status row per customer (its key): "holds one of these tiers" is a row of the list.
        return withEntry ? isIn : this.keyed(isIn, "CustomerTier", (k) => `(${k}."tierCode" = ANY(${tiers}))`);
      }
      case "balance": {
        // No account yet = 0 points.
        const kind = n.account ?? "main";
        const cmp = this.cmpOf(n);
        // When 0 does not pass, a member passes only with an account that does: one row per customer and kind.
        const keyed = (predicate: string) => (zeroMatches(n) ? predicate : this.keyed(predicate, "Account", (k) => `${k}."kind" = ${ACCOUNT_KIND[kind]} AND ${cmp(`${k}."available"`)}`));
        if (this.correlated && this.balancePerCustomer) {
          return keyed(cmp(`COALESCE((SELECT a."available" FROM "Account" a WHERE a."customerId" = c."id" AND a."programId" = $1 AND a."kind" = ${ACCOUNT_KIND[kind]}), 0)`));
        }
        const test = cmp(`a."available"`);
        const accounts = (negate: boolean) => `SELECT a."customerId" FROM "Account" a WHERE a."programId" = $1 AND a."kind" = ${ACCOUNT_KIND[kind]} AND ${negate ? "NOT " : ""}${test}`;
        return zeroMatches(n) ? `c."id" NOT IN (${accounts(true)})` : keyed(`c."id" IN (${accounts(false)})`);
      }
      case "spend":
        if (this.activity) return this.activityAggregate("spend", n.period, n);
        return this.aggregate("p", this.purchases(n.period), `COALESCE(sum(p."amount" - p."discount"), 0)`, n);
      case "receipts":
        if (this.activity) return this.activityAggregate("receipts", n.period, n);
        return this.aggregate("p", this.purchases(n.period), `count(*)`, n);
      case "visits":
        if (this.activity) return this.activityAggregate("visits", n.period, n);
        return this.aggregate("v", `"Visit" v WHERE ${this.correlated ? VISITS_OF_CUSTOMER : VISITS}${this.periodSql(`v."at"`, n.period)}`, `count(*)`, n);
      case "daysSinceLastPurchase":
        return this.daysSince("Purchase", n);
      case "daysSinceLastVisit":
        return this.daysSince("Visit", n);
      case "boughtCategory":
        if (this.activity) return this.boughtCategoryActivity(n.categories, n.period, n.negate);
        return this.bought(`JOIN "PurchaseLine" l ON l."purchaseId" = p."id" AND l."purchaseAt" = p."at"`, `l."category" = ANY(${this.bind(n.categories, "text[]")})`, n.period, n.negate);
      case "boughtSku":
        return this.bought(`JOIN "PurchaseLine" l ON l."purchaseId" = p."id" AND l."purchaseAt" = p."at"`, `l."sku" = ANY(${this.bind(n.skus, "text[]")})`, n.period, n.negate);
      case "boughtAtStore":
        return this.bought(`JOIN "Store" s ON s."id" = p."storeId"`, `s."code" = ANY(${this.bind(n.stores, "text[]")})`, n.period, n.negate);
      case "boughtAtPartner":
        return this.bought(`JOIN "Store" s ON s."id" = p."storeId" JOIN "Partner" pt ON pt."id" = s."partnerId"`, `pt."code" = ANY(${this.bind(n.partners, "text[]")})`, n.period, n.negate);
      case "birthdayMonth":
      case "birthdayWithin":
        return this.birthday(n, `c."birthDate"`);
      case "registrationChannel":
        return `c."registrationChannel"::text = ANY(${this.bind(n.channels, "text[]")})`;
      case "registeredIn":
        return `(true${this.periodSql(`c."createdAt"`, n.period)})`;
      case "consent":
        return `${CONSENT_COLUMN[n.channel]} = ${this.bind(n.given, "boolean")}`;
      case "rfm": {
        const since = this.bind(new Date(this.ctx.now.getTime() - (n.days ?? 365) * DAY).toISOString(), "timestamptz");
        const q = rfmScoreSql;
        // Read from the receipts: scoring from the summary (buyers of the window = last receipt in
        // it, frequency and value as month sums) measured slower on bench:segments than this one
        // grouped index-only pass over the window.
        const grouped = `SELECT p."customerId", max(p."at") AS r, count(*) AS f, sum(p."amount" - p."discount") AS m FROM "Purchase" p WHERE ${this.committed} AND p."at" >= ${since} GROUP BY p."customerId"`;
        const ring = this.ringSplit({ kind: "lastDays", days: n.days ?? 365 });
        if (ring) return this.rfmSummary(n, ring, since);
        if (this.activity) return this.rfmRanked(grouped, n);
        const tests = (["r", "f", "m"] as const).filter((k) => n[k].length > 0).map((k) => `x."${k}" = ANY(${this.bind(n[k], "int[]")})`);
        const scored =
          `SELECT p."customerId", ${q(`max(p."at")`)} AS r, ${q("count(*)")} AS f, ${q(`sum(p."amount" - p."discount")`)} AS m ` +
          `FROM "Purchase" p WHERE ${this.committed} AND p."at" >= ${since} GROUP BY p."customerId"`;
        return `c."id" IN (SELECT x."customerId" FROM (${scored}) x WHERE ${tests.length ? tests.join(" AND ") : "true"})`;
      }
    }
  }

  node(n: SegmentNode): string {
    return n.kind === "group" ? joined(n.op, this.parts(n)) : this.condition(n);
  }

  /** A group's parts, each a predicate (an AND's summary conditions folded into one set). */
  parts(n: SegmentGroup): string[] {
    if (n.children.length === 0) return ["true"];
    const outer = this.correlated;
    const outerBalance = this.balancePerCustomer;
    // In an AND with a cheap, narrowing sibling, receipt aggregates run per remaining customer
    // (PostgreSQL evaluates sub-selects after the joins); otherwise one pass over the period.
    this.correlated = n.op === "and" && n.children.some((c) => c.kind !== "group" && CHEAP.has(c.kind));
    const entry = this.ctx.entryTier;
    this.balancePerCustomer =
      this.correlated &&
      n.children.some((c) => c.kind === "tier" && c.op === "in" && !(entry && c.tiers.includes(entry))) &&
      n.children.some((c) => (c.kind === "daysSinceLastPurchase" || c.kind === "daysSinceLastVisit") && (c.op === "lte" || c.op === "lt") && c.value >= 1 && c.value <= 36_500);
    const parts: string[] = [];
    // Conditions on the summary row in an AND group read the row once, as one set (lapsed: "no
    // receipt in 180 days ∧ ≥ 3 receipts ever" is one scan of the summary, not two sets joined to
    // every member). Per customer only when two of them meet; alone they stay as they were.
    const folded: RowCond[] = [];
    const rest: SegmentNode[] = [];
    let implied = false;
    if (n.op === "and" && this.activity) {
      const conds = n.children.map((c) => ({ c, rc: this.rowCond(c) }));
      const rows = conds.filter((x) => x.rc !== null);
      // Beside a condition only buyers pass (each has a summary row), the row's tests need no
      // positive one among them — when one of them reads the activity: copies of the customer's
      // columns alone are cheaper to test on "Customer", a narrower table.
      implied = rows.some((x) => x.rc?.activity) && conds.some((x) => x.rc === null && impliesSummaryRow(x.c));
      if ((implied || rows.some((x) => x.rc?.positive)) && (rows.length >= 2 || !this.correlated)) {
        for (const x of conds) {
          if (x.rc) folded.push(x.rc);
          else rest.push(x.c);
        }
      }
    }
    if (folded.length) {
      parts.push(this.rowSet(folded, implied));
      for (const c of rest) parts.push(this.node(c));
    } else {
      for (const c of n.children) parts.push(this.node(c));
    }
    this.correlated = outer;
    this.balancePerCustomer = outerBalance;
    return parts;
  }
}

/**
 * Does every member passing `n` have a summary row? A committed receipt writes one (and nothing
 * deletes it but the customer's own deletion), so a condition that needs a receipt does.
 */
function impliesSummaryRow(n: SegmentNode): boolean {
  switch (n.kind) {
    case "boughtCategory":
    case "boughtSku":
    case "boughtAtStore":
    case "boughtAtPartner":
      return !n.negate;
    default:
      return false;
  }
}

function joined(op: SegmentGroup["op"], parts: string[]): string {
  return parts.length === 1 ? parts[0] : `(${parts.join(op === "and" ? " AND " : " OR ")})`;
}

/**
 * An RFM score as SQL over grouped rows: the quintile by percent rank of `order` (ascending, so
 * the latest / most / largest get 5; ties share a score; with few buyers the best still get 5).
 * The partner portal's RFM grid (lib/partner/analytics/rfm.ts) scores the same way.
 */
export function rfmScoreSql(order: string): string {
  return `LEAST(5, 1 + floor(percent_rank() OVER (ORDER BY ${order}) * 5))::int`;
}

/** The predicate of a (parsed, valid) definition. */
export function compileSegment(def: SegmentDefinition, ctx: SegmentContext, opts: CompileOptions = {}): CompiledSegment {
  const b = new Builder(ctx, opts);
  const parts = b.parts(def);
  const where = joined(def.op, parts);
  // A partner's population: members with a committed receipt at its stores ($2 is the partner).
  const population = ctx.partnerId ? `c."id" IN (SELECT p."customerId" FROM "Purchase" p WHERE ${COMMITTED} AND p."partnerId" = $2::text) AND ` : "";
  // A whole predicate that is one summary set counts the set. Next to sets of other tables (a
  // status list, a balance) as `c."id" IN` tests of the set's ids, PostgreSQL drove from the
  // statuses and probed the summary per status (measured 1.6 s against 1.0 s at 1,000,000
  // members); those sets are joined to the set's ids instead (summaryJoin), or, when they are not
  // one row per customer, keep the members' look-ups.
  const plain = !population && !b.joins.size;
  return {
    where: population + where,
    params: b.params,
    joins: b.joins,
    summarySet: plain ? b.summarySets.get(where)?.count : undefined,
    summaryJoin: plain && def.op === "and" ? summaryJoin(b, parts) : undefined,
  };
}

/**
 * An AND root of exactly one summary set and, beside it, only sets of per-customer rows (keyedSets):
 * the count joins those rows to the summary set's ids. At 6,000,000 members the 4-condition segment
 * of bench:segments (status list ∧ balance ∧ spend in 365 days ∧ last purchase in 90 days) took
 * 5,640 ms of CPU this way against 7,440 ms through "Customer" (at 1,000,000: 1,065 against 1,140;
 * docs/benchmarks.md). Next to the same sets as `c."id" IN` tests of the summary's ids, PostgreSQL
 * evaluated the balance for every summary row first (2,370 ms against 1,350 at 1,000,000); as joins
 * it meets the status list first and the accounts after.
 */
function summaryJoin(b: Builder, parts: string[]): CompiledSegment["summaryJoin"] {
  const sets = parts.filter((p) => b.summarySets.has(p));
  if (parts.length < 2 || sets.length !== 1 || !parts.every((p) => b.summarySets.has(p) || b.keyedSets.has(p) || b.idSets.has(p))) return undefined;
  // (A part twice is one condition twice: joined once.)
  const filters = [...new Set(parts.filter((p) => b.idSets.has(p)))].map((p) => b.idSets.get(p)!);
  return { ids: b.summarySets.get(sets[0])!.ids, joins: [...new Set(parts.filter((p) => b.keyedSets.has(p)))].map((p) => b.keyedSets.get(p)!), ...(filters.length ? { filters } : {}) };
}

/** "Customer" c with the LEFT JOINs a predicate (or a member listing) needs. */
export function fromClause(joins: Iterable<SegmentJoin>): string {
  const set = new Set(joins);
  let sql = `"Customer" c`;
  if (set.has("tier")) sql += ` LEFT JOIN "CustomerTier" ct ON ct."customerId" = c."id"`;
  if (set.has("main")) sql += ` LEFT JOIN "Account" a_main ON a_main."customerId" = c."id" AND a_main."kind" = 'main'::"AccountKind"`;
  if (set.has("promo")) sql += ` LEFT JOIN "Account" a_promo ON a_promo."customerId" = c."id" AND a_promo."kind" = 'promo'::"AccountKind"`;
  return sql;
}

/** SELECT count(*) of the segment. */
export function countQuery(compiled: CompiledSegment): { sql: string; params: unknown[] } {
  if (compiled.summarySet) return { sql: `SELECT count(*)::bigint AS n FROM (${compiled.summarySet}) s`, params: compiled.params };
  if (compiled.summaryJoin) {
    const { ids, joins, filters } = compiled.summaryJoin;
    if (!filters?.length) return { sql: `SELECT count(*)::bigint AS n FROM (${ids}) s ${joins.join(" ")}`, params: compiled.params };
    // Sets of receipts beside the summary set (a category bought): joined, then each member once.
    // As a semi-join, PostgreSQL made the receipts' ids unique first and, guessing 200 of them (the
    // default for a UNION ALL), probed the summary per buyer: 21 s at 6,000,000 members against
    // 4.5–5.4 s for this join (docs/benchmarks.md, "Consents and birth dates on the summary row").
    const on = filters.map((f, i) => `JOIN (${f}) f${i} ON f${i}."customerId" = s."customerId"`);
    return { sql: `SELECT count(*)::bigint AS n FROM (SELECT s."customerId" FROM (${ids}) s ${[...joins, ...on].join(" ")} GROUP BY 1) s`, params: compiled.params };
  }
  return {
    sql: `SELECT count(*)::bigint AS n FROM ${fromClause(compiled.joins)} WHERE c."programId" = $1 AND ${compiled.where}`,
    params: compiled.params,
  };
}

/** Members in id order after `afterId` (keyset paging: constant cost at any depth). */
export function membersQuery(compiled: CompiledSegment, opts: { afterId?: string | null; limit: number | null; offset?: number }): { sql: string; params: unknown[] } {
  const params = [...compiled.params];
  const bind = (v: unknown, type: string) => {
    params.push(v);
    return `$${params.length}::${type}`;
  };
  const after = opts.afterId ? ` AND c."id" > ${bind(opts.afterId, "text")}` : "";
  // null: every member (for a server-side cursor).
  const limit = opts.limit === null ? null : bind(Math.max(1, Math.min(10_000, Math.trunc(opts.limit))), "int");
  const offset = opts.offset ? ` OFFSET ${bind(Math.max(0, Math.min(100_000, Math.trunc(opts.offset))), "int")}` : "";
  const sql =
    `SELECT c."id", c."firstName", c."lastName", c."phone", c."email", c."birthDate", c."registrationChannel"::text AS "registrationChannel", ` +
    `c."emailConsent", c."smsConsent", c."createdAt", ct."tierCode", COALESCE(a_main."available", 0)::int AS "balance" ` +
    `FROM ${fromClause([...compiled.joins, "tier", "main"])} WHERE c."programId" = $1 AND ${compiled.where}${after} ORDER BY c."id"${limit ? ` LIMIT ${limit}` : ""}${offset}`;
  return { sql, params };
}
