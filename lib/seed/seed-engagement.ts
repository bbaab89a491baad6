// The experience catalog (illustrations in public/catalog) and the feedback topics of the demo
// program. Stocks are what the club put on sale: the season's vouchers (lib/seed/season) take
// from them. Idempotent: runs once per program.
import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";

const DAY = 86400_000;

export const CATALOG = [
  {
    code: "meet-the-team",
    title: "Meet the team",
    titleRu: "Встреча с командой",
    price: 15000,
    stock: 40,
    minTier: "supporter",
    description: "An hour with the first team after an open training: photos, autographs and your questions to the captain.",
    descriptionRu: "Час с основным составом после открытой тренировки: фото, автографы и ваши вопросы капитану.",
  },
  {
    code: "pitch-tour",
    title: "Pitch and tunnel tour",
    titleRu: "Экскурсия по полю и тоннелю",
    price: 3000,
    stock: 300,
    minTier: null,
    description: "Walk the players' tunnel, sit on the bench and step on the pitch with the club's historian.",
    descriptionRu: "Пройдите по тоннелю игроков, посидите на скамейке запасных и выйдите на газон с историком клуба.",
  },
  {
    code: "mascot",
    title: "Match-day mascot",
    titleRu: "Выход с игроками на матч",
    price: 12000,
    stock: 30,
    minTier: "regular",
    description: "Your child (6–12) walks out with the team before a home match, in a full match kit to keep.",
    descriptionRu: "Ваш ребёнок (6–12 лет) выходит на поле с командой перед домашним матчем — в полной игровой форме, которая останется на память.",
  },
  {
    code: "signed-jersey",
    title: "Signed home jersey",
    titleRu: "Домашняя футболка с автографами",
    price: 9000,
    stock: 60,
    minTier: null,
    description: "This season's home jersey signed by the whole squad, with a certificate of authenticity.",
    descriptionRu: "Домашняя футболка этого сезона с автографами всей команды и сертификатом подлинности.",
  },
  {
    code: "open-training",
    title: "Open training pass",
    titleRu: "Пропуск на открытую тренировку",
    price: 1500,
    stock: 600,
    minTier: null,
    description: "Watch the team train at the academy pitch, two guests per pass.",
    descriptionRu: "Посмотрите тренировку команды на поле академии, пропуск на двоих.",
  },
  {
    code: "vip-box",
    title: "A match in the VIP box",
    titleRu: "Матч в VIP-ложе",
    price: 25000,
    stock: 14,
    minTier: "ultra",
    description: "Four seats in the presidential box with dinner, for a home league match of your choice.",
    descriptionRu: "Четыре места в президентской ложе с ужином на домашний матч чемпионата на ваш выбор.",
  },
  {
    code: "away-trip",
    title: "Away day on the team bus",
    titleRu: "Выезд на автобусе команды",
    price: 20000,
    stock: 12,
    minTier: "veteran",
    description: "Travel to an away match with the staff, stay in the team hotel and watch from the directors' seats.",
    descriptionRu: "Поездка на выездной матч с персоналом клуба, отель команды и места в директорской ложе.",
  },
  {
    code: "club-scarf",
    title: "Classic club scarf",
    titleRu: "Классический шарф клуба",
    price: 800,
    stock: null,
    minTier: null,
    description: "The knitted red-and-white scarf, picked up at the stadium megastore.",
    descriptionRu: "Вязаный красно-белый шарф — забрать в магазине на стадионе.",
  },
  {
    code: "half-time-coffee",
    title: "Half-time coffee",
    titleRu: "Кофе в перерыве",
    price: 200,
    stock: null,
    minTier: null,
    description: "Any hot drink at Half-Time Coffee on the west stand.",
    descriptionRu: "Любой горячий напиток в Half-Time Coffee на западной трибуне.",
  },
] as const;

export const TOPICS = [
  { code: "points", title: "Points and status", titleRu: "Баллы и статус" },
  { code: "tickets", title: "Tickets and season tickets", titleRu: "Билеты и абонементы" },
  { code: "experiences", title: "Experiences and vouchers", titleRu: "Впечатления и ваучеры" },
  { code: "shop", title: "Shop and orders", titleRu: "Магазин и заказы" },
  { code: "stadium", title: "Stadium and match day", titleRu: "Стадион и день матча" },
  { code: "other", title: "Something else", titleRu: "Другое" },
];

export async function seedCatalog(db: Db, opts: { programId: string; now: Date; since: Date; log?: (l: string) => void }) {
  const { programId, now } = opts;
  if ((await db.catalogItem.count({ where: { programId } })) > 0) return;
  await db.catalogItem.createMany({
    data: CATALOG.map((c, i) => ({
      id: createId("cat", opts.since.getTime()),
      programId,
      code: c.code,
      title: c.title,
      titleRu: c.titleRu,
      description: c.description,
      descriptionRu: c.descriptionRu,
      imageUrl: `/catalog/${c.code}.svg`,
      pointsPrice: c.price,
      stock: c.stock,
      minTierCode: c.minTier,
      sortOrder: i * 10,
      availableUntil: c.code === "mascot" ? new Date(now.getTime() + 60 * DAY) : null,
      createdAt: opts.since,
    })),
  });
  await db.feedbackTopic.createMany({ data: TOPICS.map((x, i) => ({ id: createId("fbk", opts.since.getTime()), programId, ...x, sortOrder: i * 10, createdAt: opts.since })) });
  opts.log?.(`${CATALOG.length} catalog items, ${TOPICS.length} feedback topics`);
}

const DELETION_REASONS = ["Переезжаю в другой город", null, "Больше не хожу на матчи"];

/** A few open "delete my account" requests for the console's support list (never the demo fan). */
export async function seedDeletionRequests(db: Db, opts: { programId: string; now: Date; log?: (l: string) => void }) {
  const fans = await db.customer.findMany({
    where: { programId: opts.programId, status: "active", phone: { not: "+79990000001" } },
    orderBy: { id: "asc" },
    skip: 40,
    take: DELETION_REASONS.length,
    select: { id: true },
  });
  await db.deletionRequest.createMany({
    data: fans.map((f, i) => {
      const at = new Date(opts.now.getTime() - (i + 1) * 2 * 86400_000);
      return { id: createId("aud", at.getTime()), programId: opts.programId, customerId: f.id, reason: DELETION_REASONS[i], createdAt: at };
    }),
  });
  opts.log?.(`${fans.length} deletion requests`);
}
