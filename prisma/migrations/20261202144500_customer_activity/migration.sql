-- Per-customer activity for segments (lib/segments/compile.ts): committed receipts (count,
-- spend = amount − discount, last) and visits (count, last), all time and per UTC calendar month.
-- Kept exact by the triggers below in the writing statement's own transaction, so every writer of
-- "Purchase" / "Visit" (confirm, cancel, void of holds, legacy import, customer merge, demo seed,
-- benchmarks) keeps it without code of its own, and the receipt's confirm without a round trip.

-- Writers wait while the summary is built from history (the migration is one transaction).
LOCK TABLE "Purchase", "Visit" IN SHARE MODE;

-- CreateTable
CREATE TABLE "CustomerActivity" (
    "customerId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "lastPurchaseAt" TIMESTAMPTZ(3),
    "lastVisitAt" TIMESTAMPTZ(3),
    "receipts" INTEGER NOT NULL DEFAULT 0,
    "spend" BIGINT NOT NULL DEFAULT 0,
    "visits" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CustomerActivity_pkey" PRIMARY KEY ("customerId")
);

-- CreateTable
CREATE TABLE "CustomerActivityMonth" (
    "customerId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "programId" TEXT NOT NULL,
    "receipts" INTEGER NOT NULL DEFAULT 0,
    "spend" BIGINT NOT NULL DEFAULT 0,
    "visits" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CustomerActivityMonth_pkey" PRIMARY KEY ("customerId","month")
);

-- AddForeignKey
ALTER TABLE "CustomerActivity" ADD CONSTRAINT "CustomerActivity_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerActivityMonth" ADD CONSTRAINT "CustomerActivityMonth_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill from history.
INSERT INTO "CustomerActivityMonth" ("customerId", "month", "programId", "receipts", "spend", "visits")
SELECT x."customerId", x."month", min(x."programId"), sum(x.r)::int, sum(x.s)::bigint, sum(x.v)::int
FROM (
  SELECT p."customerId", date_trunc('month', p."at" AT TIME ZONE 'UTC')::date AS "month", p."programId", 1 AS r, (p."amount" - p."discount")::bigint AS s, 0 AS v
  FROM "Purchase" p WHERE p."status" = 'committed' AND p."customerId" IS NOT NULL
  UNION ALL
  SELECT v."customerId", date_trunc('month', v."at" AT TIME ZONE 'UTC')::date, v."programId", 0, 0, 1 FROM "Visit" v
) x
GROUP BY x."customerId", x."month";

INSERT INTO "CustomerActivity" ("customerId", "programId", "lastPurchaseAt", "lastVisitAt", "receipts", "spend", "visits")
SELECT x."customerId", min(x."programId"), max(x.pat), max(x.vat), sum(x.r)::int, sum(x.s)::bigint, sum(x.v)::int
FROM (
  SELECT p."customerId", p."programId", p."at" AS pat, NULL::timestamptz AS vat, 1 AS r, (p."amount" - p."discount")::bigint AS s, 0 AS v
  FROM "Purchase" p WHERE p."status" = 'committed' AND p."customerId" IS NOT NULL
  UNION ALL
  SELECT v."customerId", v."programId", NULL, v."at", 0, 0, 1 FROM "Visit" v
) x
GROUP BY x."customerId";

-- Segment reads (partial, so Prisma's differ leaves them alone; see segment_indexes):
-- months of a program with receipts / with visits, recency, all-time totals, one customer's months.
CREATE INDEX "CustomerActivityMonth_receipts_idx" ON "CustomerActivityMonth" ("programId", "month") INCLUDE ("customerId", "receipts", "spend") WHERE "receipts" > 0;
CREATE INDEX "CustomerActivityMonth_visits_idx" ON "CustomerActivityMonth" ("programId", "month") INCLUDE ("customerId", "visits") WHERE "visits" > 0;
CREATE INDEX "CustomerActivity_last_purchase_idx" ON "CustomerActivity" ("programId", "lastPurchaseAt") INCLUDE ("customerId", "receipts", "spend") WHERE "lastPurchaseAt" IS NOT NULL;
CREATE INDEX "CustomerActivity_last_visit_idx" ON "CustomerActivity" ("programId", "lastVisitAt") INCLUDE ("customerId", "visits") WHERE "lastVisitAt" IS NOT NULL;

-- Adds committed receipts (a set: the inserted rows, or one updated row) to the summary.
-- Month rows, then the customer's row, each in key order (two writers never wait on each other in
-- opposite orders). GREATEST ignores NULL.
CREATE FUNCTION "customer_activity_add_purchases"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  RETURN NULL;
END $$;

