// The coalition partners' own campaigns and mailings in the demo, made through the portal's real
// code (lib/partner/campaigns, lib/partner/mailings) as each partner's manager, decided by the
// owner. Campaigns are applied before the season, so the season's receipts at the partners' stores
// use the finished and the running ones (real uses, discounts and points); one per partner waits
// for approval and one is planned. Mailings go out after the season to the partners' customers,
// queued by send-campaigns' own code and their delivery settled like the club's campaigns.
import type { Db } from "@/lib/db/client";
import { queueCampaign, startDueCampaigns } from "@/lib/campaigns/send";
import { setCampaignBounds, DEFAULT_BOUNDS, type CampaignBounds } from "@/lib/partner/campaigns/bounds";
import { savePartnerCampaign } from "@/lib/partner/campaigns/campaigns";
import { decideReview } from "@/lib/partner/campaigns/review";
import { createPartnerMailing, sendPartnerMailing } from "@/lib/partner/mailings";
import { zonedParts } from "@/lib/time";
import { settleCampaignDelivery } from "./campaigns";

const DAY = 86_400_000;

interface DemoCampaign {
  /** Days from now of the first and the last day (inclusive); null: open-ended. */
  from: number;
  to: number | null;
  approve: boolean;
  form: Record<string, string | string[]>;
}

const BOUNDS: Record<string, CampaignBounds> = {
  pub: { effectTypes: ["percentOff", "buyXgetY", "bonusPoints", "promoAccount"], maxPercent: 20, maxBudgetMoney: 20_000_000, maxBudgetPoints: 200_000, requireApproval: true },
  coffee: DEFAULT_BOUNDS,
};

const CAMPAIGNS: Record<string, DemoCampaign[]> = {
  pub: [
    { from: -70, to: -41, approve: true, form: { name: "Wings week: 15 % off wings", effect: "percentOff", percent: "15", skus: "WINGS", budgetMoney: "150000", perCustomer: "" } },
    // Promo points of the pub's own: given on wings, spendable only on wings and only in the pub's stores.
    { from: -40, to: 25, approve: true, form: { name: "Wings club: 100 promo points on wings", effect: "promoAccount", points: "100", skus: "WINGS", budgetPoints: "150000", expiresInDays: "60" } },
    { from: -14, to: 30, approve: true, form: { name: "Match-day menu: 100 bonus points", effect: "bonusPoints", points: "100", skus: "MATCH-MENU", budgetPoints: "100000" } },
    { from: 12, to: 40, approve: true, form: { name: "New Year burger: 20 % off", effect: "percentOff", percent: "20", skus: "BURGER", budgetMoney: "100000" } },
    { from: 5, to: 35, approve: false, form: { name: "Cider Fridays: 4 + 1", effect: "buyXgetY", buy: "4", get: "1", percent: "100", skus: "CIDER-05", budgetMoney: "80000" } },
  ],
  coffee: [
    { from: -60, to: -31, approve: true, form: { name: "Autumn latte: 10 % off", effect: "percentOff", percent: "10", skus: "LATTE", budgetMoney: "30000" } },
    { from: -10, to: 20, approve: true, form: { name: "Croissant with coffee: 30 bonus points", effect: "bonusPoints", points: "30", skus: "CROISSANT", budgetPoints: "30000" } },
    {
      from: 3,
      to: 60,
      approve: false,
      form: { name: "Coffee beans: 150 promo points by code", effect: "promoAccount", points: "150", trigger: "code", uniqueCount: "500", skus: "LATTE, CAPPUCCINO", budgetPoints: "40000" },
    },
  ],
};

interface DemoMailing {
  daysAgo: number;
  channel: "email" | "sms";
  stores: string[];
  open: number;
  click: number;
  text: { name: string; subjectRu: string; bodyRu: string; subjectEn: string; bodyEn: string };
}

const MAILINGS: Record<string, DemoMailing[]> = {
  pub: [
    {
      daysAgo: 12,
      channel: "email",
      stores: [],
      open: 0.34,
      click: 0.14,
      text: {
        name: "Derby night at Extra Time",
        subjectRu: "{name}, дерби на большом экране",
        bodyRu: "{name}, в субботу показываем дерби на всех экранах. Бронируйте стол — меню матча со 100 бонусными баллами.",
        subjectEn: "{name}, the derby on the big screen",
        bodyEn: "{name}, on Saturday the derby is on every screen. Book a table: the match-day menu earns 100 bonus points.",
      },
    },
    {
      daysAgo: 4,
      channel: "sms",
      stores: ["pub-arbat"],
      open: 0,
      click: 0,
      text: {
        name: "Arbat: away match tonight (SMS)",
        subjectRu: "",
        bodyRu: "Extra Time на Арбате: сегодня выездной матч, столы ещё есть.",
        subjectEn: "",
        bodyEn: "Extra Time on Arbat: away match tonight, tables still free.",
      },
    },
  ],
  coffee: [
    {
      daysAgo: 8,
      channel: "email",
      stores: [],
      open: 0.41,
      click: 0.17,
      text: {
        name: "Winter menu at the west stand",
        subjectRu: "{name}, зимнее меню Half-Time Coffee",
        bodyRu: "{name}, у нас зимнее меню: какао, глинтвейн без алкоголя и круассан с 30 бонусными баллами.",
        subjectEn: "{name}, Half-Time Coffee's winter menu",
        bodyEn: "{name}, our winter menu is here: cocoa, alcohol-free mulled wine and a croissant with 30 bonus points.",
      },
    },
  ],
};

