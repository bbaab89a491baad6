-- The rows a receipt writes refer to their program (and PurchasePromotion to its promotion) through
-- checks made once per statement instead of foreign keys. A foreign key checks every inserted row on
-- its own and takes a KEY SHARE lock on the referenced row: every till's receipt locked the program's
-- one "Program" row (six tables, every line and entry) and the "Promotion" rows of the promotions it
-- applied — rows that the counters trigger updates at commit — so concurrent receipts built
-- multixacts on them (docs/benchmarks.md, "The program's and promotions' references checked per
-- statement"). The checks are kept, stronger where they can be:
--   * after each INSERT statement, its new rows' programs exist (a statement trigger reading the
--     statement's transition table: one query per statement, no lock under READ COMMITTED, which
--     every writer uses; under REPEATABLE READ the rows are locked as a foreign key would);
--   * a PurchasePromotion row's promotion exists and belongs to the row's program (the foreign key
--     only checked that the promotion existed);
--   * a row's program (and promotion) never changes afterwards;
--   * a referenced Program or Promotion row is not deleted and its id does not change (what the keys'
--     ON DELETE RESTRICT did; ON UPDATE CASCADE is now a refusal — no code renames an id). A delete
--     waits for the inserting transactions of the referring tables (SHARE lock), then looks for rows
--     that refer to it with a fresh snapshot, so it needs READ COMMITTED.
-- The foreign keys' lock is what made the check safe against a concurrent delete; here the delete's
-- table lock does that, and a program or promotion is deleted rarely (never by the product).

-- DropForeignKey
ALTER TABLE "IdempotencyKey" DROP CONSTRAINT "IdempotencyKey_programId_fkey";

-- DropForeignKey
ALTER TABLE "LedgerEntry" DROP CONSTRAINT "LedgerEntry_programId_fkey";

-- DropForeignKey
ALTER TABLE "Lot" DROP CONSTRAINT "Lot_programId_fkey";

-- DropForeignKey
ALTER TABLE "LotAllocation" DROP CONSTRAINT "LotAllocation_programId_fkey";

-- DropForeignKey
ALTER TABLE "PromotionCustomerUse" DROP CONSTRAINT "PromotionCustomerUse_programId_fkey";

-- DropForeignKey
ALTER TABLE "PurchaseLine" DROP CONSTRAINT "PurchaseLine_programId_fkey";

-- DropForeignKey
ALTER TABLE "PurchasePromotion" DROP CONSTRAINT "PurchasePromotion_programId_fkey";

-- DropForeignKey
ALTER TABLE "PurchasePromotion" DROP CONSTRAINT "PurchasePromotion_promotionId_fkey";

-- Inserted rows: their programs exist.
CREATE FUNCTION "tribune_check_program_refs"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  -- Every writer runs READ COMMITTED, where this query's fresh snapshot sees a delete that committed
  -- before the insert. Under REPEATABLE READ it would not: lock the rows as a foreign key does, which
  -- fails (40001) on a program deleted since the transaction's snapshot.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    PERFORM 1 FROM "Program" p WHERE p.id IN (SELECT n."programId" FROM new_rows n) FOR KEY SHARE;
  END IF;
  SELECT n."programId" INTO missing FROM new_rows n
   WHERE NOT EXISTS (SELECT 1 FROM "Program" p WHERE p.id = n."programId") LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert into table "%" refers to program %, which does not exist', TG_TABLE_NAME, coalesce(missing, 'null')
      USING ERRCODE = '23503', TABLE = TG_TABLE_NAME, COLUMN = 'programId';
  END IF;
  RETURN NULL;
END
$$;

-- Inserted PurchasePromotion rows: their promotions exist in the rows' programs (so the programs exist).
CREATE FUNCTION "tribune_check_promotion_refs"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    PERFORM 1 FROM "Promotion" p WHERE p.id IN (SELECT n."promotionId" FROM new_rows n) FOR KEY SHARE;
  END IF;
  SELECT n."promotionId" INTO missing FROM new_rows n
   WHERE NOT EXISTS (SELECT 1 FROM "Promotion" p WHERE p.id = n."promotionId" AND p."programId" = n."programId") LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert into table "%" refers to promotion %, which does not exist in the row''s program', TG_TABLE_NAME, coalesce(missing, 'null')
      USING ERRCODE = '23503', TABLE = TG_TABLE_NAME, COLUMN = 'promotionId';
  END IF;
  RETURN NULL;
END
$$;

-- A row's program (or promotion) does not change once written.
CREATE FUNCTION "tribune_reference_fixed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the program or promotion of a row of table "%" does not change', TG_TABLE_NAME
    USING ERRCODE = '23503', TABLE = TG_TABLE_NAME;
END
$$;

