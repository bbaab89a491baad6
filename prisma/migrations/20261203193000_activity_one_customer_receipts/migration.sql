-- A confirm inserts one committed receipt per statement: the receipt triggers' usual case. For a
-- statement whose committed receipts are all one customer's in one UTC month, the summary rows are
-- written from one aggregate of the transition table by two single-row upserts (no GROUP BY,
-- window or 26 FILTER aggregates), and a rolling window of the same month as the row's adds the
-- receipts to each of its 13 elements in place (no call of "customer_activity_ring_add"). Anything
-- else (imports, seeds, several customers or months) takes the statements of migration
-- customer_activity_ring_increment, unchanged. A statement without committed member receipts
-- (anonymous receipts, holds) writes nothing, as before. Measured: ~0.08 ms less PostgreSQL CPU
-- per confirm (docs/benchmarks.md, "Confirm in two round trips").
CREATE OR REPLACE FUNCTION "customer_activity_add_purchases"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
  c_lo text;
  c_hi text;
  prog text;
  last_at timestamptz;
  m_lo integer;
  m_hi integer;
  s bigint;
BEGIN
  SELECT count(*), min(x."customerId"), max(x."customerId"), min(x."programId"), max(x."at"),
         min(extract(year FROM x."at" AT TIME ZONE 'UTC')::int * 12 + extract(month FROM x."at" AT TIME ZONE 'UTC')::int - 1),
         max(extract(year FROM x."at" AT TIME ZONE 'UTC')::int * 12 + extract(month FROM x."at" AT TIME ZONE 'UTC')::int - 1),
         sum(x."amount" - x."discount")
    INTO n, c_lo, c_hi, prog, last_at, m_lo, m_hi, s
    FROM new_rows x WHERE x."status" = 'committed' AND x."customerId" IS NOT NULL;
  IF n = 0 THEN
    RETURN NULL;
  END IF;
  IF c_lo = c_hi AND m_lo = m_hi THEN
    INSERT INTO "CustomerActivityMonth" AS m ("customerId", "month", "programId", "receipts", "spend")
    VALUES (c_lo, make_date(m_lo / 12, m_lo % 12 + 1, 1), prog, n, s)
    ON CONFLICT ("customerId", "month") DO UPDATE SET "receipts" = m."receipts" + excluded."receipts", "spend" = m."spend" + excluded."spend";
    INSERT INTO "CustomerActivity" AS a ("customerId", "programId", "lastPurchaseAt", "receipts", "spend", "ringMonth", "ringReceipts", "ringSpend")
    VALUES (c_lo, prog, last_at, n, s, m_lo, array_fill(n::int, ARRAY[13]), array_fill(s, ARRAY[13]))
    ON CONFLICT ("customerId") DO UPDATE SET "lastPurchaseAt" = GREATEST(a."lastPurchaseAt", excluded."lastPurchaseAt"),
      "receipts" = a."receipts" + excluded."receipts", "spend" = a."spend" + excluded."spend",
      "ringMonth" = GREATEST(a."ringMonth", excluded."ringMonth"),
      "ringReceipts" = CASE WHEN a."ringMonth" = excluded."ringMonth"
        THEN ARRAY[coalesce(a."ringReceipts"[1], 0) + n::int, coalesce(a."ringReceipts"[2], 0) + n::int, coalesce(a."ringReceipts"[3], 0) + n::int, coalesce(a."ringReceipts"[4], 0) + n::int, coalesce(a."ringReceipts"[5], 0) + n::int, coalesce(a."ringReceipts"[6], 0) + n::int, coalesce(a."ringReceipts"[7], 0) + n::int, coalesce(a."ringReceipts"[8], 0) + n::int, coalesce(a."ringReceipts"[9], 0) + n::int, coalesce(a."ringReceipts"[10], 0) + n::int, coalesce(a."ringReceipts"[11], 0) + n::int, coalesce(a."ringReceipts"[12], 0) + n::int, coalesce(a."ringReceipts"[13], 0) + n::int]::integer[]
        ELSE "customer_activity_ring_add"(a."ringMonth", a."ringReceipts", excluded."ringMonth", excluded."ringReceipts") END,
      "ringSpend" = CASE WHEN a."ringMonth" = excluded."ringMonth"
        THEN ARRAY[coalesce(a."ringSpend"[1], 0) + s, coalesce(a."ringSpend"[2], 0) + s, coalesce(a."ringSpend"[3], 0) + s, coalesce(a."ringSpend"[4], 0) + s, coalesce(a."ringSpend"[5], 0) + s, coalesce(a."ringSpend"[6], 0) + s, coalesce(a."ringSpend"[7], 0) + s, coalesce(a."ringSpend"[8], 0) + s, coalesce(a."ringSpend"[9], 0) + s, coalesce(a."ringSpend"[10], 0) + s, coalesce(a."ringSpend"[11], 0) + s, coalesce(a."ringSpend"[12], 0) + s, coalesce(a."ringSpend"[13], 0) + s]::bigint[]
        ELSE "customer_activity_ring_add"(a."ringMonth", a."ringSpend", excluded."ringMonth", excluded."ringSpend") END;
    RETURN NULL;
  END IF;
  INSERT INTO "CustomerActivityMonth" AS m ("customerId", "month", "programId", "receipts", "spend")
  SELECT n."customerId", date_trunc('month', n."at" AT TIME ZONE 'UTC')::date, min(n."programId"), count(*), sum(n."amount" - n."discount")
  FROM new_rows n WHERE n."status" = 'committed' AND n."customerId" IS NOT NULL
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("customerId", "month") DO UPDATE SET "receipts" = m."receipts" + excluded."receipts", "spend" = m."spend" + excluded."spend";
  -- Per customer: the statement's receipts as windows of its latest month ("top"), merged into the row's.
  INSERT INTO "CustomerActivity" AS a ("customerId", "programId", "lastPurchaseAt", "receipts", "spend", "ringMonth", "ringReceipts", "ringSpend")
  SELECT d."customerId", min(d."programId"), max(d."at"), sum(d.n), sum(d.s), max(d.top),
         ARRAY[coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 1), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 2), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 3), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 4), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 5), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 6), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 7), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 8), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 9), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 10), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 11), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 12), 0), coalesce(sum(d.n) FILTER (WHERE d.mi > d.top - 13), 0)]::integer[],
         ARRAY[coalesce(sum(d.s) FILTER (WHERE d.mi > d.top - 1), 0), coalesce(sum(d.s) FILTER (WHERE d.mi > d.top - 2), 0), coalesce(sum(d.s) FILTER (WHERE d.mi > d.top - 3), 0), coalesce(sum(d.s) FILTER (WHERE d.mi > d.top - 4), 0), coalesce(sum(d.s) FILTER (WHERE d.mi > d.top - 5), 0), coalesce(sum(d.s) FILTER (WHERE d.mi > d.top - 6), 0), coalesce(sum(d.s) FILTER (WHERE d.mi > d.top - 7), 0), coalesce(sum(d.s) FILTER (WHERE d.mi > d.top - 8), 0), coalesce(sum(d.s) FILTER (WHERE d.mi > d.top - 9), 0), coalesce(sum(d.s) FILTER (WHERE d.mi > d.top - 10), 0), coalesce(sum(d.s) FILTER (WHERE d.mi > d.top - 11), 0), coalesce(sum(d.s) FILTER (WHERE d.mi > d.top - 12), 0), coalesce(sum(d.s) FILTER (WHERE d.mi > d.top - 13), 0)]::bigint[]
  FROM (
    SELECT g.*, max(g.mi) OVER (PARTITION BY g."customerId") AS top FROM (
      SELECT n."customerId", min(n."programId") AS "programId", (extract(year FROM n."at" AT TIME ZONE 'UTC')::int * 12 + extract(month FROM n."at" AT TIME ZONE 'UTC')::int - 1) AS mi, max(n."at") AS "at", count(*) AS n, sum(n."amount" - n."discount") AS s
      FROM new_rows n WHERE n."status" = 'committed' AND n."customerId" IS NOT NULL
      GROUP BY 1, 3
    ) g
  ) d
  GROUP BY 1 ORDER BY 1
  ON CONFLICT ("customerId") DO UPDATE SET "lastPurchaseAt" = GREATEST(a."lastPurchaseAt", excluded."lastPurchaseAt"),
    "receipts" = a."receipts" + excluded."receipts", "spend" = a."spend" + excluded."spend",
    "ringMonth" = GREATEST(a."ringMonth", excluded."ringMonth"),
    "ringReceipts" = "customer_activity_ring_add"(a."ringMonth", a."ringReceipts", excluded."ringMonth", excluded."ringReceipts"),
    "ringSpend" = "customer_activity_ring_add"(a."ringMonth", a."ringSpend", excluded."ringMonth", excluded."ringSpend");
  RETURN NULL;
END $$;
