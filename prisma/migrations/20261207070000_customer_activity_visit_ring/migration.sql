-- Rolling windows of visits per customer, as "ringMonth" / "ringReceipts" are for receipts
-- (migration customer_activity_ring): "visitRingMonth" is the UTC month of the last visit as
-- year × 12 + month − 1, and element i (1 … 13) of "ringVisits" the visits of the i UTC months
-- ending with it (cumulative). "Visits in the last N days" is then the ring's whole months plus the
-- visits of one partial edge month, a test of the summary row (lib/segments/compile.ts) instead of
-- a sum over every member's month rows grouped by customer (bench:segments' category shape: the
-- "≥ 2 visits in 365 days" set was 757 of its 1,700 ms at 1,000,000 members).
-- A visit's INSERT adds itself in the summary row's own upsert (as a receipt does, migrations
-- customer_activity_ring_increment and activity_one_customer_receipts); deletes and moves
-- recompute the rings of the customers they touch from the month rows.

-- AlterTable
ALTER TABLE "CustomerActivity" ADD COLUMN     "ringVisits" INTEGER[],
ADD COLUMN     "visitRingMonth" INTEGER;

-- Writers of visits wait while the rings are filled (the migration is one transaction).
LOCK TABLE "Visit" IN SHARE MODE;

-- The visit ring of each of `ids` from its month rows (null without a visit).
CREATE FUNCTION "customer_activity_visit_ring"(ids text[]) RETURNS void LANGUAGE sql AS $$
  WITH t AS (
    SELECT a."customerId", (extract(year FROM a."lastVisitAt" AT TIME ZONE 'UTC')::int * 12 + extract(month FROM a."lastVisitAt" AT TIME ZONE 'UTC')::int - 1) AS mi
    FROM "CustomerActivity" a WHERE a."customerId" = ANY(ids)
  ), r AS (
    SELECT t."customerId", t.mi, w.rv FROM t LEFT JOIN LATERAL (
      SELECT array_agg(c.v ORDER BY c.i) AS rv FROM (
        SELECT g.i, (sum(coalesce(b.v, 0)) OVER (ORDER BY g.i))::int AS v
        FROM generate_series(1, 13) g(i) LEFT JOIN (
          SELECT t.mi - (extract(year FROM m."month")::int * 12 + extract(month FROM m."month")::int - 1) + 1 AS i, m."visits" AS v
          FROM "CustomerActivityMonth" m
          WHERE m."customerId" = t."customerId" AND m."month" <= make_date(t.mi / 12, t.mi % 12 + 1, 1) AND m."month" > make_date(t.mi / 12, t.mi % 12 + 1, 1) - interval '13 months'
        ) b ON b.i = g.i
      ) c
    ) w ON t.mi IS NOT NULL
  )
  UPDATE "CustomerActivity" a SET "visitRingMonth" = r.mi, "ringVisits" = r.rv
  FROM r WHERE a."customerId" = r."customerId"
    AND (a."visitRingMonth" IS DISTINCT FROM r.mi OR a."ringVisits" IS DISTINCT FROM r.rv)
$$;

-- Inserted visits: one customer's in one UTC month (a gate's scan, a ticket's visit) by two
-- single-row upserts, the ring of the same month added to in place; anything else (imports, seeds,
-- several customers or months) as windows of each customer's latest month merged into the row's.
CREATE OR REPLACE FUNCTION "customer_activity_add_visits"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
  c_lo text;
  c_hi text;
  prog text;
  last_at timestamptz;
  m_lo integer;
  m_hi integer;
