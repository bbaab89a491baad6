-- CreateTable
CREATE TABLE "Segment" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "createdById" TEXT,
    "updatedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Segment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Segment_programId_updatedAt_idx" ON "Segment"("programId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Segment_programId_name_key" ON "Segment"("programId", "name");
