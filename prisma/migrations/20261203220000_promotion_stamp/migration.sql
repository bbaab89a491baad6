-- The promotions' cache stamp of a program as one row (docs/benchmarks.md, "Promotions (issue 12)",
-- "The promotions' stamp in one row"). Every processing-API request read it as
-- `count(*) || max("updatedAt")` over the program's "Promotion" rows (with the terminal key,
-- lib/pos/terminal-auth.ts; lib/promotions/store.ts `promotionsStamp`): a scan of every promotion's
-- row on every receipt — 200 rows, and the pages the counters' updates at commit keep filling with
-- row versions (0.18 ms of PostgreSQL per request with the bench's 200 promotions). Now the stamp
-- is a number that every change of a program's promotions moves forward, in the same transaction:
-- a row inserted or deleted, a row updated in anything but its counters (uses, moneyUsed,
-- pointsUsed — the till's own writes, which never change what the till prices with), a truncate.
-- It never repeats (the clock's microseconds when it is created, then +1 or the clock, whichever
-- is larger), so a process's cached list of promotions is never taken for a newer one.

CREATE TABLE "PromotionStamp" (
    "programId" TEXT NOT NULL,
    "stamp" BIGINT NOT NULL,

    CONSTRAINT "PromotionStamp_pkey" PRIMARY KEY ("programId")
);

ALTER TABLE "PromotionStamp" ADD CONSTRAINT "PromotionStamp_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "PromotionStamp" ("programId", "stamp")
SELECT DISTINCT "programId", (extract(epoch FROM clock_timestamp()) * 1000000)::bigint FROM "Promotion";

CREATE FUNCTION "tribune_promotion_stamp"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE "PromotionStamp" SET stamp = greatest(stamp + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint);
    RETURN NULL;
  END IF;
  INSERT INTO "PromotionStamp" AS s ("programId", stamp)
  SELECT g.id, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint
  FROM "Program" g
  WHERE g.id = ANY (CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW."programId"] WHEN 'DELETE' THEN ARRAY[OLD."programId"] ELSE ARRAY[OLD."programId", NEW."programId"] END)
  ON CONFLICT ("programId") DO UPDATE SET stamp = greatest(s.stamp + 1, excluded.stamp);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Promotion_stamp_insert_delete"
  AFTER INSERT OR DELETE ON "Promotion"
  FOR EACH ROW
  EXECUTE FUNCTION "tribune_promotion_stamp"();

-- Not on the counters' updates (their SET lists name none of these columns: the trigger is not
-- even looked at); on every other column.
CREATE TRIGGER "Promotion_stamp_update"
  AFTER UPDATE OF id, "programId", code, "currentVersionId", "partnerId", "pendingVersionId", "createdAt", "updatedAt" ON "Promotion"
  FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD."programId" IS DISTINCT FROM NEW."programId" OR OLD.code IS DISTINCT FROM NEW.code
    OR OLD."currentVersionId" IS DISTINCT FROM NEW."currentVersionId" OR OLD."partnerId" IS DISTINCT FROM NEW."partnerId"
    OR OLD."pendingVersionId" IS DISTINCT FROM NEW."pendingVersionId" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt"
    OR OLD."updatedAt" IS DISTINCT FROM NEW."updatedAt")
  EXECUTE FUNCTION "tribune_promotion_stamp"();

CREATE TRIGGER "Promotion_stamp_truncate"
  AFTER TRUNCATE ON "Promotion"
  FOR EACH STATEMENT
  EXECUTE FUNCTION "tribune_promotion_stamp"();
