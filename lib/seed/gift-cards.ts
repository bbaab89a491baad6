// Demo gift certificates: a few hundred sold at the stadium shop over the season and a half, part
// spent on real stadium-shop receipts of the season (charges tied to those receipts), some used up,
// those sold more than a year ago expired and written off, two blocked by staff, one locked by
// wrong PINs, and one printed batch from last week not sold yet. Deterministic for a given "now";
// written in bulk (createMany), the same rows the tills and the console write.
import type { Db } from "@/lib/db/client";
import { expireGiftCards } from "@/lib/giftcards/console";
import { GIFT_CARD_VALIDITY_DAYS, MAX_PIN_ATTEMPTS, hashPin } from "@/lib/giftcards/pin";
import { createId } from "@/lib/ids";
import { Rng } from "./season/rng";

const DAY = 86_400_000;
/** Face values the shop sells (minor units): ₽1,000 – ₽10,000. */
const FACE_VALUES = [
  [100_000, 18],
  [200_000, 22],
  [300_000, 25],
  [500_000, 20],
  [700_000, 6],
  [1_000_000, 9],
] as const;

export const DEMO_GIFT_CARDS = 360;
export const DEMO_PRINTED_BATCH = 200;
/** A certificate a demo visitor can try at the till (number and PIN are printed by `npm run demo`). */
export const DEMO_GIFT_CARD = { number: "7700000000000017", pin: "246810" } as const;

