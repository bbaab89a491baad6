// The demo seed on a small club (600 fans), seeded once for all of these: the club's campaigns
// (sent, with delivered, opened and clicked numbers that reconcile), the partner portal's data
// (contacts, an earn-rate range, groups of the partner's own customers, feedback about it) and the
// partners' campaigns and mailings (finished with the season's uses, running, planned, awaiting
// approval; mailings to the partner's own customers) — so every page shows real numbers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignStats, campaignUplift } from "@/lib/campaigns/stats";
import { createDb } from "@/lib/db/client";
import { getPartnerCustomerCard, listPartnerCustomers } from "@/lib/partner/customers";
import { listCampaigns } from "@/lib/campaigns/store";
import { listPartnerCampaigns } from "@/lib/partner/campaigns/campaigns";
import { listPartnerContacts } from "@/lib/partner/contacts";
import { listPartnerGroups, partnerSegmentContext } from "@/lib/partner/segments";
import { listPartnerMailings, partnerMailingStats } from "@/lib/partner/mailings";
import { listPendingReviews } from "@/lib/partner/campaigns/review";
import { memberRef } from "@/lib/partner/member-ref";
import { migrate } from "@/lib/db/migrate";
import { partnerEarnRate } from "@/lib/partner/earn-rate";
import { scratchDatabase } from "@/test/db";
import { seedDemo } from "@/lib/seed/seed-demo";

const NOW = new Date("2026-11-30T21:40:00Z");
let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: ReturnType<typeof createDb>;
let programId: string;

beforeAll(async () => {
  scratch = await scratchDatabase();
  await migrate(scratch.url);
  db = createDb(scratch.url);
  programId = (await seedDemo(db, { databaseUrl: scratch.url, customers: 600, now: NOW })).programId;
}, 600_000);
afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});

describe("demo campaigns", () => {
  it("are sent to the club's segments with realistic, reconciling numbers", async () => {
    const campaigns = await listCampaigns(db, programId);
    expect(campaigns).toHaveLength(4);
    expect(await db.message.count({ where: { campaignId: { not: null }, status: { in: ["queued", "sending"] } } })).toBe(0);
    let delivered = 0;
    let opened = 0;
    for (const c of campaigns) {
      expect(c.status).toBe("sent");
      const s = await campaignStats(db, programId, c.id);
      expect(s.targeted).toBe(s.audience - s.holdout);
      expect(s.total.sent + s.total.suppressedTotal + s.total.failed + s.total.pending).toBe(s.total.queued);
      expect(s.total.delivered).toBeLessThanOrEqual(s.total.sent);
      expect(s.total.opened).toBeLessThanOrEqual(s.total.delivered);
      expect(s.total.clicked).toBeLessThanOrEqual(s.total.opened);
      if (c.channel === "sms") expect(s.total.opened).toBe(0);
      delivered += s.total.delivered;
      opened += s.total.opened;
      const u = await campaignUplift(db, programId, c.id, NOW);
      expect(u?.holdout.members).toBe(s.holdoutCounts.queued);
    }
    expect(delivered).toBeGreaterThan(0);
    expect(opened / delivered).toBeGreaterThan(0.15);
    expect(opened / delivered).toBeLessThan(0.6);
  });
});

