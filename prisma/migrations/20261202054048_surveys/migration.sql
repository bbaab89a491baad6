-- CreateTable
CREATE TABLE "SurveyInvitation" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "visitAt" TIMESTAMPTZ(3) NOT NULL,
    "storeId" TEXT,
    "eventCode" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "score" INTEGER,
    "scoredAt" TIMESTAMPTZ(3),
    "review" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SurveyInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyDailyReport" (
    "programId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "reviews" INTEGER NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SurveyDailyReport_pkey" PRIMARY KEY ("programId","day")
);

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInvitation_visitId_key" ON "SurveyInvitation"("visitId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInvitation_tokenHash_key" ON "SurveyInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "SurveyInvitation_programId_scoredAt_idx" ON "SurveyInvitation"("programId", "scoredAt");

-- CreateIndex
CREATE INDEX "SurveyInvitation_programId_reviewedAt_idx" ON "SurveyInvitation"("programId", "reviewedAt");

-- CreateIndex
CREATE INDEX "SurveyInvitation_customerId_idx" ON "SurveyInvitation"("customerId");

-- AddForeignKey
ALTER TABLE "SurveyInvitation" ADD CONSTRAINT "SurveyInvitation_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A score is 0–10; a review needs a score first.
ALTER TABLE "SurveyInvitation" ADD CONSTRAINT "SurveyInvitation_score_check" CHECK ("score" IS NULL OR ("score" >= 0 AND "score" <= 10));
ALTER TABLE "SurveyInvitation" ADD CONSTRAINT "SurveyInvitation_review_check" CHECK ("review" IS NULL OR "score" IS NOT NULL);
