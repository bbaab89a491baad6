-- Purchase and PurchaseLine become tables partitioned by month of the receipt's time, like LedgerEntry
-- and Visit (docs/scaling.md, "Partitions and retention"). PostgreSQL wants the partition key in
-- every unique constraint, so:
-- * "a store's receipt number is used once" moves to "ReceiptKey" (storeId, number → purchaseId,
--   purchaseAt, customerId): small, unpartitioned, written by the BEFORE INSERT trigger
--   "Purchase_receipt_key" in the receipt's own statement, so no writer can leave it out (a number
--   another receipt holds fails the insert with 23505 on "ReceiptKey_pkey"; a writer may claim the
--   key itself first in the same statement, as the import does with ON CONFLICT DO NOTHING). Its
--   unique "purchaseId" tells in which month a receipt known by id lives. Keys outlive their month.
-- * Purchase's primary key is ("id", "at"); PurchaseLine carries the receipt's time ("purchaseAt", its
--   partition key, written by every writer) and its primary key is ("id", "purchaseAt"), the unique
--   line number ("purchaseId", "lineNo", "purchaseAt").
-- * Lines and returns reference the receipt by ("purchaseId", "purchaseAt") → Purchase("id", "at")
--   (ON UPDATE CASCADE: a receipt moved in time takes its lines and returns along).
-- * The activity triggers (customer_activity, customer_category_day) on updates and deletes become
--   statement-level: an update that moves a receipt to another month moves it to another partition,
--   which PostgreSQL runs as a delete and an insert (row-level AFTER UPDATE triggers and
--   statement-level INSERT ones do not fire); the statement-level UPDATE trigger sees both sides in
--   its transition tables. Lines are joined to their receipt by its primary key (one partition).

-- Writers wait while the tables are rebuilt (the migration is one transaction).
LOCK TABLE "Purchase", "PurchaseLine", "PurchaseReturn" IN EXCLUSIVE MODE;

CREATE TABLE "ReceiptKey" (
    "storeId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "purchaseId" TEXT NOT NULL,
    "purchaseAt" TIMESTAMPTZ(3) NOT NULL,
    "customerId" TEXT,

    CONSTRAINT "ReceiptKey_pkey" PRIMARY KEY ("storeId","number")
);
INSERT INTO "ReceiptKey" ("storeId", "number", "programId", "purchaseId", "purchaseAt", "customerId")
  SELECT "storeId", "number", "programId", "id", "at", "customerId" FROM "Purchase";
CREATE UNIQUE INDEX "ReceiptKey_purchaseId_key" ON "ReceiptKey"("purchaseId");

ALTER TABLE "PurchaseLine" DROP CONSTRAINT "PurchaseLine_purchaseId_fkey";
ALTER TABLE "PurchaseReturn" DROP CONSTRAINT "PurchaseReturn_purchaseId_fkey";
ALTER TABLE "PurchaseReturn" ADD COLUMN "purchaseAt" TIMESTAMPTZ(3);
UPDATE "PurchaseReturn" r SET "purchaseAt" = p."at" FROM "Purchase" p WHERE p."id" = r."purchaseId";
ALTER TABLE "PurchaseReturn" ALTER COLUMN "purchaseAt" SET NOT NULL;

-- The old tables step aside (their triggers go with them).
ALTER TABLE "Purchase" RENAME TO "Purchase_unpartitioned";
ALTER INDEX "Purchase_pkey" RENAME TO "Purchase_unpartitioned_pkey";
ALTER INDEX "Purchase_committed_at_idx" RENAME TO "Purchase_unpartitioned_committed_at_idx";
ALTER INDEX "Purchase_customerId_at_idx" RENAME TO "Purchase_unpartitioned_customerId_at_idx";
ALTER INDEX "Purchase_partner_at_idx" RENAME TO "Purchase_unpartitioned_partner_at_idx";
ALTER INDEX "Purchase_segment_customer_idx" RENAME TO "Purchase_unpartitioned_segment_customer_idx";
ALTER INDEX "Purchase_status_holdExpiresAt_idx" RENAME TO "Purchase_unpartitioned_status_holdExpiresAt_idx";
ALTER INDEX "Purchase_storeId_number_key" RENAME TO "Purchase_unpartitioned_storeId_number_key";
ALTER TABLE "Purchase_unpartitioned" RENAME CONSTRAINT "Purchase_customerId_fkey" TO "Purchase_unpartitioned_customerId_fkey";
ALTER TABLE "Purchase_unpartitioned" RENAME CONSTRAINT "Purchase_amounts" TO "Purchase_unpartitioned_amounts";

