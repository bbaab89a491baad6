-- A promotion's promotion-wide limits (total uses, money and points budgets) are claimed when the
-- receipt's transaction commits, not by a statement of its own in the middle of it: every receipt
-- that uses a limited promotion updates the same "Promotion" row, and holding that row's lock over
-- the receipt's remaining round trips (through a busy application) serialised all of them
-- (docs/benchmarks.md, "Promotion counters at commit"). A deferred constraint trigger on the
-- PurchasePromotion rows a receipt inserts with "counted" runs the conditional UPDATE (never
-- read-check-write) at commit, in the order the rows were inserted (promotion id order), so the
-- lock is held for the commit alone. When a limit ran out since pricing, the commit fails with
-- SQLSTATE TR001 and nothing of the receipt is kept; the application runs the transaction again
-- (lib/db/errors.ts retryConflicts), and pricing then reads the counters as they are.
--
-- A bulk writer that sets the counters itself (the demo season's bulk path) turns the claim off
-- for its own transaction: select set_config('tribune.promotion_counters', 'written', true).
-- Void, cancel and returns give counters back with their own statements (lib/promotions/reserve.ts).

CREATE FUNCTION "tribune_claim_promotion_counters"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  lim jsonb;
BEGIN
  IF current_setting('tribune.promotion_counters', true) = 'written' THEN
    RETURN NULL;
  END IF;
  SELECT v.definition -> 'limits' INTO lim FROM "PromotionVersion" v WHERE v.id = NEW."versionId";
  UPDATE "Promotion" p
     SET uses = p.uses + 1,
         "moneyUsed" = p."moneyUsed" + NEW.discount,
         "pointsUsed" = p."pointsUsed" + NEW.points
   WHERE p.id = NEW."promotionId"
     AND (jsonb_typeof(lim -> 'total') IS DISTINCT FROM 'number' OR p.uses < (lim ->> 'total')::bigint)
     AND (jsonb_typeof(lim -> 'budget' -> 'money') IS DISTINCT FROM 'number' OR p."moneyUsed" + NEW.discount <= (lim -> 'budget' ->> 'money')::bigint)
     AND (jsonb_typeof(lim -> 'budget' -> 'points') IS DISTINCT FROM 'number' OR p."pointsUsed" + NEW.points <= (lim -> 'budget' ->> 'points')::bigint);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'promotion % reached a promotion-wide limit before this receipt committed', NEW."promotionId"
      USING ERRCODE = 'TR001', DETAIL = NEW."promotionId";
  END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "PurchasePromotion_claim_counters"
  AFTER INSERT ON "PurchasePromotion"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW
  WHEN (NEW.counted)
  EXECUTE FUNCTION "tribune_claim_promotion_counters"();