-- A Program or Promotion row that rows of the tables named in the trigger's arguments refer to (by
-- the column named first) is not deleted, and no such row's id changes.
CREATE FUNCTION "tribune_restrict_referenced"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[0];
  referring boolean;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.id IS DISTINCT FROM OLD.id THEN
      RAISE EXCEPTION 'the id of a row of table "%" does not change (%)', TG_TABLE_NAME, OLD.id
        USING ERRCODE = '23503', TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NEW;
  END IF;
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'deleting from table "%" needs READ COMMITTED (its references are looked for after the writers finish)', TG_TABLE_NAME
      USING ERRCODE = '0A000';
  END IF;
  FOR i IN 1 .. TG_NARGS - 1 LOOP
    EXECUTE format('LOCK TABLE %I IN SHARE MODE', TG_ARGV[i]);
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I = $1)', TG_ARGV[i], col) INTO referring USING OLD.id;
    IF referring THEN
      RAISE EXCEPTION 'update or delete on table "%" violates the reference from table "%" (%)', TG_TABLE_NAME, TG_ARGV[i], OLD.id
        USING ERRCODE = '23503', TABLE = TG_ARGV[i];
    END IF;
  END LOOP;
  RETURN OLD;
END
$$;

CREATE TRIGGER "IdempotencyKey_program_refs" AFTER INSERT ON "IdempotencyKey"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tribune_check_program_refs"();
CREATE TRIGGER "LedgerEntry_program_refs" AFTER INSERT ON "LedgerEntry"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tribune_check_program_refs"();
CREATE TRIGGER "Lot_program_refs" AFTER INSERT ON "Lot"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tribune_check_program_refs"();
CREATE TRIGGER "LotAllocation_program_refs" AFTER INSERT ON "LotAllocation"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tribune_check_program_refs"();
CREATE TRIGGER "PromotionCustomerUse_program_refs" AFTER INSERT ON "PromotionCustomerUse"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tribune_check_program_refs"();
CREATE TRIGGER "PurchaseLine_program_refs" AFTER INSERT ON "PurchaseLine"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tribune_check_program_refs"();
CREATE TRIGGER "PurchasePromotion_promotion_refs" AFTER INSERT ON "PurchasePromotion"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tribune_check_promotion_refs"();

CREATE TRIGGER "IdempotencyKey_program_fixed" BEFORE UPDATE OF "programId" ON "IdempotencyKey"
  FOR EACH ROW WHEN (OLD."programId" IS DISTINCT FROM NEW."programId") EXECUTE FUNCTION "tribune_reference_fixed"();
CREATE TRIGGER "LedgerEntry_program_fixed" BEFORE UPDATE OF "programId" ON "LedgerEntry"
  FOR EACH ROW WHEN (OLD."programId" IS DISTINCT FROM NEW."programId") EXECUTE FUNCTION "tribune_reference_fixed"();
CREATE TRIGGER "Lot_program_fixed" BEFORE UPDATE OF "programId" ON "Lot"
  FOR EACH ROW WHEN (OLD."programId" IS DISTINCT FROM NEW."programId") EXECUTE FUNCTION "tribune_reference_fixed"();
CREATE TRIGGER "LotAllocation_program_fixed" BEFORE UPDATE OF "programId" ON "LotAllocation"
  FOR EACH ROW WHEN (OLD."programId" IS DISTINCT FROM NEW."programId") EXECUTE FUNCTION "tribune_reference_fixed"();
CREATE TRIGGER "PromotionCustomerUse_program_fixed" BEFORE UPDATE OF "programId" ON "PromotionCustomerUse"
  FOR EACH ROW WHEN (OLD."programId" IS DISTINCT FROM NEW."programId") EXECUTE FUNCTION "tribune_reference_fixed"();
CREATE TRIGGER "PurchaseLine_program_fixed" BEFORE UPDATE OF "programId" ON "PurchaseLine"
  FOR EACH ROW WHEN (OLD."programId" IS DISTINCT FROM NEW."programId") EXECUTE FUNCTION "tribune_reference_fixed"();
CREATE TRIGGER "PurchasePromotion_program_fixed" BEFORE UPDATE OF "programId", "promotionId" ON "PurchasePromotion"
  FOR EACH ROW WHEN (OLD."programId" IS DISTINCT FROM NEW."programId" OR OLD."promotionId" IS DISTINCT FROM NEW."promotionId")
  EXECUTE FUNCTION "tribune_reference_fixed"();

CREATE TRIGGER "Program_restrict_referenced" BEFORE DELETE OR UPDATE OF id ON "Program"
  FOR EACH ROW EXECUTE FUNCTION "tribune_restrict_referenced"('programId', 'IdempotencyKey', 'LedgerEntry', 'Lot', 'LotAllocation', 'PromotionCustomerUse', 'PurchaseLine', 'PurchasePromotion');
CREATE TRIGGER "Promotion_restrict_referenced" BEFORE DELETE OR UPDATE OF id ON "Promotion"
  FOR EACH ROW EXECUTE FUNCTION "tribune_restrict_referenced"('promotionId', 'PurchasePromotion');
