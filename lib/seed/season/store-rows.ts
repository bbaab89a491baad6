// Writes what the simulation produced, table by table (column lists in one place).
import type { AuditEntry } from "@/lib/audit/write-audit";
import type pg from "pg";
import type { CardRow, CustomerRow } from "./fans";
import type { SimPromotions } from "./sim/promotions";
import type { SeasonSim } from "./sim/simulate";
import { insertRows } from "./write";

export async function writeCustomers(client: pg.ClientBase, customers: CustomerRow[], cards: CardRow[]) {
  await insertRows(
    client,
    "Customer",
    [
      ["id", "text"],
      ["programId", "text"],
      ["phone", "text"],
      ["phoneVerifiedAt", "timestamptz"],
      ["email", "text"],
      ["emailVerifiedAt", "timestamptz"],
      ["firstName", "text"],
      ["lastName", "text"],
      ["birthDate", "date"],
      ["gender", "text"],
      ["registrationChannel", "text", '"RegistrationChannel"'],
      ["registeredStoreId", "text"],
      ["emailConsent", "bool"],
      ["emailConsentAt", "timestamptz"],
      ["smsConsent", "bool"],
      ["smsConsentAt", "timestamptz"],
      ["locale", "text"],
      ["createdAt", "timestamptz"],
      ["updatedAt", "timestamptz"],
    ],
    customers.map((c) => [
      c.id,
      c.programId,
      c.phone,
      c.phoneVerifiedAt,
      c.email,
      c.emailVerifiedAt,
      c.firstName,
      c.lastName,
      c.birthDate,
      c.gender,
      c.registrationChannel,
      c.registeredStoreId,
      c.emailConsent,
      c.emailConsentAt,
      c.smsConsent,
      c.smsConsentAt,
      c.locale,
      c.createdAt,
      c.createdAt,
    ]),
  );
  await insertRows(
    client,
    "Card",
    [
      ["id", "text"],
      ["programId", "text"],
      ["customerId", "text"],
      ["number", "text"],
      ["qrToken", "text"],
      ["issuedAt", "timestamptz"],
    ],
    cards.map((c) => [c.id, c.programId, c.customerId, c.number, c.qrToken, c.issuedAt]),
  );
}

