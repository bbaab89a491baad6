// The partner's dashboard: receipts, revenue from members and anonymous buyers, points issued
// and redeemed at its stores (what the coalition settles), returns, a daily series and top
// stores. Every query joins Store and filters by the partner in SQL.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { bucketDays, PARTNER_PERIODS, periodRange, type PartnerPeriod } from "./period";

export interface PartnerDayPoint {
  /** Start of the day or week, YYYY-MM-DD in the program's zone. */
  day: string;
  memberRevenue: number;
  anonymousRevenue: number;
  receipts: number;
  pointsIssued: number;
  pointsRedeemed: number;
}

export interface PartnerDashboard {
  from: Date;
  to: Date;
  /** Chart points are days, or weeks (starting Monday) for periods longer than 92 days. */
  bucket: "day" | "week";
  receipts: { all: number; members: number; anonymous: number; customers: number };
  revenue: { all: number; members: number; anonymous: number; share: number; average: number };
  points: { issued: number; redeemed: number };
  returns: { count: number; amount: number; pointsRefunded: number; pointsReclaimed: number };
  series: PartnerDayPoint[];
  topStores: { id: string; code: string; name: string; receipts: number; revenue: number; pointsIssued: number; pointsRedeemed: number }[];
}

const n = (v: unknown) => Number(v ?? 0);

export async function loadPartnerDashboard(db: Db, input: { partnerId: string; timeZone: string; period: PartnerPeriod; now?: Date }): Promise<PartnerDashboard> {
  const tz = input.timeZone;
  const { from, to } = periodRange(input.period, tz, input.now);
  const pid = input.partnerId;
  const bucket: "day" | "week" = PARTNER_PERIODS[input.period] > 92 ? "week" : "day";
  // A constant chosen here, never input: date_trunc's unit.
  const unit = Prisma.raw(bucket === "week" ? "'week'" : "'day'");
  // Revenue = amount − discount of committed receipts (the console's definition).
  const [totals, returns, days, stores] = await Promise.all([
    db.$queryRaw<{ all: bigint; members: bigint; mcount: bigint; acount: bigint; customers: bigint; issued: bigint; redeemed: bigint }[]>`
      SELECT COALESCE(sum(p."amount" - p."discount"), 0) AS all,
             COALESCE(sum(p."amount" - p."discount") FILTER (WHERE p."customerId" IS NOT NULL), 0) AS members,
             count(*) FILTER (WHERE p."customerId" IS NOT NULL) AS mcount,
             count(*) FILTER (WHERE p."customerId" IS NULL) AS acount,
             count(DISTINCT p."customerId") AS customers,
             COALESCE(sum(p."pointsEarned"), 0) AS issued,
             COALESCE(sum(p."pointsRedeemed"), 0) AS redeemed
      FROM "Purchase" p JOIN "Store" s ON s."id" = p."storeId"
      WHERE p."partnerId" = ${pid} AND p."status" = 'committed' AND p."at" >= ${from} AND p."at" < ${to}`,
    db.$queryRaw<{ count: bigint; amount: bigint; refunded: bigint; reclaimed: bigint }[]>`
      SELECT count(*) AS count, COALESCE(sum(r."amount"), 0) AS amount,
             COALESCE(sum(r."pointsRefunded"), 0) AS refunded, COALESCE(sum(r."pointsReclaimed"), 0) AS reclaimed
      FROM "PurchaseReturn" r JOIN "Purchase" p ON p."id" = r."purchaseId" JOIN "Store" s ON s."id" = p."storeId"
      WHERE p."partnerId" = ${pid} AND r."at" >= ${from} AND r."at" < ${to}`,
    db.$queryRaw<{ d: string; m: bigint; a: bigint; c: bigint; e: bigint; r: bigint }[]>`
      SELECT to_char(date_trunc(${unit}, p."at" AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS d,
             COALESCE(sum(p."amount" - p."discount") FILTER (WHERE p."customerId" IS NOT NULL), 0) AS m,
             COALESCE(sum(p."amount" - p."discount") FILTER (WHERE p."customerId" IS NULL), 0) AS a,
             count(*) AS c, COALESCE(sum(p."pointsEarned"), 0) AS e, COALESCE(sum(p."pointsRedeemed"), 0) AS r
      FROM "Purchase" p JOIN "Store" s ON s."id" = p."storeId"
      WHERE p."partnerId" = ${pid} AND p."status" = 'committed' AND p."at" >= ${from} AND p."at" < ${to}
      GROUP BY 1`,
    db.$queryRaw<{ id: string; code: string; name: string; c: bigint; rev: bigint; e: bigint; r: bigint }[]>`
      SELECT s."id", s."code", s."name", count(p."id") AS c, COALESCE(sum(p."amount" - p."discount"), 0) AS rev,
             COALESCE(sum(p."pointsEarned"), 0) AS e, COALESCE(sum(p."pointsRedeemed"), 0) AS r
      FROM "Store" s LEFT JOIN "Purchase" p ON p."storeId" = s."id" AND p."partnerId" = ${pid} AND p."status" = 'committed' AND p."at" >= ${from} AND p."at" < ${to}
      WHERE s."partnerId" = ${pid}
      GROUP BY s."id", s."code", s."name"
      ORDER BY rev DESC, s."code" ASC
      LIMIT 10`,
  ]);
  const t = totals[0];
  const all = n(t?.all);
  const members = n(t?.members);
  const count = n(t?.mcount) + n(t?.acount);
  const ret = returns[0];
  return {
    from,
    to,
    bucket,
    receipts: { all: count, members: n(t?.mcount), anonymous: n(t?.acount), customers: n(t?.customers) },
    revenue: { all, members, anonymous: all - members, share: all > 0 ? members / all : 0, average: count ? Math.round(all / count) : 0 },
    points: { issued: n(t?.issued), redeemed: n(t?.redeemed) },
    returns: { count: n(ret?.count), amount: n(ret?.amount), pointsRefunded: n(ret?.refunded), pointsReclaimed: n(ret?.reclaimed) },
    series: fillBuckets(from, to, tz, bucket, days),
    topStores: stores.map((s) => ({ id: s.id, code: s.code, name: s.name, receipts: n(s.c), revenue: n(s.rev), pointsIssued: n(s.e), pointsRedeemed: n(s.r) })),
  };
}

/** One point per day (or week) of the period, zero where nothing happened. */
function fillBuckets(from: Date, to: Date, tz: string, bucket: "day" | "week", rows: { d: string; m: bigint; a: bigint; c: bigint; e: bigint; r: bigint }[]): PartnerDayPoint[] {
  const byDay = new Map(rows.map((r) => [r.d, r]));
  return bucketDays(from, to, tz, bucket).map((day) => {
    const r = byDay.get(day);
    return { day, memberRevenue: n(r?.m), anonymousRevenue: n(r?.a), receipts: n(r?.c), pointsIssued: n(r?.e), pointsRedeemed: n(r?.r) };
  });
}
