// The partner portal's campaign and mailing actions and the codes CSV route end to end, with only
// the session and the request's cookies replaced: a partner manager acts on its own campaigns and
// mailings only (the other partner's ids are "not found" and change nothing); console staff and
// fans get nothing from the portal; the console's approval and bounds actions answer the owner only.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";

const session = vi.hoisted(() => ({ staff: null as Principal | null }));
vi.mock("@/lib/auth/session", () => ({ getPrincipal: async () => session.staff }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "tribune_locale" ? { name, value: "en" } : undefined) }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// "Send now" queues after the response; here the test runs the job itself.
vi.mock("next/server", async (orig) => ({ ...(await orig<typeof import("next/server")>()), after: () => {} }));

const campaignActions = await import("@/app/partner/campaigns/actions");
const mailingActions = await import("@/app/partner/mailings/actions");
const consoleActions = await import("@/app/admin/partner-campaigns/actions");
const codesRoute = await import("@/app/partner/campaigns/[code]/codes/route");
const { setupProgram, useTestDatabase } = await import("./pos/harness");
const { testDb } = await import("./db");
const { makeStaff } = await import("./console-factories");
const { createId } = await import("@/lib/ids");
const { uniq } = await import("./factories");
const { listPendingReviews } = await import("@/lib/partner/campaigns/review");

let programId = "";
const who: Record<string, Principal> = {};

function form(entries: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}
const latte = { name: "Latte", effect: "percentOff", percent: "10", from: "2026-01-01", budgetMoney: "1000" };
const csv = (code: string) => codesRoute.GET(new Request(`http://portal.test/partner/campaigns/${code}/codes`), { params: Promise.resolve({ code }) });

beforeAll(async () => {
  useTestDatabase();
  programId = (await setupProgram("coalition")).programId;
  for (const code of ["coffee", "books"]) {
    const partner = await testDb().partner.findFirstOrThrow({ where: { programId, code } });
    const id = createId("stf");
    await testDb().staffUser.create({ data: { id, programId, partnerId: partner.id, email: `${uniq(code)}@test.local`, name: code, role: "partner_manager", passwordHash: "x" } });
    who[code] = { kind: "staff", id, programId, role: "partner_manager", partnerId: partner.id };
  }
  for (const role of ["owner", "marketer"] as const) who[role] = { kind: "staff", id: (await makeStaff(testDb(), programId, role)).id, programId, role };
  who.fan = { kind: "customer", id: "cus_x", programId };
});

beforeEach(() => {
  session.staff = null;
});