CREATE FUNCTION "customer_activity_add_visits"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CustomerActivityMonth" AS m ("customerId", "month", "programId", "visits")
  SELECT n."customerId", date_trunc('month', n."at" AT TIME ZONE 'UTC')::date, min(n."programId"), count(*)
  FROM new_rows n GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("customerId", "month") DO UPDATE SET "visits" = m."visits" + excluded."visits";
  INSERT INTO "CustomerActivity" AS a ("customerId", "programId", "lastVisitAt", "visits")
  SELECT n."customerId", min(n."programId"), max(n."at"), count(*)
  FROM new_rows n GROUP BY 1 ORDER BY 1
  ON CONFLICT ("customerId") DO UPDATE SET "lastVisitAt" = GREATEST(a."lastVisitAt", excluded."lastVisitAt"), "visits" = a."visits" + excluded."visits";
  RETURN NULL;
END $$;

-- An updated or deleted receipt: the old row's part leaves (the customer's last purchase is read
-- again from its receipts when that row may have been it), the new row's part comes in.
CREATE FUNCTION "customer_activity_change_purchase"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  RETURN NULL;
END $$;

CREATE FUNCTION "customer_activity_change_visit"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CustomerActivityMonth" SET "visits" = "visits" - 1
  WHERE "customerId" = OLD."customerId" AND "month" = date_trunc('month', OLD."at" AT TIME ZONE 'UTC')::date;
  UPDATE "CustomerActivity" SET "visits" = "visits" - 1,
    "lastVisitAt" = CASE WHEN "lastVisitAt" > OLD."at" THEN "lastVisitAt"
      ELSE (SELECT max(v."at") FROM "Visit" v WHERE v."customerId" = OLD."customerId") END
  WHERE "customerId" = OLD."customerId";
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO "CustomerActivityMonth" AS m ("customerId", "month", "programId", "visits")
    VALUES (NEW."customerId", date_trunc('month', NEW."at" AT TIME ZONE 'UTC')::date, NEW."programId", 1)
    ON CONFLICT ("customerId", "month") DO UPDATE SET "visits" = m."visits" + 1;
    INSERT INTO "CustomerActivity" AS a ("customerId", "programId", "lastVisitAt", "visits")
    VALUES (NEW."customerId", NEW."programId", NEW."at", 1)
    ON CONFLICT ("customerId") DO UPDATE SET "lastVisitAt" = GREATEST(a."lastVisitAt", excluded."lastVisitAt"), "visits" = a."visits" + 1;
  END IF;
  RETURN NULL;
END $$;

-- Inserts as one set per statement (a bulk import adds its rows in a few statements); updates
-- and deletes per row, and only when a column the summary reads changed.
CREATE TRIGGER "Purchase_activity_insert" AFTER INSERT ON "Purchase" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_activity_add_purchases"();
CREATE TRIGGER "Purchase_activity_update" AFTER UPDATE ON "Purchase" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."customerId" IS DISTINCT FROM NEW."customerId" OR OLD."at" IS DISTINCT FROM NEW."at"
    OR OLD."amount" IS DISTINCT FROM NEW."amount" OR OLD."discount" IS DISTINCT FROM NEW."discount" OR OLD."programId" IS DISTINCT FROM NEW."programId")
  EXECUTE FUNCTION "customer_activity_change_purchase"();
CREATE TRIGGER "Purchase_activity_delete" AFTER DELETE ON "Purchase" FOR EACH ROW
  WHEN (OLD."status" = 'committed' AND OLD."customerId" IS NOT NULL)
  EXECUTE FUNCTION "customer_activity_change_purchase"();
CREATE TRIGGER "Visit_activity_insert" AFTER INSERT ON "Visit" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_activity_add_visits"();
CREATE TRIGGER "Visit_activity_update" AFTER UPDATE ON "Visit" FOR EACH ROW
  WHEN (OLD."customerId" IS DISTINCT FROM NEW."customerId" OR OLD."at" IS DISTINCT FROM NEW."at" OR OLD."programId" IS DISTINCT FROM NEW."programId")
  EXECUTE FUNCTION "customer_activity_change_visit"();
CREATE TRIGGER "Visit_activity_delete" AFTER DELETE ON "Visit" FOR EACH ROW
  EXECUTE FUNCTION "customer_activity_change_visit"();
