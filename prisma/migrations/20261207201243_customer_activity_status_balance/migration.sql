-- The customer's status and main balance on the activity summary row (lib/segments/compile.ts).
-- A segment of summary conditions with a status list or a main balance beside them — the liquor
-- chain's "tier ∧ balance ∧ spend in 365 days ∧ last purchase in 90 days" — joined the summary's
-- set to the statuses (a hash of every status row) and then looked up each remaining member's main
-- account: 852–1,244 ms at 1,000,000 members against 185–230 ms for one scan with both on the row,
-- and 6.4 s at 6,000,000 (docs/benchmarks.md, 2026-12-07 15:43 and 20:30).
--
--   "tierCode"       = "CustomerTier"."tierCode" of the customer (NULL: no status row — the entry tier)
--   "mainAvailable"  = "Account"."available" of the customer's main account (0: no main account)
--
-- Kept in the writing statement's own transaction by row triggers on "Account" (a main account
-- inserted, deleted, or its "available" changed — every receipt that earns or spends; an account
-- moved to another customer or kind) and on "CustomerTier" (a status inserted, deleted, or its
-- "tierCode" changed). Each writes only its own column, by an upsert of the customer's summary
-- row: a member with a status or a main account always has one, with zero activity until the
-- first receipt or visit (the compiler already reads such a row as "no activity": 0 receipts,
-- no last purchase). The upsert, not an UPDATE, is what keeps it exact under concurrency: a
-- customer's first receipt inserting the summary row while another transaction changes the
-- balance would otherwise each miss the other's uncommitted row; an upsert waits for a
-- conflicting uncommitted insert and then updates it. An update that changes nothing writes no
-- new row version. lib/segments/activity.ts (activityMismatches) compares both columns with their
-- tables; the bulk loader (scripts/lib/bulk-load.ts) fills them itself while row triggers are off.

-- AlterTable
ALTER TABLE "CustomerActivity" ADD COLUMN     "mainAvailable" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "tierCode" TEXT;

-- A customer's main balance onto their summary row (created with their status if there is none).
CREATE FUNCTION "customer_activity_set_balance"(customer text, program text, available integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CustomerActivity" ("customerId", "programId", "tierCode", "mainAvailable")
  VALUES (customer, program, (SELECT t."tierCode" FROM "CustomerTier" t WHERE t."customerId" = customer), available)
  ON CONFLICT ("customerId") DO UPDATE SET "mainAvailable" = EXCLUDED."mainAvailable"
  WHERE "CustomerActivity"."mainAvailable" IS DISTINCT FROM EXCLUDED."mainAvailable";
$$;

-- A customer's status onto their summary row (created with their main balance if there is none).
CREATE FUNCTION "customer_activity_set_tier"(customer text, program text, tier text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CustomerActivity" ("customerId", "programId", "tierCode", "mainAvailable")
  VALUES (customer, program, tier, coalesce((SELECT m."available" FROM "Account" m WHERE m."customerId" = customer AND m."kind" = 'main'), 0))
  ON CONFLICT ("customerId") DO UPDATE SET "tierCode" = EXCLUDED."tierCode"
  WHERE "CustomerActivity"."tierCode" IS DISTINCT FROM EXCLUDED."tierCode";
$$;

CREATE FUNCTION "customer_activity_account_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Every receipt that earns or spends: a main account's balance changed in place, and the
  -- customer's summary row there to see (a plain UPDATE, ~20 µs less than the upsert; one that is
  -- not visible yet — another transaction's uncommitted insert — falls through to the upsert,
  -- which waits for it).
  IF TG_OP = 'UPDATE' AND NEW."kind" = 'main' AND OLD."kind" = 'main' AND NEW."customerId" = OLD."customerId" THEN
    UPDATE "CustomerActivity" SET "mainAvailable" = NEW."available" WHERE "customerId" = NEW."customerId";
    IF FOUND THEN
      RETURN NULL;
    END IF;
  END IF;
  -- The old row's customer loses the balance (deleted, moved away or no longer the main account) …
  IF TG_OP <> 'INSERT' AND OLD."kind" = 'main' AND (TG_OP = 'DELETE' OR NEW."kind" <> 'main' OR NEW."customerId" <> OLD."customerId") THEN
    PERFORM "customer_activity_set_balance"(OLD."customerId", OLD."programId", 0);
  END IF;
  -- … the new row's customer has it.
  IF TG_OP <> 'DELETE' AND NEW."kind" = 'main' THEN
    PERFORM "customer_activity_set_balance"(NEW."customerId", NEW."programId", NEW."available");
  END IF;
  RETURN NULL;
END
$$;

-- A bulk writer that writes a program's accounts and statuses beside another transaction writing
-- the same customers' receipts (the legacy import's two connections) would wait on that one's
-- uncommitted summary rows until it commits: it turns these triggers off for its own transaction —
-- select set_config('tribune.activity_status', 'deferred', true) — and calls
-- customer_activity_status_refresh(program) before it commits (lib/import/run.ts).
CREATE TRIGGER "Account_activity_insert" AFTER INSERT ON "Account"
  FOR EACH ROW WHEN (NEW."kind" = 'main' AND current_setting('tribune.activity_status', true) IS DISTINCT FROM 'deferred')
  EXECUTE FUNCTION "customer_activity_account_changed"();
