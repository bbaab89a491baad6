-- AlterTable
ALTER TABLE "Lot" ADD COLUMN     "promotionId" TEXT;

-- AlterTable
ALTER TABLE "Purchase" ADD COLUMN     "promoPointsRedeemed" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "PurchaseLine" ADD COLUMN     "promoPointsRedeemed" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "promoPromotionId" TEXT;

-- AlterTable
ALTER TABLE "PurchaseReturn" ADD COLUMN     "promoPointsReclaimed" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "promoPointsRefunded" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Lot_accountId_promotionId_idx" ON "Lot"("accountId", "promotionId");

-- Promo lots credited before this migration: their promotion is on the accrual entry.
UPDATE "Lot" l SET "promotionId" = e."promotionId"
FROM "LedgerEntry" e
WHERE e."lotId" = l.id AND e.type = 'accrual' AND e."promotionId" IS NOT NULL AND l."promotionId" IS NULL;
