-- psql "$URL_OF_tribune_bench_segments" -X -f scripts/sql/activity-trigger-cost.sql (after npm run bench:segments built it)
-- What the summary triggers add to a receipt's INSERT (receipt + 2 lines in one statement, as the
-- confirm writes them) and to its cancel: N single-statement writes per variant, each variant in a
-- rolled-back transaction, variants interleaved. Results: docs/benchmarks.md ("Category days, RFM by sorted arrays", "Rolling windows").
\set n 2000
CREATE OR REPLACE FUNCTION pg_temp.bench_receipts(n int, tag text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; t1 timestamptz; i int; cid text; prg text; sto text; pv text;
BEGIN
  SELECT s."programId", s.id INTO prg, sto FROM "Store" s JOIN "Program" p ON p.id = s."programId" WHERE p.code = 'bench-segments' ORDER BY s.code LIMIT 1;
  SELECT id INTO pv FROM "ProgramVersion" WHERE "programId" = prg ORDER BY version DESC LIMIT 1;
  t0 := clock_timestamp();
  FOR i IN 1..n LOOP
    cid := 'cus_bench' || lpad((1 + floor(random() * 1000000))::int::text, 8, '0');
    WITH r AS (
      INSERT INTO "Purchase" (id, "programId", "storeId", "customerId", number, at, status, "programVersionId", "periodKey", amount, discount, payable, "committedAt")
      VALUES ('rcp_t' || tag || i, prg, sto, cid, 'T' || tag || i, now(), 'committed', pv, '2026/27', 100000, 0, 100000, now())
      RETURNING id, "programId", "customerId")
    INSERT INTO "PurchaseLine" (id, "programId", "customerId", "purchaseId", "lineNo", sku, category, "quantityMilli", price, amount)
    SELECT r.id || '_' || k, r."programId", r."customerId", r.id, k, 'SKU-' || k, (ARRAY['merch', 'food'])[k], 1000, 50000, 50000 FROM r, generate_series(1, 2) k;
  END LOOP;
  t1 := clock_timestamp();
  FOR i IN 1..n LOOP
    UPDATE "Purchase" SET status = 'cancelled' WHERE id = 'rcp_t' || tag || i;
  END LOOP;
  RETURN format('%s: insert %s ms, cancel %s ms', tag,
    round((extract(epoch FROM t1 - t0) * 1000 / n)::numeric, 3), round((extract(epoch FROM clock_timestamp() - t1) * 1000 / n)::numeric, 3));
END $$;
-- Disables the given triggers (inside the caller's transaction, rolled back after) and times.
CREATE OR REPLACE FUNCTION pg_temp.variant(n int, tag text, off text[]) RETURNS text LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY off LOOP
    IF t = 'ring' THEN
      -- The rolling windows' recomputation (migration customer_activity_ring) as a no-op.
      EXECUTE 'CREATE OR REPLACE FUNCTION "customer_activity_ring"(ids text[]) RETURNS void LANGUAGE sql AS $f$ SELECT $f$';
    ELSE
      EXECUTE format('ALTER TABLE %I DISABLE TRIGGER %I', split_part(t, '.', 1), split_part(t, '.', 2));
    END IF;
  END LOOP;
  RETURN pg_temp.bench_receipts(n, tag);
END $$;
BEGIN; SELECT pg_temp.bench_receipts(200, 'warm-up'); ROLLBACK;
-- Three rounds of: all triggers; without the rolling windows; without them and the category days'; without any summary trigger.
SELECT format('BEGIN; SELECT pg_temp.variant(%s, %L, %L); ROLLBACK;', :n, v.tag, v.off)
FROM generate_series(1, 3) r,
  (VALUES (1, 'all', '{}'::text[]),
          (2, 'noring', '{ring}'::text[]),
          (3, 'nocat', '{ring,PurchaseLine.PurchaseLine_category_insert,Purchase.Purchase_category_update}'),
          (4, 'none', '{PurchaseLine.PurchaseLine_category_insert,Purchase.Purchase_category_update,Purchase.Purchase_activity_insert,Purchase.Purchase_activity_update}')) v(k, tag, off)
ORDER BY r, v.k \gexec
