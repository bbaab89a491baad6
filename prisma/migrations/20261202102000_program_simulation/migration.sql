-- CreateEnum
CREATE TYPE "SimulationStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "ProgramSimulation" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "draft" JSONB NOT NULL,
    "months" INTEGER NOT NULL,
    "status" "SimulationStatus" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "error" TEXT,
    "staffUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ProgramSimulation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProgramSimulation_programId_createdAt_idx" ON "ProgramSimulation"("programId", "createdAt");

-- CreateIndex
CREATE INDEX "ProgramSimulation_status_createdAt_idx" ON "ProgramSimulation"("status", "createdAt");