ALTER TABLE "PurchaseLine" RENAME TO "PurchaseLine_unpartitioned";
ALTER INDEX "PurchaseLine_pkey" RENAME TO "PurchaseLine_unpartitioned_pkey";
ALTER INDEX "PurchaseLine_purchaseId_lineNo_key" RENAME TO "PurchaseLine_unpartitioned_purchaseId_lineNo_key";
ALTER TABLE "PurchaseLine_unpartitioned" RENAME CONSTRAINT "PurchaseLine_customerId_fkey" TO "PurchaseLine_unpartitioned_customerId_fkey";
ALTER TABLE "PurchaseLine_unpartitioned" RENAME CONSTRAINT "PurchaseLine_programId_fkey" TO "PurchaseLine_unpartitioned_programId_fkey";
ALTER TABLE "PurchaseLine_unpartitioned" RENAME CONSTRAINT "PurchaseLine_quantities" TO "PurchaseLine_unpartitioned_quantities";

CREATE TABLE "Purchase" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "terminalId" TEXT,
    "customerId" TEXT,
    "number" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" "PurchaseStatus" NOT NULL,
    "offline" BOOLEAN NOT NULL DEFAULT false,
    "programVersionId" TEXT NOT NULL,
    "periodKey" TEXT,
    "amount" INTEGER NOT NULL,
    "discount" INTEGER NOT NULL DEFAULT 0,
    "pointsRedeemed" INTEGER NOT NULL DEFAULT 0,
    "pointsEarned" INTEGER NOT NULL DEFAULT 0,
    "payable" INTEGER NOT NULL,
    "holdId" TEXT,
    "holdExpiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committedAt" TIMESTAMPTZ(3),
    "voidedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "partnerId" TEXT,
    "promoPointsRedeemed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Purchase_pkey" PRIMARY KEY ("id", "at"),
    CONSTRAINT "Purchase_amounts" CHECK ("amount" >= 0 AND "discount" >= 0 AND "pointsRedeemed" >= 0 AND "pointsEarned" >= 0 AND "payable" >= 0)
) PARTITION BY RANGE ("at");

CREATE TABLE "PurchaseLine" (
    "id" TEXT NOT NULL,
    "purchaseId" TEXT NOT NULL,
    "purchaseAt" TIMESTAMPTZ(3) NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "name" TEXT,
    "quantityMilli" INTEGER NOT NULL,
    "price" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "discount" INTEGER NOT NULL DEFAULT 0,
    "pointsRedeemed" INTEGER NOT NULL DEFAULT 0,
    "pointsEarned" INTEGER NOT NULL DEFAULT 0,
    "pointsPending" BOOLEAN NOT NULL DEFAULT false,
    "returnedMilli" INTEGER NOT NULL DEFAULT 0,
    "activatedAt" TIMESTAMPTZ(3),
    "promoPointsRedeemed" INTEGER NOT NULL DEFAULT 0,
    "promoPromotionId" TEXT,
    "programId" TEXT NOT NULL,
    "customerId" TEXT,
    "promoVersionId" TEXT,

    CONSTRAINT "PurchaseLine_pkey" PRIMARY KEY ("id", "purchaseAt"),
    CONSTRAINT "PurchaseLine_quantities" CHECK ("quantityMilli" > 0 AND "returnedMilli" >= 0 AND "returnedMilli" <= "quantityMilli" AND "price" >= 0)
) PARTITION BY RANGE ("purchaseAt");

CREATE TABLE "Purchase_default" PARTITION OF "Purchase" DEFAULT;
CREATE TABLE "PurchaseLine_default" PARTITION OF "PurchaseLine" DEFAULT;

-- One partition per month from the oldest receipt (at most ten years back; older rows stay in the
-- default partition) to twelve months ahead, the same months for receipts and their lines.
DO $$
DECLARE
  first_month timestamptz;
  m timestamptz;
  stop timestamptz := date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '13 months';
