// Demo data of the fan cabinet: the experience catalog (with illustrations in public/catalog),
// feedback topics, and a lived-in history for the demo fan — receipts from every channel with
// their points, match visits over two seasons (a status kept from last season), an expired and
// an expiring lot, a pending ticket bonus, achievements from the club's earlier program, a
// voucher and two support conversations. Idempotent: runs once per program.
import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";
import { accrue, expireDueLots, lockAccounts } from "@/lib/ledger";
import { programDefinitionOrThrow, type ProgramDefinition } from "@/lib/program/definition";
import { recordActivity } from "@/lib/tiers/activity";
import { metricBucket } from "@/lib/tiers/metrics";
import { redeemCatalogItem } from "@/lib/catalog/redeem";

const DAY = 86400_000;

export const CATALOG = [
  { code: "meet-the-team", title: "Meet the team", titleRu: "Встреча с командой", price: 15000, stock: 12, minTier: "supporter", description: "An hour with the first team after an open training: photos, autographs and your questions to the captain.", descriptionRu: "Час с основным составом после открытой тренировки: фото, автографы и ваши вопросы капитану." },
  { code: "pitch-tour", title: "Pitch and tunnel tour", titleRu: "Экскурсия по полю и тоннелю", price: 3000, stock: 40, minTier: null, description: "Walk the players' tunnel, sit on the bench and step on the pitch with the club's historian.", descriptionRu: "Пройдите по тоннелю игроков, посидите на скамейке запасных и выйдите на газон с историком клуба." },
  { code: "mascot", title: "Match-day mascot", titleRu: "Выход с игроками на матч", price: 12000, stock: 4, minTier: "regular", description: "Your child (6–12) walks out with the team before a home match, in a full match kit to keep.", descriptionRu: "Ваш ребёнок (6–12 лет) выходит на поле с командой перед домашним матчем — в полной игровой форме, которая останется на память." },
  { code: "signed-jersey", title: "Signed home jersey", titleRu: "Домашняя футболка с автографами", price: 9000, stock: 15, minTier: null, description: "This season's home jersey signed by the whole squad, with a certificate of authenticity.", descriptionRu: "Домашняя футболка этого сезона с автографами всей команды и сертификатом подлинности." },
  { code: "open-training", title: "Open training pass", titleRu: "Пропуск на открытую тренировку", price: 1500, stock: 100, minTier: null, description: "Watch the team train at the academy pitch, two guests per pass.", descriptionRu: "Посмотрите тренировку команды на поле академии, пропуск на двоих." },
  { code: "vip-box", title: "A match in the VIP box", titleRu: "Матч в VIP-ложе", price: 25000, stock: 2, minTier: "ultra", description: "Four seats in the presidential box with dinner, for a home league match of your choice.", descriptionRu: "Четыре места в президентской ложе с ужином на домашний матч чемпионата на ваш выбор." },
  { code: "away-trip", title: "Away day on the team bus", titleRu: "Выезд на автобусе команды", price: 20000, stock: 2, minTier: "veteran", description: "Travel to an away match with the staff, stay in the team hotel and watch from the directors' seats.", descriptionRu: "Поездка на выездной матч с персоналом клуба, отель команды и места в директорской ложе." },
  { code: "club-scarf", title: "Classic club scarf", titleRu: "Классический шарф клуба", price: 800, stock: null, minTier: null, description: "The knitted red-and-white scarf, picked up at the stadium megastore.", descriptionRu: "Вязаный красно-белый шарф — забрать в магазине на стадионе." },
  { code: "half-time-coffee", title: "Half-time coffee", titleRu: "Кофе в перерыве", price: 200, stock: null, minTier: null, description: "Any hot drink at Half-Time Coffee on the west stand.", descriptionRu: "Любой горячий напиток в Half-Time Coffee на западной трибуне." },
] as const;

export const TOPICS = [
  { code: "points", title: "Points and status", titleRu: "Баллы и статус" },
  { code: "tickets", title: "Tickets and season tickets", titleRu: "Билеты и абонементы" },
  { code: "experiences", title: "Experiences and vouchers", titleRu: "Впечатления и ваучеры" },
  { code: "shop", title: "Shop and orders", titleRu: "Магазин и заказы" },
  { code: "stadium", title: "Stadium and match day", titleRu: "Стадион и день матча" },
  { code: "other", title: "Something else", titleRu: "Другое" },
];

