// The activity summary segments read ("CustomerActivity", "CustomerActivityMonth", kept by
// triggers on "Purchase" and "Visit", see the customer_activity migration; "CustomerCategoryDay",
// kept by triggers on "PurchaseLine" and "Purchase", see customer_category_day) checked against a
// recomputation from the receipts, their lines and the visits themselves.
import type { Db } from "@/lib/db/client";

export interface ActivityMismatch {
  /**
   * "month": a customer's month; "customer": the customer's totals, last purchase / visit or rolling
   * windows; "category": a customer's day of a category; "status": the status and main balance the
   * summary row holds, against "CustomerTier" and "Account" (every member with either has a row);
   * "profile": the consents and birth date a summary row holds, against "Customer".
   */
  kind: "month" | "customer" | "category" | "status" | "profile";
  customerId: string;
  /** The summary's row ("have") and the recomputed one ("want"), as text; null when absent. */
  have: string | null;
  want: string | null;
}

/**
 * Visits before the retention's horizon (lib/purchases/visit-retention.ts) are offline: their
 * months' counts and a last visit before it are the summary's own (they were exact when the month
 * went), so the recomputation takes them from it; -infinity while nothing is archived.
 */
const VISIT_HORIZON = `coalesce((SELECT max(h."to") FROM "VisitArchive" h), '-infinity'::timestamptz)`;

/**
 * The same for receipts (lib/purchases/purchase-retention.ts): before the horizon their months'
 * receipts and spend, a last purchase, the category days and the rolling windows reaching back past
 * it are the summary's own.
 */
const PURCHASE_HORIZON = `coalesce((SELECT max(h."to") FROM "PurchaseArchive" h), '-infinity'::timestamptz)`;

const ROWS = `
  SELECT p."customerId", p."programId", date_trunc('month', p."at" AT TIME ZONE 'UTC')::date AS "month", 1 AS r, (p."amount" - p."discount")::bigint AS s, 0 AS v, p."at" AS pat, NULL::timestamptz AS vat
  FROM "Purchase" p WHERE p."programId" = $1 AND p."status" = 'committed' AND p."customerId" IS NOT NULL AND p."at" >= ${PURCHASE_HORIZON}
  UNION ALL
  SELECT m."customerId", m."programId", m."month", m."receipts", m."spend", 0, NULL, NULL FROM "CustomerActivityMonth" m
  WHERE m."programId" = $1 AND (m."receipts" <> 0 OR m."spend" <> 0) AND (m."month"::timestamp AT TIME ZONE 'UTC') < ${PURCHASE_HORIZON}
  UNION ALL
  SELECT a."customerId", a."programId", NULL, 0, 0, 0, a."lastPurchaseAt", NULL FROM "CustomerActivity" a
  WHERE a."programId" = $1 AND a."lastPurchaseAt" < ${PURCHASE_HORIZON}
  UNION ALL
  SELECT v."customerId", v."programId", date_trunc('month', v."at" AT TIME ZONE 'UTC')::date, 0, 0, 1, NULL, v."at" FROM "Visit" v WHERE v."programId" = $1 AND v."at" >= ${VISIT_HORIZON}
  UNION ALL
  SELECT m."customerId", m."programId", m."month", 0, 0, m."visits", NULL, NULL FROM "CustomerActivityMonth" m
  WHERE m."programId" = $1 AND m."visits" <> 0 AND (m."month"::timestamp AT TIME ZONE 'UTC') < ${VISIT_HORIZON}
  UNION ALL
  SELECT a."customerId", a."programId", NULL, 0, 0, 0, NULL, a."lastVisitAt" FROM "CustomerActivity" a
  WHERE a."programId" = $1 AND a."lastVisitAt" < ${VISIT_HORIZON}`;

const MONTH_INDEX = (at: string) => `(extract(year FROM ${at} AT TIME ZONE 'UTC')::int * 12 + extract(month FROM ${at} AT TIME ZONE 'UTC')::int - 1)`;

/**
 * A customer's rolling windows (migration customer_activity_ring) recomputed from their committed
 * receipts, as text: the month of the last one, then "receipts:spend" of the 1 … 13 months ending
 * with it; "-" without a receipt. `customer`: SQL naming the customer's id.
 */
