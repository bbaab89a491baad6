-- Partner-portal texts that can be given in both languages (the demo's saved groups and contact
-- roles): the existing column holds the English text, the new one the Russian.
ALTER TABLE "PartnerSegment" ADD COLUMN "nameRu" TEXT;
ALTER TABLE "PartnerContact" ADD COLUMN "roleRu" TEXT;
