// The demo seed on a small club (600 fans), seeded once for all of these: the club's campaigns
// (sent, with delivered, opened and clicked numbers that reconcile), the partner portal's data
// (contacts, an earn-rate range, groups of the partner's own customers, feedback about it) and the
// partners' campaigns and mailings (finished with the season's uses, running, planned, awaiting
// approval; mailings to the partner's own customers), the owner's legacy import and a what-if
// replay of a draft of the rules — so every page shows real numbers.
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
import { DEMO_FEEDBACK, DEMO_GROUPS } from "@/lib/seed/partner-portal-texts";
import { DEMO_FAN } from "@/lib/seed/season/fans";
import { importReport, recentImportRuns, type RunSummary } from "@/lib/import/console";
import { recentSimulations, simulationView } from "@/lib/simulation/store";
import { seedLegacyImport, seedSimulation } from "@/lib/seed/moving-in";

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

describe("demo partner portal in English", () => {
  const CYRILLIC = /[А-Яа-яЁё]/;
  it("names the saved groups and contact roles in the reader's language", async () => {
    for (const p of await db.partner.findMany({ where: { programId } })) {
      const en = await listPartnerGroups(db, p.id, "en");
      const ru = await listPartnerGroups(db, p.id, "ru");
      expect(en.map((g) => g.name).sort()).toEqual(DEMO_GROUPS[p.code].map((g) => g.name.en).sort());
      expect(ru.map((g) => g.name).sort()).toEqual(DEMO_GROUPS[p.code].map((g) => g.name.ru).sort());
      expect(en.some((g) => CYRILLIC.test(g.name))).toBe(false);
      const roles = (await listPartnerContacts(db, p.id, "en")).map((c) => c.role);
      expect(roles.length).toBeGreaterThan(0);
      expect(roles.some((r) => CYRILLIC.test(r))).toBe(false);
      expect((await listPartnerContacts(db, p.id, "ru")).every((c) => CYRILLIC.test(c.role))).toBe(true);
    }
  });

  it("writes feedback about partners in its member's language, English threads from its English-speaking customers", async () => {
    let englishThreads = 0;
    for (const p of await db.partner.findMany({ where: { programId } })) {
      const threads = await db.feedbackRequest.findMany({ where: { partnerId: p.id }, include: { messages: true } });
      const locales = new Map((await db.customer.findMany({ where: { id: { in: threads.map((t) => t.customerId) } }, select: { id: true, locale: true } })).map((c) => [c.id, c.locale]));
      for (const t of threads) {
        const english = locales.get(t.customerId) === "en";
        for (const text of [t.subject, ...t.messages.map((m) => m.body)]) expect(CYRILLIC.test(text), text).toBe(!english);
      }
      // Each subject has a thread from one of the partner's English-speaking customers, while there are enough of them.
      const englishBuyers = await db.purchase.findMany({ where: { partnerId: p.id, status: "committed", customer: { locale: "en" } }, distinct: ["customerId"], select: { customerId: true } });
      const subjects = DEMO_FEEDBACK[p.code].map((f) => f.en.subject).slice(0, englishBuyers.length);
      englishThreads += subjects.length;
      expect(new Set(threads.filter((t) => locales.get(t.customerId) === "en").map((t) => t.subject))).toEqual(new Set(subjects));
    }
    // The 600-fan club: one partner may have no English-speaking customer at all, the other has.
    expect(englishThreads).toBeGreaterThan(0);
  });

  it("writes the club's support conversations in the member's language, a share of them in English", async () => {
    // The demo fan's own story (lib/seed/season/plan/demo-fan.ts) is told in Russian whatever its locale.
    const demoFan = await db.customer.findFirstOrThrow({ where: { programId, phone: DEMO_FAN.phone } });
    const threads = await db.feedbackRequest.findMany({ where: { programId, partnerId: null, customerId: { not: demoFan.id } }, include: { messages: true } });
    const locales = new Map((await db.customer.findMany({ where: { id: { in: threads.map((t) => t.customerId) } }, select: { id: true, locale: true } })).map((c) => [c.id, c.locale]));
    const english = threads.filter((t) => locales.get(t.customerId) === "en");
    expect(english.length).toBeGreaterThan(threads.length / 10);
    for (const t of threads) for (const text of [t.subject, ...t.messages.map((m) => m.body)]) expect(CYRILLIC.test(text), text).toBe(locales.get(t.customerId) !== "en");
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
        where: {
          promotionId: { in: (await db.promotion.findMany({ where: { programId, partnerId: p.id }, select: { id: true } })).map((x) => x.id) },
          purchaseId: { in: (await db.purchase.findMany({ where: { programId, NOT: { partnerId: p.id } }, select: { id: true } })).map((x) => x.id) },
        },
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

describe("demo legacy import and simulation", () => {
  it("lists the owner's dry run and import of the legacy sample, every balance reconciled, the customers with their history", async () => {
    const runs = await recentImportRuns(db, programId);
    expect(runs.map((r) => [r.kind, r.status])).toEqual([
      ["import", "succeeded"],
      ["dry-run", "succeeded"],
    ]);
    const done = runs[0];
    const summary = done.summary as unknown as RunSummary;
    expect(summary.written).toBe(true);
    expect(summary.badRows).toBe(0);
    expect(summary.rows["customers.csv"]).toBe(300);
    expect(summary.reconciliation).toMatchObject({ customers: 300, differing: 0 });
    expect(summary.reconciliation!.importedBalance).toBeGreaterThan(0);
    const owner = await db.staffUser.findUniqueOrThrow({ where: { email: "owner@tribune.demo" } });
    expect((await db.importRun.findUniqueOrThrow({ where: { id: done.id } })).staffUserId).toBe(owner.id);
    const csv = Buffer.from((await importReport(db, programId, done.id, "reconciliation.csv"))!)
      .toString("utf8")
      .trim()
      .split("\r\n");
    expect(csv[0]).toBe("external_id,legacy_balance,imported_balance,difference,note");
    expect(csv).toHaveLength(301);
    expect(csv.slice(1).filter((l) => l.split(",")[3] !== "0")).toEqual([]);
    const imported = { programId, externalId: { not: null } };
    expect(await db.customer.count({ where: imported })).toBe(300);
    expect(await db.purchase.count({ where: { programId, customer: imported } })).toBeGreaterThan(1000);
    expect(await db.achievement.count({ where: { programId, source: "legacy-import", customer: imported } })).toBe(124);
    expect(await db.importRun.count({ where: { status: { in: ["queued", "running"] } } })).toBe(0);
  });

  it("has the marketer's finished 12-month simulation of a draft with more points issued than the version in force", async () => {
    const sims = await recentSimulations(db, programId);
    expect(sims.map((s) => [s.status, s.months])).toEqual([["succeeded", 12]]);
    const view = (await simulationView(db, programId, sims[0].id))!;
    const r = view.result!;
    expect(r.customers).toBeGreaterThan(100);
    expect(r.receipts).toBeGreaterThan(0);
    expect(r.current.issued).toBeGreaterThan(0);
    expect(r.draft.issued).toBeGreaterThan(r.current.issued);
    expect(r.mostAffected.length).toBeGreaterThan(0);
    expect(Object.keys(view.names).length).toBe(r.mostAffected.length);
  });

  it("seeds neither twice", async () => {
    const opts = { programId, databaseUrl: scratch.url, now: NOW, log: () => {} };
    expect(await seedLegacyImport(db, opts)).toBeNull();
    expect(await seedSimulation(db, opts)).toBeNull();
    expect(await db.importRun.count({ where: { programId } })).toBe(2);
    expect(await db.programSimulation.count({ where: { programId } })).toBe(1);
  });
});
