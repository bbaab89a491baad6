-- DropIndex
DROP INDEX "OneTimeCode_target_createdAt_idx";

-- AlterTable
ALTER TABLE "OneTimeCode" ADD COLUMN     "requestIp" TEXT;

-- CreateTable
CREATE TABLE "RateCounter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "used" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateCounter_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE INDEX "RateCounter_windowStart_idx" ON "RateCounter"("windowStart");

-- CreateIndex
CREATE INDEX "EmailToken_expiresAt_idx" ON "EmailToken"("expiresAt");

-- CreateIndex
CREATE INDEX "OneTimeCode_target_purpose_createdAt_idx" ON "OneTimeCode"("target", "purpose", "createdAt");

-- CreateIndex
CREATE INDEX "OneTimeCode_expiresAt_idx" ON "OneTimeCode"("expiresAt");

-- Codes and link tokens are now keyed HMACs (AUTH_SECRET): rows hashed the old way can never
-- match again, so they are removed (members ask for a new code or link).
DELETE FROM "OneTimeCode";
DELETE FROM "EmailToken";
