-- Segment counts at a million customers (lib/segments/compile.ts, npm run bench:segments).
-- Hand-written: Prisma cannot express INCLUDE or partial indexes (and its differ leaves partial
-- ones alone). Per-customer aggregates of committed receipts / visits in a period read these
-- narrow indexes only (index-only scans), never the wide receipt rows. The compiled queries
-- repeat the WHERE predicates so the planner can use them.
CREATE INDEX "Purchase_segment_at_idx" ON "Purchase" ("programId", "at") INCLUDE ("customerId", "amount", "discount")
  WHERE "status" = 'committed' AND "customerId" IS NOT NULL;
CREATE INDEX "Visit_segment_at_idx" ON "Visit" ("programId", "at") INCLUDE ("customerId")
  WHERE "customerId" IS NOT NULL;
