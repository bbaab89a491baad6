// What the dashboard shows about points: main and promo balances, pending points with the date
// they become spendable, and points expiring soon. Reads only; scoped to one customer.
import type { Db } from "@/lib/db/client";
import { promoBalancesView, type PromoBalanceView } from "@/lib/ledger/promo-balances";

export const EXPIRING_WINDOW_DAYS = 30;

export interface PointsSummary {
  main: { available: number; pending: number; held: number; debt: number };
  /** `byPromotion`: what each promotion's promo points are (they pay only for its items), soonest-expiring first. */
  promo: { available: number; pending: number; byPromotion: PromoBalanceView[] };
  /** Pending lots grouped by the day they activate (null: waiting for a ticket validation). */
  pending: { points: number; availableAt: Date | null }[];
  expiringSoon: { points: number; firstAt: Date | null };
}

export async function pointsSummary(db: Db, customerId: string, now = new Date()): Promise<PointsSummary> {
  const accounts = await db.account.findMany({ where: { customerId } });
  const main = accounts.find((a) => a.kind === "main");
  const promo = accounts.find((a) => a.kind === "promo");
  const ids = accounts.map((a) => a.id);
  const pendingLots = ids.length
    ? await db.lot.findMany({
        where: { accountId: { in: ids }, activatedAt: null, voidedAt: null, expiredAt: null, remaining: { gt: 0 } },
        select: { remaining: true, availableAt: true },
        orderBy: { availableAt: "asc" },
      })
    : [];
  const pending = new Map<string, { points: number; availableAt: Date | null }>();
  for (const l of pendingLots) {
    const key = l.availableAt ? l.availableAt.toISOString().slice(0, 10) : "validation";
    const row = pending.get(key) ?? { points: 0, availableAt: l.availableAt };
    row.points += l.remaining;
    pending.set(key, row);
  }
  const until = new Date(now.getTime() + EXPIRING_WINDOW_DAYS * 86400_000);
  const expiring = ids.length
    ? await db.lot.findMany({
        where: { accountId: { in: ids }, activatedAt: { not: null }, expiredAt: null, voidedAt: null, expiresAt: { gt: now, lte: until } },
        select: { remaining: true, held: true, expiresAt: true },
        orderBy: { expiresAt: "asc" },
      })
    : [];
  const soon = expiring.filter((l) => l.remaining - l.held > 0);
  return {
    main: { available: main?.available ?? 0, pending: main?.pending ?? 0, held: main?.held ?? 0, debt: main?.debt ?? 0 },
    promo: { available: promo?.available ?? 0, pending: promo?.pending ?? 0, byPromotion: promo?.available ? await promoBalancesView(db, customerId, now) : [] },
    pending: [...pending.values()],
    expiringSoon: { points: soon.reduce((s, l) => s + l.remaining - l.held, 0), firstAt: soon[0]?.expiresAt ?? null },
  };
}