export async function seedEngagement(db: Db, opts: { programId: string; demoFanPhone: string; now?: Date; log?: (l: string) => void }) {
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => {});
  const { programId } = opts;
  if ((await db.catalogItem.count({ where: { programId } })) > 0) return;

  await db.catalogItem.createMany({
    data: CATALOG.map((c, i) => ({
      id: createId("cat"), programId, code: c.code, title: c.title, titleRu: c.titleRu, description: c.description, descriptionRu: c.descriptionRu,
      imageUrl: `/catalog/${c.code}.svg`, pointsPrice: c.price, stock: c.stock, minTierCode: c.minTier, sortOrder: i * 10,
      availableUntil: c.code === "mascot" ? new Date(now.getTime() + 60 * DAY) : null,
    })),
  });
  await db.feedbackTopic.createMany({ data: TOPICS.map((x, i) => ({ id: createId("fbk"), programId, ...x, sortOrder: i * 10 })) });
  log(`${CATALOG.length} catalog items, ${TOPICS.length} feedback topics`);

  const fan = await db.customer.findUnique({ where: { programId_phone: { programId, phone: opts.demoFanPhone } } });
  if (!fan) return;
  const version = await db.programVersion.findFirstOrThrow({ where: { programId }, orderBy: { version: "desc" } });
  const def = programDefinitionOrThrow(version.definition);
  // Receipts come from lib/seed/seed-history.ts (through the real POS domain); this fallback
  // fills the history only when nothing else did.
  if ((await db.purchase.count({ where: { customerId: fan.id } })) === 0) await seedFanHistory(db, def, programId, version.id, fan.id, now);

  await db.achievement.createMany({
    data: [
      { id: createId("ach"), programId, customerId: fan.id, code: "legacy-100-matches", title: "100 home matches (old fan card)", earnedAt: new Date(now.getTime() - 700 * DAY), source: "legacy-import" },
      { id: createId("ach"), programId, customerId: fan.id, code: "legacy-cup-final", title: "Was there: cup final 2019", earnedAt: new Date("2019-05-22T18:00:00Z"), source: "legacy-import" },
      { id: createId("ach"), programId, customerId: fan.id, code: "season-ticket-5", title: "Season ticket holder, 5 seasons in a row", earnedAt: new Date(now.getTime() - 140 * DAY), source: "program" },
    ],
    skipDuplicates: true,
  });

  // A voucher the fan already has (spent through the ledger like any redemption).
  const tour = await db.catalogItem.findUniqueOrThrow({ where: { programId_code: { programId, code: "pitch-tour" } } });
  await redeemCatalogItem(db, { customerId: fan.id, itemId: tour.id, idempotencyKey: "seed-demo-pitch-tour", at: new Date(now.getTime() - 6 * DAY) }).catch(() => {});
  const coffee = await db.catalogItem.findUniqueOrThrow({ where: { programId_code: { programId, code: "half-time-coffee" } } });
  const used = await redeemCatalogItem(db, { customerId: fan.id, itemId: coffee.id, idempotencyKey: "seed-demo-coffee", at: new Date(now.getTime() - 40 * DAY) }).catch(() => null);
  if (used) await db.catalogRedemption.update({ where: { id: used.redemption.id }, data: { status: "used", usedAt: new Date(now.getTime() - 33 * DAY), resolvedBy: "seed" } });

  // After the vouchers, so the lot expiring soon is still there to be seen on the dashboard.
  await seedLegacyPoints(db, programId, fan.id, now);

  const topics = await db.feedbackTopic.findMany({ where: { programId } });
  const topic = (code: string) => topics.find((x) => x.code === code)!.id;
  const staff = await db.staffUser.findFirst({ where: { programId, role: "support" } });
  await thread(db, programId, fan.id, topic("points"), "Баллы за кубковый матч", [
    ["customer", "Здравствуйте! Был на кубковом матче 2 ноября, но баллы за билет так и не пришли. Билет покупал в кассе на восточной трибуне.", 12],
    ["staff", "Здравствуйте, Иван! Баллы за билет начисляются после прохода через турникет. Мы нашли ваш проход и начислили 180 баллов вручную — они уже на балансе. Спасибо, что с нами!", 11],
    ["customer", "Вижу, спасибо за быстрый ответ!", 11],
  ], "closed", staff?.id ?? null, now);
  await thread(db, programId, fan.id, topic("stadium"), "Место для коляски на западной трибуне", [
    ["customer", "Подскажите, есть ли на западной трибуне места, куда можно пройти с детской коляской? Хотим прийти всей семьёй на следующий домашний матч.", 1],
  ], "open", null, now);
  log("demo fan: history, achievements, vouchers, support threads");
}