describe("demo partner portal", () => {
  it("gives every partner contacts, a rate range, groups of its own customers and feedback about it", async () => {
    const partners = await db.partner.findMany({ where: { programId }, orderBy: { code: "asc" } });
    expect(partners.map((p) => p.code)).toEqual(["coffee", "pub"]);
    for (const p of partners) {
      const me = { programId, partnerId: p.id };
      const contacts = await listPartnerContacts(db, p.id);
      expect(contacts.length).toBeGreaterThanOrEqual(3);
      expect(contacts.length).toBeLessThanOrEqual(5);
      const rate = await partnerEarnRate(db, p.id);
      expect(rate.bounds).not.toBeNull();
      expect(rate.rateBp).toBeGreaterThanOrEqual(rate.bounds!.minBp);
      expect(rate.rateBp).toBeLessThanOrEqual(rate.bounds!.maxBp);
      const ctx = await partnerSegmentContext(db, me, NOW);
      const all = await listPartnerCustomers(db, { partnerId: p.id, ctx, limit: 1 });
      expect(all.total).toBeGreaterThan(10);
      const groups = await listPartnerGroups(db, p.id);
      expect(groups).toHaveLength(2);
      const sizes = await Promise.all(groups.map(async (g) => (await listPartnerCustomers(db, { partnerId: p.id, ctx, definition: g.definition, limit: 1 })).total));
      for (const n of sizes) expect(n).toBeLessThan(all.total);
      expect(Math.max(...sizes)).toBeGreaterThan(0);
      // Feedback about the partner comes from its own customers and shows on their cards.
      const feedback = await db.feedbackRequest.findMany({ where: { partnerId: p.id } });
      expect(feedback.length).toBeGreaterThan(0);
      const card = await getPartnerCustomerCard(db, { partnerId: p.id, programId, ref: memberRef(p.id, feedback[0].customerId), locale: "ru" });
      expect(card?.feedback.length).toBeGreaterThan(0);
      expect(card?.feedback.every((f) => feedback.some((x) => x.subject === f.subject))).toBe(true);
    }
  });
});

describe("demo partner campaigns", () => {
  it("each partner has finished, running, planned and waiting campaigns; the season's receipts used them", async () => {
    const partners = await db.partner.findMany({ where: { programId }, orderBy: { code: "asc" } });
    expect(partners.map((p) => p.code)).toEqual(["coffee", "pub"]);
    let uses = 0;
    for (const p of partners) {
      const rows = await listPartnerCampaigns(db, { partnerId: p.id, now: NOW });
      expect(rows.length).toBeGreaterThanOrEqual(3);
      const states = rows.map((r) => r.state);
      expect(states).toContain("ended");
      expect(states).toContain("active");
      expect(states).toContain("awaiting_approval");
      expect(rows.every((r) => r.def.where?.partners?.[0] === p.code)).toBe(true);
      uses += rows.filter((r) => r.state === "ended" || r.state === "active").reduce((s, r) => s + r.uses, 0);
      // The receipts that used them are the partner's own.
      const foreign = await db.purchasePromotion.count({
        where: { promotion: { partnerId: p.id }, purchaseId: { in: (await db.purchase.findMany({ where: { programId, NOT: { partnerId: p.id } }, select: { id: true } })).map((x) => x.id) } },
      });
      expect(foreign).toBe(0);
    }
    expect(uses).toBeGreaterThan(0);
    expect((await listPendingReviews(db, programId)).map((r) => r.partner.name).sort()).toEqual(partners.map((p) => p.name).sort());
  });

  it("each partner's sent mailings reached its own customers with delivered and opened numbers", async () => {
    for (const p of await db.partner.findMany({ where: { programId } })) {
      const mailings = await listPartnerMailings(db, { programId, partnerId: p.id });
      const sent = mailings.filter((m) => m.campaign.status === "sent");
      expect(sent.length).toBeGreaterThanOrEqual(1);
      for (const m of sent) {
        const s = await partnerMailingStats(db, { programId, partnerId: p.id, id: m.campaign.id });
        expect(s.total.delivered).toBeGreaterThan(0);
        if (m.campaign.channel === "email") expect(s.total.opened).toBeGreaterThan(0);
        // Every recipient bought at the partner's stores.
        const recipients = (await db.message.findMany({ where: { campaignId: m.campaign.id }, select: { customerId: true } })).map((x) => x.customerId!);
        const buyers = await db.purchase.findMany({ where: { partnerId: p.id, customerId: { in: recipients } }, distinct: ["customerId"], select: { customerId: true } });
        expect(buyers.length).toBe(new Set(recipients).size);
      }
    }
  });
});
