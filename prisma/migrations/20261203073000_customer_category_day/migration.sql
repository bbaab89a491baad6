-- Per customer, UTC day and line category: how many lines of that category the customer's
-- committed receipts of that day hold (lib/segments/compile.ts: "bought a category in a period"
-- reads the whole UTC days of the period here and only the receipts of its partial edge days).
-- Days rather than months: a rolling period ("last 180 days") then leaves hours, not weeks, of
-- receipts to join to their lines at its edges. Kept exact by the triggers below in the writing
-- statement's own transaction, like "CustomerActivity" (migration customer_activity): a line
-- counts while its receipt is committed and has a customer, on the receipt's customer and day.

-- Writers wait while the table is built from history (the migration is one transaction).
LOCK TABLE "Purchase", "PurchaseLine" IN SHARE MODE;

-- CreateTable
CREATE TABLE "CustomerCategoryDay" (
    "customerId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "category" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "lines" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CustomerCategoryDay_pkey" PRIMARY KEY ("customerId","day","category")
);

-- AddForeignKey
ALTER TABLE "CustomerCategoryDay" ADD CONSTRAINT "CustomerCategoryDay_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill from history.
INSERT INTO "CustomerCategoryDay" ("customerId", "day", "category", "programId", "lines")
SELECT p."customerId", (p."at" AT TIME ZONE 'UTC')::date, l."category", min(p."programId"), count(*)::int
FROM "PurchaseLine" l JOIN "Purchase" p ON p."id" = l."purchaseId"
WHERE p."status" = 'committed' AND p."customerId" IS NOT NULL
GROUP BY 1, 2, 3;

-- Segment reads (partial, so Prisma's differ leaves it alone): the buyers of some categories over a range of days.
CREATE INDEX "CustomerCategoryDay_category_idx" ON "CustomerCategoryDay" ("programId", "category", "day") INCLUDE ("customerId") WHERE "lines" > 0;

-- Inserted lines (a set per statement: the confirm writes a receipt and its lines in one
-- statement, an import or a seed many) count when their receipt is committed — a receipt inserted
-- in the same statement included. A receipt's own INSERT adds nothing here: its lines come in the
-- same statement or later, never before (the foreign key).
CREATE FUNCTION "customer_category_add_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CustomerCategoryDay" AS d ("customerId", "day", "category", "programId", "lines")
  SELECT p."customerId", (p."at" AT TIME ZONE 'UTC')::date, n."category", min(p."programId"), count(*)
  FROM new_rows n JOIN "Purchase" p ON p."id" = n."purchaseId"
  WHERE p."status" = 'committed' AND p."customerId" IS NOT NULL
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("customerId", "day", "category") DO UPDATE SET "lines" = d."lines" + excluded."lines";
  RETURN NULL;
END $$;

-- Deleted lines leave while their receipt (still there: the foreign key restricts its delete) is committed.
CREATE FUNCTION "customer_category_remove_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CustomerCategoryDay" d SET "lines" = d."lines" - x.n
  FROM (
    SELECT p."customerId", (p."at" AT TIME ZONE 'UTC')::date AS "day", o."category", count(*)::int AS n
    FROM old_rows o JOIN "Purchase" p ON p."id" = o."purchaseId"
    WHERE p."status" = 'committed' AND p."customerId" IS NOT NULL
    GROUP BY 1, 2, 3
  ) x
  WHERE d."customerId" = x."customerId" AND d."day" = x."day" AND d."category" = x."category";
  RETURN NULL;
END $$;

-- A line moved to another category or receipt: its old place leaves, the new one comes in.
CREATE FUNCTION "customer_category_change_line"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CustomerCategoryDay" d SET "lines" = d."lines" - 1
  FROM "Purchase" p
  WHERE p."id" = OLD."purchaseId" AND p."status" = 'committed' AND p."customerId" IS NOT NULL
    AND d."customerId" = p."customerId" AND d."day" = (p."at" AT TIME ZONE 'UTC')::date AND d."category" = OLD."category";
  INSERT INTO "CustomerCategoryDay" AS d ("customerId", "day", "category", "programId", "lines")
  SELECT p."customerId", (p."at" AT TIME ZONE 'UTC')::date, NEW."category", p."programId", 1
  FROM "Purchase" p WHERE p."id" = NEW."purchaseId" AND p."status" = 'committed' AND p."customerId" IS NOT NULL
  ON CONFLICT ("customerId", "day", "category") DO UPDATE SET "lines" = d."lines" + 1;
  RETURN NULL;
END $$;

-- A receipt that starts or stops counting (committed, cancelled, voided), moves to another
-- customer (attach, detach, merge) or to another day: its lines leave the old place and come into
-- the new one.
CREATE FUNCTION "customer_category_change_purchase"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" = 'committed' AND OLD."customerId" IS NOT NULL THEN
    UPDATE "CustomerCategoryDay" d SET "lines" = d."lines" - x.n
    FROM (SELECT l."category", count(*)::int AS n FROM "PurchaseLine" l WHERE l."purchaseId" = OLD."id" GROUP BY 1) x
    WHERE d."customerId" = OLD."customerId" AND d."day" = (OLD."at" AT TIME ZONE 'UTC')::date AND d."category" = x."category";
  END IF;
  IF NEW."status" = 'committed' AND NEW."customerId" IS NOT NULL THEN
    INSERT INTO "CustomerCategoryDay" AS d ("customerId", "day", "category", "programId", "lines")
    SELECT NEW."customerId", (NEW."at" AT TIME ZONE 'UTC')::date, l."category", NEW."programId", count(*)::int
    FROM "PurchaseLine" l WHERE l."purchaseId" = NEW."id" GROUP BY l."category" ORDER BY l."category"
    ON CONFLICT ("customerId", "day", "category") DO UPDATE SET "lines" = d."lines" + excluded."lines";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "PurchaseLine_category_insert" AFTER INSERT ON "PurchaseLine" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_category_add_lines"();
CREATE TRIGGER "PurchaseLine_category_delete" AFTER DELETE ON "PurchaseLine" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_category_remove_lines"();
CREATE TRIGGER "PurchaseLine_category_update" AFTER UPDATE ON "PurchaseLine" FOR EACH ROW
  WHEN (OLD."category" IS DISTINCT FROM NEW."category" OR OLD."purchaseId" IS DISTINCT FROM NEW."purchaseId")
  EXECUTE FUNCTION "customer_category_change_line"();
CREATE TRIGGER "Purchase_category_update" AFTER UPDATE ON "Purchase" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."customerId" IS DISTINCT FROM NEW."customerId" OR OLD."at" IS DISTINCT FROM NEW."at"
    OR OLD."programId" IS DISTINCT FROM NEW."programId")
  EXECUTE FUNCTION "customer_category_change_purchase"();
