// The console's promotion actions end to end with only the session and the request's cookies
// replaced: marketers save versions (validated, audited), pause and generate codes; analysts
// preview but every write is refused and changes nothing; support and partner managers get
// nothing; the codes CSV answers only marketers and the owner.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Principal } from "@/lib/auth/principal";

const session = vi.hoisted(() => ({ staff: null as Principal | null }));
vi.mock("@/lib/auth/session", () => ({ getPrincipal: async () => session.staff }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "tribune_locale" ? { name, value: "en" } : undefined) }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { generateCodesAction, previewAction, savePromotionAction, setStatusAction } = await import("@/app/admin/promotions/actions");
const csvRoute = await import("@/app/api/admin/promotions/[code]/codes/route");
const { setupProgram, useTestDatabase } = await import("./pos/harness");
const { testDb } = await import("./db");
const { makeStaff } = await import("./console-factories");
const { currentDefinitions } = await import("@/lib/promotions/store");

let programId: string;
const principals: Record<string, Principal> = {};

function form(entries: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
}

const socks = { code: "console-socks", name: { en: "Socks 20% off", ru: "Носки −20%" }, status: "draft", basket: { items: { categories: ["socks"] } }, effect: { type: "percentOff", percent: 20 } };
const coupons = {
  code: "console-coupons",
  name: "Coupons",
  status: "active",
  trigger: "code",
  effect: { type: "amountOff", amount: 10000 },
  codes: { unique: { count: 100, pattern: "CC-########" } },
};
const basket = {
  lines: [
    { sku: "S-1", category: "socks", price: 100000, quantity: 2 },
    { sku: "T-1", category: "apparel", price: 50000, quantity: 1 },
  ],
  tierCode: "silver",
  segments: [],
  newMember: false,
  birthday: false,
  code: "",
  storeCode: null,
  at: new Date().toISOString(),
  ignoreCalendar: false,
};

const versions = async () => (await testDb().promotionVersion.findMany({ where: { promotion: { programId } } })).length;
const codes = async () => testDb().promoCode.count({ where: { programId } });

beforeAll(async () => {
  useTestDatabase();
  programId = (await setupProgram("sportswear-retailer")).programId;
  for (const role of ["owner", "marketer", "analyst", "support"] as const) principals[role] = { kind: "staff", id: (await makeStaff(testDb(), programId, role)).id, programId, role };
  principals.partner = { kind: "staff", id: principals.support.id, programId, role: "partner_manager", partnerId: "ptn_x" };
});

beforeEach(() => {
  session.staff = null;
});

