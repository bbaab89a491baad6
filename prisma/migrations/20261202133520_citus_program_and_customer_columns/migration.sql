-- Citus readiness (docs/scaling.md): every table carries its program (the tenant), and the
-- customer-scoped ones their customer (the distribution column). Each new column is added
-- nullable, filled from the row's parent (in dependency order: Lot before LotAllocation,
-- Terminal before TerminalRateWindow), then made NOT NULL. On a large production database run
-- the UPDATEs of LedgerEntry, Lot and PurchaseLine in batches by id before this migration.
-- The two append-only ledgers refuse every UPDATE: their triggers are off for the backfill only
-- (it fills the new columns and changes nothing else), inside this migration's transaction.

ALTER TABLE "FeedbackMessage" ADD COLUMN "programId" TEXT;
ALTER TABLE "GiftCardEntry" ADD COLUMN "programId" TEXT;
ALTER TABLE "Hold" ADD COLUMN "programId" TEXT, ADD COLUMN "customerId" TEXT;
ALTER TABLE "LedgerEntry" ADD COLUMN "programId" TEXT, ADD COLUMN "customerId" TEXT;
ALTER TABLE "Lot" ADD COLUMN "programId" TEXT, ADD COLUMN "customerId" TEXT;
ALTER TABLE "LotAllocation" ADD COLUMN "programId" TEXT, ADD COLUMN "customerId" TEXT;
ALTER TABLE "IdempotencyKey" ADD COLUMN "programId" TEXT;
ALTER TABLE "ImportFile" ADD COLUMN "programId" TEXT;
ALTER TABLE "OidcConsent" ADD COLUMN "programId" TEXT;
ALTER TABLE "PromotionCustomerUse" ADD COLUMN "programId" TEXT;
ALTER TABLE "PromotionVersion" ADD COLUMN "programId" TEXT;
ALTER TABLE "PurchaseLine" ADD COLUMN "programId" TEXT, ADD COLUMN "customerId" TEXT;
ALTER TABLE "PurchasePromotion" ADD COLUMN "programId" TEXT;
ALTER TABLE "PurchaseReturn" ADD COLUMN "programId" TEXT, ADD COLUMN "customerId" TEXT;
ALTER TABLE "StaffSession" ADD COLUMN "programId" TEXT;
ALTER TABLE "Terminal" ADD COLUMN "programId" TEXT;
ALTER TABLE "TerminalRateWindow" ADD COLUMN "programId" TEXT;
ALTER TABLE "WalletPass" ADD COLUMN "programId" TEXT, ADD COLUMN "customerId" TEXT;
ALTER TABLE "WalletRegistration" ADD COLUMN "programId" TEXT;
ALTER TABLE "WalletPush" ADD COLUMN "programId" TEXT;
ALTER TABLE "LedgerEntry" DISABLE TRIGGER "LedgerEntry_append_only";
ALTER TABLE "GiftCardEntry" DISABLE TRIGGER "GiftCardEntry_append_only";
UPDATE "FeedbackMessage" t SET "programId" = p."programId" FROM "FeedbackRequest" p WHERE p.id = t."requestId";
UPDATE "GiftCardEntry" t SET "programId" = p."programId" FROM "GiftCard" p WHERE p.id = t."giftCardId";
UPDATE "Hold" t SET "programId" = p."programId", "customerId" = p."customerId" FROM "Account" p WHERE p.id = t."accountId";
UPDATE "LedgerEntry" t SET "programId" = p."programId", "customerId" = p."customerId" FROM "Account" p WHERE p.id = t."accountId";
UPDATE "Lot" t SET "programId" = p."programId", "customerId" = p."customerId" FROM "Account" p WHERE p.id = t."accountId";
UPDATE "LotAllocation" t SET "programId" = p."programId", "customerId" = p."customerId" FROM "Lot" p WHERE p.id = t."lotId";
UPDATE "IdempotencyKey" t SET "programId" = p."programId" FROM "Store" p WHERE p.id = t."storeId";
UPDATE "ImportFile" t SET "programId" = p."programId" FROM "ImportRun" p WHERE p.id = t."runId";
UPDATE "OidcConsent" t SET "programId" = p."programId" FROM "OidcClient" p WHERE p.id = t."clientId";
UPDATE "PromotionCustomerUse" t SET "programId" = p."programId" FROM "Promotion" p WHERE p.id = t."promotionId";
UPDATE "PromotionVersion" t SET "programId" = p."programId" FROM "Promotion" p WHERE p.id = t."promotionId";
UPDATE "PurchaseLine" t SET "programId" = p."programId", "customerId" = p."customerId" FROM "Purchase" p WHERE p.id = t."purchaseId";
UPDATE "PurchasePromotion" t SET "programId" = p."programId" FROM "Purchase" p WHERE p.id = t."purchaseId";
UPDATE "PurchaseReturn" t SET "programId" = p."programId", "customerId" = p."customerId" FROM "Purchase" p WHERE p.id = t."purchaseId";
UPDATE "StaffSession" t SET "programId" = p."programId" FROM "StaffUser" p WHERE p.id = t."staffUserId";
UPDATE "Terminal" t SET "programId" = p."programId" FROM "Store" p WHERE p.id = t."storeId";
UPDATE "TerminalRateWindow" t SET "programId" = p."programId" FROM "Terminal" p WHERE p.id = t."terminalId";
UPDATE "WalletPass" t SET "programId" = p."programId", "customerId" = p."customerId" FROM "Card" p WHERE p.id = t."cardId";
UPDATE "WalletRegistration" t SET "programId" = p."programId" FROM "Card" p WHERE p.id = t."cardId";
-- A push of a card that no longer exists can never be sent: it goes.
DELETE FROM "WalletPush" t WHERE NOT EXISTS (SELECT 1 FROM "Card" p WHERE p.id = t."cardId");
UPDATE "WalletPush" t SET "programId" = p."programId" FROM "Card" p WHERE p.id = t."cardId";
ALTER TABLE "LedgerEntry" ENABLE TRIGGER "LedgerEntry_append_only";
ALTER TABLE "GiftCardEntry" ENABLE TRIGGER "GiftCardEntry_append_only";
ALTER TABLE "FeedbackMessage" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "GiftCardEntry" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "Hold" ALTER COLUMN "programId" SET NOT NULL, ALTER COLUMN "customerId" SET NOT NULL;
ALTER TABLE "LedgerEntry" ALTER COLUMN "programId" SET NOT NULL, ALTER COLUMN "customerId" SET NOT NULL;
ALTER TABLE "Lot" ALTER COLUMN "programId" SET NOT NULL, ALTER COLUMN "customerId" SET NOT NULL;
ALTER TABLE "LotAllocation" ALTER COLUMN "programId" SET NOT NULL, ALTER COLUMN "customerId" SET NOT NULL;
ALTER TABLE "IdempotencyKey" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "ImportFile" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "OidcConsent" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "PromotionCustomerUse" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "PromotionVersion" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "PurchaseLine" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "PurchasePromotion" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "PurchaseReturn" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "StaffSession" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "Terminal" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "TerminalRateWindow" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "WalletPass" ALTER COLUMN "programId" SET NOT NULL, ALTER COLUMN "customerId" SET NOT NULL;
ALTER TABLE "WalletRegistration" ALTER COLUMN "programId" SET NOT NULL;
ALTER TABLE "WalletPush" ALTER COLUMN "programId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "FeedbackMessage_programId_idx" ON "FeedbackMessage"("programId");

