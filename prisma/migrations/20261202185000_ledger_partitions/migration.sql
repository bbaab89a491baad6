-- LedgerEntry becomes a table partitioned by month of "at" (docs/scaling.md, "Partitions and retention").
-- The partition key must be part of every unique constraint: the primary key becomes ("id", "at")
-- (ids stay unique on their own: they are random and prefixed). Nothing references LedgerEntry by a
-- foreign key, so no other table changes. Partitions are named "LedgerEntry_pYYYY_MM" and hold one
-- UTC calendar month; "LedgerEntry_default" takes any row no monthly partition covers, so an insert
-- never fails. The create-ahead and retention job (lib/db/partitions.ts, job "ledger-partitions")
-- keeps the months ahead created and detaches the old ones.

ALTER TABLE "LedgerEntry" RENAME TO "LedgerEntry_unpartitioned";
ALTER INDEX "LedgerEntry_pkey" RENAME TO "LedgerEntry_unpartitioned_pkey";
ALTER INDEX "LedgerEntry_accountId_at_idx" RENAME TO "LedgerEntry_unpartitioned_accountId_at_idx";
ALTER INDEX "LedgerEntry_purchaseId_idx" RENAME TO "LedgerEntry_unpartitioned_purchaseId_idx";
ALTER INDEX "LedgerEntry_refType_refId_idx" RENAME TO "LedgerEntry_unpartitioned_refType_refId_idx";

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
    "programId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id", "at")
) PARTITION BY RANGE ("at");

CREATE TABLE "LedgerEntry_default" PARTITION OF "LedgerEntry" DEFAULT;

-- One partition per month from the oldest entry (at most ten years back; older rows stay in the
-- default partition) to twelve months ahead.
DO $$
DECLARE
  first_month timestamptz;
  m timestamptz;
  stop timestamptz := date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '13 months';
BEGIN
  SELECT greatest(
           date_trunc('month', coalesce(min("at"), now()) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
           date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '120 months')
    INTO first_month FROM "LedgerEntry_unpartitioned";
  m := first_month;
  WHILE m < stop LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "LedgerEntry" FOR VALUES FROM (%L) TO (%L)',
      'LedgerEntry_p' || to_char(m AT TIME ZONE 'UTC', 'YYYY_MM'), m, m + interval '1 month');
    m := m + interval '1 month';
  END LOOP;
END $$;

INSERT INTO "LedgerEntry" ("id", "accountId", "type", "deltaAvailable", "deltaHeld", "deltaPending", "deltaDebt", "reason", "note",
    "purchaseId", "returnId", "holdId", "lotId", "promotionId", "staffUserId", "refType", "refId", "at", "programId", "customerId")
  SELECT "id", "accountId", "type", "deltaAvailable", "deltaHeld", "deltaPending", "deltaDebt", "reason", "note",
    "purchaseId", "returnId", "holdId", "lotId", "promotionId", "staffUserId", "refType", "refId", "at", "programId", "customerId"
  FROM "LedgerEntry_unpartitioned";

DROP TABLE "LedgerEntry_unpartitioned";

-- Indexes on the parent: each partition gets its own, attached to these.
CREATE INDEX "LedgerEntry_accountId_at_idx" ON "LedgerEntry"("accountId", "at");
CREATE INDEX "LedgerEntry_purchaseId_idx" ON "LedgerEntry"("purchaseId");
CREATE INDEX "LedgerEntry_refType_refId_idx" ON "LedgerEntry"("refType", "refId");

ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Still append-only (the trigger is cloned onto every partition, present and future).
CREATE TRIGGER "LedgerEntry_append_only" BEFORE UPDATE OR DELETE ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION "ledger_entry_immutable"();

-- Months taken offline by the retention job (lib/ledger/retention.ts).
CREATE TABLE "LedgerArchive" (
    "partition" TEXT NOT NULL,
    "from" TIMESTAMPTZ(3) NOT NULL,
    "to" TIMESTAMPTZ(3) NOT NULL,
    "entries" INTEGER NOT NULL,
    "accounts" INTEGER NOT NULL,
    "dropped" BOOLEAN NOT NULL,
    "archivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerArchive_pkey" PRIMARY KEY ("partition")
);

-- Where detached months are kept (LEDGER_ARCHIVE=schema): out of the application's schema and of Prisma's sight.
CREATE SCHEMA IF NOT EXISTS "ledger_archive";