describe("marketers", () => {
  it("save new promotions and versions as themselves, validated at paths, audited", async () => {
    session.staff = principals.marketer;
    const bad = await savePromotionAction(null, form({ definition: JSON.stringify({ ...socks, effect: { type: "percentOff", percent: 0 } }) }));
    expect(bad).toMatchObject({ ok: false, code: "invalid_request", fieldErrors: { "effect.percent": "must be more than 0" } });
    const notJson = await savePromotionAction(null, form({ definition: "{nope" }));
    expect(notJson).toMatchObject({ ok: false, error: "This is not a valid JSON object." });

    const saved = await savePromotionAction(null, form({ definition: JSON.stringify(socks), note: "first" }));
    expect(saved).toMatchObject({ ok: true, message: "Saved as version 1.", data: { code: "console-socks", version: 1, changed: true } });
    const twice = await savePromotionAction(null, form({ definition: JSON.stringify(socks) }));
    expect(twice).toMatchObject({ ok: false, code: "already_exists", fieldErrors: { code: expect.any(String) } });
    const same = await savePromotionAction(null, form({ definition: JSON.stringify(socks), editing: "console-socks" }));
    expect(same).toMatchObject({ ok: true, message: "Nothing changed.", data: { version: 1, changed: false } });
    const renamed = await savePromotionAction(null, form({ definition: JSON.stringify({ ...socks, code: "other" }), editing: "console-socks" }));
    expect(renamed).toMatchObject({ ok: false, fieldErrors: { code: "the code of a saved promotion cannot change" } });

    const v2 = await savePromotionAction(null, form({ definition: JSON.stringify({ ...socks, status: "active" }), editing: "console-socks" }));
    expect(v2).toMatchObject({ ok: true, data: { version: 2 } });
    const stored = await testDb().promotionVersion.findMany({ where: { promotion: { programId, code: "console-socks" } }, orderBy: { version: "asc" } });
    expect(stored.map((v) => [v.version, v.createdById, v.note])).toEqual([
      [1, principals.marketer.id, "first"],
      [2, principals.marketer.id, null],
    ]);
    const audit = await testDb().auditLog.findMany({ where: { programId, entityType: "promotion" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["promotion.create", principals.marketer.id],
      ["promotion.version", principals.marketer.id],
    ]);
  });

  it("pause, resume and generate codes", async () => {
    session.staff = principals.marketer;
    expect(await setStatusAction(null, form({ code: "console-socks", status: "paused" }))).toMatchObject({ ok: true, message: "The promotion is paused (version 3)." });
    expect((await currentDefinitions(testDb(), programId)).find((p) => p.def.code === "console-socks")?.def.status).toBe("paused");
    expect(await setStatusAction(null, form({ code: "console-socks", status: "active" }))).toMatchObject({ ok: true });
    expect(await setStatusAction(null, form({ code: "console-socks", status: "draft" }))).toMatchObject({ ok: false, code: "invalid_request" });
    expect(await savePromotionAction(null, form({ definition: JSON.stringify(coupons) }))).toMatchObject({ ok: true });
    const made = await generateCodesAction(null, form({ code: "console-coupons", count: "7" }));
    expect(made).toMatchObject({ ok: true, message: "7 codes generated." });
    expect(await codes()).toBe(7);
    expect(await generateCodesAction(null, form({ code: "console-coupons", count: "10001" }))).toMatchObject({ ok: false, fieldErrors: { count: expect.any(String) } });
    expect(await generateCodesAction(null, form({ code: "console-socks", count: "3" }))).toMatchObject({ ok: false, code: "invalid_request" });
  });

  it("preview the draft with the promotions in force, with reasons for the others", async () => {
    session.staff = principals.marketer;
    const r = await previewAction(null, { definition: JSON.stringify({ ...socks, code: "console-new", effect: { type: "percentOff", percent: 50 } }), basket });
    expect(r.ok).toBe(true);
    const view = r.ok ? r.data! : null;
    // The draft (50 %) and the stored socks promotion (20 %) stack on the running price: 200,000 → 100,000 → 80,000.
    expect(view!.applied.map((a) => [a.code, a.draft, a.discount])).toEqual([
      ["console-new", true, 100000],
      ["console-socks", false, 20000],
    ]);
    expect(view!.lines[0]).toMatchObject({ sku: "S-1", amount: 200000, discount: 120000, payable: 80000 });
    expect(view!.lines[0].promotions).toEqual([
      { code: "console-new", discount: 100000, points: 0 },
      { code: "console-socks", discount: 20000, points: 0 },
    ]);
    expect(view!.totals).toMatchObject({ amount: 250000, discount: 120000, payable: 130000 });
    expect(view!.rejected).toContainEqual({ code: "console-coupons", name: "Coupons", draft: false, reason: "needs a promo code" });
    expect(view!.applied[0]).toMatchObject({ name: "Socks 20% off", summary: "50% off" });

    // With one of the codes the coupon applies (case-insensitive), and anonymous receipts are members-only.
    const code = (await testDb().promoCode.findFirstOrThrow({ where: { programId } })).code;
    const withCode = await previewAction(null, { definition: JSON.stringify(socks), basket: { ...basket, code: code.toLowerCase() } });
    expect(withCode.ok && withCode.data!.applied.map((a) => a.code)).toContain("console-coupons");
    expect(withCode.ok && withCode.data!.codeFor).toBe("console-coupons");
    const anonymous = await previewAction(null, { definition: JSON.stringify(socks), basket: { ...basket, tierCode: null } });
    expect(anonymous.ok && anonymous.data!.rejected.find((x) => x.code === "console-socks")?.reason).toBe("members only");
    // A broken draft answers with its errors, nothing is priced.
    const broken = await previewAction(null, { definition: JSON.stringify({ ...socks, effect: { type: "nope" } }), basket });
    expect(broken).toMatchObject({ ok: false, code: "invalid_request" });
  });
});

describe("the preview counts limits as they stand", () => {
  it("a promotion whose uses ran out is rejected as used up; the draft shows what is left of its own limits", async () => {
    session.staff = principals.marketer;
    const capped = { code: "console-capped", name: "Capped", status: "active", effect: { type: "amountOff", amount: 5000 }, limits: { total: 3, budget: { money: 9000 } } };
    expect((await savePromotionAction(null, form({ definition: JSON.stringify(capped), editing: "", note: "" }))).ok).toBe(true);
    // Two uses and 7,000 of the budget are gone (as two receipts would leave them).
    await testDb().promotion.update({ where: { programId_code: { programId, code: "console-capped" } }, data: { uses: 2, moneyUsed: 7000 } });
    const draft = await previewAction(null, { definition: JSON.stringify(capped), basket });
    expect(draft.ok && draft.data!.draftLeft).toEqual({ uses: 1, money: 2000, points: null });
    // Only 2,000 of the budget is left: the discount is capped to it.
    expect(draft.ok && draft.data!.applied.find((a) => a.code === "console-capped")?.discount).toBe(2000);
    await testDb().promotion.update({ where: { programId_code: { programId, code: "console-capped" } }, data: { uses: 3 } });
    const other = await previewAction(null, { definition: JSON.stringify({ ...socks, code: "console-other" }), basket });
    expect(other.ok && other.data!.rejected.find((x) => x.code === "console-capped")?.reason).toBe("the promotion's uses are exhausted");
    expect(other.ok && other.data!.draftLeft).toBeNull();
    // A new version with a larger total is previewed under the same counters: 2 of 5 left.
    const bigger = await previewAction(null, { definition: JSON.stringify({ ...capped, limits: { total: 5 } }), basket });
    expect(bigger.ok && bigger.data!.draftLeft).toEqual({ uses: 2, money: null, points: null });
    expect(bigger.ok && bigger.data!.applied.map((a) => a.code)).toContain("console-capped");
    await setStatusAction(null, form({ code: "console-capped", status: "ended" }));
  });
});

describe("analysts", () => {
  it("preview, but every write is refused and nothing changes", async () => {
    session.staff = principals.analyst;
    const [beforeVersions, beforeCodes] = [await versions(), await codes()];
    expect(await savePromotionAction(null, form({ definition: JSON.stringify({ ...socks, code: "by-analyst" }) }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await savePromotionAction(null, form({ definition: JSON.stringify({ ...socks, status: "ended" }), editing: "console-socks" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await setStatusAction(null, form({ code: "console-socks", status: "paused" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await generateCodesAction(null, form({ code: "console-coupons", count: "5" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect([await versions(), await codes()]).toEqual([beforeVersions, beforeCodes]);
    expect((await currentDefinitions(testDb(), programId)).find((p) => p.def.code === "console-socks")?.def.status).toBe("active");
    expect(await previewAction(null, { definition: JSON.stringify(socks), basket })).toMatchObject({ ok: true });
  });

  it("support and partner managers may not even preview; no session is unauthorized", async () => {
    for (const who of [principals.support, principals.partner]) {
      session.staff = who;
      expect(await previewAction(null, { definition: JSON.stringify(socks), basket })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await savePromotionAction(null, form({ definition: JSON.stringify(socks) }))).toMatchObject({ ok: false, code: "forbidden" });
    }
    session.staff = null;
    expect(await setStatusAction(null, form({ code: "console-socks", status: "paused" }))).toMatchObject({ ok: false, code: "unauthorized" });
  });
});

describe("the codes CSV", () => {
  const get = (code: string) => csvRoute.GET(new Request(`http://console.test/api/admin/promotions/${code}/codes`), { params: Promise.resolve({ code }) });

  it("answers marketers and the owner only, for their own program's promotions", async () => {
    session.staff = principals.marketer;
    const ok = await get("console-coupons");
    expect(ok.status).toBe(200);
    const rows = (await ok.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(rows[0]).toBe("code,kind,uses,max_uses,expires_at,customer_id,revoked_at");
    expect(rows.slice(1).every((r) => /^CC-[A-Z2-9]{8},unique,0,1,,,$/.test(r))).toBe(true);
    expect(rows).toHaveLength(8);
    expect((await get("no-such-promotion")).status).toBe(404);
    session.staff = principals.owner;
    expect((await get("console-coupons")).status).toBe(200);
    for (const who of [principals.analyst, principals.support, principals.partner]) {
      session.staff = who;
      expect((await get("console-coupons")).status).toBe(403);
    }
    session.staff = null;
    expect((await get("console-coupons")).status).toBe(401);
    // Another program's marketer: not found.
    const other = await setupProgram("sportswear-retailer");
    session.staff = { kind: "staff", id: (await makeStaff(testDb(), other.programId, "marketer")).id, programId: other.programId, role: "marketer" };
    expect((await get("console-coupons")).status).toBe(404);
  });
});
