-- Idempotency keys are scoped per terminal (two tills of one store may generate the same key).
-- DropIndex
DROP INDEX "IdempotencyKey_storeId_key_key";

-- AlterTable: existing keys (kept 7 days) go to the store's first terminal; a store without one has none.
ALTER TABLE "IdempotencyKey" ADD COLUMN     "terminalId" TEXT;
UPDATE "IdempotencyKey" k SET "terminalId" = (
  SELECT t.id FROM "Terminal" t WHERE t."storeId" = k."storeId" ORDER BY t."createdAt", t.id LIMIT 1
);
DELETE FROM "IdempotencyKey" WHERE "terminalId" IS NULL;
ALTER TABLE "IdempotencyKey" ALTER COLUMN "terminalId" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyKey_terminalId_key_key" ON "IdempotencyKey"("terminalId", "key");