BEGIN
  SELECT greatest(
           date_trunc('month', coalesce(min("at"), now()) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
           date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '120 months')
    INTO first_month FROM "Purchase_unpartitioned";
  m := first_month;
  WHILE m < stop LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "Purchase" FOR VALUES FROM (%L) TO (%L)',
      'Purchase_p' || to_char(m AT TIME ZONE 'UTC', 'YYYY_MM'), m, m + interval '1 month');
    EXECUTE format('CREATE TABLE %I PARTITION OF "PurchaseLine" FOR VALUES FROM (%L) TO (%L)',
      'PurchaseLine_p' || to_char(m AT TIME ZONE 'UTC', 'YYYY_MM'), m, m + interval '1 month');
    m := m + interval '1 month';
  END LOOP;
END $$;

-- The rows move before the triggers exist: the activity summary and the category days already count them.
INSERT INTO "Purchase" ("id", "programId", "storeId", "terminalId", "customerId", "number", "at", "status", "offline", "programVersionId", "periodKey",
    "amount", "discount", "pointsRedeemed", "pointsEarned", "payable", "holdId", "holdExpiresAt", "createdAt", "committedAt", "voidedAt", "cancelledAt",
    "partnerId", "promoPointsRedeemed")
  SELECT "id", "programId", "storeId", "terminalId", "customerId", "number", "at", "status", "offline", "programVersionId", "periodKey",
    "amount", "discount", "pointsRedeemed", "pointsEarned", "payable", "holdId", "holdExpiresAt", "createdAt", "committedAt", "voidedAt", "cancelledAt",
    "partnerId", "promoPointsRedeemed"
  FROM "Purchase_unpartitioned";
INSERT INTO "PurchaseLine" ("id", "purchaseId", "purchaseAt", "lineNo", "sku", "category", "name", "quantityMilli", "price", "amount", "discount",
    "pointsRedeemed", "pointsEarned", "pointsPending", "returnedMilli", "activatedAt", "promoPointsRedeemed", "promoPromotionId", "programId", "customerId", "promoVersionId")
  SELECT l."id", l."purchaseId", p."at", l."lineNo", l."sku", l."category", l."name", l."quantityMilli", l."price", l."amount", l."discount",
    l."pointsRedeemed", l."pointsEarned", l."pointsPending", l."returnedMilli", l."activatedAt", l."promoPointsRedeemed", l."promoPromotionId", l."programId", l."customerId", l."promoVersionId"
  FROM "PurchaseLine_unpartitioned" l JOIN "Purchase_unpartitioned" p ON p."id" = l."purchaseId";

DROP TABLE "PurchaseLine_unpartitioned";
DROP TABLE "Purchase_unpartitioned";
DROP FUNCTION "customer_activity_change_purchase"();
DROP FUNCTION "customer_category_change_purchase"();
DROP FUNCTION "customer_category_change_line"();

-- Indexes on the parents: each partition gets its own, attached to these.
CREATE INDEX "Purchase_customerId_at_idx" ON "Purchase"("customerId", "at");
CREATE INDEX "Purchase_status_holdExpiresAt_idx" ON "Purchase"("status", "holdExpiresAt");
CREATE INDEX "Purchase_committed_at_idx" ON "Purchase" ("programId", "at") INCLUDE ("customerId", "amount", "discount")
  WHERE "status" = 'committed';
CREATE INDEX "Purchase_partner_at_idx" ON "Purchase" ("partnerId", "at") WHERE "partnerId" IS NOT NULL;
CREATE INDEX "Purchase_segment_customer_idx" ON "Purchase" ("customerId", "at") INCLUDE ("amount", "discount")
  WHERE "status" = 'committed' AND "customerId" IS NOT NULL;
CREATE UNIQUE INDEX "PurchaseLine_purchaseId_lineNo_purchaseAt_key" ON "PurchaseLine"("purchaseId", "lineNo", "purchaseAt");