/** Receipts, returns, visits, the ledger, status metrics and history, vouchers and their audit entries. */
export async function writeSimulation(client: pg.ClientBase, sim: SeasonSim, opts: { programId: string; versionId: string; now: Date }, progress: (table: string) => void) {
  const { programId, versionId, now } = opts;
  // A receipt keeps the partner its store belongs to when it is made (as confirmPurchase writes it).
  const { rows: stores } = await client.query<{ id: string; partnerId: string | null }>(`select id, "partnerId" from "Store" where "programId" = $1`, [programId]);
  const partnerOf = new Map(stores.map((s) => [s.id, s.partnerId]));
  // Every row carries its program, and a customer's rows their customer (Citus readiness).
  const customerOfPurchase = new Map(sim.purchases.map((p) => [p.id, p.customerId]));
  // Lines and returns carry their receipt's time (its primary key and their partition key).
  const timeOfPurchase = new Map(sim.purchases.map((p) => [p.id, p.at]));
  await insertRows(
    client,
    "Purchase",
    [
      ["id", "text"],
      ["programId", "text"],
      ["storeId", "text"],
      ["partnerId", "text"],
      ["terminalId", "text"],
      ["customerId", "text"],
      ["number", "text"],
      ["at", "timestamptz"],
      ["status", "text", '"PurchaseStatus"'],
      ["offline", "bool"],
      ["programVersionId", "text"],
      ["periodKey", "text"],
      ["amount", "int"],
      ["discount", "int"],
      ["pointsRedeemed", "int"],
      ["promoPointsRedeemed", "int"],
      ["pointsEarned", "int"],
      ["payable", "int"],
      ["createdAt", "timestamptz"],
      ["committedAt", "timestamptz"],
    ],
    sim.purchases.map((p) => [
      p.id,
      programId,
      p.storeId,
      partnerOf.get(p.storeId) ?? null,
      p.terminalId,
      p.customerId,
      p.number,
      p.at,
      "committed",
      false,
      versionId,
      p.periodKey,
      p.amount,
      p.discount,
      p.pointsRedeemed,
      p.promoPointsRedeemed,
      p.pointsEarned,
      p.payable,
      p.at,
      p.at,
    ]),
  );
  progress("receipts");
  await insertRows(
    client,
    "PurchaseLine",
    [
      ["id", "text"],
      ["programId", "text"],
      ["customerId", "text"],
      ["purchaseId", "text"],
      ["purchaseAt", "timestamptz"],
      ["lineNo", "int"],
      ["sku", "text"],
      ["category", "text"],
      ["name", "text"],
      ["quantityMilli", "int"],
      ["price", "int"],
      ["amount", "int"],
      ["discount", "int"],
      ["pointsRedeemed", "int"],
      ["promoPointsRedeemed", "int"],
      ["promoPromotionId", "text"],
      ["pointsEarned", "int"],
      ["pointsPending", "bool"],
      ["returnedMilli", "int"],
    ],
    sim.purchases.flatMap((p) =>
      p.lines.map((l) => [
        l.id,
        programId,
        p.customerId,
        p.id,
        p.at,
        l.lineNo,
        l.sku,
        l.category,
        l.name,
        l.quantityMilli,
        l.price,
        l.amount,
        l.discount,
        l.pointsRedeemed,
        l.promoPointsRedeemed,
        l.promoPromotionId,
        l.pointsEarned,
        l.pointsPending,
        l.returnedMilli,
      ]),
    ),
  );
  progress("receipt lines");
  if (sim.promotions) await writePromotions(client, programId, sim.promotions);
  await insertRows(
    client,
    "PurchaseReturn",
    [
      ["id", "text"],
      ["programId", "text"],
      ["customerId", "text"],
      ["purchaseId", "text"],
      ["purchaseAt", "timestamptz"],
      ["number", "text"],
      ["at", "timestamptz"],
      ["amount", "int"],
      ["pointsRefunded", "int"],
      ["pointsReclaimed", "int"],
      ["promoPointsRefunded", "int"],
      ["promoPointsReclaimed", "int"],
      ["reason", "text"],
      ["lines", "jsonb"],
      ["createdAt", "timestamptz"],
    ],
    sim.returns.map((r) => [
      r.id,
      programId,
      customerOfPurchase.get(r.purchaseId) ?? null,
      r.purchaseId,
      timeOfPurchase.get(r.purchaseId),
      r.number,
      r.at,
      r.amount,
      r.pointsRefunded,
      r.pointsReclaimed,
      r.promoPointsRefunded,
      r.promoPointsReclaimed,
      r.reason,
      r.lines,
      r.at,
    ]),
  );
  // Each visit's key first (VisitKey: the once-per-event rule; a visit references its key).
  await insertRows(
    client,
    "VisitKey",
    [
      ["customerId", "text"],
      ["eventCode", "text"],
      ["programId", "text"],
      ["visitId", "text"],
      ["visitAt", "timestamptz"],
    ],
    sim.visits.map((v) => [v.customerId, v.eventCode, programId, v.id, v.at]),
  );
  await insertRows(
    client,
    "Visit",
    [
      ["id", "text"],
      ["programId", "text"],
      ["customerId", "text"],
      ["eventCode", "text"],
      ["at", "timestamptz"],
      ["storeId", "text"],
      ["periodKey", "text"],
      ["createdAt", "timestamptz"],
    ],
    sim.visits.map((v) => [v.id, programId, v.customerId, v.eventCode, v.at, v.storeId, v.periodKey, v.at]),
  );
  progress("visits");
  const accounts = [...sim.ledger.accounts.values()].flatMap((a) => [a.main, a.promo]);
  const customerOfAccount = new Map(accounts.map((a) => [a.id, a.customerId]));
  const customerOfLot = new Map(accounts.flatMap((a) => a.lots.map((l) => [l.id, a.customerId] as const)));
  await insertRows(
    client,
    "Account",
    [
      ["id", "text"],
      ["programId", "text"],
      ["customerId", "text"],
      ["kind", "text", '"AccountKind"'],
      ["available", "int"],
      ["held", "int"],
      ["pending", "int"],
      ["debt", "int"],
      ["createdAt", "timestamptz"],
      ["updatedAt", "timestamptz"],
    ],
    accounts.map((a) => [a.id, programId, a.customerId, a.kind, a.available, a.held, a.pending, a.debt, a.createdAt, now]),
  );
  await insertRows(
    client,
    "Lot",
    [
      ["id", "text"],
      ["programId", "text"],
      ["customerId", "text"],
      ["accountId", "text"],
      ["activation", "text", '"LotActivation"'],
      ["amount", "int"],
      ["remaining", "int"],
      ["held", "int"],
      ["availableAt", "timestamptz"],
      ["activatedAt", "timestamptz"],
      ["expiresAt", "timestamptz"],
      ["expiredAt", "timestamptz"],
      ["voidedAt", "timestamptz"],
      ["purchaseId", "text"],
      ["purchaseLineNo", "int"],
      ["promotionId", "text"],
      ["createdAt", "timestamptz"],
    ],
    accounts.flatMap((a) =>
      a.lots.map((l) => [
        l.id,
        programId,
        a.customerId,
        l.accountId,
        l.activation,
        l.amount,
        l.remaining,
        l.held,
        l.availableAt,
        l.activatedAt,
        l.expiresAt,
        l.expiredAt,
        l.voidedAt,
        l.purchaseId,
        l.purchaseLineNo,
        l.promotionId,
        l.createdAt,
      ]),
    ),
  );
  progress("lots");
  await insertRows(
    client,
    "LedgerEntry",
    [
      ["id", "text"],
      ["programId", "text"],
      ["customerId", "text"],
      ["accountId", "text"],
      ["type", "text", '"EntryType"'],
      ["deltaAvailable", "int"],
      ["deltaHeld", "int"],
      ["deltaPending", "int"],
      ["deltaDebt", "int"],
      ["reason", "text"],
      ["note", "text"],
      ["purchaseId", "text"],
      ["returnId", "text"],
      ["holdId", "text"],
      ["lotId", "text"],
      ["promotionId", "text"],
      ["staffUserId", "text"],
      ["refType", "text"],
      ["refId", "text"],
      ["at", "timestamptz"],
    ],
    sim.ledger.entries.map((e) => [
      e.id,
      programId,
      customerOfAccount.get(e.accountId),
      e.accountId,
      e.type,
      e.deltaAvailable,
      e.deltaHeld,
      e.deltaPending,
      e.deltaDebt,
      e.reason,
      e.note ?? null,
      e.purchaseId ?? null,
      e.returnId ?? null,
      e.holdId ?? null,
      e.lotId,
      e.promotionId ?? null,
      e.staffUserId ?? null,
      e.refType ?? null,
      e.refId ?? null,
      e.at,
    ]),
  );
  progress("ledger entries");
  await insertRows(
    client,
    "LotAllocation",
    [
      ["id", "text"],
      ["programId", "text"],
      ["customerId", "text"],
      ["lotId", "text"],
      ["entryId", "text"],
      ["amount", "int"],
    ],
    sim.ledger.allocations.map((a) => [a.id, programId, customerOfLot.get(a.lotId), a.lotId, a.entryId, a.amount]),
  );
  const metrics = [...sim.tiers.metrics.values()].flatMap((m) => [...m.values()]);
  await insertRows(
    client,
    "TierMetric",
    [
      ["id", "text"],
      ["programId", "text"],
      ["customerId", "text"],
      ["periodKey", "text"],
      ["periodStart", "timestamptz"],
      ["periodEnd", "timestamptz"],
      ["spend", "bigint"],
      ["spendByCategory", "jsonb"],
      ["visits", "int"],
      ["purchases", "int"],
      ["updatedAt", "timestamptz"],
    ],
    metrics.map((m) => [m.id, programId, m.customerId, m.periodKey, m.periodStart, m.periodEnd, m.spend, m.spendByCategory, m.visits, m.purchases, now]),
  );
  await insertRows(
    client,
    "CustomerTier",
    [
      ["customerId", "text"],
      ["programId", "text"],
      ["tierCode", "text"],
      ["periodKey", "text"],
      ["qualifiedTierCode", "text"],
      ["carriedTierCode", "text"],
      ["manualTierCode", "text"],
      ["manualUntil", "timestamptz"],
      ["since", "timestamptz"],
      ["updatedAt", "timestamptz"],
    ],
    [...sim.tiers.rows.values()].map((r) => [r.customerId, programId, r.tierCode, r.periodKey, r.qualifiedTierCode, r.carriedTierCode, r.manualTierCode, r.manualUntil, r.since, now]),
  );
  await insertRows(
    client,
    "TierChange",
    [
      ["id", "text"],
      ["programId", "text"],
      ["customerId", "text"],
      ["fromTier", "text"],
      ["toTier", "text"],
      ["reason", "text", '"TierChangeReason"'],
      ["periodKey", "text"],
      ["note", "text"],
      ["at", "timestamptz"],
    ],
    sim.tiers.changes.map((c) => [c.id, programId, c.customerId, c.fromTier, c.toTier, c.reason, c.periodKey, c.note ?? null, c.at]),
  );
  progress("statuses");
  await insertRows(
    client,
    "CatalogRedemption",
    [
      ["id", "text"],
      ["programId", "text"],
      ["customerId", "text"],
      ["itemId", "text"],
      ["voucherCode", "text"],
      ["status", "text", '"RedemptionStatus"'],
      ["pointsSpent", "int"],
      ["spendEntryId", "text"],
      ["idempotencyKey", "text"],
      ["createdAt", "timestamptz"],
      ["usedAt", "timestamptz"],
      ["resolvedBy", "text"],
    ],
    sim.redemptions.map((r) => [r.id, programId, r.customerId, r.itemId, r.voucherCode, r.status, r.pointsSpent, r.spendEntryId, r.idempotencyKey, r.createdAt, r.usedAt, r.resolvedBy]),
  );
  await writeAudits(client, programId, sim.audits);
}