-- CreateIndex
CREATE INDEX "IdempotencyKey_programId_idx" ON "IdempotencyKey"("programId");

-- CreateIndex
CREATE INDEX "ImportFile_programId_idx" ON "ImportFile"("programId");

-- CreateIndex
CREATE INDEX "OidcConsent_programId_idx" ON "OidcConsent"("programId");

-- CreateIndex
CREATE INDEX "PromotionVersion_programId_idx" ON "PromotionVersion"("programId");

-- CreateIndex
CREATE INDEX "StaffSession_programId_idx" ON "StaffSession"("programId");

-- CreateIndex
CREATE INDEX "Terminal_programId_idx" ON "Terminal"("programId");

-- CreateIndex
CREATE INDEX "WalletPass_programId_idx" ON "WalletPass"("programId");

-- CreateIndex
CREATE INDEX "WalletPush_programId_idx" ON "WalletPush"("programId");

-- CreateIndex
CREATE INDEX "WalletRegistration_programId_idx" ON "WalletRegistration"("programId");

-- AddForeignKey
ALTER TABLE "FeedbackMessage" ADD CONSTRAINT "FeedbackMessage_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GiftCardEntry" ADD CONSTRAINT "GiftCardEntry_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OidcConsent" ADD CONSTRAINT "OidcConsent_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportFile" ADD CONSTRAINT "ImportFile_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lot" ADD CONSTRAINT "Lot_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lot" ADD CONSTRAINT "Lot_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hold" ADD CONSTRAINT "Hold_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hold" ADD CONSTRAINT "Hold_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotAllocation" ADD CONSTRAINT "LotAllocation_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotAllocation" ADD CONSTRAINT "LotAllocation_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdempotencyKey" ADD CONSTRAINT "IdempotencyKey_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Terminal" ADD CONSTRAINT "Terminal_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TerminalRateWindow" ADD CONSTRAINT "TerminalRateWindow_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffSession" ADD CONSTRAINT "StaffSession_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionVersion" ADD CONSTRAINT "PromotionVersion_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionCustomerUse" ADD CONSTRAINT "PromotionCustomerUse_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchasePromotion" ADD CONSTRAINT "PurchasePromotion_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseLine" ADD CONSTRAINT "PurchaseLine_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseReturn" ADD CONSTRAINT "PurchaseReturn_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseReturn" ADD CONSTRAINT "PurchaseReturn_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WalletPass" ADD CONSTRAINT "WalletPass_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WalletPass" ADD CONSTRAINT "WalletPass_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WalletRegistration" ADD CONSTRAINT "WalletRegistration_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WalletPush" ADD CONSTRAINT "WalletPush_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
