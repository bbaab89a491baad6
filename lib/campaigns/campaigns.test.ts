// Campaigns on a scratch database: targeting (the segment minus the holdout), the A/B split, no
// duplicate under 20 concurrent sends and retries, the gates' suppressions counted, statistics that
// reconcile with the message rows, receipts against the holdout, and the program's scope.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setClock } from "@/lib/clock";
import { runDeliverMessages } from "@/lib/communications/deliver";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createId } from "@/lib/ids";
import { applyProgram } from "@/lib/program/apply-program";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { countSegment, segmentContext } from "@/lib/segments/run";
import { createSegment } from "@/lib/segments/segments";
import { scratchDatabase } from "@/test/db";
import { uniq } from "@/test/factories";
import { inCampaignHoldout, variantOf } from "./assign";
import { campaignDedupeKey, queueCampaign, runSendCampaigns } from "./send";
import { campaignStats, campaignSummaries, campaignTimeline, campaignUplift, share } from "./stats";
import { cancelCampaign, createCampaign, getCampaign, listCampaigns, scheduleCampaign, testSendCampaign, updateCampaign } from "./store";

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: ReturnType<typeof createDb>;
let programId: string;
let otherProgramId: string;

// Moscow noon: outside any quiet hours.
const NOON = new Date("2026-12-02T09:00:00Z");

beforeAll(async () => {
  scratch = await scratchDatabase();
  await migrate(scratch.url);
  db = createDb(scratch.url);
  const def = referenceProgramJson("football-club") as Record<string, unknown>;
  programId = (await applyProgram(db, { ...def, communications: { quietHours: { from: "21:00", to: "09:00" } } }, { now: new Date("2020-01-01T00:00:00Z") })).programId;
  otherProgramId = (await applyProgram(db, { ...def, code: "other-club", name: "Other club" }, { now: new Date("2020-01-01T00:00:00Z") })).programId;
}, 180_000);
afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});
afterEach(() => setClock());

let cohortDay = 0;

/** `n` members registered on a day of their own (so a segment "registered that day" is exactly them). */
async function cohort(n: number, over: (i: number) => { email?: string | null; emailConsent?: boolean } = () => ({}), pid = programId) {
  cohortDay += 1;
  const day = new Date(Date.UTC(2024, 0, 1) + cohortDay * 86_400_000);
  const iso = day.toISOString().slice(0, 10);
  const tag = uniq("c");
  const rows = Array.from({ length: n }, (_, i) => {
    const o = over(i);
    return {
      id: createId("cus"),
      programId: pid,
      phone: `+7999${String(cohortDay).padStart(3, "0")}${String(i).padStart(4, "0")}`,
      firstName: `Fan${i}`,
      registrationChannel: "admin" as const,
      email: o.email === undefined ? `${tag}-${i}@example.test` : o.email,
      emailConsent: o.emailConsent ?? true,
      createdAt: new Date(day.getTime() + 12 * 3_600_000),
    };
  });
  await db.customer.createMany({ data: rows });
  const seg = await createSegment(db, {
    programId: pid,
    name: uniq("seg"),
    definition: { kind: "group", op: "and", children: [{ kind: "registeredIn", period: { kind: "between", from: iso, to: iso } }] },
    staffUserId: "stf_test",
  });
  return { ids: rows.map((r) => r.id), rows, segmentId: seg.id, definition: seg.definition };
}

const variants = (percents: number[]) =>
  percents.map((percent, i) => ({
    key: ["A", "B", "C"][i],
    percent,
    subject: { ru: `Тема ${i}, {name}`, en: `Subject ${i}, {name}` },
    body: { ru: `Текст ${i}`, en: `Body ${i}` },
  }));

async function campaign(segmentId: string, over: { percents?: number[]; holdoutPercent?: number; pid?: string } = {}) {
  return createCampaign(db, {
    programId: over.pid ?? programId,
    staffUserId: "stf_test",
    campaign: { name: uniq("cmp"), segmentId, channel: "email", holdoutPercent: over.holdoutPercent ?? 10, variants: variants(over.percents ?? [100]) },
  });
}

async function sendNow(id: string, pid = programId) {
  expect(await scheduleCampaign(db, { programId: pid, id, staffUserId: "stf_test", at: NOON, now: NOON })).toBe(true);
  return runSendCampaigns(db, NOON);
}