BEGIN
  SELECT count(*), min(x."customerId"), max(x."customerId"), min(x."programId"), max(x."at"), min((extract(year FROM x."at" AT TIME ZONE 'UTC')::int * 12 + extract(month FROM x."at" AT TIME ZONE 'UTC')::int - 1)), max((extract(year FROM x."at" AT TIME ZONE 'UTC')::int * 12 + extract(month FROM x."at" AT TIME ZONE 'UTC')::int - 1))
    INTO n, c_lo, c_hi, prog, last_at, m_lo, m_hi
    FROM new_rows x;
  IF n = 0 THEN
    RETURN NULL;
  END IF;
  IF c_lo = c_hi AND m_lo = m_hi THEN
    INSERT INTO "CustomerActivityMonth" AS m ("customerId", "month", "programId", "visits")
    VALUES (c_lo, make_date(m_lo / 12, m_lo % 12 + 1, 1), prog, n)
    ON CONFLICT ("customerId", "month") DO UPDATE SET "visits" = m."visits" + excluded."visits";
    INSERT INTO "CustomerActivity" AS a ("customerId", "programId", "lastVisitAt", "visits", "visitRingMonth", "ringVisits")
    VALUES (c_lo, prog, last_at, n, m_lo, array_fill(n::int, ARRAY[13]))
    ON CONFLICT ("customerId") DO UPDATE SET "lastVisitAt" = GREATEST(a."lastVisitAt", excluded."lastVisitAt"), "visits" = a."visits" + excluded."visits",
      "visitRingMonth" = GREATEST(a."visitRingMonth", excluded."visitRingMonth"),
      "ringVisits" = CASE WHEN a."visitRingMonth" = excluded."visitRingMonth"
        THEN ARRAY[coalesce(a."ringVisits"[1], 0) + n::int, coalesce(a."ringVisits"[2], 0) + n::int, coalesce(a."ringVisits"[3], 0) + n::int, coalesce(a."ringVisits"[4], 0) + n::int, coalesce(a."ringVisits"[5], 0) + n::int, coalesce(a."ringVisits"[6], 0) + n::int, coalesce(a."ringVisits"[7], 0) + n::int, coalesce(a."ringVisits"[8], 0) + n::int, coalesce(a."ringVisits"[9], 0) + n::int, coalesce(a."ringVisits"[10], 0) + n::int, coalesce(a."ringVisits"[11], 0) + n::int, coalesce(a."ringVisits"[12], 0) + n::int, coalesce(a."ringVisits"[13], 0) + n::int]
        ELSE "customer_activity_ring_add"(a."visitRingMonth", a."ringVisits", excluded."visitRingMonth", excluded."ringVisits") END;
    RETURN NULL;
  END IF;
  INSERT INTO "CustomerActivityMonth" AS m ("customerId", "month", "programId", "visits")
  SELECT n."customerId", date_trunc('month', n."at" AT TIME ZONE 'UTC')::date, min(n."programId"), count(*)
  FROM new_rows n GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("customerId", "month") DO UPDATE SET "visits" = m."visits" + excluded."visits";
  -- Per customer: the statement's visits as windows of its latest month ("top"), merged into the row's.
  INSERT INTO "CustomerActivity" AS a ("customerId", "programId", "lastVisitAt", "visits", "visitRingMonth", "ringVisits")
  SELECT d."customerId", min(d."programId"), max(d."at"), sum(d.n), max(d.top),
         ARRAY[coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 1), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 2), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 3), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 4), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 5), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 6), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 7), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 8), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 9), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 10), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 11), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 12), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 13), 0)]::integer[]
  FROM (
    SELECT g.*, max(g.mi) OVER (PARTITION BY g."customerId") AS top FROM (
      SELECT n."customerId", min(n."programId") AS "programId", (extract(year FROM n."at" AT TIME ZONE 'UTC')::int * 12 + extract(month FROM n."at" AT TIME ZONE 'UTC')::int - 1) AS mi, max(n."at") AS "at", count(*) AS n
      FROM new_rows n GROUP BY 1, 3
    ) g
  ) d
  GROUP BY 1 ORDER BY 1
  ON CONFLICT ("customerId") DO UPDATE SET "lastVisitAt" = GREATEST(a."lastVisitAt", excluded."lastVisitAt"), "visits" = a."visits" + excluded."visits",
    "visitRingMonth" = GREATEST(a."visitRingMonth", excluded."visitRingMonth"),
    "ringVisits" = "customer_activity_ring_add"(a."visitRingMonth", a."ringVisits", excluded."visitRingMonth", excluded."ringVisits");
  RETURN NULL;
END $$;

