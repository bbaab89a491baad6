// The partner's stores with their POS terminals (keys are never shown again, only prefixes).
import type { Db } from "@/lib/db/client";

export async function listPartnerStores(db: Db, partnerId: string) {
  return db.store.findMany({
    where: { partnerId },
    orderBy: { code: "asc" },
    select: {
      id: true,
      code: true,
      name: true,
      timezone: true,
      tags: true,
      terminals: {
        orderBy: [{ revoked: "asc" }, { createdAt: "desc" }],
        select: { id: true, name: true, keyPrefix: true, revoked: true, revokedAt: true, pendingApproval: true, lastUsedAt: true, createdAt: true },
      },
    },
  });
}

/** Store choices for filters: id, code and name of the partner's stores only. */
export async function partnerStoreOptions(db: Db, partnerId: string) {
  return db.store.findMany({ where: { partnerId }, orderBy: { code: "asc" }, select: { id: true, code: true, name: true } });
}