describe("campaign definition", () => {
  it("rejects bad input with every problem and writes nothing", async () => {
    const { segmentId } = await cohort(1);
    const before = await db.campaign.count();
    await expect(createCampaign(db, { programId, staffUserId: null, campaign: { name: "", segmentId, channel: "email", holdoutPercent: 80, variants: variants([60, 30]) } })).rejects.toMatchObject({
      code: "invalid_request",
    });
    await expect(
      createCampaign(db, { programId, staffUserId: null, campaign: { name: "x", segmentId: "seg_nope", channel: "email", holdoutPercent: 0, variants: variants([100]) } }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await db.campaign.count()).toBe(before);
  });

  it("edits only drafts; a scheduled campaign can go back to draft", async () => {
    const { segmentId } = await cohort(1);
    const c = await campaign(segmentId);
    const later = new Date(NOON.getTime() + 3_600_000);
    expect(await scheduleCampaign(db, { programId, id: c.id, staffUserId: null, at: later, now: NOON })).toBe(true);
    await expect(
      updateCampaign(db, { programId, id: c.id, staffUserId: null, campaign: { name: c.name, segmentId, channel: "email", holdoutPercent: 0, variants: variants([100]) } }),
    ).rejects.toMatchObject({ code: "invalid_state" });
    // Not due yet: the job leaves it alone.
    expect((await runSendCampaigns(db, NOON)).started).toBe(0);
    expect(await cancelCampaign(db, { programId, id: c.id, staffUserId: null })).toBe("draft");
    const edited = await updateCampaign(db, { programId, id: c.id, staffUserId: null, campaign: { name: c.name, segmentId, channel: "email", holdoutPercent: 5, variants: variants([50, 50]) } });
    expect(edited.holdoutPercent).toBe(5);
    expect(edited.variants).toHaveLength(2);
  });
});

describe("targeting and the split", () => {
  it("targets the segment's count minus the holdout; variants split by their percents, deterministically", async () => {
    const N = 3_000;
    const { ids, segmentId, definition } = await cohort(N, (i) => (i % 10 === 9 ? { email: null } : {}));
    const c = await campaign(segmentId, { percents: [50, 30, 20], holdoutPercent: 10 });
    await sendNow(c.id);
    const after = await getCampaign(db, programId, c.id);
    const count = await countSegment(db, await segmentContext(db, programId, NOON), definition);
    expect(count).toBe(N);
    expect(after.status).toBe("sent");
    expect(after.segmentCount).toBe(N);
    expect(after.audienceCount).toBe(N);
    const held = ids.filter((id) => inCampaignHoldout(c.id, id, 10));
    expect(after.holdoutCount).toBe(held.length);
    expect(held.length / N).toBeGreaterThan(0.08);
    expect(held.length / N).toBeLessThan(0.12);
    const stats = await campaignStats(db, programId, c.id);
    expect(stats.targeted).toBe(count - held.length);
    // Every member with an email has exactly one message; members without one are counted.
    const rows = await db.message.findMany({ where: { campaignId: c.id }, select: { customerId: true, data: true, holdoutPercent: true, dedupeKey: true } });
    const withEmail = ids.filter((_, i) => i % 10 !== 9);
    expect(rows).toHaveLength(withEmail.length);
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(rows.length);
    expect(after.noAddressCount).toBe(ids.filter((id, i) => i % 10 === 9 && !held.includes(id)).length);
    const heldSet = new Set(held);
    const byVariant: Record<string, number> = { A: 0, B: 0, C: 0 };
    for (const r of rows) {
      const d = r.data as { variant: string | null; subject: string };
      expect(r.dedupeKey).toBe(campaignDedupeKey(c.id, r.customerId!));
      expect(r.holdoutPercent).toBe(10);
      if (heldSet.has(r.customerId!)) {
        expect(d.variant).toBeNull();
        continue;
      }
      // The same member, asked again, is in the same variant.
      expect(d.variant).toBe(variantOf(c.id, r.customerId!, after.variants));
      expect(d.subject).toMatch(/^Тема \d, Fan\d+$/);
      byVariant[d.variant!] += 1;
    }
    const targetedWithEmail = rows.length - rows.filter((r) => heldSet.has(r.customerId!)).length;
    expect(Math.abs(byVariant.A / targetedWithEmail - 0.5)).toBeLessThan(0.04);
    expect(Math.abs(byVariant.B / targetedWithEmail - 0.3)).toBeLessThan(0.04);
    expect(Math.abs(byVariant.C / targetedWithEmail - 0.2)).toBeLessThan(0.04);
    // Another campaign to the same members draws other holdouts and variants (its own hash).
    const other = ids.filter((id) => inCampaignHoldout("cmp_other", id, 10));
    expect(other).not.toEqual(held);
    // Later tests' delivery runs sweep every due message of the database: these are done with.
    await db.message.deleteMany({ where: { campaignId: c.id } });
  }, 120_000);
});

describe("no duplicates", () => {
  it("20 concurrent 'Send now' clicks schedule once; 20 concurrent job runs queue each member once; a rerun queues nothing", async () => {
    const N = 200;
    const { ids, segmentId } = await cohort(N);
    const c = await campaign(segmentId, { holdoutPercent: 0 });
    const clicks = await Promise.all(Array.from({ length: 20 }, () => scheduleCampaign(db, { programId, id: c.id, staffUserId: "stf_test", at: NOON, now: NOON })));
    expect(clicks.filter(Boolean)).toHaveLength(1);
    await db.$executeRaw`UPDATE "Campaign" SET status = 'sending', "startedAt" = ${NOON} WHERE id = ${c.id}`;
    const runs = await Promise.all(Array.from({ length: 20 }, () => queueCampaign(db, c.id, NOON, { batch: 50 })));
    expect(runs.filter((r) => r === "done")).toHaveLength(1);
    const after = await getCampaign(db, programId, c.id);
    expect(after.audienceCount).toBe(N);
    expect(await db.message.count({ where: { campaignId: c.id } })).toBe(N);
    // A retry of the whole job, and a replay of the queueing from the start (a lost cursor), add nothing.
    await runSendCampaigns(db, NOON);
    await db.$executeRaw`UPDATE "Campaign" SET status = 'sending', cursor = NULL WHERE id = ${c.id}`;
    await Promise.all(Array.from({ length: 20 }, () => queueCampaign(db, c.id, NOON, { batch: 100 })));
    const rows = await db.message.groupBy({ by: ["customerId"], where: { campaignId: c.id }, _count: true });
    expect(rows).toHaveLength(N);
    expect(rows.every((r) => r._count === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.customerId))).toEqual(new Set(ids));
    // Delivered by 20 concurrent delivery runs: one outbox email per member.
    await Promise.all(Array.from({ length: 20 }, () => runDeliverMessages(db, NOON, { batch: 50 })));
    const outbox = await db.$queryRaw<{ n: number; d: number }[]>`
      SELECT count(*)::int AS n, count(DISTINCT o."to")::int AS d FROM "OutboxMessage" o JOIN "Message" m ON m."outboxId" = o.id WHERE m."campaignId" = ${c.id}`;
    expect(outbox[0]).toEqual({ n: N, d: N });
  }, 300_000);
});

