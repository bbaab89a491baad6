// The demo's partner campaigns and mailings on a small seeded club: each partner has campaigns
// that finished (with uses from the season's receipts), run, are planned and wait for approval, and
// sent mailings to its own customers with delivered and opened numbers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { listPartnerCampaigns } from "@/lib/partner/campaigns/campaigns";
import { listPendingReviews } from "@/lib/partner/campaigns/review";
import { listPartnerMailings, partnerMailingStats } from "@/lib/partner/mailings";
import { seedDemo } from "@/lib/seed/seed-demo";
import { scratchDatabase } from "@/test/db";

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
