// Feedback threads: a fan opens and replies; staff assign, answer (email to a verified address),
// close and reopen; everything scoped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createId } from "@/lib/ids";
import { testDb } from "@/test/db";
import { makeClubProgram, makeFan, makeTopic } from "@/test/cabinet-factories";
import { assignRequest, closeRequest, getMyRequest, listRequests, openRequest, reopenRequest, replyAsCustomer, replyAsStaff } from "./requests";
import { createTopic, listTopics, updateTopic } from "./topics";

const db = testDb();
let programId: string;
let staffId: string;
beforeAll(async () => {
  programId = await makeClubProgram(db);
  staffId = createId("stf");
  await db.staffUser.create({ data: { id: staffId, programId, email: `${staffId}@t.test`, name: "Sergey", role: "support", passwordHash: "x" } });
});
afterAll(async () => {
  await db.$disconnect();
});

describe("feedback", () => {
  it("the whole life of a request", async () => {
    const email = `${createId("cus")}@fan.test`;
    const fan = await makeFan(db, programId, 0, { email });
    const topic = await makeTopic(db, programId);
    const r = await openRequest(db, { customerId: fan.id, topicId: topic.id, subject: "Where are my points?", body: "Match on Sunday" });
    expect(r.status).toBe("open");
    await assignRequest(db, { programId, requestId: r.id, assigneeId: staffId, staffUserId: staffId });
    const since = new Date();
    await replyAsStaff(db, { programId, requestId: r.id, staffUserId: staffId, body: "They arrive within 24 hours." });
    let thread = await getMyRequest(db, fan.id, r.id);
    expect(thread.status).toBe("answered");
    expect(thread.messages.map((m) => m.author)).toEqual(["customer", "staff"]);
    const mail = await db.outboxMessage.findFirst({ where: { to: email, channel: "email", createdAt: { gte: since } } });
    expect(mail?.template).toBe("feedback_reply");
    expect(mail?.html).toContain("They arrive within 24 hours.");
    await closeRequest(db, { programId, requestId: r.id, staffUserId: staffId });
    await expect(closeRequest(db, { programId, requestId: r.id, staffUserId: staffId })).rejects.toMatchObject({ code: "invalid_state" });
    await replyAsCustomer(db, { customerId: fan.id, requestId: r.id, body: "Still nothing" });
    thread = await getMyRequest(db, fan.id, r.id);
    expect(thread.status).toBe("open");
    expect(thread.messages).toHaveLength(3);
    await closeRequest(db, { programId, requestId: r.id, staffUserId: staffId });
    await reopenRequest(db, { programId, requestId: r.id, staffUserId: staffId });
    const inbox = await listRequests(db, programId, { status: "open", assigneeId: staffId });
    expect(inbox.items.map((x) => x.id)).toContain(r.id);
    expect(inbox.items.find((x) => x.id === r.id)?.customer?.id).toBe(fan.id);
  });

  it("refuses bad input and inactive or foreign topics", async () => {
    const fan = await makeFan(db, programId);
    const topic = await makeTopic(db, programId);
    await expect(openRequest(db, { customerId: fan.id, topicId: topic.id, subject: "", body: "x" })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(openRequest(db, { customerId: fan.id, topicId: topic.id, subject: "Hello", body: "   " })).rejects.toMatchObject({ code: "invalid_request" });
    const foreign = await makeTopic(db, await makeClubProgram(db));
    await expect(openRequest(db, { customerId: fan.id, topicId: foreign.id, subject: "Hello", body: "x" })).rejects.toMatchObject({ code: "invalid_request" });
    await updateTopic(db, programId, topic.id, { active: false });
    await expect(openRequest(db, { customerId: fan.id, topicId: topic.id, subject: "Hello", body: "x" })).rejects.toMatchObject({ code: "invalid_request" });
    expect(await db.feedbackRequest.count({ where: { customerId: fan.id } })).toBe(0);
  });

  it("assigning to a staff user of another program is refused", async () => {
    const fan = await makeFan(db, programId);
    const topic = await makeTopic(db, programId);
    const r = await openRequest(db, { customerId: fan.id, topicId: topic.id, subject: "Hi there", body: "x" });
    const other = await makeClubProgram(db);
    const stranger = createId("stf");
    await db.staffUser.create({ data: { id: stranger, programId: other, email: `${stranger}@t.test`, name: "X", role: "support", passwordHash: "x" } });
    await expect(assignRequest(db, { programId, requestId: r.id, assigneeId: stranger, staffUserId: staffId })).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("topics: create, unique code, list active", async () => {
    const p = await makeClubProgram(db);
    await createTopic(db, p, { code: "tickets", title: "Tickets", titleRu: "Билеты" });
    await expect(createTopic(db, p, { code: "tickets", title: "Again" })).rejects.toMatchObject({ code: "already_exists" });
    await expect(createTopic(db, p, { code: "Bad Code!", title: "x" })).rejects.toMatchObject({ code: "invalid_request" });
    const t2 = await createTopic(db, p, { code: "old", title: "Old", active: false });
    expect((await listTopics(db, p, { activeOnly: true })).map((x) => x.code)).toEqual(["tickets"]);
    expect((await listTopics(db, p)).map((x) => x.id)).toContain(t2.id);
  });
});

describe("topic updates", () => {
  it("deactivating keeps the sort order", async () => {
    const p = await makeClubProgram(db);
    const topic = await createTopic(db, p, { code: "sorted", title: "Sorted", sortOrder: 40 });
    const updated = await updateTopic(db, p, topic.id, { active: false });
    expect(updated).toMatchObject({ active: false, sortOrder: 40, title: "Sorted" });
  });
});