async function thread(db: Db, programId: string, customerId: string, topicId: string, subject: string, messages: [("customer" | "staff"), string, number][], status: "open" | "answered" | "closed", staffId: string | null, now: Date) {
  const first = new Date(now.getTime() - messages[0][2] * DAY);
  const last = new Date(now.getTime() - messages.at(-1)![2] * DAY + 3600_000);
  const id = createId("fbk", first.getTime());
  await db.feedbackRequest.create({ data: { id, programId, customerId, topicId, subject, status, assigneeId: staffId, createdAt: first, lastMessageAt: last, closedAt: status === "closed" ? last : null } });
  let i = 0;
  for (const [author, body, daysAgo] of messages) {
    const at = new Date(now.getTime() - daysAgo * DAY + i++ * 3600_000);
    await db.feedbackMessage.create({ data: { id: createId("fbm", at.getTime()), requestId: id, author, staffId: author === "staff" ? staffId : null, body, createdAt: at } });
  }
}

/** Points carried over from the club's earlier program: one lot already expired, one expiring soon. */
async function seedLegacyPoints(db: Db, programId: string, customerId: string, now: Date) {
  const done = await db.ledgerEntry.count({ where: { account: { customerId }, reason: "import" } });
  if (done > 0) return;
  await db.$transaction(async (tx) => {
    const acc = await lockAccounts(tx, programId, customerId);
    await accrue(tx, acc.main, { amount: 350, at: new Date(now.getTime() - 760 * DAY), activation: { kind: "immediate" }, expiresAt: new Date(now.getTime() - 30 * DAY), reason: "import", type: "adjustment", note: "Old fan card balance" });
    await accrue(tx, acc.main, { amount: 2400, at: new Date(now.getTime() - 700 * DAY), activation: { kind: "immediate" }, expiresAt: new Date(now.getTime() + 21 * DAY), reason: "import", type: "adjustment", note: "Old fan card balance" });
    await expireDueLots(tx, acc.main, new Date(now.getTime() - 29 * DAY));
  });
}

type Line = { sku: string; name: string; category: string; price: number; qty?: number };