/** An audit entry of the bulk writer: the domain's entry (lib/audit/write-audit.ts) with its actor flattened and its time. */
export type AuditRow = Pick<AuditEntry, "action" | "entityType" | "entityId" | "reason" | "before" | "after"> & {
  actorType: Extract<AuditEntry["actor"]["type"], "staff" | "customer">;
  actorId: string;
  at: Date;
};

export async function writeAudits(client: pg.ClientBase, programId: string, rows: AuditRow[]) {
  const sorted = [...rows].sort((a, b) => a.at.getTime() - b.at.getTime());
  await insertRows(
    client,
    "AuditLog",
    [
      ["programId", "text"],
      ["actorType", "text", '"ActorType"'],
      ["actorId", "text"],
      ["action", "text"],
      ["entityType", "text"],
      ["entityId", "text"],
      ["reason", "text"],
      ["before", "jsonb"],
      ["after", "jsonb"],
      ["at", "timestamptz"],
    ],
    sorted.map((a) => [programId, a.actorType, a.actorId, a.action, a.entityType, a.entityId, a.reason ?? null, a.before ?? null, a.after ?? null, a.at]),
  );
}

/** What the season's receipts took of their promotions: uses, counters, per-customer uses, issued codes. */
async function writePromotions(client: pg.ClientBase, programId: string, promos: SimPromotions) {
  // The counters are set below from the simulation: the claim at commit (migration
  // promotion_counters_at_commit) must not count these rows a second time.
  await client.query(`select set_config('tribune.promotion_counters', 'written', true)`);
  await insertRows(
    client,
    "PurchasePromotion",
    [
      ["programId", "text"],
      ["purchaseId", "text"],
      ["promotionId", "text"],
      ["versionId", "text"],
      ["customerId", "text"],
      ["status", "text", '"PurchasePromotionStatus"'],
      ["discount", "int"],
      ["points", "int"],
      ["promoAccountPoints", "int"],
      ["lines", "jsonb"],
      ["promoCodeId", "text"],
      ["customerPeriodKey", "text"],
      ["counted", "bool"],
      ["moneyReturned", "int"],
      ["pointsReturned", "int"],
      ["at", "timestamptz"],
      ["createdAt", "timestamptz"],
    ],
    promos.uses.map((u) => [
      programId,
      u.purchaseId,
      u.promotionId,
      u.versionId,
      u.customerId,
      "committed",
      u.discount,
      u.points,
      u.promoAccountPoints,
      u.lines,
      u.promoCodeId,
      u.customerPeriodKey,
      u.counted,
      u.moneyReturned,
      u.pointsReturned,
      u.at,
      u.at,
    ]),
  );
  await insertRows(
    client,
    "PromotionCustomerUse",
    [
      ["programId", "text"],
      ["promotionId", "text"],
      ["customerId", "text"],
      ["periodKey", "text"],
      ["uses", "int"],
    ],
    [...promos.customerUses].map(([key, uses]) => [programId, ...key.split("|"), uses]),
  );
  const codes = [...promos.codes.values()];
  await insertRows(
    client,
    "PromoCode",
    [
      ["id", "text"],
      ["programId", "text"],
      ["promotionId", "text"],
      ["code", "text"],
      ["kind", "text", '"PromoCodeKind"'],
      ["customerId", "text"],
      ["maxUses", "int"],
      ["uses", "int"],
      ["expiresAt", "timestamptz"],
      ["issuedByPurchaseId", "text"],
      ["createdAt", "timestamptz"],
    ],
    codes.filter((c) => !c.stored).map((c) => [c.id, programId, c.promotionId, c.code, c.kind, c.customerId, c.maxUses, c.uses, c.expiresAt, c.issuedByPurchaseId, c.createdAt]),
  );
  const stored = codes.filter((c) => c.stored && c.uses > 0);
  if (stored.length)
    await client.query(`update "PromoCode" c set uses = x.uses from unnest($1::text[], $2::int[]) as x(id, uses) where c.id = x.id`, [stored.map((c) => c.id), stored.map((c) => c.uses)]);
  const rows = [...promos.promotions.values()].filter((p) => p.uses || p.moneyUsed || p.pointsUsed);
  if (rows.length)
    await client.query(
      `update "Promotion" p set uses = x.uses, "moneyUsed" = x.money, "pointsUsed" = x.points from unnest($1::text[], $2::int[], $3::bigint[], $4::bigint[]) as x(id, uses, money, points) where p.id = x.id`,
      [rows.map((p) => p.id), rows.map((p) => p.uses), rows.map((p) => p.moneyUsed), rows.map((p) => p.pointsUsed)],
    );
}