describe("gates and statistics", () => {
  it("unsubscribed, suppressed and no-consent members get nothing and are counted; the statistics reconcile with the rows", async () => {
    const N = 400;
    const { ids, rows: members, segmentId } = await cohort(N, (i) => (i % 20 === 1 ? { emailConsent: false } : {}));
    const suppressedAddr = members.filter((_, i) => i % 25 === 2).map((m) => m.email!);
    await db.suppression.createMany({ data: suppressedAddr.map((address) => ({ channel: "email" as const, address, reason: "bounced" as const })) });
    const c = await campaign(segmentId, { percents: [50, 50], holdoutPercent: 20 });
    await sendNow(c.id);
    await runDeliverMessages(db, NOON, { maxBatches: 1_000 });
    const held = new Set(ids.filter((id) => inCampaignHoldout(c.id, id, 20)));
    const noConsent = members.filter((m, i) => i % 20 === 1 && !held.has(m.id));
    const suppressed = members.filter((m, i) => i % 25 === 2 && i % 20 !== 1 && !held.has(m.id));
    const outboxTo = new Set((await db.outboxMessage.findMany({ where: { to: { in: members.map((m) => m.email!) } }, select: { to: true } })).map((o) => o.to));
    for (const m of [...noConsent, ...suppressed]) expect(outboxTo.has(m.email!)).toBe(false);
    for (const id of held) expect(outboxTo.has(members.find((m) => m.id === id)!.email!)).toBe(false);

    // Provider events on some of what was sent (the webhook's columns and statuses).
    const sent = await db.message.findMany({ where: { campaignId: c.id, status: "sent" }, orderBy: { id: "asc" }, select: { id: true, customerId: true } });
    const t = (h: number) => new Date(NOON.getTime() + h * 3_600_000);
    const part = (k: number) => sent.filter((_, i) => i % k === 0).map((m) => m.id);
    await db.message.updateMany({ where: { id: { in: sent.filter((_, i) => i % 10 !== 9).map((m) => m.id) } }, data: { status: "delivered", deliveredAt: t(1) } });
    await db.message.updateMany({ where: { id: { in: part(3) } }, data: { status: "opened", openedAt: t(2) } });
    await db.message.updateMany({ where: { id: { in: part(9) } }, data: { status: "clicked", clickedAt: t(3) } });
    await db.message.updateMany({ where: { id: { in: sent.filter((_, i) => i % 10 === 9).map((m) => m.id) } }, data: { status: "bounced", bouncedAt: t(1) } });
    const unsub = sent.slice(0, 4).map((m) => m.customerId!);
    await db.customer.updateMany({ where: { id: { in: unsub } }, data: { emailConsent: false, emailConsentAt: t(5) } });

    const s = await campaignStats(db, programId, c.id);
    expect(s.holdout).toBe(held.size);
    expect(s.targeted).toBe(N - held.size);
    expect(s.total.suppressed.no_consent).toBe(noConsent.length);
    expect(s.total.suppressed.address_suppressed).toBe(suppressed.length);
    expect(s.holdoutCounts.queued).toBe(held.size);
    expect(s.holdoutCounts.sent).toBe(0);
    const rows = await db.message.findMany({ where: { campaignId: c.id }, select: { status: true, reason: true, data: true } });
    const targetedRows = rows.filter((r) => (r.data as { variant: string | null }).variant !== null);
    expect(s.total.queued).toBe(targetedRows.length);
    expect(s.total.sent).toBe(sent.length);
    expect(s.total.delivered).toBe(targetedRows.filter((r) => ["delivered", "opened", "clicked"].includes(r.status)).length);
    expect(s.total.opened).toBe(part(3).length);
    expect(s.total.clicked).toBe(part(9).length);
    expect(s.total.bounced).toBe(sent.filter((_, i) => i % 10 === 9).length);
    expect(s.total.unsubscribed).toBe(4);
    expect(s.total.pending).toBe(0);
    // Every row is in exactly one outcome.
    expect(s.total.sent + s.total.suppressedTotal + s.total.failed + s.total.pending).toBe(s.total.queued);
    expect(s.variants.reduce((a, v) => a + v.counts.queued, 0)).toBe(s.total.queued);
    expect(s.deliveryProgress).toBe(1);
    expect(s.queueProgress).toBe(1);
    const timeline = await campaignTimeline(db, programId, c.id, t(6));
    expect(timeline.unit).toBe("hour");
    expect(timeline.points.reduce((a, p) => a + p.delivered, 0)).toBe(await db.message.count({ where: { campaignId: c.id, deliveredAt: { not: null } } }));
    expect(timeline.points.find((p) => p.at.getTime() === t(2).getTime())?.opened).toBe(part(3).length);

    // The list's summary: delivered is a share of what was sent; gates and holdout are counted apart.
    const summary = (await campaignSummaries(db, programId)).get(c.id)!;
    const delivered = sent.filter((_, i) => i % 10 !== 9).length;
    expect(summary).toEqual({
      sent: sent.length,
      delivered,
      opened: part(3).length,
      clicked: part(9).length,
      suppressed: noConsent.length + suppressed.length,
      holdout: held.size,
    });
    expect(summary.sent + summary.suppressed + summary.holdout).toBe(N);
    expect(share(summary.delivered, summary.sent)).toBeCloseTo(0.9, 1);
    expect(share(summary.delivered, summary.sent)).toBeGreaterThan(summary.delivered / (s.total.queued + s.holdoutCounts.queued));
    expect(share(1, 0)).toBeNull();
    expect((await campaignSummaries(db, otherProgramId)).has(c.id)).toBe(false);
  }, 120_000);

  it("receipts within 7 days: per member against the holdout, with the difference and a 95 % interval", async () => {
    const N = 400;
    const { ids, segmentId } = await cohort(N);
    const c = await campaign(segmentId, { holdoutPercent: 25 });
    await sendNow(c.id);
    const held = new Set(ids.filter((id) => inCampaignHoldout(c.id, id, 25)));
    const store = await db.store.findFirstOrThrow({ where: { programId } });
    const version = await db.programVersion.findFirstOrThrow({ where: { programId } });
    // Targeted members buy 1 500 ₽ each on day 2; every 4th holdout member buys 1 000 ₽; one receipt on day 9 is outside the window.
    const buyers = ids.filter((id, i) => (held.has(id) ? i % 4 === 0 : true));
    await db.purchase.createMany({
      data: [
        ...buyers.map((id) => ({
          id: createId("rcp"),
          programId,
          storeId: store.id,
          customerId: id,
          number: uniq("n"),
          at: new Date(NOON.getTime() + 2 * 86_400_000),
          status: "committed" as const,
          programVersionId: version.id,
          amount: held.has(id) ? 100_000 : 150_000,
          payable: held.has(id) ? 100_000 : 150_000,
        })),
        {
          id: createId("rcp"),
          programId,
          storeId: store.id,
          customerId: ids[0],
          number: uniq("n"),
          at: new Date(NOON.getTime() + 9 * 86_400_000),
          status: "committed" as const,
          programVersionId: version.id,
          amount: 999_999,
          payable: 999_999,
        },
      ],
    });
    const u = await campaignUplift(db, programId, c.id, new Date(NOON.getTime() + 10 * 86_400_000));
    expect(u).not.toBeNull();
    expect(u!.partial).toBe(false);
    expect(u!.holdout.members).toBe(held.size);
    expect(u!.exposed.members).toBe(N - held.size);
    expect(u!.revenue.exposedMean).toBe(150_000);
    const heldBuyers = buyers.filter((id) => held.has(id)).length;
    expect(u!.revenue.holdoutMean).toBeCloseTo((heldBuyers * 100_000) / held.size, 6);
    expect(u!.receipts.exposedMean).toBe(1);
    expect(u!.revenue.difference).toBeCloseTo(150_000 - (heldBuyers * 100_000) / held.size, 6);
    expect(u!.revenue.low).not.toBeNull();
    expect(u!.revenue.low!).toBeLessThan(u!.revenue.difference);
    expect(u!.revenue.high!).toBeGreaterThan(u!.revenue.difference);
    expect(u!.revenue.significant).toBe(true);
  }, 120_000);
});