ALTER TABLE "Purchase" ADD CONSTRAINT "Purchase_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_purchaseId_purchaseAt_fkey" FOREIGN KEY ("purchaseId", "purchaseAt") REFERENCES "Purchase"("id", "at") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PurchaseReturn" ADD CONSTRAINT "PurchaseReturn_purchaseId_purchaseAt_fkey" FOREIGN KEY ("purchaseId", "purchaseAt") REFERENCES "Purchase"("id", "at") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The receipt's number, claimed in its own statement (before the row is stored). A key that already
-- names this receipt is the writer's own (the import claims the key first in the same statement) or
-- the receipt moving to another month (an update across partitions inserts it again): its time follows.
-- A key naming another receipt refuses the insert as the unique index on Purchase did.
CREATE FUNCTION "purchase_receipt_key"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReceiptKey" AS k ("storeId", "number", "programId", "purchaseId", "purchaseAt", "customerId")
  VALUES (NEW."storeId", NEW."number", NEW."programId", NEW."id", NEW."at", NEW."customerId")
  ON CONFLICT ("storeId", "number") DO UPDATE SET "purchaseAt" = excluded."purchaseAt", "customerId" = excluded."customerId"
    WHERE k."purchaseId" = excluded."purchaseId";
  IF NOT FOUND THEN
    RAISE EXCEPTION 'duplicate key value violates unique constraint "ReceiptKey_pkey"'
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'ReceiptKey_pkey', TABLE = 'ReceiptKey',
            DETAIL = format('Key ("storeId", number)=(%s, %s) already exists.', NEW."storeId", NEW."number");
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "Purchase_receipt_key" BEFORE INSERT ON "Purchase" FOR EACH ROW EXECUTE FUNCTION "purchase_receipt_key"();

-- The activity summary (migrations customer_activity, customer_activity_ring): inserts as before;
-- deletes and updates per statement, from their transition tables.
CREATE FUNCTION "customer_activity_remove_purchases"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CustomerActivityMonth" m SET "receipts" = m."receipts" - o.n, "spend" = m."spend" - o.s
  FROM (SELECT r."customerId", date_trunc('month', r."at" AT TIME ZONE 'UTC')::date AS "month", count(*) AS n, sum(r."amount" - r."discount") AS s
        FROM old_rows r WHERE r."status" = 'committed' AND r."customerId" IS NOT NULL GROUP BY 1, 2) o
  WHERE m."customerId" = o."customerId" AND m."month" = o."month";
  UPDATE "CustomerActivity" a SET "receipts" = a."receipts" - o.n, "spend" = a."spend" - o.s,
    "lastPurchaseAt" = CASE WHEN a."lastPurchaseAt" > o.last THEN a."lastPurchaseAt"
      ELSE (SELECT max(p."at") FROM "Purchase" p WHERE p."customerId" = a."customerId" AND p."status" = 'committed') END
  FROM (SELECT r."customerId", count(*) AS n, sum(r."amount" - r."discount") AS s, max(r."at") AS last
        FROM old_rows r WHERE r."status" = 'committed' AND r."customerId" IS NOT NULL GROUP BY 1) o
  WHERE a."customerId" = o."customerId";
  PERFORM "customer_activity_ring"(ARRAY(SELECT DISTINCT r."customerId" FROM old_rows r WHERE r."status" = 'committed' AND r."customerId" IS NOT NULL ORDER BY 1));
  RETURN NULL;
END $$;

