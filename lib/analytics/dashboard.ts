// The console dashboard's numbers: members, points (earned / spent / expired / outstanding),
// revenue from members and its share, average receipts, status distribution, and daily or
// weekly series for the charts — for one program over a chosen period.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { localMidnight, zonedParts } from "@/lib/time";

export const DASHBOARD_PERIODS = { "7d": 7, "30d": 30, "90d": 90, "365d": 365 } as const;
export type DashboardPeriod = keyof typeof DASHBOARD_PERIODS;

export interface DashboardInput {
  programId: string;
  timeZone: string;
  period: DashboardPeriod;
  now?: Date;
  /** Entry tier (customers without a status row hold it). */
  entryTier?: string | null;
  /** Minor units one point pays (program definition pointValue). */
  pointValue?: number;
}

export interface SeriesPoint {
  /** Bucket start, YYYY-MM-DD in the program's zone. */
  day: string;
  memberRevenue: number;
  anonymousRevenue: number;
  earned: number;
  spent: number;
  newMembers: number;
}

export interface Dashboard {
  from: Date;
  to: Date;
  bucket: "day" | "week";
  members: { total: number; active90: number; newThisWeek: number; newInPeriod: number };
  points: { earned: number; spent: number; expired: number; outstanding: number; pending: number; liability: number };
  revenue: { members: number; all: number; share: number; memberReceipts: number; anonymousReceipts: number; avgMember: number; avgAnonymous: number };
  tiers: { code: string; customers: number }[];
  series: SeriesPoint[];
}

const DAY = 86_400_000;
const n = (v: unknown) => Number(v ?? 0);