-- Deleted and moved visits: the summary as before (migration visit_partitions), then the rings of
-- the customers whose month rows or last visit changed.
CREATE OR REPLACE FUNCTION "customer_activity_remove_visits"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CustomerActivityMonth" m SET "visits" = m."visits" - o.n
  FROM (SELECT r."customerId", date_trunc('month', r."at" AT TIME ZONE 'UTC')::date AS "month", count(*) AS n FROM old_rows r GROUP BY 1, 2) o
  WHERE m."customerId" = o."customerId" AND m."month" = o."month";
  UPDATE "CustomerActivity" a SET "visits" = a."visits" - o.n,
    "lastVisitAt" = CASE WHEN a."lastVisitAt" > o.last THEN a."lastVisitAt"
      ELSE (SELECT max(v."at") FROM "Visit" v WHERE v."customerId" = a."customerId") END
  FROM (SELECT r."customerId", count(*) AS n, max(r."at") AS last FROM old_rows r GROUP BY 1) o
  WHERE a."customerId" = o."customerId";
  PERFORM "customer_activity_visit_ring"(ARRAY(SELECT DISTINCT r."customerId" FROM old_rows r ORDER BY 1));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "customer_activity_move_visits"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only the rows whose customer, time or program changed: the old side (-1) comes off, the new (1) on.
  IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n."id" = o."id"
      WHERE o."customerId" IS DISTINCT FROM n."customerId" OR o."at" IS DISTINCT FROM n."at" OR o."programId" IS DISTINCT FROM n."programId") THEN
    RETURN NULL;
  END IF;
  WITH r AS (SELECT s.side, s."customerId", s."programId", s."at" FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (-1, o."customerId", o."programId", o."at"), (1, n."customerId", n."programId", n."at")) s(side, "customerId", "programId", "at")
    WHERE o."customerId" IS DISTINCT FROM n."customerId" OR o."at" IS DISTINCT FROM n."at" OR o."programId" IS DISTINCT FROM n."programId")
  UPDATE "CustomerActivityMonth" m SET "visits" = m."visits" - o.n
  FROM (SELECT r."customerId", date_trunc('month', r."at" AT TIME ZONE 'UTC')::date AS "month", count(*) AS n FROM r WHERE r.side = -1 GROUP BY 1, 2) o
  WHERE m."customerId" = o."customerId" AND m."month" = o."month";
  WITH r AS (SELECT s.side, s."customerId", s."programId", s."at" FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (-1, o."customerId", o."programId", o."at"), (1, n."customerId", n."programId", n."at")) s(side, "customerId", "programId", "at")
    WHERE o."customerId" IS DISTINCT FROM n."customerId" OR o."at" IS DISTINCT FROM n."at" OR o."programId" IS DISTINCT FROM n."programId")
  UPDATE "CustomerActivity" a SET "visits" = a."visits" - o.n,
    "lastVisitAt" = CASE WHEN a."lastVisitAt" > o.last THEN a."lastVisitAt"
      ELSE (SELECT max(v."at") FROM "Visit" v WHERE v."customerId" = a."customerId") END
  FROM (SELECT r."customerId", count(*) AS n, max(r."at") AS last FROM r WHERE r.side = -1 GROUP BY 1) o
  WHERE a."customerId" = o."customerId";
  WITH r AS (SELECT s.side, s."customerId", s."programId", s."at" FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (-1, o."customerId", o."programId", o."at"), (1, n."customerId", n."programId", n."at")) s(side, "customerId", "programId", "at")
    WHERE o."customerId" IS DISTINCT FROM n."customerId" OR o."at" IS DISTINCT FROM n."at" OR o."programId" IS DISTINCT FROM n."programId")
  INSERT INTO "CustomerActivityMonth" AS m ("customerId", "month", "programId", "visits")
  SELECT r."customerId", date_trunc('month', r."at" AT TIME ZONE 'UTC')::date, min(r."programId"), count(*)
  FROM r WHERE r.side = 1 GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("customerId", "month") DO UPDATE SET "visits" = m."visits" + excluded."visits";
  WITH r AS (SELECT s.side, s."customerId", s."programId", s."at" FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (-1, o."customerId", o."programId", o."at"), (1, n."customerId", n."programId", n."at")) s(side, "customerId", "programId", "at")
    WHERE o."customerId" IS DISTINCT FROM n."customerId" OR o."at" IS DISTINCT FROM n."at" OR o."programId" IS DISTINCT FROM n."programId")
  INSERT INTO "CustomerActivity" AS a ("customerId", "programId", "lastVisitAt", "visits")
  SELECT r."customerId", min(r."programId"), max(r."at"), count(*)
  FROM r WHERE r.side = 1 GROUP BY 1 ORDER BY 1
  ON CONFLICT ("customerId") DO UPDATE SET "lastVisitAt" = GREATEST(a."lastVisitAt", excluded."lastVisitAt"), "visits" = a."visits" + excluded."visits";
  PERFORM "customer_activity_visit_ring"(ARRAY(SELECT DISTINCT x."customerId" FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (o."customerId"), (n."customerId")) x("customerId")
    WHERE o."customerId" IS DISTINCT FROM n."customerId" OR o."at" IS DISTINCT FROM n."at" OR o."programId" IS DISTINCT FROM n."programId" ORDER BY 1));
  RETURN NULL;
END $$;

-- Backfill.
SELECT "customer_activity_visit_ring"(ARRAY(SELECT a."customerId" FROM "CustomerActivity" a WHERE a."lastVisitAt" IS NOT NULL ORDER BY 1));
