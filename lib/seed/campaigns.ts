// Demo campaigns of the club: four sent campaigns to its saved segments, queued by the real
// send-campaigns code at their start (so targeting, holdout and variants are the product's own),
// then their delivery settled in one set-based pass instead of rendering thousands of emails:
// the consent gate as deliver-messages applies it, the holdout suppressed, and provider outcomes
// drawn per message from a stable hash (about 97 % delivered, 1.5 % bounced, opens 25–45 % of
// delivered by variant, clicks a tenth to a fifth of opens, a few unsubscribes), at realistic
// times after the start. Receipts are the season's own: the pages compare them with the holdout.
import type { Db } from "@/lib/db/client";
import { queueCampaign, startDueCampaigns } from "@/lib/campaigns/send";
import { createCampaign, scheduleCampaign } from "@/lib/campaigns/store";

const DAY = 86_400_000;

interface DemoCampaign {
  segment: string;
  name: string;
  daysAgo: number;
  channel: "email" | "sms";
  holdoutPercent: number;
  /** Per variant: share, open rate of delivered (email), click rate of opened. */
  variants: { percent: number; open: number; click: number; subject: [string, string]; body: [string, string] }[];
}

const CAMPAIGNS: DemoCampaign[] = [
  {
    segment: "Legends and Veterans",
    name: "Legends: early access to the derby",
    daysAgo: 21,
    channel: "email",
    holdoutPercent: 10,
    variants: [
      {
        percent: 100,
        open: 0.46,
        click: 0.21,
        subject: ["{name}, дерби — раньше всех", "{name}, the derby before anyone else"],
        body: [
          "Для Легенд и Ветеранов продажа билетов на дерби открывается на сутки раньше.\n\nВойдите в личный кабинет, чтобы выбрать места.",
          "Legends and Veterans get derby tickets a day before everyone else.\n\nSign in to your account to pick your seats.",
        ],
      },
    ],
  },
  {
    segment: "Came last season, no match for 60 days",
    name: "Win-back: we miss you at the stadium",
    daysAgo: 14,
    channel: "email",
    holdoutPercent: 15,
    variants: [
      {
        percent: 50,
        open: 0.24,
        click: 0.09,
        subject: ["Мы скучаем по вам на трибуне", "We miss you in the stands"],
        body: [
          "{name}, давно не виделись! Двойные баллы за билет на любой домашний матч до конца месяца.",
          "{name}, it's been a while! Double points on a ticket to any home match until the end of the month.",
        ],
      },
      {
        percent: 50,
        open: 0.31,
        click: 0.13,
        subject: ["Ваше место ждёт: двойные баллы", "Your seat is waiting: double points"],
        body: [
          "{name}, ваше место на трибуне ждёт. Двойные баллы за билет на домашний матч до конца месяца.",
          "{name}, your seat is waiting. Double points on a home match ticket until the end of the month.",
        ],
      },
    ],
  },
  {
    segment: "3,000+ points to spend, email consent",
    name: "Spend your points: club shop week",
    daysAgo: 9,
    channel: "email",
    holdoutPercent: 10,
    variants: [
      {
        percent: 34,
        open: 0.33,
        click: 0.12,
        subject: ["{name}, ваши баллы ждут в клубном магазине", "{name}, your points are waiting in the club shop"],
        body: [
          "{name}, на вашем счёте больше 3 000 баллов. Неделя клубного магазина: оплатите баллами до половины покупки.",
          "{name}, you have over 3,000 points. Club shop week: pay up to half of any purchase with points.",
        ],
      },
      {
        percent: 33,
        open: 0.38,
        click: 0.16,
        subject: ["Новая форма за баллы", "The new kit, paid in points"],
        body: ["{name}, новая форма сезона — оплатите её баллами. Больше 3 000 баллов уже на вашем счёте.", "{name}, the season's new kit — pay for it with points. You already have over 3,000."],
      },
      {
        percent: 33,
        open: 0.27,
        click: 0.1,
        subject: ["Неделя клубного магазина", "Club shop week"],
        body: ["{name}, всю неделю баллы в клубном магазине работают вдвойне выгоднее.", "{name}, all week long your points go twice as far in the club shop."],
      },
    ],
  },
  {
    segment: "Extra Time regulars (90 days)",
    name: "Extra Time: match-night offer (SMS)",
    daysAgo: 3,
    channel: "sms",
    holdoutPercent: 20,
    variants: [
      {
        percent: 100,
        open: 0,
        click: 0,
        subject: ["", ""],
        body: ["Extra Time: в день матча второй напиток за баллы. Покажите карту бармену.", "Extra Time: on match night your second drink is on points. Show your card at the bar."],
      },
    ],
  },
];

/** 0–1 from a message id and a salt, stable across runs (md5 in SQL). */
const U = (salt: string) => `(('x' || substr(md5(m.id || '${salt}'), 1, 8))::bit(32)::bigint / 4294967296.0)`;

