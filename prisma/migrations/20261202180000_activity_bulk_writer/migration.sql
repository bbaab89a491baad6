-- A bulk writer may keep the activity summary itself, set-based, in the same transaction: the
-- legacy import (lib/import/write.ts) inserts millions of receipts, and the statement trigger's
-- transition table of whole "Purchase" rows cost a fifth to a third of that INSERT; the import
-- adds its receipts' sums from its narrow staging table instead. It says so, for its receipts'
-- INSERT only, with set_config('tribune.activity_by_caller', 'on', true) (transaction-local).
-- Everything else (and every UPDATE / DELETE) goes through the triggers as before.
CREATE OR REPLACE FUNCTION "customer_activity_add_purchases"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('tribune.activity_by_caller', true) = 'on' THEN
    RETURN NULL;
  END IF;
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
