-- AlterTable
ALTER TABLE "Purchase" ADD COLUMN     "partnerId" TEXT;

-- AlterTable
ALTER TABLE "Terminal" ADD COLUMN     "approvedAt" TIMESTAMPTZ(3),
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "pendingApproval" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "TerminalRateWindow" (
    "terminalId" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TerminalRateWindow_pkey" PRIMARY KEY ("terminalId","windowStart")
);

-- CreateTable
CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "StaffSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffSession_staffUserId_idx" ON "StaffSession"("staffUserId");

-- CreateIndex
CREATE INDEX "Purchase_partnerId_at_idx" ON "Purchase"("partnerId", "at");

-- AddForeignKey
ALTER TABLE "TerminalRateWindow" ADD CONSTRAINT "TerminalRateWindow_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffSession" ADD CONSTRAINT "StaffSession_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Receipts made so far keep the partner their store has now.
UPDATE "Purchase" p SET "partnerId" = s."partnerId" FROM "Store" s WHERE s."id" = p."storeId" AND s."partnerId" IS NOT NULL;
