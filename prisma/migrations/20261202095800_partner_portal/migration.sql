-- AlterTable
ALTER TABLE "FeedbackRequest" ADD COLUMN     "partnerId" TEXT;

-- CreateTable
CREATE TABLE "PartnerContact" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "createdById" TEXT,
    "updatedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PartnerContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerEarnRateBounds" (
    "partnerId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "minBp" INTEGER NOT NULL,
    "maxBp" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PartnerEarnRateBounds_pkey" PRIMARY KEY ("partnerId")
);

-- CreateTable
CREATE TABLE "PartnerSegment" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "createdById" TEXT,
    "updatedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PartnerSegment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PartnerContact_partnerId_name_idx" ON "PartnerContact"("partnerId", "name");

-- CreateIndex
CREATE INDEX "PartnerSegment_partnerId_updatedAt_idx" ON "PartnerSegment"("partnerId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerSegment_partnerId_name_key" ON "PartnerSegment"("partnerId", "name");

-- CreateIndex
CREATE INDEX "FeedbackRequest_partnerId_customerId_idx" ON "FeedbackRequest"("partnerId", "customerId");

-- AddForeignKey
ALTER TABLE "FeedbackRequest" ADD CONSTRAINT "FeedbackRequest_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerContact" ADD CONSTRAINT "PartnerContact_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerEarnRateBounds" ADD CONSTRAINT "PartnerEarnRateBounds_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerSegment" ADD CONSTRAINT "PartnerSegment_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The owner's bounds are a real range of percents in basis points.
ALTER TABLE "PartnerEarnRateBounds" ADD CONSTRAINT "PartnerEarnRateBounds_range_check" CHECK (0 <= "minBp" AND "minBp" <= "maxBp" AND "maxBp" <= 10000);