export async function seedCampaigns(db: Db, opts: { programId: string; now: Date; log?: (l: string) => void }) {
  const { programId, now } = opts;
  const marketer = await db.staffUser.findFirst({ where: { programId, role: "marketer" } });
  let messages = 0;
  for (const demo of CAMPAIGNS) {
    const segment = await db.segment.findFirst({ where: { programId, name: demo.segment } });
    if (!segment) continue;
    const start = new Date(now.getTime() - demo.daysAgo * DAY);
    const created = await createCampaign(db, {
      programId,
      staffUserId: marketer?.id ?? null,
      campaign: {
        name: demo.name,
        segmentId: segment.id,
        channel: demo.channel,
        holdoutPercent: demo.holdoutPercent,
        variants: demo.variants.map((v, i) => ({ key: ["A", "B", "C"][i], percent: v.percent, subject: { ru: v.subject[0], en: v.subject[1] }, body: { ru: v.body[0], en: v.body[1] } })),
      },
    });
    await db.campaign.update({ where: { id: created.id }, data: { createdAt: new Date(start.getTime() - 2 * DAY) } });
    await scheduleCampaign(db, { programId, id: created.id, staffUserId: marketer?.id ?? null, at: start, now: start });
    await startDueCampaigns(db, start);
    await queueCampaign(db, created.id, start, { batch: 5_000 });
    await settleCampaignDelivery(db, { campaignId: created.id, start, channel: demo.channel, variants: demo.variants.map((v, i) => ({ key: ["A", "B", "C"][i], open: v.open, click: v.click })) });
    messages += await db.message.count({ where: { campaignId: created.id } });
  }
  opts.log?.(`${CAMPAIGNS.length} sent campaigns, ${messages.toLocaleString("en")} campaign messages`);
}

/**
 * A sent campaign's delivery, settled in one set-based pass (the demo's shortcut for thousands of
 * emails): the consent gate and the holdout as deliver-messages applies them, then provider outcomes
 * per variant drawn from a stable hash, and a few one-click unsubscribes. Also the partners' demo mailings.
 */
export async function settleCampaignDelivery(db: Db, input: { campaignId: string; start: Date; channel: "email" | "sms"; variants: { key: string; open: number; click: number }[] }) {
  // Delivery, settled: gates first (as deliver-messages orders them), then provider outcomes.
  await db.$executeRawUnsafe(
    `UPDATE "Message" m SET status = 'suppressed', gate = 'suppressed:' || r.reason, reason = r.reason, "updatedAt" = now()
     FROM (SELECT m2.id, CASE WHEN NOT (CASE WHEN m2.channel = 'email' THEN c."emailConsent" ELSE c."smsConsent" END) THEN 'no_consent'
                              WHEN m2.data->>'variant' IS NULL THEN 'holdout' END AS reason
           FROM "Message" m2 JOIN "Customer" c ON c.id = m2."customerId" WHERE m2."campaignId" = $1) r
     WHERE m.id = r.id AND r.reason IS NOT NULL`,
    input.campaignId,
  );
  for (const v of input.variants) {
    const key = v.key;
    const sms = input.channel === "sms";
    // Sent within the first 20 minutes; delivered seconds to minutes later; opened mostly in the first two days.
    await db.$executeRawUnsafe(
      `UPDATE "Message" m SET attempts = 1, gate = 'passed', provider = 'outbox', "capAt" = $2::timestamptz,
         "sentAt" = $2::timestamptz + ${U("s")} * interval '20 minutes',
         status = (CASE WHEN ${U("b")} < 0.015 THEN 'bounced'
                        WHEN NOT $4 AND ${U("o")} < $5 AND ${U("c")} < $6 THEN 'clicked'
                        WHEN NOT $4 AND ${U("o")} < $5 THEN 'opened'
                        ELSE 'delivered' END)::"QueuedMessageStatus",
         "bouncedAt" = CASE WHEN ${U("b")} < 0.015 THEN $2::timestamptz + interval '25 minutes' END,
         "deliveredAt" = CASE WHEN ${U("b")} >= 0.015 THEN $2::timestamptz + ${U("s")} * interval '20 minutes' + ${U("d")} * interval '3 minutes' END,
         "openedAt" = CASE WHEN NOT $4 AND ${U("b")} >= 0.015 AND ${U("o")} < $5 THEN $2::timestamptz + interval '25 minutes' + power(${U("t")}, 3) * interval '60 hours' END,
         "clickedAt" = CASE WHEN NOT $4 AND ${U("b")} >= 0.015 AND ${U("o")} < $5 AND ${U("c")} < $6 THEN $2::timestamptz + interval '27 minutes' + power(${U("t")}, 3) * interval '60 hours' + interval '2 minutes' END,
         "updatedAt" = now()
       WHERE m."campaignId" = $1 AND m.status = 'queued' AND m.data->>'variant' = $3`,
      input.campaignId,
      input.start,
      key,
      sms,
      v.open,
      v.click,
    );
  }
  // A few members unsubscribe from the email (the one-click link) within two days.
  if (input.channel === "email") {
    await db.$executeRawUnsafe(
      `UPDATE "Customer" c SET "emailConsent" = false, "emailConsentAt" = m."deliveredAt" + interval '3 hours'
       FROM "Message" m WHERE m."campaignId" = $1 AND m."customerId" = c.id AND m.status IN ('opened', 'clicked') AND ${U("u")} < 0.02`,
      input.campaignId,
    );
  }
}