export function ringFromReceiptsSql(customer: string): string {
  const committed = `"customerId" = ${customer} AND "status" = 'committed'`;
  return `(SELECT coalesce(t.top::text || ' ' || (SELECT string_agg((SELECT count(*) || ':' || coalesce(sum(q."amount" - q."discount"), 0) FROM "Purchase" q WHERE q.${committed} AND ${MONTH_INDEX(`q."at"`)} > t.top - i), ',' ORDER BY i) FROM generate_series(1, 13) i), '-')
    FROM (SELECT max(${MONTH_INDEX(`r."at"`)}) AS top FROM "Purchase" r WHERE r.${committed}) t)`;
}

/** The same as the summary row `a` holds it. */
export function ringOfRowSql(a: string): string {
  return `coalesce(${a}."ringMonth"::text || ' ' || (SELECT string_agg(u.r || ':' || u.s, ',' ORDER BY u.i) FROM unnest(${a}."ringReceipts", ${a}."ringSpend") WITH ORDINALITY u(r, s, i)), '-')`;
}

/**
 * A customer's rolling windows of visits (migration customer_activity_visit_ring) recomputed from
 * their visits, as text: the month of the last one, then the visits of the 1 … 13 months ending
 * with it; "-" without a visit.
 */
export function visitRingFromVisitsSql(customer: string): string {
  return `(SELECT coalesce(t.top::text || ' ' || (SELECT string_agg((SELECT count(*) FROM "Visit" q WHERE q."customerId" = ${customer} AND ${MONTH_INDEX(`q."at"`)} > t.top - i)::text, ',' ORDER BY i) FROM generate_series(1, 13) i), '-')
    FROM (SELECT max(${MONTH_INDEX(`r."at"`)}) AS top FROM "Visit" r WHERE r."customerId" = ${customer}) t)`;
}

/** The same as the summary row `a` holds it. */
export function visitRingOfRowSql(a: string): string {
  return `coalesce(${a}."visitRingMonth"::text || ' ' || array_to_string(${a}."ringVisits", ','), '-')`;
}

/**
 * The status and main balance of the summary row `a` (migration customer_activity_status_balance)
 * as text, and the same from the customer's status row `t` and main account `m` (joined on the side).
 */
export const STATUS_OF_ROW = `coalesce(a."tierCode", '-') || ' ' || a."mainAvailable"`;
export const STATUS_OF_TABLES = `coalesce(t."tierCode", '-') || ' ' || coalesce(m."available", 0)`;

/**
 * The consents and birth date of the summary row `a` (migration customer_activity_profile) as text,
 * and the same from the customer's row `c`.
 */
export const PROFILE_OF_ROW = `a."emailConsent" || ' ' || a."smsConsent" || ' ' || coalesce(a."birthDate"::text, '-')`;
export const PROFILE_OF_CUSTOMER = `c."emailConsent" || ' ' || c."smsConsent" || ' ' || coalesce(c."birthDate"::text, '-')`;