/** Receipts over the last and the current season, with points, status metrics and visits. */
async function seedFanHistory(db: Db, def: ProgramDefinition, programId: string, versionId: string, customerId: string, now: Date) {
  const stores = await db.store.findMany({ where: { programId } });
  const store = (code: string) => stores.find((s) => s.code === code)!;
  const rateAt = async (at: Date) => {
    const row = await db.customerTier.findUnique({ where: { customerId } });
    const code = row?.tierCode ?? def.tiers[0].code;
    void at;
    return def.tiers.find((x) => x.code === code)?.earnRate ?? 3;
  };
  const expiry = (at: Date) => new Date(at.getTime() + 730 * DAY);
  let n = 1000;

  const receipt = async (storeCode: string, daysAgo: number, lines: Line[], opts: { visit?: string; pendingDays?: number } = {}) => {
    const at = new Date(now.getTime() - daysAgo * DAY);
    const rate = await rateAt(at);
    const s = store(storeCode);
    const partnerRate = s.partnerId ? (def.partners?.find((p) => p.code === (storeCode.startsWith("pub") ? "pub" : "coffee"))?.earnRate ?? 0) : 0;
    const r = Math.max(rate, partnerRate);
    const rows = lines.map((l, i) => {
      const qty = l.qty ?? 1;
      const amount = l.price * qty;
      return { lineNo: i + 1, ...l, qty, amount, points: Math.floor((amount / 100) * (r / 100)) };
    });
    const amount = rows.reduce((x, l) => x + l.amount, 0);
    const points = rows.reduce((x, l) => x + l.points, 0);
    const id = createId("rcp", at.getTime());
    const pending = opts.pendingDays !== undefined;
    await db.$transaction(async (tx) => {
      await tx.purchase.create({
        data: {
          id, programId, storeId: s.id, customerId, number: `R-${++n}`, at, status: "committed", programVersionId: versionId, periodKey: metricBucket(def, at).key,
          amount, payable: amount, pointsEarned: points, committedAt: at,
          lines: { create: rows.map((l) => ({ id: createId("rln", at.getTime()), lineNo: l.lineNo, sku: l.sku, category: l.category, name: l.name, quantityMilli: l.qty * 1000, price: l.price, amount: l.amount, pointsEarned: l.points, pointsPending: pending })) },
        },
      });
      const acc = await lockAccounts(tx, programId, customerId);
      await accrue(tx, acc.main, {
        amount: points, at, activation: pending ? { kind: "date", availableAt: new Date(now.getTime() + (opts.pendingDays ?? 0) * DAY) } : { kind: "immediate" },
        expiresAt: expiry(at), reason: "purchase", purchaseId: id,
      });
      const counted = rows.filter((l) => ["ticket", "season-ticket", "merch"].includes(l.category));
      const byCat: Record<string, number> = {};
      for (const l of counted) byCat[l.category] = (byCat[l.category] ?? 0) + l.amount;
      await recordActivity(tx, { programId, customerId, definition: def, at, spend: amount, spendByCategory: byCat, purchases: 1 });
      if (opts.visit) {
        await tx.visit.create({ data: { id: createId("vis", at.getTime()), programId, customerId, eventCode: opts.visit, at, storeId: store("stadium-gates").id, periodKey: metricBucket(def, at).key } });
        await recordActivity(tx, { programId, customerId, definition: def, at, visits: 1 });
      }
    });
  };
  const ticket = (match: string, price = 150000): Line => ({ sku: `TICKET-${match}`, name: `Ticket: FC Tribune — ${match}`, category: "ticket", price });

  // Last season: enough for Supporter (5 home matches, 15,000+ RUB on tickets and merchandise).
  const last = Math.max(150, Math.round((now.getTime() - Date.UTC(now.getUTCFullYear() - (now.getUTCMonth() < 6 ? 1 : 0), 6, 1)) / DAY) + 40);
  await receipt("ticket-office", last + 120, [{ sku: "SEASON-2025", name: "Season ticket 2025/26, east stand", category: "season-ticket", price: 1200000 }]);
  await receipt("stadium-shop", last + 110, [{ sku: "JERSEY-HOME", name: "Home jersey 2025/26", category: "merch", price: 690000 }, { sku: "SCARF", name: "Club scarf", category: "merch", price: 150000 }]);
  for (const [i, m] of ["Dynamo", "Spartak", "Zenit", "Rubin", "Lokomotiv"].entries()) await receipt("ticket-site", last + 100 - i * 18, [ticket(m, 90000)], { visit: `2025-home-${m.toLowerCase()}` });
  await receipt("pub-luzhniki", last + 60, [{ sku: "PUB-MENU", name: "Match-day menu for two", category: "food", price: 320000 }]);

  // This season so far.
  for (const [i, m] of ["Krasnodar", "CSKA", "Rostov"].entries()) await receipt("ticket-site", 100 - i * 25, [ticket(m, 180000)], { visit: `2026-home-${m.toLowerCase()}` });
  await receipt("web-shop", 70, [{ sku: "JERSEY-AWAY", name: "Away jersey 2026/27", category: "merch", price: 790000 }, { sku: "PATCH-NAME", name: "Name and number printing", category: "merch", price: 90000 }]);
  await receipt("coffee-stadium", 50, [{ sku: "LATTE", name: "Latte", category: "food", price: 28000, qty: 2 }, { sku: "PIE", name: "Meat pie", category: "food", price: 22000 }]);
  await receipt("stadium-shop", 18, [{ sku: "CAP", name: "Club cap", category: "merch", price: 190000 }]);
  await receipt("ticket-site", 2, [ticket("Akhmat", 200000)], { pendingDays: 3 });
}
