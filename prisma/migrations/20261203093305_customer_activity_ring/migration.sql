-- Rolling windows of receipts and spend per customer (lib/segments/compile.ts: "spend / receipts
-- in the last N days" one pass or per customer, RFM): "ringMonth" is the UTC month of the last
-- purchase as year × 12 + month − 1, and element i (1 … 13) of "ringReceipts" / "ringSpend" the
-- receipts / spend of the i UTC months ending with it (cumulative, so the whole months of a window
-- are one subscript: ring[ringMonth − first month + 1]). Derived from "CustomerActivityMonth"
-- and "lastPurchaseAt" by "customer_activity_ring", which the receipt triggers call after they
-- changed those, in the writing statement's own transaction: exact at every instant, like the
-- month rows it is read from.

-- AlterTable
ALTER TABLE "CustomerActivity" ADD COLUMN     "ringMonth" INTEGER,
ADD COLUMN     "ringReceipts" INTEGER[],
ADD COLUMN     "ringSpend" BIGINT[];

-- Writers wait while the rings are filled (the migration is one transaction).
LOCK TABLE "Purchase", "Visit" IN SHARE MODE;

-- The ring of each of `ids` from its month rows (null without a receipt). Customers in key order.
CREATE FUNCTION "customer_activity_ring"(ids text[]) RETURNS void LANGUAGE sql AS $$
  WITH t AS (
    SELECT a."customerId",
           (extract(year FROM a."lastPurchaseAt" AT TIME ZONE 'UTC')::int * 12 + extract(month FROM a."lastPurchaseAt" AT TIME ZONE 'UTC')::int - 1) AS mi
    FROM "CustomerActivity" a WHERE a."customerId" = ANY(ids)
  ), r AS (
    SELECT t."customerId", t.mi, w.rc, w.rs FROM t LEFT JOIN LATERAL (
      SELECT array_agg(c.r ORDER BY c.i) AS rc, array_agg(c.s ORDER BY c.i) AS rs FROM (
        SELECT g.i, (sum(coalesce(b.r, 0)) OVER (ORDER BY g.i))::int AS r, (sum(coalesce(b.s, 0)) OVER (ORDER BY g.i))::bigint AS s
        FROM generate_series(1, 13) g(i) LEFT JOIN (
          SELECT t.mi - (extract(year FROM m."month")::int * 12 + extract(month FROM m."month")::int - 1) + 1 AS i, m."receipts" AS r, m."spend" AS s
          FROM "CustomerActivityMonth" m
          WHERE m."customerId" = t."customerId" AND m."month" <= make_date(t.mi / 12, t.mi % 12 + 1, 1) AND m."month" > make_date(t.mi / 12, t.mi % 12 + 1, 1) - interval '13 months'
        ) b ON b.i = g.i
      ) c
    ) w ON t.mi IS NOT NULL
  )
  UPDATE "CustomerActivity" a SET "ringMonth" = r.mi, "ringReceipts" = r.rc, "ringSpend" = r.rs
  FROM r WHERE a."customerId" = r."customerId"
    AND (a."ringMonth" IS DISTINCT FROM r.mi OR a."ringReceipts" IS DISTINCT FROM r.rc OR a."ringSpend" IS DISTINCT FROM r.rs)
$$;

-- The receipt triggers (migration customer_activity) as they were, then the rings of the customers
-- whose month rows or last purchase they changed.
CREATE OR REPLACE FUNCTION "customer_activity_add_purchases"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CustomerActivityMonth" AS m ("customerId", "month", "programId", "receipts", "spend")
  SELECT n."customerId", date_trunc('month', n."at" AT TIME ZONE 'UTC')::date, min(n."programId"), count(*), sum(n."amount" - n."discount")
  FROM new_rows n WHERE n."status" = 'committed' AND n."customerId" IS NOT NULL
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("customerId", "month") DO UPDATE SET "receipts" = m."receipts" + excluded."receipts", "spend" = m."spend" + excluded."spend";
  INSERT INTO "CustomerActivity" AS a ("customerId", "programId", "lastPurchaseAt", "receipts", "spend")
  SELECT n."customerId", min(n."programId"), max(n."at"), count(*), sum(n."amount" - n."discount")
  FROM new_rows n WHERE n."status" = 'committed' AND n."customerId" IS NOT NULL
  GROUP BY 1 ORDER BY 1
  ON CONFLICT ("customerId") DO UPDATE SET "lastPurchaseAt" = GREATEST(a."lastPurchaseAt", excluded."lastPurchaseAt"),
    "receipts" = a."receipts" + excluded."receipts", "spend" = a."spend" + excluded."spend";
  PERFORM "customer_activity_ring"(ARRAY(SELECT DISTINCT n."customerId" FROM new_rows n WHERE n."status" = 'committed' AND n."customerId" IS NOT NULL ORDER BY 1));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "customer_activity_change_purchase"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" = 'committed' AND OLD."customerId" IS NOT NULL THEN
    UPDATE "CustomerActivityMonth" SET "receipts" = "receipts" - 1, "spend" = "spend" - (OLD."amount" - OLD."discount")
    WHERE "customerId" = OLD."customerId" AND "month" = date_trunc('month', OLD."at" AT TIME ZONE 'UTC')::date;
    UPDATE "CustomerActivity" SET "receipts" = "receipts" - 1, "spend" = "spend" - (OLD."amount" - OLD."discount"),
      "lastPurchaseAt" = CASE WHEN "lastPurchaseAt" > OLD."at" THEN "lastPurchaseAt"
        ELSE (SELECT max(p."at") FROM "Purchase" p WHERE p."customerId" = OLD."customerId" AND p."status" = 'committed') END
    WHERE "customerId" = OLD."customerId";
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW."status" = 'committed' AND NEW."customerId" IS NOT NULL THEN
    INSERT INTO "CustomerActivityMonth" AS m ("customerId", "month", "programId", "receipts", "spend")
    VALUES (NEW."customerId", date_trunc('month', NEW."at" AT TIME ZONE 'UTC')::date, NEW."programId", 1, NEW."amount" - NEW."discount")
    ON CONFLICT ("customerId", "month") DO UPDATE SET "receipts" = m."receipts" + 1, "spend" = m."spend" + excluded."spend";
    INSERT INTO "CustomerActivity" AS a ("customerId", "programId", "lastPurchaseAt", "receipts", "spend")
    VALUES (NEW."customerId", NEW."programId", NEW."at", 1, NEW."amount" - NEW."discount")
    ON CONFLICT ("customerId") DO UPDATE SET "lastPurchaseAt" = GREATEST(a."lastPurchaseAt", excluded."lastPurchaseAt"),
      "receipts" = a."receipts" + 1, "spend" = a."spend" + excluded."spend";
  END IF;
  END IF;
  -- The rings of the customers whose month rows or last purchase changed (NEW is null on DELETE).
  IF (OLD."status" = 'committed' AND OLD."customerId" IS NOT NULL) OR (TG_OP = 'UPDATE' AND NEW."status" = 'committed' AND NEW."customerId" IS NOT NULL) THEN
    PERFORM "customer_activity_ring"(ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[OLD."customerId", CASE WHEN TG_OP = 'UPDATE' THEN NEW."customerId" END]) x WHERE x IS NOT NULL ORDER BY 1));
  END IF;
  RETURN NULL;
END $$;

-- Backfill.
SELECT "customer_activity_ring"(ARRAY(SELECT a."customerId" FROM "CustomerActivity" a WHERE a."lastPurchaseAt" IS NOT NULL));
