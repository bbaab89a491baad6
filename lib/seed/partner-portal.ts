// The partner portal's demo data: each partner's business contacts (kept by its manager), the
// range the owner lets it set its earn rate in, two saved groups of its customers, and a few
// members' feedback about its stores — written through the portal's own domain functions.
import type { Db } from "@/lib/db/client";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { createId } from "@/lib/ids";
import { createPartnerContact } from "@/lib/partner/contacts";
import { setPartnerRateBounds } from "@/lib/partner/earn-rate";
import { createPartnerGroup } from "@/lib/partner/segments";
import { DEMO_CONTACTS, DEMO_FEEDBACK, DEMO_GROUPS, type DemoThread } from "./partner-portal-texts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const BOUNDS: Record<string, { min: number; max: number }> = { pub: { min: 3, max: 10 }, coffee: { min: 2, max: 8 } };

/** The thread in the member's language (the program's, Russian, when the member has none). */
export function feedbackIn(thread: Record<Locale, DemoThread>, memberLocale: string | null): DemoThread {
  return thread[isLocale(memberLocale) ? memberLocale : "ru"];
}

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
    for (const c of DEMO_CONTACTS[p.code] ?? []) {
      await createPartnerContact(db, actor, c);
      contacts++;
    }
    const bounds = BOUNDS[p.code];
    if (bounds && owner) await setPartnerRateBounds(db, { programId, partnerId: p.id, staffUserId: owner.id, ...bounds });
    for (const g of DEMO_GROUPS[p.code] ?? []) {
      await createPartnerGroup(db, actor, g);
      groups++;
    }
    // Feedback about the partner from its latest customers, written a few hours after their visit:
    // each subject from two members writing in Russian and one in English (the latest of the
    // partner's English-speaking customers), so a reader in either language finds threads in it.
    const threads = DEMO_FEEDBACK[p.code] ?? [];
    if (!topic || threads.length === 0) continue;
    const latest = (english: boolean, take: number) =>
      db.purchase.findMany({
        where: {
          partnerId: p.id,
          status: "committed",
          customerId: { not: null },
          customer: english ? { locale: "en" } : { OR: [{ locale: { not: "en" } }, { locale: null }] },
          at: { gte: english ? undefined : new Date(now.getTime() - 45 * DAY), lt: new Date(now.getTime() - 9 * HOUR) },
        },
        orderBy: { at: "desc" },
        distinct: ["customerId"],
        take,
        select: { customerId: true, at: true, customer: { select: { locale: true } } },
      });
    const [russian, english] = await Promise.all([latest(false, 2 * threads.length), latest(true, threads.length)]);
    for (const [i, thread] of threads.entries()) {
      const authors = [...russian.filter((_, j) => j % threads.length === i), ...english.filter((_, j) => j === i)];
      for (const r of authors) {
        const f = feedbackIn(thread, r.customer?.locale ?? null);
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
