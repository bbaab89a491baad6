// The promo account's spendable points per promotion, soonest-expiring first, with the items each
// may pay for (the `basket.items` of the promotion's version in force): what pricing needs to let
// promo points pay only for their promotion's lines (lib/rules/promo-redemption.ts), and what the
// cabinet and the console show (name, points, soonest expiry).
import type { Sql } from "@/lib/db/sql";
import type { PromoBalance } from "@/lib/rules/promo-redemption";

export interface PromoBalanceView {
  /** Null: promo points of no promotion (imported, adjusted): spendable on any line. */
  promotionId: string | null;
  code: string | null;
  /** The promotion's name as written in its definition (a string or {en, ru}). */
  name: unknown;
  items: PromoBalance["items"] | null;
  points: number;
  soonestExpiry: Date | null;
}

/** Read as of `at` (lots past their expiry do not count, swept or not). */
export async function promoBalancesView(sql: Sql, customerId: string, at: Date): Promise<PromoBalanceView[]> {
  return sql.$queryRaw<PromoBalanceView[]>`
    with lots as (
      select l."promotionId", sum(l.remaining - l.held)::int as points, min(l."expiresAt") as soonest
      from "Lot" l join "Account" a on a.id = l."accountId"
      where a."customerId" = ${customerId} and a.kind = 'promo'
        and l."activatedAt" is not null and l."expiredAt" is null and l."voidedAt" is null
        and l.remaining - l.held > 0 and (l."expiresAt" is null or l."expiresAt" > ${at})
      group by l."promotionId")
    select lots."promotionId", p.code, v.definition->'name' as name, v.definition->'basket'->'items' as items, lots.points, lots.soonest as "soonestExpiry"
    from lots
    left join "Promotion" p on p.id = lots."promotionId"
    left join "PromotionVersion" v on v.id = p."currentVersionId"
    order by lots.soonest asc nulls last, lots."promotionId" asc nulls first`;
}

/** The balances pricing takes, in the order promo points are spent. */
export async function promoBalances(sql: Sql, customerId: string, at: Date): Promise<PromoBalance[]> {
  return (await promoBalancesView(sql, customerId, at)).map((r) => ({ promotionId: r.promotionId, points: r.points, items: r.items ?? null }));
}
