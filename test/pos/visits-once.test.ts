// POST /visits counts a customer's visit to an event once (VisitKey, written in the visit's own
// statement: "Visit" is partitioned by month and cannot hold the rule), also with 20 requests at
// once; every visit has its key and the key names it; the metric and the activity summary agree.
import { beforeAll, describe, expect, it } from "vitest";
import { activityMismatches } from "@/lib/segments/activity";
import { testDb } from "../db";
import { post, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";

let park: TestProgram;
let gate: string;

beforeAll(async () => {
  useTestDatabase();
  park = await setupProgram("amusement-park");
  gate = park.keys[Object.keys(park.stores)[0]];
}, 60_000);

describe("visits on a partitioned table", () => {
  it("20 concurrent validations of one event count once; 20 different events count 20 times", async () => {
    const c = await registerCustomer(gate);
    const same = await Promise.all(Array.from({ length: 20 }, () => post("/visits", gate, { customer: { card: c.card }, eventCode: "GALA-2026" })));
    expect(same.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(same.filter((r) => r.body.counted)).toHaveLength(1);
    // Every answer names the one visit counted.
    expect(new Set(same.map((r) => r.body.visitId)).size).toBe(1);
    const other = await Promise.all(Array.from({ length: 20 }, (_, i) => post("/visits", gate, { customer: { card: c.card }, eventCode: `DAY-${i}` })));
    expect(other.filter((r) => r.body.counted)).toHaveLength(20);

    const db = testDb();
    const visits = await db.visit.findMany({ where: { customerId: c.id } });
    const keys = await db.visitKey.findMany({ where: { customerId: c.id } });
    expect(visits).toHaveLength(21);
    expect(keys).toHaveLength(21);
    // Each key names its visit by the visit's primary key (id, at).
    const byId = new Map(visits.map((v) => [v.id, v]));
    for (const k of keys) expect(byId.get(k.visitId)).toMatchObject({ eventCode: k.eventCode, at: k.visitAt, programId: k.programId });
    expect(same[0].body.visitId).toBe(keys.find((k) => k.eventCode === "GALA-2026")!.visitId);
    expect((await db.tierMetric.findFirstOrThrow({ where: { customerId: c.id } })).visits).toBe(21);
    expect((await db.customerActivity.findUniqueOrThrow({ where: { customerId: c.id } })).visits).toBe(21);
    expect(await activityMismatches(db, park.programId)).toEqual([]);
  });
});
