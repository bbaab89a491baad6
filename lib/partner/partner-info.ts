// The partner and its program as the portal shows them (name, brand, currency, time zone).
import type { Db } from "@/lib/db/client";

export async function partnerInfo(db: Db, partnerId: string) {
  const partner = await db.partner.findUnique({
    where: { id: partnerId },
    select: { id: true, code: true, name: true, program: { select: { id: true, name: true, currency: true, timezone: true, brandColor: true, defaultLocale: true } } },
  });
  if (!partner) return null;
  return { id: partner.id, code: partner.code, name: partner.name, program: partner.program };
}
