// A campaign's statistics, read from its Message rows (one per member reached; the holdout's rows
// carry no variant): per variant and in total — queued, sent, delivered, opened, clicked,
// unsubscribed (withdrew the channel's consent after the message was sent), bounced, complained,
// failed, suppressed by each gate; receipts within 7 days of the start against the holdout (count
// and revenue per member, difference and 95 % interval by lib/promotions/uplift.ts); deliveries and
// opens over time. Reads only; pass the analytics client.
import type { Db } from "@/lib/db/client";
import { uplift, type GroupSums, type Uplift } from "@/lib/promotions/uplift";
import { getCampaign, type Campaign, type CampaignScope } from "./store";

export const RECEIPT_WINDOW_MS = 7 * 24 * 3_600_000;

export interface DeliveryCounts {
  /** Members of the group with a message row (queued at some point). */
  queued: number;
  /** Still waiting (queued, deferred by quiet hours, being sent). */
  pending: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  bounced: number;
  complained: number;
  failed: number;
  unsubscribed: number;
  /** Stopped by a gate, by reason (no_consent, address_suppressed, frequency_cap, member_unreachable, holdout). */
  suppressed: Record<string, number>;
  suppressedTotal: number;
}

export interface CampaignStats {
  campaign: Campaign;
  /** Members of the segment reached by the queueing so far, held out of them, and targeted (= audience − holdout). */
  audience: number;
  holdout: number;
  targeted: number;
  /** Targeted members without an address on the channel (nothing queued). */
  noAddress: number;
  /** Queueing progress 0–1 (members reached / the segment's count at the start). */
  queueProgress: number;
  /** Delivery progress 0–1 (messages of targeted members no longer pending / queued). */
  deliveryProgress: number;
  total: DeliveryCounts;
  variants: { key: string; counts: DeliveryCounts }[];
  holdoutCounts: DeliveryCounts;
}

const num = (v: unknown) => Number(v ?? 0);

/** One group's counts as SQL returns them (suppressions come separately, by reason). */
type Row = { grp: string | null } & Omit<DeliveryCounts, "suppressed" | "suppressedTotal">;

function emptyCounts(): DeliveryCounts {
  return { queued: 0, pending: 0, sent: 0, delivered: 0, opened: 0, clicked: 0, bounced: 0, complained: 0, failed: 0, unsubscribed: 0, suppressed: {}, suppressedTotal: 0 };
}

function add(a: DeliveryCounts, b: DeliveryCounts): DeliveryCounts {
  const suppressed = { ...a.suppressed };
  for (const [k, v] of Object.entries(b.suppressed)) suppressed[k] = (suppressed[k] ?? 0) + v;
  return {
    queued: a.queued + b.queued,
    pending: a.pending + b.pending,
    sent: a.sent + b.sent,
    delivered: a.delivered + b.delivered,
    opened: a.opened + b.opened,
    clicked: a.clicked + b.clicked,
    bounced: a.bounced + b.bounced,
    complained: a.complained + b.complained,
    failed: a.failed + b.failed,
    unsubscribed: a.unsubscribed + b.unsubscribed,
    suppressed,
    suppressedTotal: a.suppressedTotal + b.suppressedTotal,
  };
}

