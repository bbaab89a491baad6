// The promo account's spendable points per promotion, soonest-expiring first, with the items each
// may pay for: the `basket.items` of the version the points were issued under (Lot.promotionVersionId;
// a later version does not change what points already given can buy — lots without a version,
// written before versions were kept, take the version in force). What pricing needs to let promo
// points pay only for their promotion's lines (lib/rules/promo-redemption.ts), and what the till's
// lookup, the cabinet and the console show (name, points, soonest expiry).
// A coalition partner's promotion (Promotion.partnerId) gives points spendable only in that
// partner's stores: with `storeId`, the balances of other partners' promotions are left out.
import type { Sql } from "@/lib/db/sql";
import type { PromoBalance } from "@/lib/rules/promo-redemption";

export interface PromoBalanceView {
  /** Null: promo points of no promotion (imported, adjusted): spendable on any line. */
  promotionId: string | null;
  /** The version whose items the points pay for (null: points of no promotion, or of no recorded version). */
  versionId: string | null;
  code: string | null;
  /** The version's number (null: points of no promotion). */
  version: number | null;
  /** The promotion's name as written in its definition (a string or {en, ru}). */
  name: unknown;
  items: PromoBalance["items"] | null;
  /** The coalition partner whose stores alone take these points (null: any store of the program). */
  partnerId: string | null;
  partnerCode: string | null;
  points: number;
  soonestExpiry: Date | null;
}

/** Read as of `at` (lots past their expiry do not count, swept or not); with `storeId`, only what that store takes. */
export async function promoBalancesView(sql: Sql, customerId: string, at: Date, opts: { storeId?: string } = {}): Promise<PromoBalanceView[]> {
  const storeId = opts.storeId ?? null;
  return sql.$queryRaw<PromoBalanceView[]>`
    with lots as (
      select l."promotionId", l."promotionVersionId", sum(l.remaining - l.held)::int as points, min(l."expiresAt") as soonest
      from "Lot" l join "Account" a on a.id = l."accountId"
      where a."customerId" = ${customerId} and a.kind = 'promo'
        and l."activatedAt" is not null and l."expiredAt" is null and l."voidedAt" is null
        and l.remaining - l.held > 0 and (l."expiresAt" is null or l."expiresAt" > ${at})
      group by l."promotionId", l."promotionVersionId")
    select lots."promotionId", lots."promotionVersionId" as "versionId", p.code, v.version, v.definition->'name' as name, v.definition->'basket'->'items' as items,
      p."partnerId", pa.code as "partnerCode", lots.points, lots.soonest as "soonestExpiry"
    from lots
    left join "Promotion" p on p.id = lots."promotionId"
    left join "PromotionVersion" v on v.id = coalesce(lots."promotionVersionId", p."currentVersionId")
    left join "Partner" pa on pa.id = p."partnerId"
    where ${storeId}::text is null or p."partnerId" is null
      or p."partnerId" = (select s."partnerId" from "Store" s where s.id = ${storeId}::text)
    order by lots.soonest asc nulls last, lots."promotionId" asc nulls first, v.version asc nulls first`;
}

/** The balances pricing at `storeId` takes, in the order promo points are spent. */
export async function promoBalances(sql: Sql, customerId: string, at: Date, storeId: string): Promise<PromoBalance[]> {
  return (await promoBalancesView(sql, customerId, at, { storeId })).map((r) => ({ promotionId: r.promotionId, versionId: r.versionId, points: r.points, items: r.items ?? null }));
}
