-- A summary row's program is its customer's, enforced by the key (customerId, programId) →
-- "Customer" (id, programId): a segment made of one summary set is then counted from the summary's
-- rows of the program alone, without a look-up in "Customer" per member (lib/segments/compile.ts,
-- countQuery). Rows are only ever written with their receipt's or visit's program, which is the
-- customer's, so every existing row passes the check.

-- DropForeignKey
ALTER TABLE "CustomerActivity" DROP CONSTRAINT "CustomerActivity_customerId_fkey";

-- CreateIndex
CREATE UNIQUE INDEX "Customer_id_programId_key" ON "Customer"("id", "programId");

-- AddForeignKey
ALTER TABLE "CustomerActivity" ADD CONSTRAINT "CustomerActivity_customerId_programId_fkey" FOREIGN KEY ("customerId", "programId") REFERENCES "Customer"("id", "programId") ON DELETE CASCADE ON UPDATE CASCADE;