CREATE FUNCTION "customer_activity_move_purchases"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only the receipts whose status, customer, time, amounts or program changed: the old side (-1)
  -- comes off where it counted (committed, of a customer), the new side (1) goes on.
  IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n."id" = o."id"
      WHERE o."status" IS DISTINCT FROM n."status" OR o."customerId" IS DISTINCT FROM n."customerId" OR o."at" IS DISTINCT FROM n."at"
         OR o."amount" IS DISTINCT FROM n."amount" OR o."discount" IS DISTINCT FROM n."discount" OR o."programId" IS DISTINCT FROM n."programId") THEN
    RETURN NULL;
  END IF;
  WITH r AS (SELECT s.side, s."customerId", s."programId", s."at", s.spend FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (-1, o."customerId", o."programId", o."at", (o."amount" - o."discount")::bigint, o."status"),
                               (1, n."customerId", n."programId", n."at", (n."amount" - n."discount")::bigint, n."status")) s(side, "customerId", "programId", "at", spend, status)
    WHERE (o."status" IS DISTINCT FROM n."status" OR o."customerId" IS DISTINCT FROM n."customerId" OR o."at" IS DISTINCT FROM n."at"
           OR o."amount" IS DISTINCT FROM n."amount" OR o."discount" IS DISTINCT FROM n."discount" OR o."programId" IS DISTINCT FROM n."programId")
      AND s.status = 'committed' AND s."customerId" IS NOT NULL)
  UPDATE "CustomerActivityMonth" m SET "receipts" = m."receipts" - o.n, "spend" = m."spend" - o.s
  FROM (SELECT r."customerId", date_trunc('month', r."at" AT TIME ZONE 'UTC')::date AS "month", count(*) AS n, sum(r.spend) AS s
        FROM r WHERE r.side = -1 GROUP BY 1, 2) o
  WHERE m."customerId" = o."customerId" AND m."month" = o."month";
  WITH r AS (SELECT s.side, s."customerId", s."programId", s."at", s.spend FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (-1, o."customerId", o."programId", o."at", (o."amount" - o."discount")::bigint, o."status"),
                               (1, n."customerId", n."programId", n."at", (n."amount" - n."discount")::bigint, n."status")) s(side, "customerId", "programId", "at", spend, status)
    WHERE (o."status" IS DISTINCT FROM n."status" OR o."customerId" IS DISTINCT FROM n."customerId" OR o."at" IS DISTINCT FROM n."at"
           OR o."amount" IS DISTINCT FROM n."amount" OR o."discount" IS DISTINCT FROM n."discount" OR o."programId" IS DISTINCT FROM n."programId")
      AND s.status = 'committed' AND s."customerId" IS NOT NULL)
  UPDATE "CustomerActivity" a SET "receipts" = a."receipts" - o.n, "spend" = a."spend" - o.s,
    "lastPurchaseAt" = CASE WHEN a."lastPurchaseAt" > o.last THEN a."lastPurchaseAt"
      ELSE (SELECT max(p."at") FROM "Purchase" p WHERE p."customerId" = a."customerId" AND p."status" = 'committed') END
  FROM (SELECT r."customerId", count(*) AS n, sum(r.spend) AS s, max(r."at") AS last FROM r WHERE r.side = -1 GROUP BY 1) o
  WHERE a."customerId" = o."customerId";
  WITH r AS (SELECT s.side, s."customerId", s."programId", s."at", s.spend FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (-1, o."customerId", o."programId", o."at", (o."amount" - o."discount")::bigint, o."status"),
                               (1, n."customerId", n."programId", n."at", (n."amount" - n."discount")::bigint, n."status")) s(side, "customerId", "programId", "at", spend, status)
    WHERE (o."status" IS DISTINCT FROM n."status" OR o."customerId" IS DISTINCT FROM n."customerId" OR o."at" IS DISTINCT FROM n."at"
           OR o."amount" IS DISTINCT FROM n."amount" OR o."discount" IS DISTINCT FROM n."discount" OR o."programId" IS DISTINCT FROM n."programId")
      AND s.status = 'committed' AND s."customerId" IS NOT NULL)
  INSERT INTO "CustomerActivityMonth" AS m ("customerId", "month", "programId", "receipts", "spend")
  SELECT r."customerId", date_trunc('month', r."at" AT TIME ZONE 'UTC')::date, min(r."programId"), count(*), sum(r.spend)
  FROM r WHERE r.side = 1 GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("customerId", "month") DO UPDATE SET "receipts" = m."receipts" + excluded."receipts", "spend" = m."spend" + excluded."spend";
  WITH r AS (SELECT s.side, s."customerId", s."programId", s."at", s.spend FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (-1, o."customerId", o."programId", o."at", (o."amount" - o."discount")::bigint, o."status"),
                               (1, n."customerId", n."programId", n."at", (n."amount" - n."discount")::bigint, n."status")) s(side, "customerId", "programId", "at", spend, status)
    WHERE (o."status" IS DISTINCT FROM n."status" OR o."customerId" IS DISTINCT FROM n."customerId" OR o."at" IS DISTINCT FROM n."at"
           OR o."amount" IS DISTINCT FROM n."amount" OR o."discount" IS DISTINCT FROM n."discount" OR o."programId" IS DISTINCT FROM n."programId")
      AND s.status = 'committed' AND s."customerId" IS NOT NULL)
  INSERT INTO "CustomerActivity" AS a ("customerId", "programId", "lastPurchaseAt", "receipts", "spend")
  SELECT r."customerId", min(r."programId"), max(r."at"), count(*), sum(r.spend)
  FROM r WHERE r.side = 1 GROUP BY 1 ORDER BY 1
  ON CONFLICT ("customerId") DO UPDATE SET "lastPurchaseAt" = GREATEST(a."lastPurchaseAt", excluded."lastPurchaseAt"),
    "receipts" = a."receipts" + excluded."receipts", "spend" = a."spend" + excluded."spend";
  -- The rings of the customers whose month rows or last purchase changed.
  PERFORM "customer_activity_ring"(ARRAY(SELECT DISTINCT x."customerId" FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (o."customerId", o."status"), (n."customerId", n."status")) x("customerId", status)
    WHERE x."customerId" IS NOT NULL AND x.status = 'committed' ORDER BY 1));
  RETURN NULL;