describe("scope", () => {
  it("another program's campaigns are invisible; a segment of another program cannot be targeted", async () => {
    const mine = await cohort(3);
    const theirs = await cohort(3, () => ({}), otherProgramId);
    const c = await campaign(theirs.segmentId, { pid: otherProgramId });
    await expect(getCampaign(db, programId, c.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(campaignStats(db, programId, c.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(scheduleCampaign(db, { programId, id: c.id, staffUserId: null, at: NOON, now: NOON })).rejects.toMatchObject({ code: "not_found" });
    await expect(testSendCampaign(db, { programId, id: c.id, staffUserId: null, to: "me@example.test", variant: "A", locale: "en" })).rejects.toMatchObject({ code: "not_found" });
    expect((await listCampaigns(db, programId)).some((x) => x.id === c.id)).toBe(false);
    await expect(campaign(theirs.segmentId)).rejects.toMatchObject({ code: "not_found" });
    expect(mine.ids).toHaveLength(3);
  });

  it("a test send goes to the marketer's address only, counted in no statistic", async () => {
    const { segmentId } = await cohort(2);
    const c = await campaign(segmentId);
    const m = await testSendCampaign(db, { programId, id: c.id, staffUserId: "stf_test", to: "Marketer@Example.test", variant: "A", locale: "en" });
    const row = await db.message.findUniqueOrThrow({ where: { id: m.id } });
    expect(row).toMatchObject({ to: "marketer@example.test", campaignId: null, customerId: null, template: "campaign" });
    expect((row.data as { subject: string }).subject).toBe("[TEST] Subject 0");
    expect((await campaignStats(db, programId, c.id)).total.queued).toBe(0);
  });
});