export async function campaignStats(db: Db, programId: string, campaignId: string, scope?: CampaignScope): Promise<CampaignStats> {
  const campaign = await getCampaign(db, programId, campaignId, scope);
  // "Reached at least": provider events only move forward, so an opened message was delivered.
  const rows = await db.$queryRaw<Row[]>`
    SELECT m.data->>'variant' AS grp, count(*)::int AS queued,
      count(*) FILTER (WHERE m.status IN ('queued', 'sending'))::int AS pending,
      count(*) FILTER (WHERE m.status IN ('sent', 'delivered', 'opened', 'clicked', 'bounced', 'complained'))::int AS sent,
      count(*) FILTER (WHERE m.status IN ('delivered', 'opened', 'clicked') OR m."deliveredAt" IS NOT NULL)::int AS delivered,
      count(*) FILTER (WHERE m.status IN ('opened', 'clicked') OR m."openedAt" IS NOT NULL)::int AS opened,
      count(*) FILTER (WHERE m.status = 'clicked' OR m."clickedAt" IS NOT NULL)::int AS clicked,
      count(*) FILTER (WHERE m.status = 'bounced')::int AS bounced,
      count(*) FILTER (WHERE m.status = 'complained')::int AS complained,
      count(*) FILTER (WHERE m.status = 'failed')::int AS failed,
      count(*) FILTER (WHERE m."sentAt" IS NOT NULL AND CASE WHEN m.channel = 'email'
                         THEN NOT c."emailConsent" AND c."emailConsentAt" >= m."sentAt"
                         ELSE NOT c."smsConsent" AND c."smsConsentAt" >= m."sentAt" END)::int AS unsubscribed
    FROM "Message" m LEFT JOIN "Customer" c ON c.id = m."customerId"
    WHERE m."campaignId" = ${campaignId} AND m."programId" = ${programId}
    GROUP BY 1`;
  const suppressed = await db.$queryRaw<{ grp: string | null; reason: string | null; n: number }[]>`
    SELECT data->>'variant' AS grp, reason, count(*)::int AS n FROM "Message"
    WHERE "campaignId" = ${campaignId} AND "programId" = ${programId} AND status = 'suppressed'
    GROUP BY 1, 2`;
  const counts = new Map<string | null, DeliveryCounts>();
  for (const r of rows) {
    const c = emptyCounts();
    for (const k of ["queued", "pending", "sent", "delivered", "opened", "clicked", "bounced", "complained", "failed", "unsubscribed"] as const) c[k] = num(r[k]);
    counts.set(r.grp, c);
  }
  for (const s of suppressed) {
    const c = counts.get(s.grp) ?? emptyCounts();
    c.suppressed[s.reason ?? "unknown"] = (c.suppressed[s.reason ?? "unknown"] ?? 0) + s.n;
    c.suppressedTotal += s.n;
    counts.set(s.grp, c);
  }
  const variants = campaign.variants.map((v) => ({ key: v.key, counts: counts.get(v.key) ?? emptyCounts() }));
  const total = variants.reduce((a, v) => add(a, v.counts), emptyCounts());
  const targeted = campaign.audienceCount - campaign.holdoutCount;
  const seg = campaign.segmentCount ?? 0;
  const queueProgress = campaign.status === "sent" ? 1 : seg > 0 ? Math.min(1, campaign.audienceCount / seg) : campaign.status === "sending" ? 0 : 0;
  return {
    campaign,
    audience: campaign.audienceCount,
    holdout: campaign.holdoutCount,
    targeted,
    noAddress: campaign.noAddressCount,
    queueProgress,
    deliveryProgress: total.queued > 0 ? (total.queued - total.pending) / total.queued : 0,
    total,
    variants,
    holdoutCounts: counts.get(null) ?? emptyCounts(),
  };
}

export interface GroupOutcome {
  members: number;
  receipts: GroupSums;
  revenue: GroupSums;
}

export interface CampaignUplift {
  from: Date;
  to: Date;
  /** The 7 days are not over yet. */
  partial: boolean;
  exposed: GroupOutcome;
  holdout: GroupOutcome;
  receipts: Uplift;
  revenue: Uplift;
  variants: { key: string; outcome: GroupOutcome; receipts: Uplift; revenue: Uplift }[];
}

/**
 * Receipts within 7 days of the start, per member, of the targeted members (by variant) against the
 * held-out ones — members with a message row on both sides (an address on the channel), each in
 * its group by the hash whatever its delivery became (intention to treat). Revenue is what
 * committed receipts paid in money less their returns (minor units). Null before the start.
 */
