-- Visit becomes a table partitioned by month of "at", like LedgerEntry (docs/scaling.md, "Partitions
-- and retention"). PostgreSQL wants the partition key in every unique constraint, so the rule
-- "a customer's visit to an event counts once" moves to "VisitKey" (customerId, eventCode → visitId,
-- visitAt): a small unpartitioned table, written by the same statement as the visit (the key first,
-- the visit from the key it returns: lib/purchases/visits.ts), and referenced by every visit
-- (foreign key "Visit_customerId_eventCode_fkey"), so a visit without its key cannot exist. Its
-- ON UPDATE CASCADE carries a merge of customers (the key moves, its visit and survey follow).
-- "SurveyInvitation" referenced Visit(id); a foreign key into the partitioned table would stop the
-- retention from detaching any month with a surveyed visit, so it references the visit's key, and
-- finds its visit by (visitId, visitAt), the visit's primary key. Keys outlive their month (the
-- once-per-event rule holds for ever; the retention detaches visits, not keys).
-- The activity triggers (customer_activity) become statement-level for deletes and updates too: an
-- update that moves a visit to another month moves it to another partition, which PostgreSQL runs
-- as a delete and an insert, firing row-level AFTER DELETE but not AFTER INSERT triggers; the
-- statement-level UPDATE trigger sees both sides in its transition tables.

-- Writers wait while the table is rebuilt (the migration is one transaction).
LOCK TABLE "Visit" IN EXCLUSIVE MODE;

CREATE TABLE "VisitKey" (
    "customerId" TEXT NOT NULL,
    "eventCode" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "visitAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "VisitKey_pkey" PRIMARY KEY ("customerId", "eventCode")
);
INSERT INTO "VisitKey" ("customerId", "eventCode", "programId", "visitId", "visitAt")
  SELECT "customerId", "eventCode", "programId", "id", "at" FROM "Visit";
ALTER TABLE "VisitKey" ADD CONSTRAINT "VisitKey_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "SurveyInvitation" DROP CONSTRAINT "SurveyInvitation_visitId_fkey";

ALTER TABLE "Visit" RENAME TO "Visit_unpartitioned";
ALTER INDEX "Visit_pkey" RENAME TO "Visit_unpartitioned_pkey";
ALTER INDEX "Visit_programId_at_idx" RENAME TO "Visit_unpartitioned_programId_at_idx";
ALTER INDEX "Visit_customerId_eventCode_key" RENAME TO "Visit_unpartitioned_customerId_eventCode_key";
ALTER INDEX "Visit_segment_at_idx" RENAME TO "Visit_unpartitioned_segment_at_idx";
ALTER TABLE "Visit_unpartitioned" RENAME CONSTRAINT "Visit_customerId_fkey" TO "Visit_unpartitioned_customerId_fkey";

CREATE TABLE "Visit" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "eventCode" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "storeId" TEXT,
    "purchaseId" TEXT,
    "purchaseLineNo" INTEGER,
    "periodKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("id", "at")
) PARTITION BY RANGE ("at");

CREATE TABLE "Visit_default" PARTITION OF "Visit" DEFAULT;

-- One partition per month from the oldest visit (at most ten years back; older rows stay in the
-- default partition) to twelve months ahead.
DO $$
DECLARE
  first_month timestamptz;
  m timestamptz;
  stop timestamptz := date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '13 months';
BEGIN
  SELECT greatest(
           date_trunc('month', coalesce(min("at"), now()) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
           date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '120 months')
    INTO first_month FROM "Visit_unpartitioned";
  m := first_month;
  WHILE m < stop LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "Visit" FOR VALUES FROM (%L) TO (%L)',
      'Visit_p' || to_char(m AT TIME ZONE 'UTC', 'YYYY_MM'), m, m + interval '1 month');
    m := m + interval '1 month';
  END LOOP;
END $$;

-- The rows move before the activity triggers exist: the summary already counts them.
INSERT INTO "Visit" ("id", "programId", "customerId", "eventCode", "at", "storeId", "purchaseId", "purchaseLineNo", "periodKey", "createdAt")
  SELECT "id", "programId", "customerId", "eventCode", "at", "storeId", "purchaseId", "purchaseLineNo", "periodKey", "createdAt"
  FROM "Visit_unpartitioned";

DROP TABLE "Visit_unpartitioned";

-- Indexes on the parent: each partition gets its own, attached to these. The unique
-- ("customerId", "eventCode") is VisitKey's now; a customer's visits are found, newest first, by
-- ("customerId", "at") (Customer 360, segments per customer, the last visit, the key's cascade).
CREATE INDEX "Visit_programId_at_idx" ON "Visit"("programId", "at");
CREATE INDEX "Visit_customerId_at_idx" ON "Visit"("customerId", "at");
CREATE INDEX "Visit_segment_at_idx" ON "Visit" ("programId", "at") INCLUDE ("customerId")
  WHERE "customerId" IS NOT NULL;

ALTER TABLE "Visit" ADD CONSTRAINT "Visit_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_customerId_eventCode_fkey" FOREIGN KEY ("customerId", "eventCode") REFERENCES "VisitKey"("customerId", "eventCode") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SurveyInvitation" ADD CONSTRAINT "SurveyInvitation_customerId_eventCode_fkey" FOREIGN KEY ("customerId", "eventCode") REFERENCES "VisitKey"("customerId", "eventCode") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The activity summary (migration customer_activity): inserts as before; deletes and updates per
-- statement, from their transition tables.
CREATE FUNCTION "customer_activity_remove_visits"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CustomerActivityMonth" m SET "visits" = m."visits" - o.n
  FROM (SELECT r."customerId", date_trunc('month', r."at" AT TIME ZONE 'UTC')::date AS "month", count(*) AS n FROM old_rows r GROUP BY 1, 2) o
  WHERE m."customerId" = o."customerId" AND m."month" = o."month";
  UPDATE "CustomerActivity" a SET "visits" = a."visits" - o.n,
    "lastVisitAt" = CASE WHEN a."lastVisitAt" > o.last THEN a."lastVisitAt"
      ELSE (SELECT max(v."at") FROM "Visit" v WHERE v."customerId" = a."customerId") END
  FROM (SELECT r."customerId", count(*) AS n, max(r."at") AS last FROM old_rows r GROUP BY 1) o
  WHERE a."customerId" = o."customerId";
  RETURN NULL;
END $$;

CREATE FUNCTION "customer_activity_move_visits"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  RETURN NULL;
END $$;

DROP FUNCTION "customer_activity_change_visit"();

CREATE TRIGGER "Visit_activity_insert" AFTER INSERT ON "Visit" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_activity_add_visits"();
CREATE TRIGGER "Visit_activity_update" AFTER UPDATE ON "Visit" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_activity_move_visits"();
CREATE TRIGGER "Visit_activity_delete" AFTER DELETE ON "Visit" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_activity_remove_visits"();

-- Months of visits taken offline by the retention (lib/purchases/visit-retention.ts).
CREATE TABLE "VisitArchive" (
    "partition" TEXT NOT NULL,
    "from" TIMESTAMPTZ(3) NOT NULL,
    "to" TIMESTAMPTZ(3) NOT NULL,
    "visits" INTEGER NOT NULL,
    "dropped" BOOLEAN NOT NULL,
    "archivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitArchive_pkey" PRIMARY KEY ("partition")
);

-- Where detached months are kept (VISIT_ARCHIVE=schema).
CREATE SCHEMA IF NOT EXISTS "visit_archive";
