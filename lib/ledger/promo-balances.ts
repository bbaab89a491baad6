// The promo account's spendable points per promotion, with the items each may pay for (the
// `basket.items` of the promotion's version in force), soonest-expiring first: what pricing needs
// to let promo points pay only for their promotion's lines (lib/rules/promo-redemption.ts).
import type { Sql } from "@/lib/db/sql";
import type { PromoBalance } from "@/lib/rules/promo-redemption";

type Row = { promotionId: string | null; points: number; items: PromoBalance["items"] | null };

/** Read as of `at` (lots past their expiry do not count, swept or not). */
export async function promoBalances(sql: Sql, customerId: string, at: Date): Promise<PromoBalance[]> {
  const rows = await sql.$queryRaw<Row[]>`
    with lots as (
      select l."promotionId", sum(l.remaining - l.held)::int as points, min(l."expiresAt") as soonest
      from "Lot" l join "Account" a on a.id = l."accountId"
      where a."customerId" = ${customerId} and a.kind = 'promo'
        and l."activatedAt" is not null and l."expiredAt" is null and l."voidedAt" is null
        and l.remaining - l.held > 0 and (l."expiresAt" is null or l."expiresAt" > ${at})
      group by l."promotionId")
    select lots."promotionId", lots.points, v.definition->'basket'->'items' as items
    from lots
    left join "Promotion" p on p.id = lots."promotionId"
    left join "PromotionVersion" v on v.id = p."currentVersionId"
    order by lots.soonest asc nulls last, lots."promotionId" asc nulls first`;
  return rows.map((r) => ({ promotionId: r.promotionId, points: r.points, items: r.items ?? null }));
}
