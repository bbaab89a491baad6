// Partners' campaigns and mailings, attacker against victim: two partners of the coalition program
// (Roast Lab Coffee and Chapter Books) and the owner. A partner's promotion is priced by the real
// till (POST /purchases/calculate) only once approved, only at its own stores, and only within the
// owner's bounds — a rejected form writes nothing. Its mailings reach only members who bought at
// its stores, through every delivery gate. Neither partner sees or touches the other's (or the
// owner's) promotions, codes or mailings.
import { beforeAll, describe, expect, it } from "vitest";
import { runSendCampaigns } from "@/lib/campaigns/send";
import { listCampaigns } from "@/lib/campaigns/store";
import { runDeliverMessages } from "@/lib/communications/deliver";
import { createId } from "@/lib/ids";
import { campaignBounds, checkBounds, DEFAULT_BOUNDS, setCampaignBounds } from "@/lib/partner/campaigns/bounds";
import { generatePartnerCodes, getPartnerCampaign, listPartnerCampaigns, partnerCodesCsv, savePartnerCampaign, setPartnerCampaignStatus } from "@/lib/partner/campaigns/campaigns";
import { decideReview, listPendingReviews } from "@/lib/partner/campaigns/review";
import {
  cancelPartnerMailing,
  countPartnerAudience,
  createPartnerMailing,
  getPartnerMailing,
  listPartnerMailings,
  partnerMailingStats,
  sendPartnerMailing,
  updatePartnerMailing,
} from "@/lib/partner/mailings";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { createPartnerGroup } from "@/lib/partner/segments";
import { line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./pos/harness";
import { testDb } from "./db";
import { uniq } from "./factories";

let p: TestProgram;
const db = () => testDb();
let coffee: { programId: string; partnerId: string; staffUserId: string };
let books: { programId: string; partnerId: string; staffUserId: string };
let ownerId = "";
const NOW = new Date();

const form = (over: Record<string, unknown> = {}) => ({ name: "Morning latte", effect: "percentOff", percent: "10", from: "2026-01-01", budgetMoney: "20000", ...over });
const owner = () => ({ type: "staff" as const, id: ownerId });
const counts = async () => ({
  promotions: await db().promotion.count({ where: { programId: p.programId } }),
  versions: await db().promotionVersion.count({ where: { promotion: { programId: p.programId } } }),
  reviews: await db().promotionReview.count({ where: { programId: p.programId } }),
  audit: await db().auditLog.count({ where: { programId: p.programId } }),
});
const basket = (c: { card: string }) => ({ customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 30000, "coffee", 2, "LATTE")] });
const applied = async (store: string, c: { card: string }) => (await post("/purchases/calculate", p.keys[store], basket(c))).body.appliedPromotions as { code: string; discount: number }[];

async function manager(partnerCode: string) {
  const partner = await db().partner.findFirstOrThrow({ where: { programId: p.programId, code: partnerCode } });
  const id = createId("stf");
  await db().staffUser.create({
    data: { id, programId: p.programId, partnerId: partner.id, email: `${uniq(partnerCode)}@test.local`, name: `${partnerCode} manager`, role: "partner_manager", passwordHash: "x" },
  });
  return { programId: p.programId, partnerId: partner.id, staffUserId: id };
}

beforeAll(async () => {
  useTestDatabase();
  p = await setupProgram("coalition");
  coffee = await manager("coffee");
  books = await manager("books");
  ownerId = createId("stf");
  await db().staffUser.create({ data: { id: ownerId, programId: p.programId, email: `${uniq("owner")}@test.local`, name: "Owner", role: "owner", passwordHash: "x" } });
});

