-- Segment conditions on one customer's receipts (spend / receipts in a period, last purchase),
-- evaluated per customer once cheaper conditions have narrowed the set: an index-only range
-- scan per customer. Partial, so Prisma's differ leaves it alone (see the segment_indexes note).
CREATE INDEX "Purchase_segment_customer_idx" ON "Purchase" ("customerId", "at") INCLUDE ("amount", "discount")
  WHERE "status" = 'committed' AND "customerId" IS NOT NULL;
