-- The category days of a till's lines (migration purchase_partitions): the receipt of a few lines is
-- read by a plain SELECT … INTO with a cached plan instead of EXECUTE, which planned the query (and
-- the partitioned "Purchase") on every statement: about 0.1–0.3 ms less PostgreSQL CPU per confirm at
-- load 9–11 (docs/benchmarks.md, "What partitioning the receipts adds to a confirm").
CREATE OR REPLACE FUNCTION "customer_category_add_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  customer text;
  program text;
  status "PurchaseStatus";
BEGIN
  -- A statement of a few receipts (a till's): each receipt read by its primary key in a statement
  -- that does not read the transition table, so PL/pgSQL keeps its plan (a generic plan, pruned to
  -- one partition as it runs). A join from the transition table is planned again on every statement
  -- against every month's partition (~0.9 ms of a confirm with 49 months online). A bulk statement: one join.
  IF (SELECT count(DISTINCT (n."purchaseId", n."purchaseAt")) FROM new_rows n) <= 8 THEN
    FOR r IN SELECT DISTINCT n."purchaseId" AS id, n."purchaseAt" AS at FROM new_rows n LOOP
      SELECT x."customerId", x."programId", x."status" INTO customer, program, status FROM "Purchase" x WHERE x."id" = r.id AND x."at" = r.at;
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