CREATE TRIGGER "Account_activity_update" AFTER UPDATE OF "available", "customerId", "kind" ON "Account"
  FOR EACH ROW WHEN (((NEW."kind" = 'main' AND OLD."available" IS DISTINCT FROM NEW."available")
                      OR OLD."customerId" IS DISTINCT FROM NEW."customerId" OR OLD."kind" IS DISTINCT FROM NEW."kind")
                     AND current_setting('tribune.activity_status', true) IS DISTINCT FROM 'deferred')
  EXECUTE FUNCTION "customer_activity_account_changed"();
CREATE TRIGGER "Account_activity_delete" AFTER DELETE ON "Account"
  FOR EACH ROW WHEN (OLD."kind" = 'main' AND current_setting('tribune.activity_status', true) IS DISTINCT FROM 'deferred')
  EXECUTE FUNCTION "customer_activity_account_changed"();

CREATE FUNCTION "customer_activity_tier_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW."customerId" <> OLD."customerId") THEN
    PERFORM "customer_activity_set_tier"(OLD."customerId", OLD."programId", NULL);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM "customer_activity_set_tier"(NEW."customerId", NEW."programId", NEW."tierCode");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "CustomerTier_activity_insert" AFTER INSERT ON "CustomerTier"
  FOR EACH ROW WHEN (current_setting('tribune.activity_status', true) IS DISTINCT FROM 'deferred')
  EXECUTE FUNCTION "customer_activity_tier_changed"();
CREATE TRIGGER "CustomerTier_activity_update" AFTER UPDATE OF "tierCode", "customerId" ON "CustomerTier"
  FOR EACH ROW WHEN ((OLD."tierCode" IS DISTINCT FROM NEW."tierCode" OR OLD."customerId" IS DISTINCT FROM NEW."customerId")
                     AND current_setting('tribune.activity_status', true) IS DISTINCT FROM 'deferred')
  EXECUTE FUNCTION "customer_activity_tier_changed"();
CREATE TRIGGER "CustomerTier_activity_delete" AFTER DELETE ON "CustomerTier"
  FOR EACH ROW WHEN (current_setting('tribune.activity_status', true) IS DISTINCT FROM 'deferred')
  EXECUTE FUNCTION "customer_activity_tier_changed"();

-- Every member of a program with a status or a main account, set-based (a bulk writer's deferred
-- triggers; the backfill below).
CREATE FUNCTION "customer_activity_status_refresh"(program text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CustomerActivity" ("customerId", "programId", "tierCode", "mainAvailable")
  SELECT c."id", c."programId", t."tierCode", coalesce(m."available", 0)
    FROM "Customer" c
    LEFT JOIN "CustomerTier" t ON t."customerId" = c."id"
    LEFT JOIN "Account" m ON m."customerId" = c."id" AND m."kind" = 'main'
   WHERE c."programId" = program AND (t."customerId" IS NOT NULL OR m."customerId" IS NOT NULL)
  ON CONFLICT ("customerId") DO UPDATE SET "tierCode" = EXCLUDED."tierCode", "mainAvailable" = EXCLUDED."mainAvailable"
  WHERE ("CustomerActivity"."tierCode", "CustomerActivity"."mainAvailable") IS DISTINCT FROM (EXCLUDED."tierCode", EXCLUDED."mainAvailable");
$$;

-- The rows there are, in one pass, and a row for every member with a status or a main account.
-- On a live primary this writes a new version of every summary row (at 1,000,000 members 3.5
-- minutes on the benchmark VM and three times the table's size): run VACUUM after it, or
-- VACUUM (FULL) in a quiet hour.
SELECT "customer_activity_status_refresh"(p."id") FROM "Program" p;
