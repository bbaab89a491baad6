// The fan the README and the e2e tests sign in as (+79990000001): a season-ticket holder on the
// east stand since the old fan card, whose history shows every page of the cabinet at its best —
// both seasons' matches, a status carried from last season and the progress to the next one,
// merchandise with points spent at the till and a web order partly returned, the bar and the
// coffee shop, vouchers (one used, one waiting), old points about to expire, a support correction.
import type { Fan } from "../fans";
import { coffeeBasket, merchBasket, pubBasket, seasonTicketLine, ticketLine } from "../products";
import type { Rng } from "../rng";
import { DAY, HOUR } from "../timeline";
import { zonedParts } from "@/lib/time";
import type { AchievementRow } from "./legacy";
import type { PlanContext } from "./context";
import type { FeedbackThread } from "./support";

export function planDemoFan(ctx: PlanContext, rng: Rng, fan: Fan): { achievements: AchievementRow[]; threads: FeedbackThread[] } {
  const { t } = ctx;
  const r = rng.fork("demo-fan");
  const ev = ctx.events;
  const now = t.now.getTime();
  const ago = (days: number, hours = 0) => new Date(now - days * DAY - hours * HOUR);
  const purchase = (at: Date, store: string, lines: ReturnType<typeof merchBasket>, extra: { redeem?: number; key?: string } = {}) => {
    if (at.getTime() < now && at >= t.previous.start)
      ev.push({ kind: "purchase", at, key: extra.key ?? ctx.key("df"), customerId: fan.id, store, number: "", lines, ...(extra.redeem ? { redeem: extra.redeem } : {}) });
  };
  const item = (sku: string, name: string, price: number, quantity = 1) => ({ lineNo: 1, sku, name, category: "merch", quantity, price });

  // Old fan card: one lot expired last season, one expiring in three weeks (his spending takes
  // the soonest-expiring points first, some are left), one next summer.
  ev.push({
    kind: "legacy",
    at: new Date(t.launch.getTime() + 1),
    customerId: fan.id,
    points: 350,
    expiresAt: new Date(Math.min(t.launch.getTime() + 100 * DAY, now - 30 * DAY)),
    note: "Old fan card balance",
  });
  ev.push({ kind: "legacy", at: new Date(t.launch.getTime() + 2), customerId: fan.id, points: 7500, expiresAt: ago(-21), note: "Old fan card balance" });
  ev.push({ kind: "legacy", at: new Date(t.launch.getTime() + 3), customerId: fan.id, points: 1200, expiresAt: ago(-240), note: "Old fan card balance" });

  for (const [season, skip] of [
    [t.previous, 5],
    [t.current, 4],
  ] as const) {
    const homes = t.fixtures.filter((f) => f.home && f.season === season.key);
    purchase(new Date(season.start.getTime() + 6 * DAY + 11 * HOUR), "ticket-office", [seasonTicketLine("east", season.key, season === t.current)]);
    homes.forEach((f, i) => {
      if (f.kickoff.getTime() >= now || i % skip === skip - 1) return;
      if (f.competition === "cup") purchase(new Date(f.kickoff.getTime() - 3 * DAY - 5 * HOUR), "ticket-site", [ticketLine(r, f, 2)]);
      ev.push({ kind: "visit", at: new Date(f.kickoff.getTime() - 40 * 60_000 - i * 1000), customerId: fan.id, eventCode: f.code });
      if (i % 3 === 1) purchase(new Date(f.kickoff.getTime() - 25 * 60_000), "coffee-stadium", coffeeBasket(r));
      if (i % 4 === 2) purchase(new Date(f.kickoff.getTime() + 150 * 60_000), "pub-luzhniki", pubBasket(r, 2));
    });
  }
  // Last season's shopping.
  const ps = t.previous.start.getTime();
  purchase(new Date(ps + 40 * DAY + 13 * HOUR), "stadium-shop", [item("JERSEY-HOME", "Home jersey", 799000), { ...item("SCARF", "Club scarf", 150000), lineNo: 2 }]);
  purchase(new Date(ps + 165 * DAY + 20 * HOUR), "web-shop", [item("HOODIE", "Hoodie", 590000)]);
  purchase(new Date(ps + 250 * DAY + 12 * HOUR), "stadium-shop", [item("CAP", "Club cap", 190000)], { redeem: 800 });
  ev.push({
    kind: "voucher",
    at: new Date(ps + 200 * DAY + 19 * HOUR),
    customerId: fan.id,
    item: "club-scarf",
    key: "seed-demo-scarf",
    usedAt: new Date(ps + 203 * DAY + 14 * HOUR),
    usedBy: ctx.staff.support,
  });
  // This season: the away kit online (the scarf of that order went back), a new jersey with
  // points, coffee two days ago, a ticket for his son for the next home match.
  const web = ctx.key("df");
  // Each of the two merch receipts earns the merch-wallet's 300 promo points (once a calendar
  // month): the jersey's spends the first 300, the second 300 are what the cabinet and Customer 360
  // show. 30 days apart they share a month when the first falls on the 1st of a 31-day month (a
  // "now" around the 10th: 10 January, 10 August …), so the web order moves a day back then.
  const newJerseyAt = ago(10, 6);
  const month = (at: Date) => {
    const p = zonedParts(at, t.timeZone);
    return p.year * 12 + p.month;
  };
  const webAt = month(ago(40, 3)) === month(newJerseyAt) ? ago(41, 3) : ago(40, 3);
  purchase(
    webAt,
    "web-shop",
    [item("JERSEY-AWAY", "Away jersey", 899000), { ...item("PATCH-NAME", "Name and number printing", 120000), lineNo: 2 }, { ...item("SCARF-KNIT", "Knitted winter scarf", 190000), lineNo: 3 }],
    { key: web },
  );
  if (webAt >= t.previous.start) ev.push({ kind: "return", at: ago(33, 5), purchaseKey: web, number: "", lines: [{ lineNo: 3, quantity: 1 }] });
  purchase(newJerseyAt, "stadium-shop", [item("JERSEY-HOME", "Home jersey", 899000)], { redeem: 1500 });
  purchase(ago(2, 7), "coffee-stadium", [
    { lineNo: 1, sku: "LATTE", name: "Latte", category: "food", quantity: 2, price: 28000 },
    { lineNo: 2, sku: "PIE", name: "Meat pie", category: "food", quantity: 1, price: 22000 },
  ]);
  if (t.nextHome) purchase(ago(1, 4), "ticket-site", [ticketLine(r, t.nextHome, 1)]);
  ev.push({ kind: "voucher", at: ago(40, 2), customerId: fan.id, item: "half-time-coffee", key: "seed-demo-coffee", usedAt: ago(33, 1), usedBy: ctx.staff.support });
  ev.push({ kind: "voucher", at: ago(6, 5), customerId: fan.id, item: "pitch-tour", key: "seed-demo-pitch-tour", usedAt: null, usedBy: null });
  ev.push({
    kind: "adjust",
    at: ago(11, 2),
    customerId: fan.id,
    points: 180,
    reason: "Cup match: gate scanner offline, visit points credited by hand",
    staffUserId: ctx.staff.support,
    expiresAt: null,
  });
  const achievements: AchievementRow[] = [
    { customerId: fan.id, code: "legacy-100-matches", title: "100 home matches (old fan card)", earnedAt: new Date(t.launch.getTime() - 300 * DAY), source: "legacy-import" },
    { customerId: fan.id, code: "legacy-cup-final", title: "Was there: cup final 2019", earnedAt: new Date("2019-05-22T18:00:00Z"), source: "legacy-import" },
    { customerId: fan.id, code: "season-ticket-5", title: "Season ticket holder, 5 seasons in a row", earnedAt: new Date(t.current.start.getTime() + 6 * DAY), source: "program" },
  ];
  const threads: FeedbackThread[] = [
    {
      customerId: fan.id,
      topic: "points",
      subject: "Баллы за кубковый матч",
      status: "closed",
      assignee: ctx.staff.support,
      messages: [
        { author: "customer", body: "Здравствуйте! Был на кубковом матче, но баллы за посещение так и не пришли. Проходил через турникет на восточной трибуне.", at: ago(12, 3) },
        {
          author: "staff",
          body: "Здравствуйте, Иван! Сканер на восточной трибуне в тот вечер был без связи. Мы нашли ваш проход и начислили 180 баллов вручную — они уже на балансе. Спасибо, что с нами!",
          at: ago(11, 2),
        },
        { author: "customer", body: "Вижу, спасибо за быстрый ответ!", at: ago(11, 1) },
      ],
    },
    {
      customerId: fan.id,
      topic: "stadium",
      subject: "Место для коляски на западной трибуне",
      status: "open",
      assignee: null,
      messages: [
        { author: "customer", body: "Подскажите, есть ли на западной трибуне места, куда можно пройти с детской коляской? Хотим прийти всей семьёй на следующий домашний матч.", at: ago(0, 2) },
      ],
    },
  ];
  return { achievements, threads };
}