/** Every difference between the program's summary and its receipts / visits (empty: exact). Rows of all zeros count as absent. */
export async function activityMismatches(db: Db, programId: string): Promise<ActivityMismatch[]> {
  const sql = `
    WITH want_m AS (
      SELECT x."customerId", x."month"::text || ' ' || sum(x.r) || ' ' || sum(x.s) || ' ' || sum(x.v) AS t FROM (${ROWS}) x WHERE x."month" IS NOT NULL GROUP BY x."customerId", x."month"
    ), have_m AS (
      SELECT m."customerId", m."month"::text || ' ' || m."receipts" || ' ' || m."spend" || ' ' || m."visits" AS t FROM "CustomerActivityMonth" m
      WHERE m."programId" = $1 AND (m."receipts" <> 0 OR m."spend" <> 0 OR m."visits" <> 0)
    ), want_c AS (
      SELECT x."customerId", sum(x.r) || ' ' || sum(x.s) || ' ' || sum(x.v) || ' ' || coalesce(max(x.pat)::text, '-') || ' ' || coalesce(max(x.vat)::text, '-') AS t
      FROM (${ROWS}) x GROUP BY x."customerId"
    ), have_c AS (
      SELECT a."customerId", a."receipts" || ' ' || a."spend" || ' ' || a."visits" || ' ' || coalesce(a."lastPurchaseAt"::text, '-') || ' ' || coalesce(a."lastVisitAt"::text, '-') AS t
      FROM "CustomerActivity" a WHERE a."programId" = $1 AND (a."receipts" <> 0 OR a."spend" <> 0 OR a."visits" <> 0 OR a."lastPurchaseAt" IS NOT NULL OR a."lastVisitAt" IS NOT NULL)
    ), want_d AS (
      SELECT p."customerId", (p."at" AT TIME ZONE 'UTC')::date::text || ' ' || l."category" || ' ' || count(*) AS t
      FROM "PurchaseLine" l JOIN "Purchase" p ON p."id" = l."purchaseId" AND p."at" = l."purchaseAt"
      WHERE p."programId" = $1 AND p."status" = 'committed' AND p."customerId" IS NOT NULL AND p."at" >= ${PURCHASE_HORIZON}
      GROUP BY p."customerId", (p."at" AT TIME ZONE 'UTC')::date, l."category"
      UNION ALL
      SELECT d."customerId", d."day"::text || ' ' || d."category" || ' ' || d."lines" FROM "CustomerCategoryDay" d
      WHERE d."programId" = $1 AND d."lines" <> 0 AND (d."day"::timestamp AT TIME ZONE 'UTC') < ${PURCHASE_HORIZON}
    ), have_d AS (
      SELECT d."customerId", d."day"::text || ' ' || d."category" || ' ' || d."lines" AS t FROM "CustomerCategoryDay" d WHERE d."programId" = $1 AND d."lines" <> 0
    )
    SELECT 'month' AS kind, coalesce(h."customerId", w."customerId") AS "customerId", h.t AS have, w.t AS want
    FROM have_m h FULL JOIN want_m w ON w."customerId" = h."customerId" AND split_part(w.t, ' ', 1) = split_part(h.t, ' ', 1)
    WHERE h.t IS DISTINCT FROM w.t
    UNION ALL
    SELECT 'customer', coalesce(h."customerId", w."customerId"), h.t, w.t
    FROM have_c h FULL JOIN want_c w ON w."customerId" = h."customerId"
    WHERE h.t IS DISTINCT FROM w.t
    UNION ALL
    SELECT 'customer', a."customerId", h.t, w.t
    FROM "CustomerActivity" a, LATERAL (SELECT ${ringOfRowSql("a")} AS t) h, LATERAL (SELECT ${ringFromReceiptsSql(`a."customerId"`)} AS t) w
    WHERE a."programId" = $1 AND h.t IS DISTINCT FROM w.t
      -- windows reaching back before the receipts' horizon cannot be recomputed from the receipts online
      AND (a."lastPurchaseAt" IS NULL OR a."lastPurchaseAt" - interval '13 months' >= ${PURCHASE_HORIZON})
    UNION ALL
    SELECT 'customer', a."customerId", h.t, w.t
    FROM "CustomerActivity" a, LATERAL (SELECT ${visitRingOfRowSql("a")} AS t) h, LATERAL (SELECT ${visitRingFromVisitsSql(`a."customerId"`)} AS t) w
    WHERE a."programId" = $1 AND h.t IS DISTINCT FROM w.t
      AND (a."lastVisitAt" IS NULL OR a."lastVisitAt" - interval '13 months' >= ${VISIT_HORIZON})
    UNION ALL
    SELECT 'category', coalesce(h."customerId", w."customerId"), h.t, w.t
    FROM have_d h FULL JOIN want_d w ON w."customerId" = h."customerId" AND w.t = h.t
    WHERE h.t IS NULL OR w.t IS NULL
    UNION ALL
    SELECT 'status', c."id", ${STATUS_OF_ROW}, ${STATUS_OF_TABLES}
    FROM "Customer" c LEFT JOIN "CustomerActivity" a ON a."customerId" = c."id" LEFT JOIN "CustomerTier" t ON t."customerId" = c."id"
      LEFT JOIN "Account" m ON m."customerId" = c."id" AND m."kind" = 'main'
    -- (a member with a status or a main account has a summary row: "have" is NULL without one)
    WHERE c."programId" = $1 AND (a."customerId" IS NOT NULL OR t."customerId" IS NOT NULL OR m."customerId" IS NOT NULL)
      AND ${STATUS_OF_ROW} IS DISTINCT FROM ${STATUS_OF_TABLES}
    UNION ALL
    SELECT 'profile', c."id", ${PROFILE_OF_ROW}, ${PROFILE_OF_CUSTOMER}
    FROM "CustomerActivity" a JOIN "Customer" c ON c."id" = a."customerId"
    WHERE a."programId" = $1 AND ${PROFILE_OF_ROW} IS DISTINCT FROM ${PROFILE_OF_CUSTOMER}
    ORDER BY 2, 1, 3`;
  return db.$queryRawUnsafe<ActivityMismatch[]>(sql, programId);
}