export async function campaignUplift(db: Db, programId: string, campaignId: string, now: Date): Promise<CampaignUplift | null> {
  const campaign = await getCampaign(db, programId, campaignId);
  if (!campaign.startedAt || campaign.holdoutPercent <= 0) return null;
  const from = campaign.startedAt;
  const to = new Date(Math.min(from.getTime() + RECEIPT_WINDOW_MS, now.getTime()));
  const rows = await db.$queryRaw<{ grp: string | null; n: number; r: number; r2: number; s: number; s2: number }[]>`
    WITH m AS (
      SELECT "customerId" AS id, data->>'variant' AS grp FROM "Message"
      WHERE "campaignId" = ${campaignId} AND "programId" = ${programId} AND "customerId" IS NOT NULL
    ), p AS (
      SELECT pu."customerId" AS id, count(*)::float8 AS receipts, sum(pu.payable - coalesce(r.refunded, 0))::float8 AS spend
      FROM "Purchase" pu
      JOIN m ON m.id = pu."customerId"
      LEFT JOIN LATERAL (SELECT sum(x.amount) AS refunded FROM "PurchaseReturn" x WHERE x."purchaseId" = pu.id) r ON true
      WHERE pu."programId" = ${programId} AND pu.status = 'committed' AND pu.at >= ${from} AND pu.at < ${to}
      GROUP BY pu."customerId"
    )
    SELECT m.grp, count(*)::int AS n,
      coalesce(sum(p.receipts), 0)::float8 AS r, coalesce(sum(p.receipts * p.receipts), 0)::float8 AS r2,
      coalesce(sum(p.spend), 0)::float8 AS s, coalesce(sum(p.spend * p.spend), 0)::float8 AS s2
    FROM m LEFT JOIN p ON p.id = m.id GROUP BY m.grp`;
  const outcome = (rs: typeof rows): GroupOutcome => ({
    members: rs.reduce((a, r) => a + num(r.n), 0),
    receipts: { n: rs.reduce((a, r) => a + num(r.n), 0), sum: rs.reduce((a, r) => a + num(r.r), 0), sumSq: rs.reduce((a, r) => a + num(r.r2), 0) },
    revenue: { n: rs.reduce((a, r) => a + num(r.n), 0), sum: rs.reduce((a, r) => a + num(r.s), 0), sumSq: rs.reduce((a, r) => a + num(r.s2), 0) },
  });
  const holdout = outcome(rows.filter((r) => r.grp === null));
  const exposed = outcome(rows.filter((r) => r.grp !== null));
  return {
    from,
    to,
    partial: to.getTime() < from.getTime() + RECEIPT_WINDOW_MS,
    exposed,
    holdout,
    receipts: uplift(exposed.receipts, holdout.receipts),
    revenue: uplift(exposed.revenue, holdout.revenue),
    variants: campaign.variants.map((v) => {
      const o = outcome(rows.filter((r) => r.grp === v.key));
      return { key: v.key, outcome: o, receipts: uplift(o.receipts, holdout.receipts), revenue: uplift(o.revenue, holdout.revenue) };
    }),
  };
}

export interface TimelinePoint {
  at: Date;
  delivered: number;
  opened: number;
  clicked: number;
}

