// The partner portal's demo data: each partner's business contacts (kept by its manager), the
// range the owner lets it set its earn rate in, two saved groups of its customers, and a few
// members' feedback about its stores — written through the portal's own domain functions.
import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";
import { createPartnerContact } from "@/lib/partner/contacts";
import { setPartnerRateBounds } from "@/lib/partner/earn-rate";
import { createPartnerGroup } from "@/lib/partner/segments";
import type { SegmentDefinition } from "@/lib/segments/definition";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CONTACTS: Record<string, { name: string; role: string; email: string; phone: string | null }[]> = {
  pub: [
    { name: "Дмитрий Соколов", role: "Управляющий сетью баров", email: "d.sokolov@extratime.bar", phone: "+79161234501" },
    { name: "Екатерина Белова", role: "Бухгалтер", email: "accounting@extratime.bar", phone: "+79161234502" },
    { name: "Артём Ким", role: "Управляющий бара в Лужниках", email: "luzhniki@extratime.bar", phone: "+79161234503" },
    { name: "Ольга Миронова", role: "Маркетинг", email: "marketing@extratime.bar", phone: null },
  ],
  coffee: [
    { name: "Мария Орлова", role: "Владелец", email: "maria@halftime.coffee", phone: "+79037770101" },
    { name: "Никита Воронин", role: "Старший бариста", email: "barista@halftime.coffee", phone: "+79037770102" },
    { name: "Светлана Крылова", role: "Бухгалтер", email: "finance@halftime.coffee", phone: null },
  ],
};

const BOUNDS: Record<string, { min: number; max: number }> = { pub: { min: 3, max: 10 }, coffee: { min: 2, max: 8 } };

const GROUPS: Record<string, { name: string; definition: SegmentDefinition }[]> = {
  pub: [
    { name: "Завсегдатаи матчевых вечеров", definition: { kind: "group", op: "and", children: [{ kind: "receipts", period: { kind: "lastDays", days: 90 }, op: "gte", value: 3 }] } },
    { name: "Давно не заходили", definition: { kind: "group", op: "and", children: [{ kind: "daysSinceLastPurchase", op: "gte", value: 60 }] } },
  ],
  coffee: [
    { name: "Постоянные гости", definition: { kind: "group", op: "and", children: [{ kind: "receipts", period: { kind: "lastDays", days: 90 }, op: "gte", value: 2 }] } },
    {
      name: "Щедрые гости с согласием на SMS",
      definition: {
        kind: "group",
        op: "and",
        children: [
          { kind: "spend", period: { kind: "lastDays", days: 365 }, op: "gte", value: 150_000 },
          { kind: "consent", channel: "sms", given: true },
        ],
      },
    },
  ],
};

const FEEDBACK: Record<string, { subject: string; body: string; answer: string }[]> = {
  pub: [
    {
      subject: "Не начислились баллы в баре",
      body: "Был в Extra Time на Арбате после матча, показал карту, а баллы не пришли.",
      answer: "Баллы пришли с задержкой из-за офлайн-режима кассы, сейчас они на счёте.",
    },
    { subject: "Долго ждали заказ", body: "В матчевый вечер заказ несли 40 минут.", answer: "Передали бару, в дни матчей добавят официантов." },
    { subject: "Спасибо за атмосферу!", body: "Отличная трансляция выездного матча, всё понравилось.", answer: "Спасибо! Передали команде бара." },
  ],
  coffee: [
    { subject: "Кофе остыл", body: "Взял капучино перед матчем у западной трибуны, он был почти холодный.", answer: "Извинились перед гостем и начислили баллы; кофейня проверит кофемашину." },
    { subject: "Можно ли оплатить баллами?", body: "Хочу оплатить кофе баллами, но кассир не знал как.", answer: "Да, баллами можно оплатить до 30% чека; кофейня провела инструктаж." },
  ],
};

export async function seedPartnerPortal(db: Db, opts: { programId: string; now: Date; log?: (line: string) => void }) {
  const { programId, now } = opts;
  const owner = await db.staffUser.findFirst({ where: { programId, role: "owner" }, orderBy: { createdAt: "asc" } });
  const support = await db.staffUser.findFirst({ where: { programId, role: "support" }, orderBy: { createdAt: "asc" } });
  const topic = await db.feedbackTopic.findFirst({ where: { programId, code: "other" } });
  const partners = await db.partner.findMany({ where: { programId }, orderBy: { code: "asc" } });
  let contacts = 0;
  let groups = 0;
  let feedback = 0;
  for (const p of partners) {
    const manager = await db.staffUser.findFirst({ where: { programId, partnerId: p.id, role: "partner_manager" } });
    if (!manager) continue;
    const actor = { programId, partnerId: p.id, staffUserId: manager.id };
    for (const c of CONTACTS[p.code] ?? []) {
      await createPartnerContact(db, actor, c);
      contacts++;
    }
    const bounds = BOUNDS[p.code];
    if (bounds && owner) await setPartnerRateBounds(db, { programId, partnerId: p.id, staffUserId: owner.id, ...bounds });
    for (const g of GROUPS[p.code] ?? []) {
      await createPartnerGroup(db, actor, g);
      groups++;
    }
    // Feedback about the partner from its latest customers, written a few hours after their visit.
    const recent = await db.purchase.findMany({
      where: { partnerId: p.id, status: "committed", customerId: { not: null }, at: { gte: new Date(now.getTime() - 45 * DAY), lt: new Date(now.getTime() - 9 * HOUR) } },
      orderBy: { at: "desc" },
      distinct: ["customerId"],
      take: 3 * (FEEDBACK[p.code]?.length ?? 0),
      select: { customerId: true, at: true },
    });
    if (!topic) continue;
    for (const [i, f] of (FEEDBACK[p.code] ?? []).entries()) {
      for (const r of recent.filter((_, j) => j % (FEEDBACK[p.code]?.length ?? 1) === i)) {
        const opened = new Date(r.at.getTime() + 3 * HOUR);
        const answered = new Date(opened.getTime() + 5 * HOUR);
        const id = createId("fbk", opened.getTime());
        await db.feedbackRequest.create({
          data: {
            id,
            programId,
            customerId: r.customerId!,
            topicId: topic.id,
            partnerId: p.id,
            subject: f.subject,
            status: "closed",
            assigneeId: support?.id ?? null,
            createdAt: opened,
            lastMessageAt: answered,
            closedAt: answered,
          },
        });
        await db.feedbackMessage.createMany({
          data: [
            { id: createId("fbm", opened.getTime()), programId, requestId: id, author: "customer", body: f.body, createdAt: opened },
            { id: createId("fbm", answered.getTime()), programId, requestId: id, author: "staff", staffId: support?.id ?? null, body: f.answer, createdAt: answered },
          ],
        });
        feedback++;
      }
    }
  }
  opts.log?.(`partner portal: ${contacts} business contacts, ${groups} saved groups, ${feedback} feedback requests about partners`);
}
