-- CreateEnum
CREATE TYPE "AccountKind" AS ENUM ('main', 'promo');

-- CreateEnum
CREATE TYPE "EntryType" AS ENUM ('accrual', 'activation', 'redemption', 'reversal', 'expiry', 'adjustment', 'debt', 'hold', 'release');

-- CreateEnum
CREATE TYPE "LotActivation" AS ENUM ('immediate', 'date', 'validation');

-- CreateEnum
CREATE TYPE "HoldStatus" AS ENUM ('active', 'captured', 'released');

-- CreateEnum
CREATE TYPE "PurchaseStatus" AS ENUM ('held', 'committed', 'voided', 'cancelled');

-- CreateEnum
CREATE TYPE "TierChangeReason" AS ENUM ('qualified', 'period_end', 'manual', 'import');

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "kind" "AccountKind" NOT NULL,
    "available" INTEGER NOT NULL DEFAULT 0,
    "held" INTEGER NOT NULL DEFAULT 0,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "debt" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "type" "EntryType" NOT NULL,
    "deltaAvailable" INTEGER NOT NULL DEFAULT 0,
    "deltaHeld" INTEGER NOT NULL DEFAULT 0,
    "deltaPending" INTEGER NOT NULL DEFAULT 0,
    "deltaDebt" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "purchaseId" TEXT,
    "returnId" TEXT,
    "holdId" TEXT,
    "lotId" TEXT,
    "promotionId" TEXT,
    "staffUserId" TEXT,
    "refType" TEXT,
    "refId" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lot" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "activation" "LotActivation" NOT NULL,
    "amount" INTEGER NOT NULL,
    "remaining" INTEGER NOT NULL,
    "held" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMPTZ(3),
    "activatedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "expiredAt" TIMESTAMPTZ(3),
    "voidedAt" TIMESTAMPTZ(3),
    "purchaseId" TEXT,
    "purchaseLineNo" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Lot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hold" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "status" "HoldStatus" NOT NULL DEFAULT 'active',
    "purchaseId" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Hold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LotAllocation" (
    "id" TEXT NOT NULL,
    "lotId" TEXT NOT NULL,
    "entryId" TEXT,
    "holdId" TEXT,
    "amount" INTEGER NOT NULL,

    CONSTRAINT "LotAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Purchase" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "terminalId" TEXT,
    "customerId" TEXT,
    "number" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" "PurchaseStatus" NOT NULL,
    "offline" BOOLEAN NOT NULL DEFAULT false,
    "programVersionId" TEXT NOT NULL,
    "periodKey" TEXT,
    "amount" INTEGER NOT NULL,
    "discount" INTEGER NOT NULL DEFAULT 0,
    "pointsRedeemed" INTEGER NOT NULL DEFAULT 0,
    "pointsEarned" INTEGER NOT NULL DEFAULT 0,
    "payable" INTEGER NOT NULL,
    "holdId" TEXT,
    "holdExpiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committedAt" TIMESTAMPTZ(3),
    "voidedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "Purchase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurchaseLine" (
    "id" TEXT NOT NULL,
    "purchaseId" TEXT NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "name" TEXT,
    "quantityMilli" INTEGER NOT NULL,
    "price" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "discount" INTEGER NOT NULL DEFAULT 0,
    "pointsRedeemed" INTEGER NOT NULL DEFAULT 0,
    "pointsEarned" INTEGER NOT NULL DEFAULT 0,
    "pointsPending" BOOLEAN NOT NULL DEFAULT false,
    "returnedMilli" INTEGER NOT NULL DEFAULT 0,
    "activatedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PurchaseLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurchaseReturn" (
    "id" TEXT NOT NULL,
    "purchaseId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "amount" INTEGER NOT NULL,
    "pointsRefunded" INTEGER NOT NULL,
    "pointsReclaimed" INTEGER NOT NULL,
    "lines" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PurchaseReturn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Visit" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "eventCode" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "storeId" TEXT,
    "purchaseId" TEXT,
    "purchaseLineNo" INTEGER,
    "periodKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TierMetric" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3),
    "spend" BIGINT NOT NULL DEFAULT 0,
    "spendByCategory" JSONB NOT NULL DEFAULT '{}',
    "visits" INTEGER NOT NULL DEFAULT 0,
    "purchases" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TierMetric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerTier" (
    "customerId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "tierCode" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "qualifiedTierCode" TEXT NOT NULL,
    "carriedTierCode" TEXT,
    "manualTierCode" TEXT,
    "manualUntil" TIMESTAMPTZ(3),
    "since" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CustomerTier_pkey" PRIMARY KEY ("customerId")
);

