-- "Visits in the last N days" (lib/segments/compile.ts, a positive comparison) reads the summary
-- rows whose last visit falls in the window: their "visitRingMonth" and "ringVisits" beside the key.
-- The index of the last visit now carries them, so the set is an index-only range of the window's
-- visitors (~135 bytes an entry) instead of a sequential scan of every summary row (~370 bytes):
-- at 1,000,000 members the "≥ 2 visits in 365 days" set took 200 against 280 ms of backend CPU
-- (docs/benchmarks.md, 2026-12-07 13:15). It replaces "CustomerActivity_last_visit_idx" (the same
-- key and predicate; its columns are a subset), so a receipt or a visit still writes one entry here.
-- On a live primary it can be built beforehand without blocking writers —
--   CREATE INDEX CONCURRENTLY "CustomerActivity_visit_window_idx" ON … (as below)
-- — and this migration then only drops the old one.
CREATE INDEX IF NOT EXISTS "CustomerActivity_visit_window_idx" ON "CustomerActivity" ("programId", "lastVisitAt") INCLUDE ("customerId", "visits", "visitRingMonth", "ringVisits") WHERE "lastVisitAt" IS NOT NULL;

DROP INDEX IF EXISTS "CustomerActivity_last_visit_idx";
