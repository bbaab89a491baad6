// Customer 360's messages: newest first, a page at a time, with the campaign's name and the gate's
// reason; another program's staff see nothing of the member, and another member's rows never mix in.
import { beforeAll, describe, expect, it } from "vitest";
import { createId } from "@/lib/ids";
import { testDb } from "@/test/db";
import { makeCustomer, makeProgram, uniq } from "@/test/factories";
import { MEMBER_MESSAGES_PAGE, memberMessages } from "./member-messages";

const db = testDb();
let programId: string;
let otherProgramId: string;
let customerId: string;
let neighbourId: string;
let campaignId: string;
const T0 = new Date("2026-11-01T10:00:00Z");
const at = (min: number) => new Date(T0.getTime() + min * 60_000);

function message(over: {
  customerId?: string;
  campaignId?: string | null;
  createdAt: Date;
  status?: "queued" | "sent" | "delivered" | "suppressed";
  reason?: string | null;
  data?: object;
  subject?: string | null;
}) {
  const suppressed = over.status === "suppressed";
  return db.message.create({
    data: {
      id: createId("msg"),
      programId,
      customerId: over.customerId ?? customerId,
      channel: "email",
      to: "fan@example.test",
      category: over.campaignId ? "marketing" : "transactional",
      template: over.campaignId ? "campaign" : "triggered",
      data: over.data ?? { kind: "welcome", subject: "Welcome aboard" },
      locale: "en",
      campaignId: over.campaignId ?? null,
      status: over.status ?? "sent",
      gate: suppressed ? `suppressed:${over.reason}` : "passed",
      reason: over.reason ?? null,
      notBefore: over.createdAt,
      createdAt: over.createdAt,
      sentAt: suppressed ? null : over.createdAt,
      deliveredAt: over.status === "delivered" ? at(1) : null,
      subject: over.subject ?? null,
    },
  });
}

beforeAll(async () => {
  programId = (await makeProgram(db)).id;
  otherProgramId = (await makeProgram(db)).id;
  customerId = (await makeCustomer(db, programId)).id;
  neighbourId = (await makeCustomer(db, programId)).id;
  const segment = await db.segment.create({ data: { id: createId("seg"), programId, name: uniq("seg"), definition: { kind: "group", op: "and", children: [] } } });
  campaignId = (await db.campaign.create({ data: { id: createId("cmp"), programId, name: uniq("Autumn sale"), segmentId: segment.id, variants: [] } })).id;
  await message({ createdAt: at(0), status: "delivered", subject: "Welcome aboard, Fan" });
  await message({ createdAt: at(10), campaignId, status: "suppressed", reason: "no_consent", data: { variant: "B", subject: "Double points" } });
  for (let i = 0; i < MEMBER_MESSAGES_PAGE; i++) await message({ createdAt: at(20 + i), data: { kind: "points_expiring", subject: `Points ${i}` } });
  await message({ customerId: neighbourId, createdAt: at(100) });
});

describe("a member's messages", () => {
  it("pages newest first and says what each message was and what became of it", async () => {
    const first = await memberMessages(db, { programId, customerId, page: 1 });
    expect(first.hasNext).toBe(true);
    expect(first.rows).toHaveLength(MEMBER_MESSAGES_PAGE);
    expect(first.rows.map((r) => r.title)).toEqual(Array.from({ length: MEMBER_MESSAGES_PAGE }, (_, i) => `Points ${MEMBER_MESSAGES_PAGE - 1 - i}`));
    expect(first.rows.every((r) => r.kind === "points_expiring" && r.campaign === null)).toBe(true);

    const second = await memberMessages(db, { programId, customerId, page: 2 });
    expect(second.hasNext).toBe(false);
    expect(second.rows).toHaveLength(2);
    const [fromCampaign, welcome] = second.rows;
    expect(fromCampaign).toMatchObject({ kind: "campaign", status: "suppressed", reason: "no_consent", title: "Double points", sentAt: null, category: "marketing" });
    expect(fromCampaign.campaign).toMatchObject({ id: campaignId, variant: "B" });
    expect(fromCampaign.campaign!.name).toMatch(/^Autumn sale/);
    // The subject as sent wins over the queue's; the provider's dates come along.
    expect(welcome).toMatchObject({ kind: "welcome", title: "Welcome aboard, Fan", status: "delivered", channel: "email", deliveredAt: at(1) });
    expect((await memberMessages(db, { programId, customerId, page: 3 })).rows).toEqual([]);
    // A nonsense page reads as the first.
    expect((await memberMessages(db, { programId, customerId, page: Number.NaN })).rows[0].id).toBe(first.rows[0].id);
  });

  it("is scoped to the program and to the member", async () => {
    expect(await memberMessages(db, { programId: otherProgramId, customerId, page: 1 })).toEqual({ rows: [], hasNext: false });
    const neighbour = await memberMessages(db, { programId, customerId: neighbourId, page: 1 });
    expect(neighbour.rows).toHaveLength(1);
    expect(neighbour.rows[0].createdAt).toEqual(at(100));
  });
});
