-- CreateEnum
CREATE TYPE "ImportRunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "importedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ImportRun" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "ImportRunStatus" NOT NULL DEFAULT 'queued',
    "dir" TEXT NOT NULL,
    "skipBadRows" BOOLEAN NOT NULL DEFAULT false,
    "recomputeTiers" BOOLEAN NOT NULL DEFAULT false,
    "phase" TEXT,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "error" TEXT,
    "staffUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportRun_programId_createdAt_idx" ON "ImportRun"("programId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_programId_externalId_key" ON "Customer"("programId", "externalId");
