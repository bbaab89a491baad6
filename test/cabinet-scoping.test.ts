// Attacker vs victim: a fan only ever reaches their own receipts, vouchers and feedback
// requests; another fan's ids are not found (the pages turn that into a 404).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getReceipt, listLedger, listReceipts } from "@/lib/customers/history";
import { cancelRedemption, getMyRedemption, listMyRedemptions, redeemCatalogItem } from "@/lib/catalog";
import { getMyRequest, getRequest, listMyRequests, openRequest, replyAsCustomer } from "@/lib/feedback";
import { testDb } from "./db";
import { makeClubProgram, makeFan, makeItem, makeReceipt, makeTopic } from "./cabinet-factories";

const db = testDb();
afterAll(async () => {
  await db.$disconnect();
});

describe("another customer's ids are not found", () => {
  let programId: string;
  let victim: { id: string; programId: string };
  let attacker: { id: string; programId: string };
  let receiptId: string;
  let redemptionId: string;
  let requestId: string;

  beforeAll(async () => {
    programId = await makeClubProgram(db);
    victim = await makeFan(db, programId, 5000);
    attacker = await makeFan(db, programId, 5000);
    receiptId = (await makeReceipt(db, programId, victim.id, { pointsEarned: 75 })).id;
    const item = await makeItem(db, programId, { pointsPrice: 1000 });
    redemptionId = (await redeemCatalogItem(db, { customerId: victim.id, itemId: item.id, idempotencyKey: "victim-key-1" })).redemption.id;
    const topic = await makeTopic(db, programId);
    requestId = (await openRequest(db, { customerId: victim.id, topicId: topic.id, subject: "My question", body: "Private text" })).id;
  });

  it("receipts", async () => {
    await expect(getReceipt(db, attacker, receiptId)).rejects.toMatchObject({ code: "not_found", status: 404 });
    expect((await listReceipts(db, attacker)).items.map((r) => r.id)).not.toContain(receiptId);
    expect((await getReceipt(db, victim, receiptId)).id).toBe(receiptId);
    expect((await listReceipts(db, victim)).items.map((r) => r.id)).toContain(receiptId);
  });

  it("points movements", async () => {
    const mine = await listLedger(db, attacker.id, { pageSize: 100 });
    expect(mine.items.every((e) => e.refId !== redemptionId)).toBe(true);
    expect((await listLedger(db, victim.id, { pageSize: 100 })).items.some((e) => e.refId === redemptionId)).toBe(true);
  });

  it("redemptions: read and cancel", async () => {
    await expect(getMyRedemption(db, attacker.id, redemptionId)).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(cancelRedemption(db, { customerId: attacker.id, redemptionId })).rejects.toMatchObject({ code: "not_found" });
    expect(await listMyRedemptions(db, attacker.id)).toEqual([]);
    expect((await getMyRedemption(db, victim.id, redemptionId)).status).toBe("issued");
  });

  it("feedback requests: read and reply", async () => {
    await expect(getMyRequest(db, attacker.id, requestId)).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(replyAsCustomer(db, { customerId: attacker.id, requestId, body: "hi" })).rejects.toMatchObject({ code: "not_found" });
    expect(await listMyRequests(db, attacker.id)).toEqual([]);
    expect((await getMyRequest(db, victim.id, requestId)).messages).toHaveLength(1);
  });

  it("staff of another program see nothing either", async () => {
    const other = await makeClubProgram(db);
    await expect(getRequest(db, other, requestId)).rejects.toMatchObject({ code: "not_found" });
    expect((await getRequest(db, programId, requestId)).customer?.id).toBe(victim.id);
  });

  it("a made-up id is not found", async () => {
    await expect(getReceipt(db, victim, "rcp_nope")).rejects.toMatchObject({ code: "not_found" });
    await expect(getMyRequest(db, victim.id, "fbk_nope")).rejects.toMatchObject({ code: "not_found" });
  });
});
