// Triggered messages through the processing API: a till registration queues the welcome, and a
// receipt that raises the status queues tier_up in the receipt's own raw-SQL transaction; a receipt
// refused by the till's checks queues nothing. Delivery is the job's (lib/communications/deliver.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/test/db";
import { line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";

let ua: TestProgram;
let shop: string;
const db = testDb();

beforeAll(async () => {
  useTestDatabase();
  ua = await setupProgram("sportswear-retailer");
  shop = ua.keys[Object.keys(ua.stores).find((c) => !c.includes("outlet"))!];
  for (const kind of ["welcome", "tier_up"]) {
    await db.messageTrigger.create({
      data: { programId: ua.programId, kind, enabled: true, channel: "sms", subject: {}, body: { en: "{name}, you are {tier} now.", ru: "{name}, ваш статус — {tier}." } },
    });
  }
});

const kinds = async (customerId: string) => (await db.message.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } })).map((m) => [(m.data as { kind: string }).kind, m.channel, m.status]);

describe("triggered messages on the till's path", () => {
  it("registration queues the welcome; the receipt that reaches Bronze queues tier_up once", async () => {
    const c = await registerCustomer(shop);
    expect(await kinds(c.id)).toEqual([["welcome", "sms", "queued"]]);

    // Refused before anything is written (points it does not have): nothing queued.
    const refused = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 1_100_000)], redeemPoints: 5000 });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await kinds(c.id)).toHaveLength(1);

    const r = await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 1_100_000)] });
    expect(r.body).toMatchObject({ customer: { tier: "bronze" } });
    await post("/purchases", shop, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100_000)] });
    expect(await kinds(c.id)).toEqual([
      ["welcome", "sms", "queued"],
      ["tier_up", "sms", "queued"],
    ]);
    const up = await db.message.findFirstOrThrow({ where: { customerId: c.id, dedupeKey: { startsWith: "tier:" } } });
    expect(up).toMatchObject({ to: c.phone, category: "transactional" });
    expect((up.data as { body: string }).body).toMatch(/^Anna, (you are Bronze now\.|ваш статус — .+\.)$/);
  });
});
