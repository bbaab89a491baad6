// A raw transaction starts from the terminal this process last saw with the key and reads the
// key's row again with its first statement (lib/pos/terminal-auth.ts `rememberedTill`,
// lib/db/raw-pool.ts `probe`): whatever changed since — revoked, waiting for approval, moved to
// another store, the promotions in force — is seen by the very next request, and nothing is
// written for a key that no longer works.
import { beforeAll, describe, expect, it } from "vitest";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { testDb } from "../db";
import { line, makeKey, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";

let club: TestProgram;

beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
});

const receipt = (card: string) => ({ customer: { card }, receipt: { number: receiptNo() }, lines: [line(1, 790000, "merch")] });
const byKey = (key: string) => ({ keyPrefix: key.slice(0, 13) });
const receiptsOf = async (customerId: string) => testDb().purchase.count({ where: { customerId } });

describe("the terminal remembered by the process is checked in the transaction", () => {
  it("a key revoked after it was used: 401 at once, nothing written — with a valid or an invalid body", async () => {
    const key = await makeKey(club.stores["stadium-shop"]);
    const c = await registerCustomer(key);
    expect((await post("/purchases", key, receipt(c.card))).status).toBe(201);
    expect((await post("/purchases", key, receipt(c.card))).status).toBe(201);
    const before = await receiptsOf(c.id);
    await testDb().terminal.updateMany({ where: byKey(key), data: { revoked: true, revokedAt: new Date() } });
    const r = await post("/purchases", key, receipt(c.card));
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("unauthorized");
    // An invalid body fails before any statement: the key is still answered for first.
    const bad = await post("/purchases", key, { receipt: { number: receiptNo() }, lines: [] });
    expect(bad.status).toBe(401);
    // So does a body the domain refuses before it sends a statement (offline with a hold).
    const refused = await post("/purchases", key, { ...receipt(c.card), offline: true, hold: { ttlSeconds: 60 } });
    expect(refused.status).toBe(401);
    expect(await receiptsOf(c.id)).toBe(before);
  });

  it("a valid key with an invalid body still gets the validation error", async () => {
    const key = await makeKey(club.stores["stadium-shop"]);
    const c = await registerCustomer(key);
    expect((await post("/purchases", key, receipt(c.card))).status).toBe(201);
    const bad = await post("/purchases", key, { receipt: { number: receiptNo() }, lines: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_request");
  });

  it("a key put back to waiting for approval: 403 terminal_not_approved at once", async () => {
    const key = await makeKey(club.stores["stadium-shop"]);
    const c = await registerCustomer(key);
    expect((await post("/purchases", key, receipt(c.card))).status).toBe(201);
    const before = await receiptsOf(c.id);
    await testDb().terminal.updateMany({ where: byKey(key), data: { pendingApproval: true } });
    const r = await post("/purchases", key, receipt(c.card));
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("terminal_not_approved");
    expect(await receiptsOf(c.id)).toBe(before);
  });

  it("a terminal moved to another store: the next receipt is that store's", async () => {
    const key = await makeKey(club.stores["stadium-shop"]);
    const c = await registerCustomer(key);
    expect((await post("/purchases", key, receipt(c.card))).status).toBe(201);
    await testDb().terminal.updateMany({ where: byKey(key), data: { storeId: club.stores["web-shop"] } });
    const r = await post("/purchases", key, receipt(c.card));
    expect(r.status).toBe(201);
    const p = await testDb().purchase.findFirstOrThrow({ where: { id: r.body.purchaseId }, select: { storeId: true } });
    expect(p.storeId).toBe(club.stores["web-shop"]);
  });

  it("promotions changed by another process since the key was used: the next receipt prices with them", async () => {
    const program = await setupProgram("football-club");
    const key = program.keys["stadium-shop"];
    const c = await registerCustomer(key);
    await applyPromotionsFile(testDb(), { program: program.code, promotions: [{ code: "merch-off", name: "Merch off", effect: { type: "amountOff", amount: 5000 } }] });
    for (let i = 0; i < 2; i++) {
      const r = await post("/purchases", key, receipt(c.card));
      expect(r.status).toBe(201);
      expect(r.body.appliedPromotions.map((p: { code: string }) => p.code)).toEqual(["merch-off"]);
    }
    // Ended elsewhere: this process's promotions cache is not told (only the stamp in the database moves).
    await testDb().$executeRaw`
      update "PromotionVersion" v set definition = jsonb_set(v.definition, '{status}', '"ended"')
      from "Promotion" p where p."programId" = ${program.programId} and v.id = p."currentVersionId"`;
    await testDb().$executeRaw`update "Promotion" set "updatedAt" = now() + interval '1 second' where "programId" = ${program.programId}`;
    const next = await post("/purchases", key, receipt(c.card));
    expect(next.status).toBe(201);
    expect(next.body.appliedPromotions).toEqual([]);
  });
});
