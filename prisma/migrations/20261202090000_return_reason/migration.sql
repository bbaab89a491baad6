-- AlterTable
ALTER TABLE "PurchaseReturn" ADD COLUMN     "reason" TEXT;