function digits(rng: Rng, n: number) {
  let s = "";
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

export async function seedGiftCards(db: Db, opts: { programId: string; since: Date; now: Date; log?: (l: string) => void }) {
  const { programId, since, now } = opts;
  const rng = new Rng(`gift-cards:${now.toISOString().slice(0, 10)}`);
  const shop = await db.store.findFirst({ where: { programId, code: "stadium-shop" } });
  if (!shop) return;
  const marketer = await db.staffUser.findFirst({ where: { programId, role: "marketer" } });
  // Receipts of the stadium shop a certificate can have paid (committed, big enough).
  const receipts = await db.purchase.findMany({
    where: { programId, storeId: shop.id, status: "committed", payable: { gte: 50_000 } },
    select: { id: true, at: true, payable: true },
    orderBy: { at: "asc" },
  });
  const taken = new Set<string>();

  const cards: {
    id: string;
    number: string;
    pinHash: string;
    amount: number;
    balance: number;
    status: "active" | "blocked" | "printed";
    pinAttempts: number;
    batchId: string | null;
    storeId: string | null;
    soldAt: Date | null;
    expiresAt: Date;
    createdAt: Date;
  }[] = [];
  const entries: {
    id: string;
    giftCardId: string;
    type: "sale" | "charge" | "block" | "activation";
    amount: number;
    balanceAfter: number;
    purchaseId: string | null;
    storeId: string | null;
    actorId: string | null;
    reason: string | null;
    at: Date;
  }[] = [];
  const numbers = new Set<string>([DEMO_GIFT_CARD.number]);
  const span = now.getTime() - since.getTime();

  let blockedSoFar = 0;
  for (let i = 0; i < DEMO_GIFT_CARDS; i++) {
    const demo = i === DEMO_GIFT_CARDS - 1;
    // More certificates before the winter holidays and the club's birthday: a slightly lumpy spread.
    const soldAt = demo ? new Date(now.getTime() - 3 * DAY) : new Date(since.getTime() + Math.floor(Math.pow(rng.next(), 0.85) * span));
    const id = createId("gft", soldAt.getTime());
    let number: string = DEMO_GIFT_CARD.number;
    if (!demo)
      do number = `77${digits(rng, 14)}`;
      while (numbers.has(number));
    numbers.add(number);
    const pin = demo ? DEMO_GIFT_CARD.pin : digits(rng, 6);
    const amount = demo ? 500_000 : rng.weighted(FACE_VALUES);
    const expiresAt = new Date(soldAt.getTime() + GIFT_CARD_VALIDITY_DAYS * DAY);
    let balance = amount;
    entries.push({ id: createId("gfe", soldAt.getTime()), giftCardId: id, type: "sale", amount, balanceAfter: amount, purchaseId: null, storeId: shop.id, actorId: null, reason: null, at: soldAt });
    // Spending: most certificates come back to the shop once or a few times within months.
    const visits = demo
      ? 0
      : rng.weighted([
          [0, 30],
          [1, 40],
          [2, 20],
          [3, 10],
        ] as const);
    const until = Math.min(expiresAt.getTime(), now.getTime());
    for (let v = 0; v < visits && balance > 0; v++) {
      const from = receipts.findIndex((r) => r.at.getTime() > soldAt.getTime() + rng.int(1, 120) * DAY);
      if (from < 0) break;
      const r = receipts.slice(from, from + 200).find((x) => !taken.has(x.id) && x.at.getTime() < until);
      if (!r) break;
      taken.add(r.id);
      // Either the rest of the certificate or part of the receipt, whichever is smaller.
      const pay = Math.min(balance, r.payable, rng.chance(0.5) ? balance : Math.max(10_000, Math.round((r.payable * rng.int(30, 100)) / 100 / 100) * 100));
      if (pay <= 0) continue;
      balance -= pay;
      entries.push({
        id: createId("gfe", r.at.getTime()),
        giftCardId: id,
        type: "charge",
        amount: -pay,
        balanceAfter: balance,
        purchaseId: r.id,
        storeId: shop.id,
        actorId: null,
        reason: null,
        at: r.at,
      });
    }
    let status: "active" | "blocked" = "active";
    // Two reported lost and blocked by staff; one locked by wrong PINs at a till.
    // (the first two from the 41st on that still hold money: whatever the receipts, there are two)
    if (i >= 40 && blockedSoFar < 2 && balance > 0 && expiresAt > now) {
      blockedSoFar += 1;
      status = "blocked";
      const at = new Date(now.getTime() - rng.int(2, 20) * DAY);
      entries.push({
        id: createId("gfe", at.getTime()),
        giftCardId: id,
        type: "block",
        amount: 0,
        balanceAfter: balance,
        purchaseId: null,
        storeId: null,
        actorId: marketer?.id ?? null,
        reason: "reported lost by the buyer",
        at,
      });
    }
    cards.push({ id, number, pinHash: hashPin(id, pin), amount, balance, status, pinAttempts: i === 42 ? MAX_PIN_ATTEMPTS : 0, batchId: null, storeId: shop.id, soldAt, expiresAt, createdAt: soldAt });
  }

  // A batch printed last week for the club's shop, not sold yet.
  const printedAt = new Date(now.getTime() - 6 * DAY);
  const batchId = createId("gfb", printedAt.getTime());
  const batchExpiry = new Date(printedAt.getTime() + 2 * GIFT_CARD_VALIDITY_DAYS * DAY);
  for (let i = 0; i < DEMO_PRINTED_BATCH; i++) {
    const id = createId("gft", printedAt.getTime());
    let number: string;
    do number = `77${digits(rng, 14)}`;
    while (numbers.has(number));
    numbers.add(number);
    cards.push({
      id,
      number,
      pinHash: hashPin(id, digits(rng, 6)),
      amount: 300_000,
      balance: 0,
      status: "printed",
      pinAttempts: 0,
      batchId,
      storeId: null,
      soldAt: null,
      expiresAt: batchExpiry,
      createdAt: printedAt,
    });
  }

  await db.$transaction(
    async (tx) => {
      await tx.giftCardBatch.create({ data: { id: batchId, programId, count: DEMO_PRINTED_BATCH, amount: 300_000, expiresAt: batchExpiry, createdById: marketer?.id ?? null, createdAt: printedAt } });
      await tx.giftCard.createMany({ data: cards.map((c) => ({ ...c, programId })) });
      await tx.giftCardEntry.createMany({ data: entries.map((e) => ({ ...e, programId })) });
    },
    { timeout: 60_000 },
  );
  // Certificates sold more than a year ago: what was left is written off as the job would have.
  const expired = await expireGiftCards(db, now, { programId });
  opts.log?.(
    `${DEMO_GIFT_CARDS} gift certificates sold (${entries.filter((e) => e.type === "charge").length} receipts paid with them, ${expired} expired), ${DEMO_PRINTED_BATCH} printed and not sold; try ${DEMO_GIFT_CARD.number} PIN ${DEMO_GIFT_CARD.pin}`,
  );
}
