-- AlterTable
ALTER TABLE "Lot" ADD COLUMN     "promotionVersionId" TEXT;

-- Promo lots already given: the version of the receipt that gave them, else the version in force.
UPDATE "Lot" l SET "promotionVersionId" = pp."versionId"
FROM "PurchasePromotion" pp
WHERE l."promotionId" IS NOT NULL AND pp."purchaseId" = l."purchaseId" AND pp."promotionId" = l."promotionId";
UPDATE "Lot" l SET "promotionVersionId" = p."currentVersionId"
FROM "Promotion" p
WHERE l."promotionId" = p.id AND l."promotionVersionId" IS NULL;

-- AlterTable
ALTER TABLE "PurchaseLine" ADD COLUMN "promoVersionId" TEXT;
