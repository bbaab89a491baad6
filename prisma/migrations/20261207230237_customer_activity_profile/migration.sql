-- The customer's consents and birth date on the activity summary row (lib/segments/compile.ts).
-- The liquor chain's "bought merch in 180 days ∧ e-mail consent ∧ (birthday in December or January
-- ∨ ≥ 2 visits in 365 days)" scanned all of "Customer" for the consent and the birthday and built
-- the set of frequent visitors beside it: 5.8 s at 6,000,000 members (docs/benchmarks.md,
-- 2026-12-07 22:05). With these copies, the consent, the birthday and the visits are tests of one
-- summary row, and only the category's buyers (each of whom has a summary row) are read besides.
--
--   "emailConsent", "smsConsent", "birthDate" = the same columns of the customer's "Customer" row
--
-- Kept exact in the writing statement's own transaction:
-- - a change of any of the three on "Customer" writes them onto the customer's summary row: a plain
--   UPDATE when the row is there to see, otherwise an upsert, which creates the row (zero activity,
--   the status and main balance from their tables) or, when another transaction is inserting it right
--   now, waits for that insert and then updates the row;
-- - a summary row inserted by anything else (the customer's first receipt or visit, a status, a main
--   account) copies them from "Customer" right after its insert (an AFTER INSERT row trigger: it
--   fires for new rows only, not for the upserts of every later receipt, so a confirm of a known
--   member pays nothing).
-- Those two together leave no window: whichever of the two transactions inserts the row second
-- either sees the other's committed "Customer" row or waits for its uncommitted summary row.
-- A bulk writer that defers the summary's copies (tribune.activity_status = 'deferred', the legacy
-- import) calls customer_activity_status_refresh(program) before it commits, which now writes the
-- profile of every summary row too. lib/segments/activity.ts (activityMismatches, kind "profile")
-- compares the copies with "Customer"; the bulk loader (scripts/lib/bulk-load.ts) fills them itself.
--
-- (A correction to migration customer_activity_status_balance's header, which cannot change once
-- applied: its "Account" trigger writes a changed balance by a plain UPDATE when the summary row is
-- visible, and only falls back to the upsert when it is not, as the function's own comment says.)

-- AlterTable
ALTER TABLE "CustomerActivity" ADD COLUMN     "birthDate" DATE,
ADD COLUMN     "emailConsent" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "smsConsent" BOOLEAN NOT NULL DEFAULT false;

CREATE FUNCTION "customer_activity_customer_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CustomerActivity" SET "emailConsent" = NEW."emailConsent", "smsConsent" = NEW."smsConsent", "birthDate" = NEW."birthDate"
   WHERE "customerId" = NEW."id";
  IF FOUND THEN
    RETURN NULL;
  END IF;
  INSERT INTO "CustomerActivity" ("customerId", "programId", "tierCode", "mainAvailable", "emailConsent", "smsConsent", "birthDate")
  VALUES (NEW."id", NEW."programId", (SELECT t."tierCode" FROM "CustomerTier" t WHERE t."customerId" = NEW."id"),
          coalesce((SELECT m."available" FROM "Account" m WHERE m."customerId" = NEW."id" AND m."kind" = 'main'), 0),
          NEW."emailConsent", NEW."smsConsent", NEW."birthDate")
  ON CONFLICT ("customerId") DO UPDATE SET "emailConsent" = EXCLUDED."emailConsent", "smsConsent" = EXCLUDED."smsConsent", "birthDate" = EXCLUDED."birthDate"
  WHERE ("CustomerActivity"."emailConsent", "CustomerActivity"."smsConsent", "CustomerActivity"."birthDate")
        IS DISTINCT FROM (EXCLUDED."emailConsent", EXCLUDED."smsConsent", EXCLUDED."birthDate");
  RETURN NULL;
END
$$;

CREATE TRIGGER "Customer_activity_profile" AFTER UPDATE OF "emailConsent", "smsConsent", "birthDate" ON "Customer"
  FOR EACH ROW WHEN ((OLD."emailConsent", OLD."smsConsent", OLD."birthDate") IS DISTINCT FROM (NEW."emailConsent", NEW."smsConsent", NEW."birthDate")
                     AND current_setting('tribune.activity_status', true) IS DISTINCT FROM 'deferred')
  EXECUTE FUNCTION "customer_activity_customer_changed"();

CREATE FUNCTION "customer_activity_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CustomerActivity" a SET "emailConsent" = c."emailConsent", "smsConsent" = c."smsConsent", "birthDate" = c."birthDate"
    FROM "Customer" c
   WHERE a."customerId" = NEW."customerId" AND c."id" = NEW."customerId"
     AND (a."emailConsent", a."smsConsent", a."birthDate") IS DISTINCT FROM (c."emailConsent", c."smsConsent", c."birthDate");
  RETURN NULL;
END
$$;

CREATE TRIGGER "CustomerActivity_profile_insert" AFTER INSERT ON "CustomerActivity"
  FOR EACH ROW WHEN (current_setting('tribune.activity_status', true) IS DISTINCT FROM 'deferred')
  EXECUTE FUNCTION "customer_activity_inserted"();

-- Every summary row of a program, and a row for every member with a status or a main account,
-- set-based (a bulk writer's deferred triggers; the backfill below).
CREATE OR REPLACE FUNCTION "customer_activity_status_refresh"(program text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "CustomerActivity" ("customerId", "programId", "tierCode", "mainAvailable", "emailConsent", "smsConsent", "birthDate")
  SELECT c."id", c."programId", t."tierCode", coalesce(m."available", 0), c."emailConsent", c."smsConsent", c."birthDate"
    FROM "Customer" c
    LEFT JOIN "CustomerTier" t ON t."customerId" = c."id"
    LEFT JOIN "Account" m ON m."customerId" = c."id" AND m."kind" = 'main'
    LEFT JOIN "CustomerActivity" a ON a."customerId" = c."id"
   WHERE c."programId" = program AND (t."customerId" IS NOT NULL OR m."customerId" IS NOT NULL OR a."customerId" IS NOT NULL)
     AND (a."customerId" IS NULL
          OR (a."tierCode", a."mainAvailable", a."emailConsent", a."smsConsent", a."birthDate")
             IS DISTINCT FROM (t."tierCode", coalesce(m."available", 0), c."emailConsent", c."smsConsent", c."birthDate"))
  ON CONFLICT ("customerId") DO UPDATE SET "tierCode" = EXCLUDED."tierCode", "mainAvailable" = EXCLUDED."mainAvailable",
    "emailConsent" = EXCLUDED."emailConsent", "smsConsent" = EXCLUDED."smsConsent", "birthDate" = EXCLUDED."birthDate"
  WHERE ("CustomerActivity"."tierCode", "CustomerActivity"."mainAvailable", "CustomerActivity"."emailConsent", "CustomerActivity"."smsConsent", "CustomerActivity"."birthDate")
        IS DISTINCT FROM (EXCLUDED."tierCode", EXCLUDED."mainAvailable", EXCLUDED."emailConsent", EXCLUDED."smsConsent", EXCLUDED."birthDate");
$$;

-- The profile of every summary row there is (only rows that differ from the defaults are written:
-- on a live primary a new version of most summary rows — run VACUUM after it, or VACUUM (FULL) in a
-- quiet hour, as after customer_activity_status_balance).
SELECT "customer_activity_status_refresh"(p."id") FROM "Program" p;