/** Deliveries, opens and clicks per hour (per day past three days) from the start to 7 days later or now. */
export async function campaignTimeline(db: Db, programId: string, campaignId: string, now: Date): Promise<{ unit: "hour" | "day"; points: TimelinePoint[] }> {
  const campaign = await getCampaign(db, programId, campaignId);
  if (!campaign.startedAt) return { unit: "hour", points: [] };
  const from = campaign.startedAt;
  const to = new Date(Math.min(from.getTime() + RECEIPT_WINDOW_MS, now.getTime()));
  const unit = to.getTime() - from.getTime() > 3 * 24 * 3_600_000 ? "day" : "hour";
  const rows = await db.$queryRaw<{ at: Date; delivered: number; opened: number; clicked: number }[]>`
    WITH b AS (
      SELECT generate_series(date_trunc(${unit}::text, ${from}::timestamptz), ${to}::timestamptz, ${`1 ${unit}`}::interval) AS at
    ), m AS (
      SELECT "deliveredAt", "openedAt", "clickedAt" FROM "Message" WHERE "campaignId" = ${campaignId} AND "programId" = ${programId}
    ), d AS (SELECT date_trunc(${unit}::text, "deliveredAt") AS at, count(*) AS n FROM m WHERE "deliveredAt" IS NOT NULL GROUP BY 1
    ), o AS (SELECT date_trunc(${unit}::text, "openedAt") AS at, count(*) AS n FROM m WHERE "openedAt" IS NOT NULL GROUP BY 1
    ), c AS (SELECT date_trunc(${unit}::text, "clickedAt") AS at, count(*) AS n FROM m WHERE "clickedAt" IS NOT NULL GROUP BY 1)
    SELECT b.at, coalesce(d.n, 0)::int AS delivered, coalesce(o.n, 0)::int AS opened, coalesce(c.n, 0)::int AS clicked
    FROM b LEFT JOIN d ON d.at = b.at LEFT JOIN o ON o.at = b.at LEFT JOIN c ON c.at = b.at
    ORDER BY b.at`;
  return { unit, points: rows.map((r) => ({ at: r.at, delivered: num(r.delivered), opened: num(r.opened), clicked: num(r.clicked) })) };
}

export interface CampaignSummary {
  /** Targeted members' messages handed to the provider (whatever became of them after). */
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  /** Targeted members' messages stopped by a gate (no consent, suppressed address, cap, …). */
  suppressed: number;
  /** Held-out members' rows (never sent, by design). */
  holdout: number;
}

/** Share 0–1 of `part` in `whole`, or null when there is nothing to divide by. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * Per campaign of the program, for its list: of the targeted members' messages, how many were sent,
 * delivered, opened, clicked or stopped by a gate, and apart from them the held-out rows — so
 * "delivered" is read against what was sent, never against what the gates and the holdout kept back.
 * The owner's campaigns, or with a scope one partner's mailings.
 */
export async function campaignSummaries(db: Db, programId: string, scope?: CampaignScope): Promise<Map<string, CampaignSummary>> {
  const partnerId = scope?.partnerId ?? null;
  const rows = await db.$queryRaw<({ id: string } & CampaignSummary)[]>`
    SELECT m."campaignId" AS id,
      count(*) FILTER (WHERE m.data->>'variant' IS NOT NULL AND m.status IN ('sent', 'delivered', 'opened', 'clicked', 'bounced', 'complained'))::int AS sent,
      count(*) FILTER (WHERE m.data->>'variant' IS NOT NULL AND (m.status IN ('delivered', 'opened', 'clicked') OR m."deliveredAt" IS NOT NULL))::int AS delivered,
      count(*) FILTER (WHERE m.data->>'variant' IS NOT NULL AND (m.status IN ('opened', 'clicked') OR m."openedAt" IS NOT NULL))::int AS opened,
      count(*) FILTER (WHERE m.data->>'variant' IS NOT NULL AND (m.status = 'clicked' OR m."clickedAt" IS NOT NULL))::int AS clicked,
      count(*) FILTER (WHERE m.data->>'variant' IS NOT NULL AND m.status = 'suppressed')::int AS suppressed,
      count(*) FILTER (WHERE m.data->>'variant' IS NULL)::int AS holdout
    FROM "Message" m JOIN "Campaign" c ON c.id = m."campaignId" AND c."programId" = ${programId} AND c."partnerId" IS NOT DISTINCT FROM ${partnerId}::text
    WHERE m."programId" = ${programId}
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.id, { sent: num(r.sent), delivered: num(r.delivered), opened: num(r.opened), clicked: num(r.clicked), suppressed: num(r.suppressed), holdout: num(r.holdout) }]));
}
