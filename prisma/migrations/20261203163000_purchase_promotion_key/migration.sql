-- PurchasePromotion keyed by its receipt and promotion (docs/benchmarks.md, "PurchasePromotion keyed
-- by its receipt"). A confirm with 200 promotions in force writes ~15 of these rows in its one
-- statement, and each row paid for four indexes: the surrogate id's primary key (read by nothing but
-- void, cancel and returns, which know the receipt and the promotion), the unique (purchaseId,
-- promotionId) — now the primary key — (promotionId, at) for the statistics, and (customerId, at),
-- which no query reads (the cabinet, returns, limits and uplift read receipts, PromotionCustomerUse
-- and the Purchase table, never these rows by customer). Two indexes are left.

ALTER TABLE "PurchasePromotion" DROP CONSTRAINT "PurchasePromotion_pkey";

ALTER TABLE "PurchasePromotion" DROP COLUMN "id";

DROP INDEX "PurchasePromotion_purchaseId_promotionId_key";

DROP INDEX "PurchasePromotion_customerId_at_idx";

ALTER TABLE "PurchasePromotion" ADD CONSTRAINT "PurchasePromotion_pkey" PRIMARY KEY ("purchaseId", "promotionId");