END $$;

CREATE TRIGGER "Purchase_activity_insert" AFTER INSERT ON "Purchase" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_activity_add_purchases"();
CREATE TRIGGER "Purchase_activity_update" AFTER UPDATE ON "Purchase" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_activity_move_purchases"();
CREATE TRIGGER "Purchase_activity_delete" AFTER DELETE ON "Purchase" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_activity_remove_purchases"();

-- The category days (migration customer_category_day): lines are found by their receipt's primary
-- key, so every probe is one partition's.
CREATE OR REPLACE FUNCTION "customer_category_add_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  customer text;
  program text;
  status "PurchaseStatus";
BEGIN
  -- A statement of a few receipts (a till's): each receipt read by its primary key, planned with its
  -- values (EXECUTE: one partition; a join from the transition table plans every month's partition
  -- on every statement, measured at ~0.9 ms of a confirm with 49 months online). A bulk statement: one join.
  IF (SELECT count(DISTINCT (n."purchaseId", n."purchaseAt")) FROM new_rows n) <= 8 THEN
    FOR r IN SELECT DISTINCT n."purchaseId" AS id, n."purchaseAt" AS at FROM new_rows n LOOP
      EXECUTE 'SELECT x."customerId", x."programId", x."status" FROM "Purchase" x WHERE x."id" = $1 AND x."at" = $2' INTO customer, program, status USING r.id, r.at;
      CONTINUE WHEN status IS DISTINCT FROM 'committed' OR customer IS NULL;
      INSERT INTO "CustomerCategoryDay" AS d ("customerId", "day", "category", "programId", "lines")
      SELECT customer, (r.at AT TIME ZONE 'UTC')::date, n."category", program, count(*)
      FROM new_rows n WHERE n."purchaseId" = r.id AND n."purchaseAt" = r.at
      GROUP BY n."category" ORDER BY n."category"
      ON CONFLICT ("customerId", "day", "category") DO UPDATE SET "lines" = d."lines" + excluded."lines";
    END LOOP;
    RETURN NULL;
  END IF;
  INSERT INTO "CustomerCategoryDay" AS d ("customerId", "day", "category", "programId", "lines")
  SELECT p."customerId", (p."at" AT TIME ZONE 'UTC')::date, n."category", min(p."programId"), count(*)
  FROM new_rows n JOIN "Purchase" p ON p."id" = n."purchaseId" AND p."at" = n."purchaseAt"
  WHERE p."status" = 'committed' AND p."customerId" IS NOT NULL
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("customerId", "day", "category") DO UPDATE SET "lines" = d."lines" + excluded."lines";
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "customer_category_remove_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CustomerCategoryDay" d SET "lines" = d."lines" - x.n
  FROM (
    SELECT p."customerId", (p."at" AT TIME ZONE 'UTC')::date AS "day", o."category", count(*)::int AS n
    FROM old_rows o JOIN "Purchase" p ON p."id" = o."purchaseId" AND p."at" = o."purchaseAt"
    WHERE p."status" = 'committed' AND p."customerId" IS NOT NULL
    GROUP BY 1, 2, 3
  ) x
  WHERE d."customerId" = x."customerId" AND d."day" = x."day" AND d."category" = x."category";
  RETURN NULL;
END $$;

-- A receipt whose status, customer, time or program changed moves its lines' categories from the
-- old day (where it counted) to the new. Its lines are read at the receipt's old or new time: the
-- foreign key's cascade may already have moved them.
CREATE FUNCTION "customer_category_move_purchases"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n."id" = o."id"
      WHERE o."status" IS DISTINCT FROM n."status" OR o."customerId" IS DISTINCT FROM n."customerId" OR o."at" IS DISTINCT FROM n."at" OR o."programId" IS DISTINCT FROM n."programId") THEN
    RETURN NULL;
  END IF;
  WITH c AS (
    SELECT o."id", o."at" AS old_at, n."at" AS new_at, s.side, s."customerId", s."programId", s."at"
    FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (-1, o."customerId", o."programId", o."at", o."status"), (1, n."customerId", n."programId", n."at", n."status")) s(side, "customerId", "programId", "at", status)
    WHERE (o."status" IS DISTINCT FROM n."status" OR o."customerId" IS DISTINCT FROM n."customerId" OR o."at" IS DISTINCT FROM n."at" OR o."programId" IS DISTINCT FROM n."programId")
      AND s.status = 'committed' AND s."customerId" IS NOT NULL),
  x AS (
    SELECT c."customerId", (c."at" AT TIME ZONE 'UTC')::date AS "day", l."category", min(c."programId") AS "programId", sum(c.side)::int AS n
    FROM c JOIN "PurchaseLine" l ON l."purchaseId" = c."id" AND l."purchaseAt" IN (c.old_at, c.new_at)
    GROUP BY 1, 2, 3 HAVING sum(c.side) <> 0)
  INSERT INTO "CustomerCategoryDay" AS d ("customerId", "day", "category", "programId", "lines")
  SELECT x."customerId", x."day", x."category", x."programId", x.n FROM x ORDER BY 1, 2, 3
  ON CONFLICT ("customerId", "day", "category") DO UPDATE SET "lines" = d."lines" + excluded."lines";
  RETURN NULL;
