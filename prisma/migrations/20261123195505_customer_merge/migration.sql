-- CreateTable
CREATE TABLE "CustomerMerge" (
    "mergedId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "keptId" TEXT NOT NULL,
    "staffUserId" TEXT,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerMerge_pkey" PRIMARY KEY ("mergedId")
);

-- CreateIndex
CREATE INDEX "CustomerMerge_keptId_idx" ON "CustomerMerge"("keptId");
