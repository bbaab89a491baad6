// Issue 10.6: saving the program in the console edits the rules only. An owner's later tag on a
// store survives a marketer's save of the stored JSON, a save never moves a store to another
// partner, and a receipt stays with the partner it was made under when the owner does move one.
import { beforeAll, describe, expect, it } from "vitest";
import { createId } from "@/lib/ids";
import { updateStore } from "@/lib/admin/stores";
import { getPartnerReceipt, listPartnerReceipts } from "@/lib/partner/receipts";
import { saveProgramRules } from "@/lib/program/apply-program";
import { testDb } from "../db";
import { uniq } from "../factories";
import { line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "../pos/harness";

const db = testDb();
let club: TestProgram;
let ownerId = "";
let marketerId = "";

beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
  ownerId = createId("stf");
  marketerId = createId("stf");
  await db.staffUser.create({ data: { id: ownerId, programId: club.programId, email: `${uniq("owner")}@test.local`, name: "Owner", role: "owner", passwordHash: "x" } });
  await db.staffUser.create({ data: { id: marketerId, programId: club.programId, email: `${uniq("mkt")}@test.local`, name: "Marketer", role: "marketer", passwordHash: "x" } });
});

async function storedDefinition() {
  const v = await db.programVersion.findFirstOrThrow({ where: { programId: club.programId }, orderBy: { version: "desc" } });
  return v.definition as Record<string, unknown>;
}

async function storeInput(storeId: string, over: { partnerId?: string | null; tags?: string[] }) {
  const s = await db.store.findUniqueOrThrow({ where: { id: storeId } });
  return { code: s.code, name: s.name, timezone: s.timezone, partnerId: over.partnerId === undefined ? s.partnerId : over.partnerId, tags: over.tags ?? s.tags };
}

describe("console program save", () => {
  it("keeps an owner's later tag and never moves a store to another partner", async () => {
    const pub = club.stores["pub-luzhniki"];
    const before = await db.store.findUniqueOrThrow({ where: { id: pub } });
    await updateStore(db, club.programId, ownerId, pub, await storeInput(pub, { tags: [...before.tags, "outlet"] }));

    // The marketer saves the stored JSON with a new tagline, and a JSON that moves the store.
    const def = await storedDefinition();
    const stores = (def.stores as { code: string; partner?: string }[]).map((s) => (s.code === "pub-luzhniki" ? { ...s, partner: "coffee" } : s));
    const saved = await saveProgramRules(db, { programId: club.programId, json: { ...def, tagline: "Saved by the marketer", stores }, staffUserId: marketerId });
    expect(saved.changed).toBe(true);

    const after = await db.store.findUniqueOrThrow({ where: { id: pub } });
    expect(after.tags).toContain("outlet");
    expect(after.partnerId).toBe(before.partnerId);
    expect((await db.program.findUniqueOrThrow({ where: { id: club.programId } })).tagline).toBe("Saved by the marketer");
    // Partners too: a renamed partner in the JSON does not rename the partner.
    const partnersBefore = await db.partner.findMany({ where: { programId: club.programId }, orderBy: { code: "asc" } });
    const renamed = (def.partners as { code: string; name: string }[]).map((p) => ({ ...p, name: `${p.name} (renamed)` }));
    await saveProgramRules(db, { programId: club.programId, json: { ...def, partners: renamed }, staffUserId: marketerId });
    expect(await db.partner.findMany({ where: { programId: club.programId }, orderBy: { code: "asc" } })).toEqual(partnersBefore);
  });

  it("a receipt keeps the partner it was made under when the owner moves the store", async () => {
    const pubStore = club.stores["pub-luzhniki"];
    const pubPartner = (await db.store.findUniqueOrThrow({ where: { id: pubStore } })).partnerId!;
    const coffee = await db.partner.findFirstOrThrow({ where: { programId: club.programId, code: "coffee" } });
    const c = await registerCustomer(club.keys["stadium-shop"]);
    const sale = await post("/purchases", club.keys["pub-luzhniki"], { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 50000, "food")] });
    expect(sale.status).toBe(201);
    const receiptId = (await db.purchase.findFirstOrThrow({ where: { storeId: pubStore }, orderBy: { createdAt: "desc" } })).id;
    expect((await db.purchase.findFirstOrThrow({ where: { id: receiptId } })).partnerId).toBe(pubPartner);

    await updateStore(db, club.programId, ownerId, pubStore, await storeInput(pubStore, { partnerId: coffee.id }));
    // The new partner's manager does not see the store's history …
    expect(await getPartnerReceipt(db, { partnerId: coffee.id, purchaseId: receiptId })).toBeNull();
    expect((await listPartnerReceipts(db, { partnerId: coffee.id })).rows.map((r) => r.id)).not.toContain(receiptId);
    // … the partner it was made under still does.
    expect(await getPartnerReceipt(db, { partnerId: pubPartner, purchaseId: receiptId })).not.toBeNull();
    expect((await listPartnerReceipts(db, { partnerId: pubPartner })).rows.map((r) => r.id)).toContain(receiptId);
  });
});