END $$;

-- A line whose category or receipt changed moves from its old receipt's day to its new one's (a
-- line that only follows its receipt in time is the receipt's trigger's).
CREATE FUNCTION "customer_category_move_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n."id" = o."id"
      WHERE o."category" IS DISTINCT FROM n."category" OR o."purchaseId" IS DISTINCT FROM n."purchaseId") THEN
    RETURN NULL;
  END IF;
  WITH c AS (
    SELECT s.side, s."purchaseId", s."purchaseAt", s."category"
    FROM old_rows o JOIN new_rows n ON n."id" = o."id"
    CROSS JOIN LATERAL (VALUES (-1, o."purchaseId", o."purchaseAt", o."category"), (1, n."purchaseId", n."purchaseAt", n."category")) s(side, "purchaseId", "purchaseAt", "category")
    WHERE o."category" IS DISTINCT FROM n."category" OR o."purchaseId" IS DISTINCT FROM n."purchaseId"),
  x AS (
    SELECT p."customerId", (p."at" AT TIME ZONE 'UTC')::date AS "day", c."category", min(p."programId") AS "programId", sum(c.side)::int AS n
    FROM c JOIN "Purchase" p ON p."id" = c."purchaseId" AND p."at" = c."purchaseAt"
    WHERE p."status" = 'committed' AND p."customerId" IS NOT NULL
    GROUP BY 1, 2, 3 HAVING sum(c.side) <> 0)
  INSERT INTO "CustomerCategoryDay" AS d ("customerId", "day", "category", "programId", "lines")
  SELECT x."customerId", x."day", x."category", x."programId", x.n FROM x ORDER BY 1, 2, 3
  ON CONFLICT ("customerId", "day", "category") DO UPDATE SET "lines" = d."lines" + excluded."lines";
  RETURN NULL;
END $$;

CREATE TRIGGER "Purchase_category_update" AFTER UPDATE ON "Purchase" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_category_move_purchases"();
CREATE TRIGGER "PurchaseLine_category_insert" AFTER INSERT ON "PurchaseLine" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_category_add_lines"();
CREATE TRIGGER "PurchaseLine_category_update" AFTER UPDATE ON "PurchaseLine" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_category_move_lines"();
CREATE TRIGGER "PurchaseLine_category_delete" AFTER DELETE ON "PurchaseLine" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_category_remove_lines"();

-- Months of receipts taken offline by the retention (lib/purchases/purchase-retention.ts).
CREATE TABLE "PurchaseArchive" (
    "partition" TEXT NOT NULL,
    "from" TIMESTAMPTZ(3) NOT NULL,
    "to" TIMESTAMPTZ(3) NOT NULL,
    "receipts" INTEGER NOT NULL,
    "lines" INTEGER NOT NULL,
    "returns" INTEGER NOT NULL,
    "dropped" BOOLEAN NOT NULL,
    "archivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PurchaseArchive_pkey" PRIMARY KEY ("partition")
);

-- Where detached months are kept (PURCHASE_ARCHIVE=schema).
CREATE SCHEMA IF NOT EXISTS "purchase_archive";