-- CreateTable
CREATE TABLE "TierChange" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "fromTier" TEXT,
    "toTier" TEXT NOT NULL,
    "reason" "TierChangeReason" NOT NULL,
    "periodKey" TEXT,
    "note" TEXT,
    "staffUserId" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TierChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Achievement" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "earnedAt" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Achievement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Account_programId_idx" ON "Account"("programId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_customerId_kind_key" ON "Account"("customerId", "kind");

-- CreateIndex
CREATE INDEX "LedgerEntry_accountId_at_idx" ON "LedgerEntry"("accountId", "at");

-- CreateIndex
CREATE INDEX "LedgerEntry_purchaseId_idx" ON "LedgerEntry"("purchaseId");

-- CreateIndex
CREATE INDEX "LedgerEntry_refType_refId_idx" ON "LedgerEntry"("refType", "refId");

-- CreateIndex
CREATE INDEX "Lot_accountId_expiresAt_idx" ON "Lot"("accountId", "expiresAt");

-- CreateIndex
CREATE INDEX "Lot_purchaseId_purchaseLineNo_idx" ON "Lot"("purchaseId", "purchaseLineNo");

-- CreateIndex
CREATE INDEX "Lot_expiresAt_idx" ON "Lot"("expiresAt");

-- CreateIndex
CREATE INDEX "Lot_availableAt_idx" ON "Lot"("availableAt");

-- CreateIndex
CREATE INDEX "Hold_status_expiresAt_idx" ON "Hold"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "Hold_purchaseId_idx" ON "Hold"("purchaseId");

-- CreateIndex
CREATE INDEX "LotAllocation_lotId_idx" ON "LotAllocation"("lotId");

-- CreateIndex
CREATE INDEX "LotAllocation_entryId_idx" ON "LotAllocation"("entryId");

-- CreateIndex
CREATE INDEX "LotAllocation_holdId_idx" ON "LotAllocation"("holdId");

-- CreateIndex
CREATE INDEX "Purchase_customerId_at_idx" ON "Purchase"("customerId", "at");

-- CreateIndex
CREATE INDEX "Purchase_programId_at_idx" ON "Purchase"("programId", "at");

-- CreateIndex
CREATE INDEX "Purchase_status_holdExpiresAt_idx" ON "Purchase"("status", "holdExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Purchase_storeId_number_key" ON "Purchase"("storeId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseLine_purchaseId_lineNo_key" ON "PurchaseLine"("purchaseId", "lineNo");

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseReturn_purchaseId_number_key" ON "PurchaseReturn"("purchaseId", "number");

-- CreateIndex
CREATE INDEX "Visit_programId_at_idx" ON "Visit"("programId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Visit_customerId_eventCode_key" ON "Visit"("customerId", "eventCode");

-- CreateIndex
CREATE INDEX "TierMetric_programId_periodKey_idx" ON "TierMetric"("programId", "periodKey");

-- CreateIndex
CREATE UNIQUE INDEX "TierMetric_customerId_periodKey_key" ON "TierMetric"("customerId", "periodKey");

-- CreateIndex
CREATE INDEX "CustomerTier_programId_tierCode_idx" ON "CustomerTier"("programId", "tierCode");

-- CreateIndex
CREATE INDEX "TierChange_customerId_at_idx" ON "TierChange"("customerId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Achievement_customerId_code_key" ON "Achievement"("customerId", "code");

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lot" ADD CONSTRAINT "Lot_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hold" ADD CONSTRAINT "Hold_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotAllocation" ADD CONSTRAINT "LotAllocation_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "Lot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Purchase" ADD CONSTRAINT "Purchase_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_purchaseId_fkey" FOREIGN KEY ("purchaseId") REFERENCES "Purchase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseReturn" ADD CONSTRAINT "PurchaseReturn_purchaseId_fkey" FOREIGN KEY ("purchaseId") REFERENCES "Purchase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TierMetric" ADD CONSTRAINT "TierMetric_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerTier" ADD CONSTRAINT "CustomerTier_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TierChange" ADD CONSTRAINT "TierChange_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Achievement" ADD CONSTRAINT "Achievement_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Invariants the database enforces itself (SQL only; Prisma cannot express CHECK constraints).
ALTER TABLE "Account" ADD CONSTRAINT "Account_available_nonneg" CHECK ("available" >= 0);
ALTER TABLE "Account" ADD CONSTRAINT "Account_held_nonneg" CHECK ("held" >= 0);
ALTER TABLE "Account" ADD CONSTRAINT "Account_pending_nonneg" CHECK ("pending" >= 0);
ALTER TABLE "Account" ADD CONSTRAINT "Account_debt_nonneg" CHECK ("debt" >= 0);
ALTER TABLE "Lot" ADD CONSTRAINT "Lot_amounts" CHECK ("amount" > 0 AND "remaining" >= 0 AND "remaining" <= "amount" AND "held" >= 0 AND "held" <= "remaining");
ALTER TABLE "Hold" ADD CONSTRAINT "Hold_amount_pos" CHECK ("amount" > 0);
ALTER TABLE "LotAllocation" ADD CONSTRAINT "LotAllocation_amount_pos" CHECK ("amount" > 0);
ALTER TABLE "LotAllocation" ADD CONSTRAINT "LotAllocation_one_owner" CHECK (("entryId" IS NULL) <> ("holdId" IS NULL));
ALTER TABLE "Purchase" ADD CONSTRAINT "Purchase_amounts" CHECK ("amount" >= 0 AND "discount" >= 0 AND "pointsRedeemed" >= 0 AND "pointsEarned" >= 0 AND "payable" >= 0);
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_quantities" CHECK ("quantityMilli" > 0 AND "returnedMilli" >= 0 AND "returnedMilli" <= "quantityMilli" AND "price" >= 0);
ALTER TABLE "TierMetric" ADD CONSTRAINT "TierMetric_nonneg" CHECK ("visits" >= 0 AND "purchases" >= 0);

-- The ledger is append-only: entries can be inserted, never changed or removed.
CREATE FUNCTION "ledger_entry_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'LedgerEntry is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER "LedgerEntry_append_only" BEFORE UPDATE OR DELETE ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION "ledger_entry_immutable"();
