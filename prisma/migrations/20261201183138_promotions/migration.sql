-- CreateEnum
CREATE TYPE "PromoCodeKind" AS ENUM ('shared', 'unique', 'issued');

-- CreateEnum
CREATE TYPE "PurchasePromotionStatus" AS ENUM ('held', 'committed', 'released');

-- CreateTable
CREATE TABLE "Promotion" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "currentVersionId" TEXT,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "moneyUsed" BIGINT NOT NULL DEFAULT 0,
    "pointsUsed" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Promotion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionVersion" (
    "id" TEXT NOT NULL,
    "promotionId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "checksum" TEXT NOT NULL,
    "createdById" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromotionVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromoCode" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "promotionId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "PromoCodeKind" NOT NULL,
    "customerId" TEXT,
    "maxUses" INTEGER,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(3),
    "issuedByPurchaseId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromoCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionCustomerUse" (
    "promotionId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "uses" INTEGER NOT NULL,

    CONSTRAINT "PromotionCustomerUse_pkey" PRIMARY KEY ("promotionId","customerId","periodKey")
);

-- CreateTable
CREATE TABLE "PurchasePromotion" (
    "id" TEXT NOT NULL,
    "purchaseId" TEXT NOT NULL,
    "promotionId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "customerId" TEXT,
    "status" "PurchasePromotionStatus" NOT NULL,
    "discount" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "promoAccountPoints" INTEGER NOT NULL DEFAULT 0,
    "lines" JSONB NOT NULL,
    "promoCodeId" TEXT,
    "customerPeriodKey" TEXT,
    "counted" BOOLEAN NOT NULL DEFAULT false,
    "moneyReturned" INTEGER NOT NULL DEFAULT 0,
    "pointsReturned" INTEGER NOT NULL DEFAULT 0,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PurchasePromotion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Promotion_programId_code_key" ON "Promotion"("programId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "PromotionVersion_promotionId_version_key" ON "PromotionVersion"("promotionId", "version");

-- CreateIndex
CREATE INDEX "PromoCode_promotionId_createdAt_idx" ON "PromoCode"("promotionId", "createdAt");

-- CreateIndex
CREATE INDEX "PromoCode_customerId_idx" ON "PromoCode"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "PromoCode_programId_code_key" ON "PromoCode"("programId", "code");

-- CreateIndex
CREATE INDEX "PurchasePromotion_promotionId_at_idx" ON "PurchasePromotion"("promotionId", "at");

-- CreateIndex
CREATE INDEX "PurchasePromotion_customerId_at_idx" ON "PurchasePromotion"("customerId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "PurchasePromotion_purchaseId_promotionId_key" ON "PurchasePromotion"("purchaseId", "promotionId");

-- AddForeignKey
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionVersion" ADD CONSTRAINT "PromotionVersion_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "Promotion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromoCode" ADD CONSTRAINT "PromoCode_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "Promotion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchasePromotion" ADD CONSTRAINT "PurchasePromotion_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "Promotion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Counters never go below zero, and a code never past its uses (lib/promotions/reserve.ts).
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_counters_check" CHECK ("uses" >= 0 AND "moneyUsed" >= 0 AND "pointsUsed" >= 0);
ALTER TABLE "PromoCode" ADD CONSTRAINT "PromoCode_uses_check" CHECK ("uses" >= 0 AND ("maxUses" IS NULL OR "uses" <= "maxUses"));
ALTER TABLE "PromotionCustomerUse" ADD CONSTRAINT "PromotionCustomerUse_uses_check" CHECK ("uses" >= 0);