describe("partner campaign actions", () => {
  it("save, refuse beyond bounds with field errors, and never reach another partner's campaign", async () => {
    session.staff = who.coffee;
    const over = await campaignActions.savePartnerCampaignAction(null, form({ ...latte, percent: "40", stores: ["books-tverskaya"] }));
    expect(over).toMatchObject({ ok: false, code: "invalid_request", fieldErrors: { stores: "Not your store: books-tverskaya." } });
    const bound = await campaignActions.savePartnerCampaignAction(null, form({ ...latte, percent: "40" }));
    expect(bound).toMatchObject({ ok: false, fieldErrors: { percent: "At most 15 %." } });
    const saved = await campaignActions.savePartnerCampaignAction(null, form({ ...latte, stores: ["coffee-arbat"] }));
    expect(saved).toMatchObject({ ok: true, message: "Sent to the owner for approval (version 1).", data: { pending: true } });
    const code = (saved as { data: { code: string } }).data.code;

    session.staff = who.books;
    const before = await testDb().promotionVersion.count({ where: { promotion: { programId } } });
    expect(await campaignActions.savePartnerCampaignAction(null, form({ ...latte, code }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await campaignActions.setPartnerCampaignStatusAction(null, form({ code, status: "ended" }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await campaignActions.generatePartnerCodesAction(null, form({ code, count: "5" }))).toMatchObject({ ok: false, code: "not_found" });
    expect((await csv(code)).status).toBe(404);
    expect(await testDb().promotionVersion.count({ where: { promotion: { programId } } })).toBe(before);

    // Console staff and fans are not partner managers.
    for (const p of [who.owner, who.fan]) {
      session.staff = p;
      expect(await campaignActions.savePartnerCampaignAction(null, form(latte))).toMatchObject({ ok: false, code: "forbidden" });
    }
    session.staff = null;
    expect(await campaignActions.savePartnerCampaignAction(null, form(latte))).toMatchObject({ ok: false, code: "unauthorized" });
    expect((await csv(code)).status).toBe(401);
    session.staff = who.owner;
    expect((await csv(code)).status).toBe(403);
  });

  it("the owner (only) approves and sets bounds; then the partner's codes download is its own", async () => {
    session.staff = who.coffee;
    const saved = await campaignActions.savePartnerCampaignAction(
      null,
      form({ ...latte, name: "Beans", effect: "promoAccount", points: "100", skus: "BEANS", trigger: "code", budgetMoney: "", budgetPoints: "5000" }),
    );
    const code = (saved as { data: { code: string } }).data.code;
    const review = (await listPendingReviews(testDb(), programId)).find((r) => r.code === code)!;
    for (const p of [who.marketer, who.coffee]) {
      session.staff = p;
      expect(await consoleActions.decideReviewAction(null, form({ reviewId: review.id, decision: "approve" }))).toMatchObject({ ok: false, code: "forbidden" });
      const partnerId = (who.books as { partnerId: string }).partnerId;
      expect(await consoleActions.saveBoundsAction(null, form({ partnerId, maxPercent: "90", requireApproval: "on" }))).toMatchObject({ ok: false, code: "forbidden" });
    }
    session.staff = who.owner;
    expect(await consoleActions.decideReviewAction(null, form({ reviewId: review.id, decision: "reject" }))).toMatchObject({ ok: false, fieldErrors: { note: expect.any(String) } });
    expect(await consoleActions.decideReviewAction(null, form({ reviewId: review.id, decision: "approve", note: "ok" }))).toMatchObject({ ok: true, message: "Approved: the campaign is in force." });
    expect(
      await consoleActions.saveBoundsAction(
        null,
        form({ partnerId: (who.books as { partnerId: string }).partnerId, effectTypes: ["percentOff", "amountOff"], maxPercent: "20", maxBudgetMoney: "", maxBudgetPoints: "" }),
      ),
    ).toMatchObject({ ok: true });
    expect(await testDb().partnerCampaignBounds.findUniqueOrThrow({ where: { partnerId: (who.books as { partnerId: string }).partnerId } })).toMatchObject({
      effectTypes: ["percentOff", "amountOff"],
      maxPercent: 20,
      maxBudgetMoney: null,
      requireApproval: false,
    });

    session.staff = who.coffee;
    expect(await campaignActions.generatePartnerCodesAction(null, form({ code, count: "3" }))).toMatchObject({ ok: true, message: "3 codes generated." });
    const res = await csv(code);
    expect(res.status).toBe(200);
    expect((await res.text()).split("\n").filter((l) => l.startsWith("COFFEE-"))).toHaveLength(3);
    session.staff = who.books;
    expect((await csv(code)).status).toBe(404);
  });
});

describe("partner mailing actions", () => {
  it("a partner saves, sends and cancels its own mailings; the other partner gets not found and changes nothing", async () => {
    session.staff = who.coffee;
    const bad = await mailingActions.savePartnerMailingAction(null, form({ name: "News", channel: "email", bodyRu: "Текст", stores: ["books-online"] }));
    expect(bad).toMatchObject({ ok: false, code: "invalid_request" });
    // A new mailing redirects to its page: the redirect carries its id.
    const created = await mailingActions.savePartnerMailingAction(null, form({ name: "News", channel: "email", subjectRu: "Тема", bodyRu: "Текст" })).catch((e) => e);
    const id = String((created as { digest?: string }).digest ?? "").match(/\/partner\/mailings\/(cmp_[a-z0-9]+)/)?.[1];
    expect(id).toBeTruthy();

    session.staff = who.books;
    expect(await mailingActions.savePartnerMailingAction(null, form({ id: id!, name: "Mine now", channel: "email", subjectRu: "Т", bodyRu: "Т" }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await mailingActions.sendPartnerMailingAction(null, form({ id: id! }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await mailingActions.cancelPartnerMailingAction(null, form({ id: id! }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await testDb().campaign.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ name: "News", status: "draft" });

    session.staff = who.coffee;
    expect(await mailingActions.savePartnerMailingAction(null, form({ id: id!, name: "News 2", channel: "sms", bodyRu: "Коротко" }))).toMatchObject({ ok: true, message: "Draft saved." });
    expect(await mailingActions.sendPartnerMailingAction(null, form({ id: id! }))).toMatchObject({ ok: true });
    expect(await mailingActions.sendPartnerMailingAction(null, form({ id: id! }))).toMatchObject({ ok: false, code: "invalid_state" });
    expect(await mailingActions.cancelPartnerMailingAction(null, form({ id: id! }))).toMatchObject({ ok: true, message: "Canceled." });
    expect(await testDb().campaign.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ name: "News 2", channel: "sms", status: "draft" });

    session.staff = who.marketer;
    expect(await mailingActions.sendPartnerMailingAction(null, form({ id: id! }))).toMatchObject({ ok: false, code: "forbidden" });
  });
});
