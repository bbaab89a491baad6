-- CreateEnum
CREATE TYPE "GiftCardStatus" AS ENUM ('printed', 'active', 'blocked', 'expired');

-- CreateEnum
CREATE TYPE "GiftCardEntryType" AS ENUM ('sale', 'activation', 'charge', 'refund', 'block', 'unblock', 'expiry');

-- CreateTable
CREATE TABLE "GiftCardBatch" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GiftCardBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GiftCard" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "pinHash" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "balance" INTEGER NOT NULL,
    "status" "GiftCardStatus" NOT NULL,
    "pinAttempts" INTEGER NOT NULL DEFAULT 0,
    "batchId" TEXT,
    "storeId" TEXT,
    "soldAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GiftCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GiftCardEntry" (
    "id" TEXT NOT NULL,
    "giftCardId" TEXT NOT NULL,
    "type" "GiftCardEntryType" NOT NULL,
    "amount" INTEGER NOT NULL,
    "balanceAfter" INTEGER NOT NULL,
    "purchaseId" TEXT,
    "returnId" TEXT,
    "storeId" TEXT,
    "actorId" TEXT,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GiftCardEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GiftCardBatch_programId_createdAt_idx" ON "GiftCardBatch"("programId", "createdAt");

-- CreateIndex
CREATE INDEX "GiftCard_programId_status_expiresAt_idx" ON "GiftCard"("programId", "status", "expiresAt");

-- CreateIndex
CREATE INDEX "GiftCard_batchId_idx" ON "GiftCard"("batchId");

-- CreateIndex
CREATE UNIQUE INDEX "GiftCard_programId_number_key" ON "GiftCard"("programId", "number");

-- CreateIndex
CREATE INDEX "GiftCardEntry_giftCardId_at_idx" ON "GiftCardEntry"("giftCardId", "at");

-- CreateIndex
CREATE INDEX "GiftCardEntry_purchaseId_idx" ON "GiftCardEntry"("purchaseId");

-- AddForeignKey
ALTER TABLE "GiftCard" ADD CONSTRAINT "GiftCard_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "GiftCardBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GiftCardEntry" ADD CONSTRAINT "GiftCardEntry_giftCardId_fkey" FOREIGN KEY ("giftCardId") REFERENCES "GiftCard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Invariants the database enforces itself (SQL only; Prisma cannot express CHECK constraints).
ALTER TABLE "GiftCard" ADD CONSTRAINT "GiftCard_balance_nonneg" CHECK ("balance" >= 0 AND "balance" <= "amount");
ALTER TABLE "GiftCard" ADD CONSTRAINT "GiftCard_amount_pos" CHECK ("amount" > 0);
ALTER TABLE "GiftCard" ADD CONSTRAINT "GiftCard_pin_attempts_nonneg" CHECK ("pinAttempts" >= 0);
ALTER TABLE "GiftCardBatch" ADD CONSTRAINT "GiftCardBatch_count_amount_pos" CHECK ("count" > 0 AND "amount" > 0);

-- The certificate ledger is append-only, like "LedgerEntry".
CREATE OR REPLACE FUNCTION "giftcard_entry_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'GiftCardEntry is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "GiftCardEntry_append_only" BEFORE UPDATE OR DELETE ON "GiftCardEntry" FOR EACH ROW EXECUTE FUNCTION "giftcard_entry_append_only"();
