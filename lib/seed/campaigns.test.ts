// The demo's campaigns on a small seeded club: four sent campaigns with delivered, opened and
// clicked numbers, nothing left for the worker to send, and statistics that reconcile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignStats, campaignUplift } from "@/lib/campaigns/stats";
import { listCampaigns } from "@/lib/campaigns/store";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
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
