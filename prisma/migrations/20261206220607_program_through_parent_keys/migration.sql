-- A row's program is checked through its nearest own parent, never on the Program row itself, on
-- the tables a receipt writes (docs/benchmarks.md, "The program through the parent's key").
-- Each foreign key to "Program" made every inserted row take a KEY SHARE lock on the program's one
-- row — about twenty per confirm with the bench's 200 promotions — so all receipts of a program
-- locked the same row at once: PostgreSQL kept extending that row's MultiXact and spent CPU on it
-- and on the checks themselves. Now:
--   ledger entries, lots, holds, lot allocations, per-customer promotion uses and a member's
--   receipt: (customerId, programId) → Customer (id, programId), one check instead of two (the
--   customer's key was checked anyway) — and the row's program must be its customer's;
--   a receipt's lines: (purchaseId, purchaseAt, programId) → Purchase (id, at, programId) — a
--   line's program is its receipt's (checked on the receipt's own row, locked by its writer);
--   a receipt's promotion uses: (promotionId, programId) → Promotion (id, programId) — one check
--   instead of two, and the promotion must be of the receipt's program.
-- An anonymous receipt's own programId stays unchecked, as before (no customer to check it on).

-- DropForeignKey
ALTER TABLE "Hold" DROP CONSTRAINT "Hold_customerId_fkey";

-- DropForeignKey
ALTER TABLE "Hold" DROP CONSTRAINT "Hold_programId_fkey";

-- DropForeignKey
ALTER TABLE "LedgerEntry" DROP CONSTRAINT "LedgerEntry_customerId_fkey";

-- DropForeignKey
ALTER TABLE "LedgerEntry" DROP CONSTRAINT "LedgerEntry_programId_fkey";

-- DropForeignKey
ALTER TABLE "Lot" DROP CONSTRAINT "Lot_customerId_fkey";

-- DropForeignKey
ALTER TABLE "Lot" DROP CONSTRAINT "Lot_programId_fkey";

-- DropForeignKey
ALTER TABLE "LotAllocation" DROP CONSTRAINT "LotAllocation_customerId_fkey";

-- DropForeignKey
ALTER TABLE "LotAllocation" DROP CONSTRAINT "LotAllocation_programId_fkey";

-- DropForeignKey
ALTER TABLE "PromotionCustomerUse" DROP CONSTRAINT "PromotionCustomerUse_programId_fkey";

-- DropForeignKey
ALTER TABLE "Purchase" DROP CONSTRAINT "Purchase_customerId_fkey";

-- DropForeignKey
ALTER TABLE "PurchaseLine" DROP CONSTRAINT "PurchaseLine_programId_fkey";

-- DropForeignKey
ALTER TABLE "PurchaseLine" DROP CONSTRAINT "PurchaseLine_purchaseId_purchaseAt_fkey";

-- DropForeignKey
ALTER TABLE "PurchasePromotion" DROP CONSTRAINT "PurchasePromotion_programId_fkey";

-- DropForeignKey
ALTER TABLE "PurchasePromotion" DROP CONSTRAINT "PurchasePromotion_promotionId_fkey";

-- CreateIndex
CREATE UNIQUE INDEX "Promotion_id_programId_key" ON "Promotion"("id", "programId");

-- CreateIndex
CREATE UNIQUE INDEX "Purchase_id_at_programId_key" ON "Purchase"("id", "at", "programId");

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_customerId_programId_fkey" FOREIGN KEY ("customerId", "programId") REFERENCES "Customer"("id", "programId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lot" ADD CONSTRAINT "Lot_customerId_programId_fkey" FOREIGN KEY ("customerId", "programId") REFERENCES "Customer"("id", "programId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hold" ADD CONSTRAINT "Hold_customerId_programId_fkey" FOREIGN KEY ("customerId", "programId") REFERENCES "Customer"("id", "programId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotAllocation" ADD CONSTRAINT "LotAllocation_customerId_programId_fkey" FOREIGN KEY ("customerId", "programId") REFERENCES "Customer"("id", "programId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionCustomerUse" ADD CONSTRAINT "PromotionCustomerUse_customerId_programId_fkey" FOREIGN KEY ("customerId", "programId") REFERENCES "Customer"("id", "programId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchasePromotion" ADD CONSTRAINT "PurchasePromotion_promotionId_programId_fkey" FOREIGN KEY ("promotionId", "programId") REFERENCES "Promotion"("id", "programId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Purchase" ADD CONSTRAINT "Purchase_customerId_programId_fkey" FOREIGN KEY ("customerId", "programId") REFERENCES "Customer"("id", "programId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_purchaseId_purchaseAt_programId_fkey" FOREIGN KEY ("purchaseId", "purchaseAt", "programId") REFERENCES "Purchase"("id", "at", "programId") ON DELETE RESTRICT ON UPDATE CASCADE;
