// The partner portal's demo data on a small seeded club: every partner has business contacts,
// an earn-rate range around its rate, saved groups with members among its own customers only,
// and feedback about it from its own customers — so the portal's pages show real numbers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { listPartnerContacts } from "@/lib/partner/contacts";
import { getPartnerCustomerCard, listPartnerCustomers } from "@/lib/partner/customers";
import { partnerEarnRate } from "@/lib/partner/earn-rate";
import { memberRef } from "@/lib/partner/member-ref";
import { listPartnerGroups, partnerSegmentContext } from "@/lib/partner/segments";
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
