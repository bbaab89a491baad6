-- AlterTable
ALTER TABLE "PromoCode" ADD COLUMN     "revokedAt" TIMESTAMPTZ(3);
