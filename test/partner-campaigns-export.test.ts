// `npm run promotions:export` keeps coalition partners' campaigns: who runs each and the version
// waiting for the owner's approval (`partnerCampaigns`), so export → apply round-trips — into the
// same program (nothing changes) and into another program with the same partners (the same file
// comes back out). Bad entries fail with their paths and write nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { applyPromotionsFile, exportPromotions } from "@/lib/promotions/store";
import { coalitionFixture } from "@/test/coalition-fixture";
import { testDb } from "@/test/db";

const db = testDb();
let a: { code: string; id: string; partner: { pub: string; coffee: string } };
let b: { code: string; id: string };

const promo = (code: string, percent: number) => ({
  code,
  name: { en: `${percent} % off drinks`, ru: `${percent} % на напитки` },
  where: { partners: [code.split("-")[0]] },
  basket: { items: { categories: ["drinks"] } },
  effect: { type: "percentOff", percent },
});

beforeAll(async () => {
  const fa = await coalitionFixture(db, []);
  const fb = await coalitionFixture(db, []);
  a = { id: fa.programId, code: (await db.program.findUniqueOrThrow({ where: { id: fa.programId } })).code, partner: fa.partner };
  b = { id: fb.programId, code: (await db.program.findUniqueOrThrow({ where: { id: fb.programId } })).code };
});

describe("promotions export → apply with partner campaigns", () => {
  it("keeps each campaign's partner and its version awaiting approval", async () => {
    // The pub's happy hour is in force with a new version waiting; the coffee shop's latte deal waits for its first approval.
    const file = {
      program: a.code,
      promotions: [promo("owner-drinks", 5), promo("pub-happy", 10)],
      partnerCampaigns: [
        { code: "coffee-latte", partner: "coffee", pending: promo("coffee-latte", 15) },
        { code: "pub-happy", partner: "pub", pending: promo("pub-happy", 12) },
      ],
    };
    await applyPromotionsFile(db, file);
    const stored = await db.promotion.findMany({ where: { programId: a.id }, orderBy: { code: "asc" } });
    expect(stored.map((p) => [p.code, p.partnerId, p.currentVersionId !== null, p.pendingVersionId !== null])).toEqual([
      ["coffee-latte", a.partner.coffee, false, true],
      ["owner-drinks", null, true, false],
      ["pub-happy", a.partner.pub, true, true],
    ]);
    const reviews = await db.promotionReview.findMany({ where: { programId: a.id, status: "pending" } });
    expect(reviews.map((r) => r.partnerId).sort()).toEqual([a.partner.coffee, a.partner.pub].sort());

    const exported = await exportPromotions(db, a.code);
    expect(exported.partnerCampaigns).toEqual([
      { code: "coffee-latte", partner: "coffee", pending: expect.objectContaining({ code: "coffee-latte", effect: { type: "percentOff", percent: 15 } }) },
      { code: "pub-happy", partner: "pub", pending: expect.objectContaining({ code: "pub-happy", effect: { type: "percentOff", percent: 12 } }) },
    ]);
    expect(exported.promotions.map((p) => p.code)).toEqual(["owner-drinks", "pub-happy"]);
    // Into the same program: nothing changes, no second review.
    expect((await applyPromotionsFile(db, exported)).every((r) => !r.changed)).toBe(true);
    expect(await db.promotionReview.count({ where: { programId: a.id } })).toBe(2);
    // Into another program with the same partners: the same file comes back out.
    await applyPromotionsFile(db, { ...exported, program: b.code });
    expect({ ...(await exportPromotions(db, b.code)), program: a.code }).toEqual(exported);
    const copied = await db.promotion.findMany({ where: { programId: b.id, partnerId: { not: null } }, include: { partner: true }, orderBy: { code: "asc" } });
    expect(copied.map((p) => [p.code, p.partner!.code])).toEqual([
      ["coffee-latte", "coffee"],
      ["pub-happy", "pub"],
    ]);
    expect(await db.promotionReview.count({ where: { programId: b.id, status: "pending" } })).toBe(2);
  });

  it("an unknown partner, another partner's campaign or the owner's promotion: errors with paths, nothing written", async () => {
    const before = await exportPromotions(db, a.code);
    const bad = applyPromotionsFile(db, {
      program: a.code,
      promotions: [promo("pub-new", 7)],
      partnerCampaigns: [
        { code: "pub-new", partner: "bakery" },
        { code: "pub-happy", partner: "coffee" },
        { code: "owner-drinks", partner: "pub" },
      ],
    });
    await expect(bad).rejects.toMatchObject({
      code: "invalid_request",
      details: [{ path: "partnerCampaigns[0].partner" }, { path: "partnerCampaigns[1].code" }, { path: "partnerCampaigns[2].code" }],
    });
    await expect(applyPromotionsFile(db, { program: a.code, promotions: [], partnerCampaigns: [{ code: "x", partner: "pub", pending: promo("y", 5) }] })).rejects.toMatchObject({
      details: [{ path: "partnerCampaigns[0].pending.code" }],
    });
    expect(await exportPromotions(db, a.code)).toEqual(before);
  });
});
