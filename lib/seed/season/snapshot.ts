// A database's season as plain, id-free rows (what season.test.ts compares between the bulk
// path and the domain replay): every id that each path makes on its own is replaced by what it
// points at — a receipt by its store and number, a lot by its owner, time and amount, an account
// by its customer and kind, a staff user by email.
import type { Db } from "@/lib/db/client";

type Row = Record<string, unknown>;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
const clean = (r: Row): Row => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : iso(v)]));
const sorted = (rows: Row[]) =>
  rows
    .map(clean)
    .map((r) => JSON.stringify(r))
    .sort();

export async function seasonSnapshot(db: Db) {
  const q = (sql: string) => db.$queryRawUnsafe<Row[]>(sql);
  const receipt = `(select s.code || '/' || p.number from "Purchase" p join "Store" s on s.id = p."storeId" where p.id = X)`;
  const lot = `(select a."customerId" || '/' || a.kind || '/' || to_char(l."createdAt" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') || '/' || l.amount || '/' || l.activation || '/' || coalesce(l."purchaseLineNo"::text, '-') from "Lot" l join "Account" a on a.id = l."accountId" where l.id = X)`;
  const ref = (expr: string, col: string) => expr.replace("X", col);
  return {
    accounts: sorted(await q(`select "customerId", kind::text, available, held, pending, debt from "Account"`)),
    purchases: sorted(
      await q(
        `select s.code, p.number, p."customerId", p.at, p.status::text, p."periodKey", p.amount, p.discount, p."pointsRedeemed", p."promoPointsRedeemed", p."pointsEarned", p.payable, p."terminalId", p."createdAt", p."committedAt" from "Purchase" p join "Store" s on s.id = p."storeId"`,
      ),
    ),
    lines: sorted(
      await q(
        `select ${ref(receipt, 'l."purchaseId"')} as receipt, l."lineNo", l.sku, l.category, l.name, l."quantityMilli", l.price, l.amount, l.discount, l."pointsRedeemed", l."promoPointsRedeemed", (select code from "Promotion" x where x.id = l."promoPromotionId") as "promoPromotion", l."pointsEarned", l."pointsPending", l."returnedMilli" from "PurchaseLine" l`,
      ),
    ),
    returns: sorted(
      await q(
        `select ${ref(receipt, 'r."purchaseId"')} as receipt, r.number, r.at, r.amount, r."pointsRefunded", r."pointsReclaimed", r."promoPointsRefunded", r."promoPointsReclaimed", r.reason, r.lines::text, r."createdAt" from "PurchaseReturn" r`,
      ),
    ),
    visits: sorted(await q(`select v."customerId", v."eventCode", v.at, s.code, v."periodKey", v."createdAt" from "Visit" v left join "Store" s on s.id = v."storeId"`)),
    lots: sorted(
      await q(
        `select ${ref(lot, "lo.id")} as lot, lo.remaining, lo.held, lo."availableAt", lo."activatedAt", lo."expiresAt", lo."expiredAt", lo."voidedAt", ${ref(receipt, 'lo."purchaseId"')} as receipt, (select code from "Promotion" x where x.id = lo."promotionId") as promotion from "Lot" lo`,
      ),
    ),
    entries: sorted(
      await q(`select a."customerId", a.kind::text, e.type::text, e."deltaAvailable", e."deltaHeld", e."deltaPending", e."deltaDebt", e.reason, e.note, ${ref(receipt, 'e."purchaseId"')} as receipt,
      (select r.number from "PurchaseReturn" r where r.id = e."returnId") as "return", ${ref(lot, 'e."lotId"')} as lot, (select email from "StaffUser" u where u.id = e."staffUserId") as staff,
      e."refType", (select "idempotencyKey" from "CatalogRedemption" c where c.id = e."refId") as ref, (select code from "Promotion" x where x.id = e."promotionId") as promotion, e.at
      from "LedgerEntry" e join "Account" a on a.id = e."accountId"`),
    ),
    allocations: sorted(
      await q(`select ${ref(lot, 'x."lotId"')} as lot, e.type::text, e.reason, e.at, e."deltaAvailable", e."deltaPending", x.amount from "LotAllocation" x join "LedgerEntry" e on e.id = x."entryId"`),
    ),
    metrics: sorted(await q(`select "customerId", "periodKey", "periodStart", "periodEnd", spend, "spendByCategory"::text, visits, purchases from "TierMetric"`)),
    statuses: sorted(await q(`select "customerId", "tierCode", "periodKey", "qualifiedTierCode", "carriedTierCode", "manualTierCode", "manualUntil", since from "CustomerTier"`)),
    statusChanges: sorted(await q(`select "customerId", "fromTier", "toTier", reason::text, "periodKey", note, at from "TierChange"`)),
    vouchers: sorted(
      await q(`select r."customerId", i.code, r.status::text, r."pointsSpent", r."idempotencyKey", r."createdAt", r."usedAt", (select email from "StaffUser" u where u.id = r."resolvedBy") as "resolvedBy",
      (select e.at from "LedgerEntry" e where e.id = r."spendEntryId") as "spentAt" from "CatalogRedemption" r join "CatalogItem" i on i.id = r."itemId"`),
    ),
    stock: sorted(await q(`select code, stock from "CatalogItem"`)),
    // Promotions: what each receipt took, the counters, per-customer uses and issued codes (an
    // issued code is random in the domain: compared by its promotion, owner, receipt and dates).
    promotionUses: sorted(
      await q(`select p.code, ${ref(receipt, 'pp."purchaseId"')} as receipt, v.version, pp."customerId", pp.status::text, pp.discount, pp.points, pp."promoAccountPoints", pp.lines::text,
        (select case when c.kind = 'issued' then 'issued:' || c."customerId" else c.code end from "PromoCode" c where c.id = pp."promoCodeId") as "promoCode",
        pp."customerPeriodKey", pp.counted, pp."moneyReturned", pp."pointsReturned", pp.at
        from "PurchasePromotion" pp join "Promotion" p on p.id = pp."promotionId" join "PromotionVersion" v on v.id = pp."versionId"`),
    ),
    promotionCounters: sorted(await q(`select code, uses, "moneyUsed", "pointsUsed" from "Promotion"`)),
    promotionCustomerUses: sorted(await q(`select p.code, u."customerId", u."periodKey", u.uses from "PromotionCustomerUse" u join "Promotion" p on p.id = u."promotionId"`)),
    promoCodes: sorted(
      await q(`select p.code as promotion, c.kind::text, case when c.kind = 'issued' then null else c.code end as code, c."customerId", c."maxUses", c.uses, c."expiresAt",
        ${ref(receipt, 'c."issuedByPurchaseId"')} as "issuedBy", case when c.kind = 'issued' then c."createdAt" end as "createdAt" from "PromoCode" c join "Promotion" p on p.id = c."promotionId"`),
    ),
    audit: sorted(
      await q(
        `select a.action, a."actorType"::text, coalesce((select email from "StaffUser" u where u.id = a."actorId"), a."actorId") as actor, a.reason from "AuditLog" a where a.action in ('catalog.redeemed', 'catalog.redemption_used', 'points.adjust')`,
      ),
    ),
  };
}