describe("bounds", () => {
  it("a campaign beyond the owner's bounds is refused with every reason and writes nothing", async () => {
    expect(await campaignBounds(db(), coffee.partnerId)).toEqual(DEFAULT_BOUNDS);
    const before = await counts();
    const err = await savePartnerCampaign(db(), coffee, { form: form({ percent: "30", budgetMoney: "" }) }).catch((e) => e);
    expect(err).toMatchObject({ code: "invalid_request" });
    expect(err.details.map((d: { path: string }) => d.path).sort()).toEqual(["budgetMoney", "percent"]);
    await expect(savePartnerCampaign(db(), coffee, { form: form({ effect: "amountOff", amount: "100" }) })).rejects.toMatchObject({ details: [{ path: "effect" }] });
    await expect(savePartnerCampaign(db(), coffee, { form: form({ budgetMoney: "60000" }) })).rejects.toMatchObject({ details: [{ path: "budgetMoney" }] });
    // Confined to its own stores: another partner's store cannot be picked, nor a wider `where` sent.
    await expect(savePartnerCampaign(db(), coffee, { form: form({ stores: ["books-tverskaya"] }) })).rejects.toMatchObject({ code: "invalid_request", details: [{ path: "stores" }] });
    await expect(savePartnerCampaign(db(), coffee, { form: { ...form(), where: { partners: [] } } })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(savePartnerCampaign(db(), coffee, { form: form({ percent: "0" }) })).rejects.toMatchObject({ code: "invalid_request" });
    expect(await counts()).toEqual(before);
  });

  it("a buy-X-get-Y counts the share of the price it gives away against the largest percent", () => {
    const b = { ...DEFAULT_BOUNDS, effectTypes: ["buyXgetY" as const], maxPercent: 20, maxBudgetMoney: null };
    const def = (buy: number, get: number) => ({ code: "x", name: "X", status: "active" as const, trigger: "auto" as const, effect: { type: "buyXgetY" as const, buy, get, percent: 100 } });
    expect(checkBounds(def(2, 1), b).map((e) => e.path)).toEqual(["effect.percent"]);
    expect(checkBounds(def(4, 1), b)).toEqual([]);
  });

  it("the owner sets bounds per partner (audited); the other partner keeps its own", async () => {
    await expect(setCampaignBounds(db(), { programId: p.programId, partnerId: books.partnerId, bounds: { ...DEFAULT_BOUNDS, maxPercent: 0 }, actor: owner() })).rejects.toMatchObject({
      code: "invalid_request",
    });
    await setCampaignBounds(db(), {
      programId: p.programId,
      partnerId: books.partnerId,
      bounds: { ...DEFAULT_BOUNDS, effectTypes: ["percentOff", "amountOff"], maxPercent: 25, requireApproval: false },
      actor: owner(),
    });
    expect(await campaignBounds(db(), books.partnerId)).toMatchObject({ maxPercent: 25, requireApproval: false });
    expect(await campaignBounds(db(), coffee.partnerId)).toEqual(DEFAULT_BOUNDS);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "partner.campaign_bounds", entityId: books.partnerId } });
    expect(audit.actorId).toBe(ownerId);
    // A partner of another program is not found.
    const other = await setupProgram("coalition");
    const foreign = await db().partner.findFirstOrThrow({ where: { programId: other.programId } });
    await expect(setCampaignBounds(db(), { programId: p.programId, partnerId: foreign.id, bounds: DEFAULT_BOUNDS, actor: owner() })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("approval at the till", () => {
  let code = "";
  let fan: { card: string; id: string };

  it("an unapproved campaign never applies; approved, it applies at its own stores only", async () => {
    fan = await registerCustomer(p.keys["coffee-arbat"]);
    const saved = await savePartnerCampaign(db(), coffee, { form: form({ name: "Latte 10 %" }) });
    expect(saved).toMatchObject({ version: 1, changed: true, pending: true });
    code = saved.code;
    expect(code.startsWith("coffee-")).toBe(true);
    const stored = await db().promotion.findFirstOrThrow({ where: { programId: p.programId, code } });
    expect(stored).toMatchObject({ partnerId: coffee.partnerId, currentVersionId: null });
    expect(await applied("coffee-arbat", fan)).toEqual([]);
    expect((await listPartnerCampaigns(db(), { partnerId: coffee.partnerId, now: NOW }))[0]).toMatchObject({ code, state: "awaiting_approval" });

    const [review] = (await listPendingReviews(db(), p.programId)).filter((r) => r.code === code);
    expect(review).toMatchObject({ partner: { id: coffee.partnerId }, version: 1, current: null });
    expect(review.def.where).toEqual({ partners: ["coffee"] });
    await decideReview(db(), { programId: p.programId, reviewId: review.id, decision: "approve", actor: owner(), now: NOW });

    expect(await applied("coffee-arbat", fan)).toEqual([expect.objectContaining({ code, discount: 6000 })]);
    expect(await applied("coffee-nevsky", fan)).toEqual([expect.objectContaining({ code, discount: 6000 })]);
    // Another partner's store: never.
    expect(await applied("books-tverskaya", fan)).toEqual([]);
    expect(await applied("cinema-atrium", fan)).toEqual([]);
    expect((await listPartnerCampaigns(db(), { partnerId: coffee.partnerId, now: NOW }))[0]).toMatchObject({ code, state: "active", pending: null });
  });

  it("a change to a running campaign waits for approval while the approved version runs; a rejection keeps it and says why", async () => {
    const change = await savePartnerCampaign(db(), coffee, { code, form: form({ name: "Latte 12 %", percent: "12" }) });
    expect(change).toMatchObject({ version: 2, pending: true });
    expect(await savePartnerCampaign(db(), coffee, { code, form: form({ name: "Latte 12 %", percent: "12" }) })).toMatchObject({ version: 2, changed: false, pending: false });
    expect(await applied("coffee-arbat", fan)).toEqual([expect.objectContaining({ code, discount: 6000 })]);
    const [review] = (await listPendingReviews(db(), p.programId)).filter((r) => r.code === code);
    expect(review.current?.version).toBe(1);
    await expect(decideReview(db(), { programId: p.programId, reviewId: review.id, decision: "reject", actor: owner(), now: NOW })).rejects.toMatchObject({ details: [{ path: "note" }] });
    await decideReview(db(), { programId: p.programId, reviewId: review.id, decision: "reject", note: "12 % is too much before Christmas", actor: owner(), now: NOW });
    expect(await applied("coffee-arbat", fan)).toEqual([expect.objectContaining({ code, discount: 6000 })]);
    const row = await getPartnerCampaign(db(), { programId: p.programId, partnerId: coffee.partnerId, code, now: NOW });
    expect(row).toMatchObject({ state: "active", version: 1, pending: null, review: { status: "rejected", note: "12 % is too much before Christmas" } });
    await expect(decideReview(db(), { programId: p.programId, reviewId: review.id, decision: "approve", actor: owner(), now: NOW })).rejects.toMatchObject({ code: "invalid_state" });

    await savePartnerCampaign(db(), coffee, { code, form: form({ name: "Latte 12 %", percent: "12" }) });
    const [again] = (await listPendingReviews(db(), p.programId)).filter((r) => r.code === code);
    // Twenty owners click "Approve" at once: one decision, one version moves in force.
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => decideReview(db(), { programId: p.programId, reviewId: again.id, decision: "approve", actor: owner(), now: NOW })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason.code === "invalid_state")).toBe(true);
    expect(await applied("coffee-arbat", fan)).toEqual([expect.objectContaining({ code, discount: 7200 })]);
    expect(await db().auditLog.count({ where: { entityId: again.promotionId, action: "promotion.approve" } })).toBe(2);
  });

  it("pause and end are immediate; an ended campaign cannot change", async () => {
    await setPartnerCampaignStatus(db(), coffee, { code, status: "paused" });
    expect(await applied("coffee-arbat", fan)).toEqual([]);
    await setPartnerCampaignStatus(db(), coffee, { code, status: "active" });
    expect(await applied("coffee-arbat", fan)).toHaveLength(1);
    await setPartnerCampaignStatus(db(), coffee, { code, status: "ended" });
    expect(await applied("coffee-arbat", fan)).toEqual([]);
    await expect(savePartnerCampaign(db(), coffee, { code, form: form() })).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("without approval required, a partner's version is in force at once", async () => {
    const saved = await savePartnerCampaign(db(), books, { form: form({ name: "Books −20 %", percent: "20", effect: "percentOff" }) });
    expect(saved.pending).toBe(false);
    const reader = await registerCustomer(p.keys["books-tverskaya"]);
    expect(await applied("books-tverskaya", reader)).toEqual([expect.objectContaining({ code: saved.code })]);
    expect(await applied("coffee-arbat", reader)).toEqual([]);
  });

  it("promo codes that credit the promo account for the partner's products: generated after approval, the partner's only", async () => {
    const saved = await savePartnerCampaign(db(), coffee, {
      form: form({ name: "Beans bonus", effect: "promoAccount", points: "200", percent: "", trigger: "code", skus: "BEANS-1KG", budgetMoney: "", budgetPoints: "20000" }),
    });
    await expect(generatePartnerCodes(db(), coffee, { code: saved.code, count: 5 })).rejects.toMatchObject({ code: "not_found" });
    const [review] = (await listPendingReviews(db(), p.programId)).filter((r) => r.code === saved.code);
    expect(review.def).toMatchObject({
      trigger: "code",
      effect: { type: "promoAccount", points: 200 },
      basket: { items: { skus: ["BEANS-1KG"] } },
      codes: { unique: { pattern: "COFFEE-####-####" } },
    });
    await decideReview(db(), { programId: p.programId, reviewId: review.id, decision: "approve", actor: owner(), now: NOW });
    const codes = await generatePartnerCodes(db(), coffee, { code: saved.code, count: 5 });
    expect(codes).toHaveLength(5);
    expect(codes[0]).toMatch(/^COFFEE-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const csv = await partnerCodesCsv(db(), coffee, saved.code);
    for (const c of codes) expect(csv).toContain(c);
    const shopper = await registerCustomer(p.keys["coffee-arbat"]);
    const calc = await post("/purchases/calculate", p.keys["coffee-arbat"], { ...basket(shopper), lines: [line(1, 150000, "coffee", 1, "BEANS-1KG")], promoCodes: [codes[0]] });
    expect(calc.body.promoCodes).toEqual([expect.objectContaining({ code: codes[0], status: "applied" })]);
    expect(calc.body.appliedPromotions).toEqual([expect.objectContaining({ code: saved.code, points: 200 })]);
    // Books asks for coffee's codes: not found.
    await expect(generatePartnerCodes(db(), books, { code: saved.code, count: 5 })).rejects.toMatchObject({ code: "not_found" });
    await expect(partnerCodesCsv(db(), books, saved.code)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("isolation of campaigns", () => {
  it("a partner sees and changes only its own promotions — never the other's or the owner's", async () => {
    await applyPromotionsFile(db(), { program: p.code, promotions: [{ code: "owner-weekend", name: "Owner's weekend", effect: { type: "percentOff", percent: 5 } }] });
    const mine = await listPartnerCampaigns(db(), { partnerId: coffee.partnerId, now: NOW });
    const theirs = await listPartnerCampaigns(db(), { partnerId: books.partnerId, now: NOW });
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.every((r) => r.code.startsWith("coffee-"))).toBe(true);
    expect(theirs.every((r) => r.code.startsWith("books-"))).toBe(true);
    const before = await counts();
    for (const [attacker, victim] of [
      [books, mine[0].code],
      [coffee, theirs[0].code],
      [coffee, "owner-weekend"],
    ] as const) {
      await expect(getPartnerCampaign(db(), { programId: p.programId, partnerId: attacker.partnerId, code: victim, now: NOW })).rejects.toMatchObject({ code: "not_found" });
      await expect(savePartnerCampaign(db(), attacker, { code: victim, form: form() })).rejects.toMatchObject({ code: "not_found" });
      await expect(setPartnerCampaignStatus(db(), attacker, { code: victim, status: "paused" })).rejects.toMatchObject({ code: "not_found" });
      await expect(generatePartnerCodes(db(), attacker, { code: victim, count: 1 })).rejects.toMatchObject({ code: "not_found" });
      await expect(partnerCodesCsv(db(), attacker, victim)).rejects.toMatchObject({ code: "not_found" });
    }
    expect(await counts()).toEqual(before);
  });
});

describe("mailings", () => {
  const NOON = new Date("2026-12-01T09:00:00Z");
  const fans: Record<string, { id: string; card: string; phone: string }> = {};

  beforeAll(async () => {
    const buy = async (store: string, who: { card: string }) => {
      const r = await post("/purchases", p.keys[store], { customer: { card: who.card }, receipt: { number: receiptNo(), at: "2026-11-20T12:00:00+03:00" }, lines: [line(1, 20000, "coffee")] });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    };
    // arbat: bought at coffee on Arbat, email consent; nevsky: at coffee on Nevsky, no consent; reader: books only.
    fans.arbat = await registerCustomer(p.keys["coffee-arbat"], { email: `${uniq("arbat")}@mail.test`, consents: { email: true, sms: true } });
    fans.nevsky = await registerCustomer(p.keys["coffee-nevsky"], { email: `${uniq("nevsky")}@mail.test`, consents: { email: false } });
    fans.reader = await registerCustomer(p.keys["books-tverskaya"], { email: `${uniq("reader")}@mail.test`, consents: { email: true } });
    await buy("coffee-arbat", fans.arbat);
    await buy("coffee-nevsky", fans.nevsky);
    await buy("books-tverskaya", fans.reader);
  });

  const mail = (over: Record<string, unknown> = {}) => ({
    name: "December news",
    channel: "email",
    subjectRu: "Новости, {name}",
    bodyRu: "{name}, у нас новый кофе.",
    subjectEn: "News, {name}",
    bodyEn: "{name}, we have a new coffee.",
    ...over,
  });

  it("reach only the partner's customers, through the consent gate, branded with the partner's name", async () => {
    expect(await countPartnerAudience(db(), coffee, { stores: [] }, NOON)).toBe(2);
    expect(await countPartnerAudience(db(), coffee, { stores: ["coffee-nevsky"] }, NOON)).toBe(1);
    await expect(countPartnerAudience(db(), coffee, { stores: ["books-tverskaya"] }, NOON)).rejects.toMatchObject({ code: "invalid_request" });
    const m = await createPartnerMailing(db(), coffee, mail());
    expect(m).toMatchObject({ partnerId: coffee.partnerId, segmentId: null, status: "draft" });
    expect(await sendPartnerMailing(db(), coffee, { id: m.id, at: NOON, now: NOON })).toBe(true);
    expect(await sendPartnerMailing(db(), coffee, { id: m.id, at: NOON, now: NOON })).toBe(false);
    await runSendCampaigns(db(), NOON);
    const queued = await db().message.findMany({ where: { campaignId: m.id } });
    expect(queued.map((q) => q.customerId).sort()).toEqual([fans.arbat.id, fans.nevsky.id].sort());
    expect(queued.every((q) => (q.data as { partner?: string }).partner === "Roast Lab Coffee")).toBe(true);
    await runDeliverMessages(db(), NOON);
    const after = new Map((await db().message.findMany({ where: { campaignId: m.id } })).map((q) => [q.customerId, q]));
    expect(after.get(fans.nevsky.id)).toMatchObject({ status: "suppressed", reason: "no_consent" });
    expect(after.get(fans.arbat.id)?.status).toBe("sent");
    const email = await db().outboxMessage.findFirstOrThrow({ where: { to: after.get(fans.arbat.id)!.to }, orderBy: { createdAt: "desc" } });
    expect(email.subject).toBe("Новости, Anna");
    expect(email.html).toContain("Roast Lab Coffee");
    expect(email.html).toContain("партнёр программы");
    const stats = await partnerMailingStats(db(), { programId: p.programId, partnerId: coffee.partnerId, id: m.id });
    expect(stats.total).toMatchObject({ queued: 2, sent: 1, suppressedTotal: 1, suppressed: { no_consent: 1 } });
  });

  it("a mailing to one of the partner's saved groups reaches its members among the partner's customers only", async () => {
    // Coffee's group "spent at least 1 RUB": evaluated in coffee's scope, so never the books reader.
    const group = await createPartnerGroup(db(), coffee, {
      name: uniq("Regulars"),
      definition: { kind: "group", op: "and", children: [{ kind: "spend", period: { kind: "allTime" }, op: "gte", value: 100 }] },
    });
    const booksGroup = await createPartnerGroup(db(), books, { name: uniq("Readers"), definition: { kind: "group", op: "and", children: [] } });
    expect(await countPartnerAudience(db(), coffee, { stores: [], groupId: group.id }, NOON)).toBe(2);
    // Another partner's group is not found, for counting and for a mailing.
    await expect(countPartnerAudience(db(), coffee, { stores: [], groupId: booksGroup.id }, NOON)).rejects.toMatchObject({ code: "not_found" });
    await expect(createPartnerMailing(db(), coffee, mail({ name: "Stolen group", groupId: booksGroup.id }))).rejects.toMatchObject({ code: "not_found" });
    const m = await createPartnerMailing(db(), coffee, mail({ name: "Regulars only", groupId: group.id, stores: ["coffee-arbat"] }));
    expect(m.segmentId).toBe(group.id);
    await sendPartnerMailing(db(), coffee, { id: m.id, at: NOON, now: NOON });
    await runSendCampaigns(db(), NOON);
    expect((await db().message.findMany({ where: { campaignId: m.id } })).map((q) => q.customerId)).toEqual([fans.arbat.id]);
  });

  it("a store filter narrows the audience to that store's customers", async () => {
    const m = await createPartnerMailing(db(), coffee, mail({ name: "Nevsky only", channel: "sms", subjectRu: "", subjectEn: "", stores: ["coffee-nevsky"] }));
    await sendPartnerMailing(db(), coffee, { id: m.id, at: NOON, now: NOON });
    await runSendCampaigns(db(), NOON);
    expect((await db().message.findMany({ where: { campaignId: m.id } })).map((q) => q.customerId)).toEqual([fans.nevsky.id]);
  });

  it("the other partner and the owner's console never see or touch a partner's mailing; names are per partner", async () => {
    const m = await createPartnerMailing(db(), coffee, mail({ name: "Coffee secret" }));
    const attacker = { programId: p.programId, partnerId: books.partnerId };
    await expect(getPartnerMailing(db(), { ...attacker, id: m.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(partnerMailingStats(db(), { ...attacker, id: m.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(updatePartnerMailing(db(), books, { id: m.id, form: mail({ name: "Hijacked" }) })).rejects.toMatchObject({ code: "not_found" });
    await expect(sendPartnerMailing(db(), books, { id: m.id, at: NOON, now: NOON })).rejects.toMatchObject({ code: "not_found" });
    await expect(cancelPartnerMailing(db(), books, { id: m.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(createPartnerMailing(db(), books, mail({ stores: ["coffee-arbat"] }))).rejects.toMatchObject({ code: "invalid_request" });
    expect((await getPartnerMailing(db(), { programId: p.programId, partnerId: coffee.partnerId, id: m.id })).status).toBe("draft");
    expect((await listPartnerMailings(db(), attacker)).map((r) => r.campaign.id)).not.toContain(m.id);
    expect((await listPartnerMailings(db(), { programId: p.programId, partnerId: coffee.partnerId })).map((r) => r.campaign.name)).toContain("Coffee secret");
    expect((await listCampaigns(db(), p.programId)).map((c) => c.id)).not.toContain(m.id);
    // The same name at another partner is not a clash (and tells nothing about the other's names).
    expect((await createPartnerMailing(db(), books, mail({ name: "Coffee secret" }))).name).toBe("Coffee secret");
    await expect(createPartnerMailing(db(), coffee, mail({ name: "Coffee secret" }))).rejects.toMatchObject({ code: "already_exists" });
  });
});
