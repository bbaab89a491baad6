-- A receipt's customer, their account locks and what the receipt reads under them, in ONE round
-- trip (lib/purchases/customer.ts `lockForReceipt`). A function, not one SELECT: the reads after
-- the locks must see every receipt of the same customer that committed while this one waited for
-- them. One statement has one snapshot, taken before the wait; a VOLATILE function takes a fresh
-- snapshot for each statement it runs (READ COMMITTED), so the reads below start after the locks.
-- The statements are the ones the till sent on their own before (same indexes).
CREATE FUNCTION "tribune_lock_for_receipt"(
  p_program text, p_card text, p_qr text, p_phone text, p_customer text,
  p_now timestamptz, p_keys text[], p_lo text, p_hi text, p_counted text[], p_per_customer text[])
RETURNS TABLE (
  id text, "firstName" text, "lastName" text, phone text, "phoneVerifiedAt" timestamptz, "birthDate" date,
  "registeredAt" timestamptz, status text, card text, accounts json,
  kept text, lots json, tier json, metrics json, limits json)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  c record;
  accs json;
  n int;
  main_id text;
BEGIN
  -- The customer of the reference (as resolveCustomer / resolveAndLockAccounts read it).
  IF p_card IS NOT NULL THEN
    SELECT cu.id, cu."firstName", cu."lastName", cu.phone, cu."phoneVerifiedAt", cu."birthDate", cu."createdAt" AS "registeredAt", cu.status::text AS status, k.number AS card INTO c
    FROM "Card" k JOIN "Customer" cu ON cu.id = k."customerId"
    WHERE k.number = p_card AND k."programId" = p_program AND k.status = 'active';
  ELSIF p_qr IS NOT NULL THEN
    SELECT cu.id, cu."firstName", cu."lastName", cu.phone, cu."phoneVerifiedAt", cu."birthDate", cu."createdAt" AS "registeredAt", cu.status::text AS status, k.number AS card INTO c
    FROM "Card" k JOIN "Customer" cu ON cu.id = k."customerId"
    WHERE k."qrToken" = p_qr AND k."programId" = p_program AND k.status = 'active';
  ELSIF p_phone IS NOT NULL THEN
    SELECT cu.id, cu."firstName", cu."lastName", cu.phone, cu."phoneVerifiedAt", cu."birthDate", cu."createdAt" AS "registeredAt", cu.status::text AS status,
      (SELECT number FROM "Card" WHERE "customerId" = cu.id AND status = 'active' ORDER BY "issuedAt" DESC LIMIT 1) AS card INTO c
    FROM "Customer" cu WHERE cu."programId" = p_program AND cu.phone = p_phone;
  ELSE
    SELECT cu.id, cu."firstName", cu."lastName", cu.phone, cu."phoneVerifiedAt", cu."birthDate", cu."createdAt" AS "registeredAt", cu.status::text AS status,
      (SELECT number FROM "Card" WHERE "customerId" = cu.id AND status = 'active' ORDER BY "issuedAt" DESC LIMIT 1) AS card INTO c
    FROM "Customer" cu WHERE cu."programId" = p_program AND cu.id = p_customer;
  END IF;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  -- The account locks, main → promo (the ledger's order: the subquery sorts by kind before it locks).
  SELECT json_agg(a ORDER BY a.kind), count(*)::int, max(a.id) FILTER (WHERE a.kind = 'main') INTO accs, n, main_id
  FROM (SELECT id, "programId", "customerId", kind::text AS kind, available, held, pending, debt FROM "Account" WHERE "customerId" = c.id ORDER BY kind FOR UPDATE) a;
  IF n < 2 THEN
    -- No accounts yet: the caller creates and locks them, then reads.
    RETURN QUERY SELECT c.id, c."firstName", c."lastName", c.phone, c."phoneVerifiedAt", c."birthDate", c."registeredAt", c.status, c.card, accs,
      NULL::text, NULL::json, NULL::json, NULL::json, NULL::json;
    RETURN;
  END IF;
  -- After the locks (a fresh snapshot): a merge that committed while this waited, the main
  -- account's due lots, the status row (locked: accounts → CustomerTier), the metric rows of the
  -- evaluation period (p_keys, or the days p_lo…p_hi of a rolling window) and the promotions' limit rows.
  RETURN QUERY
  WITH RECURSIVE chain(kid, depth) AS (
    SELECT m."keptId", 1 FROM "CustomerMerge" m WHERE m."mergedId" = c.id
    UNION ALL
    SELECT m."keptId", ch.depth + 1 FROM "CustomerMerge" m JOIN chain ch ON m."mergedId" = ch.kid WHERE ch.depth < 20
  )
  SELECT c.id, c."firstName", c."lastName", c.phone, c."phoneVerifiedAt", c."birthDate", c."registeredAt", c.status, c.card, accs,
    (SELECT kid FROM chain ORDER BY depth DESC LIMIT 1),
    (SELECT json_agg(l ORDER BY l."expiresAt", l.id) FROM (
      SELECT id, remaining, held, "activatedAt" IS NOT NULL AS active, "purchaseId", "expiresAt" FROM "Lot"
      WHERE "accountId" = main_id AND "expiredAt" IS NULL AND "voidedAt" IS NULL AND "expiresAt" <= p_now) l),
    (SELECT row_to_json(t) FROM (
      SELECT "customerId", "programId", "tierCode", "periodKey", "qualifiedTierCode", "carriedTierCode", "manualTierCode", "manualUntil", since
      FROM "CustomerTier" WHERE "customerId" = c.id AND NOT EXISTS (SELECT 1 FROM "CustomerMerge" WHERE "mergedId" = c.id)
      FOR UPDATE) t),
    (SELECT json_agg(x) FROM (
      SELECT "customerId", "periodKey", spend, "spendByCategory", visits, purchases FROM "TierMetric"
      WHERE "customerId" = c.id
        AND ("periodKey" = ANY(p_keys) OR ("periodKey" LIKE 'd%' AND "periodKey" >= p_lo AND "periodKey" <= p_hi))) x),
    (SELECT json_agg(x) FROM (
      SELECT id, NULL::text AS "periodKey", uses, "moneyUsed", "pointsUsed" FROM "Promotion" WHERE id = ANY(p_counted)
      UNION ALL
      SELECT "promotionId", "periodKey", uses, 0::bigint, 0::bigint FROM "PromotionCustomerUse"
      WHERE "customerId" = c.id AND "promotionId" = ANY(p_per_customer)) x);
END
$$;