function localDay(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

async function managers(db: Db, programId: string) {
  const partners = await db.partner.findMany({ where: { programId }, orderBy: { code: "asc" }, include: { staff: { where: { role: "partner_manager" }, take: 1 } } });
  return partners.flatMap((p) => (p.staff[0] ? [{ partner: p, actor: { programId, partnerId: p.id, staffUserId: p.staff[0].id } }] : []));
}

/** Before the season: bounds, and each partner's campaigns submitted and (most) approved, dated as if over the last months. */
export async function seedPartnerCampaigns(db: Db, opts: { programId: string; now: Date; log?: (l: string) => void }) {
  const { programId, now } = opts;
  const program = await db.program.findUniqueOrThrow({ where: { id: programId }, select: { timezone: true } });
  const owner = await db.staffUser.findFirst({ where: { programId, role: "owner" } });
  let made = 0;
  for (const { partner, actor } of await managers(db, programId)) {
    await setCampaignBounds(db, { programId, partnerId: partner.id, bounds: BOUNDS[partner.code] ?? DEFAULT_BOUNDS, actor: { type: "staff", id: owner?.id ?? null } });
    for (const [i, c] of (CAMPAIGNS[partner.code] ?? []).entries()) {
      const from = new Date(now.getTime() + c.from * DAY);
      const form = { ...c.form, from: localDay(from, program.timezone), to: c.to === null ? "" : localDay(new Date(now.getTime() + c.to * DAY), program.timezone) };
      const saved = await savePartnerCampaign(db, actor, { form }, { newCode: `${partner.code}-demo-${i + 1}` });
      const submitted = new Date(Math.min(from.getTime() - 3 * DAY, now.getTime() - DAY));
      const promotion = await db.promotion.findFirstOrThrow({ where: { programId, code: saved.code } });
      await db.promotionVersion.updateMany({ where: { promotionId: promotion.id }, data: { createdAt: submitted } });
      await db.promotionReview.updateMany({ where: { promotionId: promotion.id }, data: { submittedAt: submitted } });
      await db.promotion.update({ where: { id: promotion.id }, data: { createdAt: submitted } });
      if (c.approve) {
        const review = await db.promotionReview.findFirstOrThrow({ where: { promotionId: promotion.id, status: "pending" } });
        const decided = new Date(submitted.getTime() + DAY);
        await decideReview(db, { programId, reviewId: review.id, decision: "approve", note: "OK", actor: { type: "staff", id: owner?.id ?? null }, now: decided });
      }
      made += 1;
    }
  }
  opts.log?.(`${made} partner campaigns`);
}

/** After the season: each partner's sent mailings to its customers (and one scheduled), delivery settled. */
export async function seedPartnerMailings(db: Db, opts: { programId: string; now: Date; log?: (l: string) => void }) {
  const { programId, now } = opts;
  let messages = 0;
  let made = 0;
  for (const { partner, actor } of await managers(db, programId)) {
    for (const m of MAILINGS[partner.code] ?? []) {
      const start = new Date(now.getTime() - m.daysAgo * DAY);
      const created = await createPartnerMailing(db, actor, { ...m.text, channel: m.channel, stores: m.stores });
      await db.campaign.update({ where: { id: created.id }, data: { createdAt: new Date(start.getTime() - DAY) } });
      await sendPartnerMailing(db, actor, { id: created.id, at: start, now: start });
      await startDueCampaigns(db, start);
      await queueCampaign(db, created.id, start, { batch: 5_000 });
      await settleCampaignDelivery(db, { campaignId: created.id, start, channel: m.channel, variants: [{ key: "A", open: m.open, click: m.click }] });
      messages += await db.message.count({ where: { campaignId: created.id } });
      made += 1;
    }
  }
  // A planned one in the calendar: Half-Time Coffee's next mailing, scheduled for next week.
  const coffee = (await managers(db, programId)).find((m) => m.partner.code === "coffee");
  if (coffee) {
    const planned = await createPartnerMailing(db, coffee.actor, {
      name: "Derby day: coffee before kick-off",
      channel: "email",
      stores: [],
      subjectRu: "{name}, кофе перед дерби",
      bodyRu: "{name}, в день дерби открываемся за три часа до начала. Круассан — с 30 бонусными баллами.",
      subjectEn: "{name}, coffee before the derby",
      bodyEn: "{name}, on derby day we open three hours before kick-off. A croissant earns 30 bonus points.",
    });
    await sendPartnerMailing(db, coffee.actor, { id: planned.id, at: new Date(now.getTime() + 6 * DAY), now });
    made += 1;
  }
  opts.log?.(`${made} partner mailings, ${messages.toLocaleString("en")} messages`);
}