export async function loadDashboard(db: Db, input: DashboardInput): Promise<Dashboard> {
  const now = input.now ?? new Date();
  const tz = input.timeZone;
  const days = DASHBOARD_PERIODS[input.period];
  const to = now;
  const from = localMidnight(now, tz, -(days - 1));
  const bucket: "day" | "week" = days > 92 ? "week" : "day";
  const p = zonedParts(now, tz);
  const weekday = (new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7; // Monday = 0
  const weekStart = localMidnight(now, tz, -weekday);
  const since90 = new Date(now.getTime() - 90 * DAY);
  const pid = input.programId;

  const [members, active, points, balances, revenue, tiers, series] = await Promise.all([
    db.$queryRaw<{ total: bigint; week: bigint; period: bigint }[]>`
      SELECT count(*) AS total, count(*) FILTER (WHERE "createdAt" >= ${weekStart}) AS week, count(*) FILTER (WHERE "createdAt" >= ${from}) AS period
      FROM "Customer" WHERE "programId" = ${pid}`,
    db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (
        SELECT "customerId" FROM "Purchase" WHERE "programId" = ${pid} AND "status" = 'committed' AND "customerId" IS NOT NULL AND "at" >= ${since90}
        UNION
        SELECT "customerId" FROM "Visit" WHERE "programId" = ${pid} AND "at" >= ${since90}
      ) x`,
    db.$queryRaw<{ earned: bigint; spent: bigint; expired: bigint }[]>`
      SELECT COALESCE(sum(e."deltaAvailable" + e."deltaPending") FILTER (WHERE e."type" = 'accrual'), 0) AS earned,
             COALESCE(-sum(e."deltaAvailable" + e."deltaHeld") FILTER (WHERE e."type" = 'redemption'), 0) AS spent,
             COALESCE(-sum(e."deltaAvailable" + e."deltaPending") FILTER (WHERE e."type" = 'expiry'), 0) AS expired
      FROM "LedgerEntry" e JOIN "Account" a ON a."id" = e."accountId"
      WHERE a."programId" = ${pid} AND e."at" >= ${from} AND e."at" < ${to}`,
    db.$queryRaw<{ outstanding: bigint; pending: bigint }[]>`
      SELECT COALESCE(sum("available" + "held"), 0) AS outstanding, COALESCE(sum("pending"), 0) AS pending FROM "Account" WHERE "programId" = ${pid}`,
    db.$queryRaw<{ members: bigint; all: bigint; mcount: bigint; acount: bigint }[]>`
      SELECT COALESCE(sum("amount" - "discount") FILTER (WHERE "customerId" IS NOT NULL), 0) AS members,
             COALESCE(sum("amount" - "discount"), 0) AS all,
             count(*) FILTER (WHERE "customerId" IS NOT NULL) AS mcount,
             count(*) FILTER (WHERE "customerId" IS NULL) AS acount
      FROM "Purchase" WHERE "programId" = ${pid} AND "status" = 'committed' AND "at" >= ${from} AND "at" < ${to}`,
    db.$queryRaw<{ code: string | null; n: bigint }[]>`
      SELECT ct."tierCode" AS code, count(*) AS n FROM "Customer" c LEFT JOIN "CustomerTier" ct ON ct."customerId" = c."id"
      WHERE c."programId" = ${pid} GROUP BY ct."tierCode"`,
    loadSeries(db, pid, tz, from, to, bucket),
  ]);

  const m = members[0];
  const r = revenue[0];
  const memberReceipts = n(r?.mcount);
  const anonymousReceipts = n(r?.acount);
  const all = n(r?.all);
  const memberRevenue = n(r?.members);
  const outstanding = n(balances[0]?.outstanding);

  const byTier = new Map<string, number>();
  for (const row of tiers) {
    const code = row.code ?? input.entryTier ?? "—";
    byTier.set(code, (byTier.get(code) ?? 0) + n(row.n));
  }

  return {
    from,
    to,
    bucket,
    members: { total: n(m?.total), active90: n(active[0]?.n), newThisWeek: n(m?.week), newInPeriod: n(m?.period) },
    points: {
      earned: n(points[0]?.earned),
      spent: n(points[0]?.spent),
      expired: n(points[0]?.expired),
      outstanding,
      pending: n(balances[0]?.pending),
      liability: outstanding * (input.pointValue ?? 100),
    },
    revenue: {
      members: memberRevenue,
      all,
      share: all > 0 ? memberRevenue / all : 0,
      memberReceipts,
      anonymousReceipts,
      avgMember: memberReceipts ? Math.round(memberRevenue / memberReceipts) : 0,
      avgAnonymous: anonymousReceipts ? Math.round((all - memberRevenue) / anonymousReceipts) : 0,
    },
    tiers: [...byTier].map(([code, customers]) => ({ code, customers })),
    series,
  };
}

async function loadSeries(db: Db, pid: string, tz: string, from: Date, to: Date, bucket: "day" | "week"): Promise<SeriesPoint[]> {
  // The unit is a constant picked here, not input: date_trunc's first argument.
  const unit = Prisma.raw(bucket === "week" ? "'week'" : "'day'");
  const [sales, ledger, joined] = await Promise.all([
    db.$queryRaw<{ d: string; m: bigint; a: bigint }[]>`
      SELECT to_char(date_trunc(${unit}, "at" AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS d,
             COALESCE(sum("amount" - "discount") FILTER (WHERE "customerId" IS NOT NULL), 0) AS m,
             COALESCE(sum("amount" - "discount") FILTER (WHERE "customerId" IS NULL), 0) AS a
      FROM "Purchase" WHERE "programId" = ${pid} AND "status" = 'committed' AND "at" >= ${from} AND "at" < ${to} GROUP BY 1`,
    db.$queryRaw<{ d: string; earned: bigint; spent: bigint }[]>`
      SELECT to_char(date_trunc(${unit}, e."at" AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS d,
             COALESCE(sum(e."deltaAvailable" + e."deltaPending") FILTER (WHERE e."type" = 'accrual'), 0) AS earned,
             COALESCE(-sum(e."deltaAvailable" + e."deltaHeld") FILTER (WHERE e."type" = 'redemption'), 0) AS spent
      FROM "LedgerEntry" e JOIN "Account" a ON a."id" = e."accountId"
      WHERE a."programId" = ${pid} AND e."at" >= ${from} AND e."at" < ${to} GROUP BY 1`,
    db.$queryRaw<{ d: string; n: bigint }[]>`
      SELECT to_char(date_trunc(${unit}, "createdAt" AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS d, count(*) AS n
      FROM "Customer" WHERE "programId" = ${pid} AND "createdAt" >= ${from} AND "createdAt" < ${to} GROUP BY 1`,
  ]);
  const points = new Map<string, SeriesPoint>();
  const start = zonedParts(from, tz);
  const cursor = new Date(Date.UTC(start.year, start.month - 1, start.day));
  if (bucket === "week") cursor.setUTCDate(cursor.getUTCDate() - ((cursor.getUTCDay() + 6) % 7));
  const end = zonedParts(to, tz);
  const last = Date.UTC(end.year, end.month - 1, end.day);
  while (cursor.getTime() <= last) {
    const day = cursor.toISOString().slice(0, 10);
    points.set(day, { day, memberRevenue: 0, anonymousRevenue: 0, earned: 0, spent: 0, newMembers: 0 });
    cursor.setUTCDate(cursor.getUTCDate() + (bucket === "week" ? 7 : 1));
  }
  for (const s of sales) {
    const pt = points.get(s.d);
    if (pt) Object.assign(pt, { memberRevenue: n(s.m), anonymousRevenue: n(s.a) });
  }
  for (const l of ledger) {
    const pt = points.get(l.d);
    if (pt) Object.assign(pt, { earned: n(l.earned), spent: n(l.spent) });
  }
  for (const j of joined) {
    const pt = points.get(j.d);
    if (pt) pt.newMembers = n(j.n);
  }
  return [...points.values()];
}
