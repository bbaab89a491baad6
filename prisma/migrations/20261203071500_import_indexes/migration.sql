-- Fewer index entries per receipt and per lot (issue 15: a legacy import of 5,000,000 receipts spent most of its
-- time maintaining them; docs/benchmarks.md "Legacy import"). A receipt of history lands at a
-- random point of every index led by "at", so those are the costly ones.
--
-- 1. ("programId", "at") existed twice: plain, and partial on committed receipts of members with
--    INCLUDE columns for the segments. Every reader of a program's receipts by time asks for
--    committed ones (dashboards, campaign and promotion stats, triggers, export, segments), so one
--    partial index on committed receipts — members and anonymous — serves them all; the segments'
--    "customerId" IS NOT NULL is a filter on its INCLUDE column (still an index-only scan).
-- 2. ("partnerId", "at"): every reader names a partner ("partnerId" = …), so receipts of the
--    program's own stores (null) need no entry.
-- Hand-written: Prisma cannot express partial indexes or INCLUDE (its differ leaves them alone).
DROP INDEX "Purchase_programId_at_idx";
DROP INDEX "Purchase_segment_at_idx";
CREATE INDEX "Purchase_committed_at_idx" ON "Purchase" ("programId", "at") INCLUDE ("customerId", "amount", "discount")
  WHERE "status" = 'committed';
DROP INDEX "Purchase_partnerId_at_idx";
CREATE INDEX "Purchase_partner_at_idx" ON "Purchase" ("partnerId", "at") WHERE "partnerId" IS NOT NULL;

-- 3. "Lot"("availableAt") serves one reader, the job that activates lots whose date has come
--    (activatedAt IS NULL). Active lots — every imported one, and every lot once activated — need
--    no entry; the job no longer steps over them either.
DROP INDEX "Lot_availableAt_idx";
CREATE INDEX "Lot_pending_available_idx" ON "Lot" ("availableAt") WHERE "activatedAt" IS NULL;
