-- CreateEnum
CREATE TYPE "PromotionReviewStatus" AS ENUM ('pending', 'approved', 'rejected', 'withdrawn');

-- DropIndex
DROP INDEX "Campaign_programId_name_key";

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "audience" JSONB,
ADD COLUMN     "namespace" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "partnerId" TEXT,
ALTER COLUMN "segmentId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Promotion" ADD COLUMN     "partnerId" TEXT,
ADD COLUMN     "pendingVersionId" TEXT;

-- CreateTable
CREATE TABLE "PartnerCampaignBounds" (
    "partnerId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "effectTypes" TEXT[],
    "maxPercent" DOUBLE PRECISION NOT NULL,
    "maxBudgetMoney" INTEGER,
    "maxBudgetPoints" INTEGER,
    "requireApproval" BOOLEAN NOT NULL DEFAULT true,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PartnerCampaignBounds_pkey" PRIMARY KEY ("partnerId")
);

-- CreateTable
CREATE TABLE "PromotionReview" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "promotionId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "status" "PromotionReviewStatus" NOT NULL DEFAULT 'pending',
    "note" TEXT,
    "submittedById" TEXT,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PromotionReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PartnerCampaignBounds_programId_idx" ON "PartnerCampaignBounds"("programId");

-- CreateIndex
CREATE INDEX "PromotionReview_programId_status_submittedAt_idx" ON "PromotionReview"("programId", "status", "submittedAt");

-- CreateIndex
CREATE INDEX "PromotionReview_promotionId_submittedAt_idx" ON "PromotionReview"("promotionId", "submittedAt");

-- CreateIndex
CREATE INDEX "Campaign_partnerId_createdAt_idx" ON "Campaign"("partnerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_programId_namespace_name_key" ON "Campaign"("programId", "namespace", "name");

-- CreateIndex
CREATE INDEX "Promotion_partnerId_idx" ON "Promotion"("partnerId");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerCampaignBounds" ADD CONSTRAINT "PartnerCampaignBounds_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
