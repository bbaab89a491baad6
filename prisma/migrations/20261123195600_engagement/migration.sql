-- CreateEnum
CREATE TYPE "RedemptionStatus" AS ENUM ('issued', 'used', 'cancelled');

-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('open', 'answered', 'closed');

-- CreateEnum
CREATE TYPE "FeedbackAuthor" AS ENUM ('customer', 'staff');

-- CreateEnum
CREATE TYPE "EmailTokenPurpose" AS ENUM ('sign_in', 'verify_email');

-- CreateEnum
CREATE TYPE "DeletionStatus" AS ENUM ('requested', 'completed', 'withdrawn');

-- CreateTable
CREATE TABLE "CatalogItem" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleRu" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "descriptionRu" TEXT,
    "imageUrl" TEXT,
    "pointsPrice" INTEGER NOT NULL,
    "stock" INTEGER,
    "minTierCode" TEXT,
    "availableFrom" TIMESTAMPTZ(3),
    "availableUntil" TIMESTAMPTZ(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CatalogItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogRedemption" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "voucherCode" TEXT NOT NULL,
    "status" "RedemptionStatus" NOT NULL DEFAULT 'issued',
    "pointsSpent" INTEGER NOT NULL,
    "spendEntryId" TEXT,
    "refundEntryId" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "resolvedBy" TEXT,

    CONSTRAINT "CatalogRedemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackTopic" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleRu" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackTopic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackRequest" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" "FeedbackStatus" NOT NULL DEFAULT 'open',
    "assigneeId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastMessageAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "FeedbackRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackMessage" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "author" "FeedbackAuthor" NOT NULL,
    "staffId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailToken" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "purpose" "EmailTokenPurpose" NOT NULL,
    "email" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "consumedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeletionRequest" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "reason" TEXT,
    "status" "DeletionStatus" NOT NULL DEFAULT 'requested',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DeletionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CatalogItem_programId_active_sortOrder_idx" ON "CatalogItem"("programId", "active", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogItem_programId_code_key" ON "CatalogItem"("programId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogRedemption_voucherCode_key" ON "CatalogRedemption"("voucherCode");

-- CreateIndex
CREATE INDEX "CatalogRedemption_customerId_createdAt_idx" ON "CatalogRedemption"("customerId", "createdAt");

-- CreateIndex
CREATE INDEX "CatalogRedemption_itemId_status_idx" ON "CatalogRedemption"("itemId", "status");

-- CreateIndex
CREATE INDEX "CatalogRedemption_programId_createdAt_idx" ON "CatalogRedemption"("programId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogRedemption_customerId_idempotencyKey_key" ON "CatalogRedemption"("customerId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackTopic_programId_code_key" ON "FeedbackTopic"("programId", "code");

-- CreateIndex
CREATE INDEX "FeedbackRequest_customerId_lastMessageAt_idx" ON "FeedbackRequest"("customerId", "lastMessageAt");

-- CreateIndex
CREATE INDEX "FeedbackRequest_programId_status_lastMessageAt_idx" ON "FeedbackRequest"("programId", "status", "lastMessageAt");

-- CreateIndex
CREATE INDEX "FeedbackRequest_assigneeId_idx" ON "FeedbackRequest"("assigneeId");

-- CreateIndex
CREATE INDEX "FeedbackMessage_requestId_createdAt_idx" ON "FeedbackMessage"("requestId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EmailToken_tokenHash_key" ON "EmailToken"("tokenHash");

-- CreateIndex
CREATE INDEX "EmailToken_email_createdAt_idx" ON "EmailToken"("email", "createdAt");

-- CreateIndex
CREATE INDEX "EmailToken_customerId_purpose_idx" ON "EmailToken"("customerId", "purpose");

-- CreateIndex
CREATE INDEX "DeletionRequest_customerId_idx" ON "DeletionRequest"("customerId");

-- CreateIndex
CREATE INDEX "DeletionRequest_programId_status_idx" ON "DeletionRequest"("programId", "status");

-- AddForeignKey
ALTER TABLE "CatalogRedemption" ADD CONSTRAINT "CatalogRedemption_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "CatalogItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackRequest" ADD CONSTRAINT "FeedbackRequest_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "FeedbackTopic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackMessage" ADD CONSTRAINT "FeedbackMessage_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "FeedbackRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: stock never below zero (the redemption decrement relies on it), prices positive.
ALTER TABLE "CatalogItem" ADD CONSTRAINT "CatalogItem_stock_nonnegative" CHECK ("stock" IS NULL OR "stock" >= 0);
ALTER TABLE "CatalogItem" ADD CONSTRAINT "CatalogItem_price_positive" CHECK ("pointsPrice" > 0);
ALTER TABLE "CatalogRedemption" ADD CONSTRAINT "CatalogRedemption_points_positive" CHECK ("pointsSpent" > 0);
