-- CreateEnum
CREATE TYPE "MessageCategory" AS ENUM ('transactional', 'marketing', 'survey');

-- CreateEnum
CREATE TYPE "QueuedMessageStatus" AS ENUM ('queued', 'sending', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'complained', 'failed', 'suppressed');

-- CreateEnum
CREATE TYPE "SuppressionReason" AS ENUM ('bounced', 'complained', 'manual');

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "headers" JSONB;

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "customerId" TEXT,
    "channel" "MessageChannel" NOT NULL,
    "to" TEXT NOT NULL,
    "category" "MessageCategory" NOT NULL,
    "template" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "locale" TEXT NOT NULL,
    "campaignId" TEXT,
    "holdoutPercent" DOUBLE PRECISION,
    "dedupeKey" TEXT,
    "status" "QueuedMessageStatus" NOT NULL DEFAULT 'queued',
    "gate" TEXT,
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" TIMESTAMPTZ(3) NOT NULL,
    "claimedUntil" TIMESTAMPTZ(3),
    "capAt" TIMESTAMPTZ(3),
    "subject" TEXT,
    "outboxId" TEXT,
    "provider" TEXT,
    "providerId" TEXT,
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "openedAt" TIMESTAMPTZ(3),
    "clickedAt" TIMESTAMPTZ(3),
    "bouncedAt" TIMESTAMPTZ(3),
    "complainedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageEvent" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "messageId" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Suppression" (
    "channel" "MessageChannel" NOT NULL,
    "address" TEXT NOT NULL,
    "reason" "SuppressionReason" NOT NULL,
    "source" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Suppression_pkey" PRIMARY KEY ("channel","address")
);

-- CreateTable
CREATE TABLE "MessageTrigger" (
    "programId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "channel" "MessageChannel" NOT NULL DEFAULT 'email',
    "subject" JSONB NOT NULL,
    "body" JSONB NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "MessageTrigger_pkey" PRIMARY KEY ("programId","kind")
);

-- CreateIndex
CREATE INDEX "Message_status_notBefore_idx" ON "Message"("status", "notBefore");

-- CreateIndex
CREATE INDEX "Message_customerId_category_capAt_idx" ON "Message"("customerId", "category", "capAt");

-- CreateIndex
CREATE INDEX "Message_providerId_idx" ON "Message"("providerId");

-- CreateIndex
CREATE INDEX "Message_programId_createdAt_idx" ON "Message"("programId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_campaignId_status_idx" ON "Message"("campaignId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Message_programId_dedupeKey_key" ON "Message"("programId", "dedupeKey");

-- CreateIndex
CREATE INDEX "MessageEvent_messageId_idx" ON "MessageEvent"("messageId");
