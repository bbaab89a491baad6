-- CreateEnum
CREATE TYPE "WalletPushStatus" AS ENUM ('queued', 'sent', 'logged', 'failed');

-- AlterEnum
ALTER TYPE "MessageChannel" ADD VALUE 'push';

-- CreateTable
CREATE TABLE "WalletPass" (
    "cardId" TEXT NOT NULL,
    "passTypeId" TEXT NOT NULL,
    "authTokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pushedThrough" TIMESTAMPTZ(3),

    CONSTRAINT "WalletPass_pkey" PRIMARY KEY ("cardId")
);

-- CreateTable
CREATE TABLE "WalletRegistration" (
    "deviceLibraryId" TEXT NOT NULL,
    "passTypeId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "pushToken" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WalletRegistration_pkey" PRIMARY KEY ("deviceLibraryId","passTypeId","cardId")
);

-- CreateTable
CREATE TABLE "WalletPush" (
    "id" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "deviceLibraryId" TEXT NOT NULL,
    "pushToken" TEXT NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "WalletPushStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "WalletPush_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WalletRegistration_cardId_idx" ON "WalletRegistration"("cardId");

-- CreateIndex
CREATE INDEX "WalletPush_status_createdAt_idx" ON "WalletPush"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WalletPush_deviceLibraryId_cardId_changedAt_key" ON "WalletPush"("deviceLibraryId", "cardId", "changedAt");

-- AddForeignKey
ALTER TABLE "WalletPass" ADD CONSTRAINT "WalletPass_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WalletRegistration" ADD CONSTRAINT "WalletRegistration_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "WalletPass"("cardId") ON DELETE CASCADE ON UPDATE CASCADE;
