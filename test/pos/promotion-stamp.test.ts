// The promotions' cache stamp of a program is one row ("PromotionStamp", migration promotion_stamp),
// moved forward by triggers on Promotion: by every insert, delete and edit, never by the counters
// the till writes (uses, moneyUsed, pointsUsed) — so the till reads one row per receipt instead of
// scanning every promotion, and a list cached by a process is refreshed by the next request after
// any change (test/pos/remembered-terminal.test.ts has the end-to-end case of an edit elsewhere).
import { beforeAll, describe, expect, it } from "vitest";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { testDb } from "../db";
import { line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";

let club: TestProgram;

beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
});

const stamp = async (programId: string) => {
  const [r] = await testDb().$queryRaw<{ stamp: bigint | null }[]>`select (select stamp from "PromotionStamp" where "programId" = ${programId}) as stamp`;
  return r.stamp;
};

const capped = (amount: number) => ({
  code: "stamp-capped",
  name: "Capped",
  effect: { type: "amountOff" as const, amount },
  limits: { total: 1000, budget: { money: 10_000_000 } },
});

describe("the promotions' stamp", () => {
  it("moves with every change of a program's promotions and never repeats", async () => {
    const program = await setupProgram("football-club");
    expect(await stamp(program.programId)).toBeNull();
    await applyPromotionsFile(testDb(), { program: program.code, promotions: [capped(5000)] });
    const first = await stamp(program.programId);
    expect(first).not.toBeNull();
    // A new version.
    await applyPromotionsFile(testDb(), { program: program.code, promotions: [capped(6000)] });
    const second = (await stamp(program.programId))!;
    expect(second > first!).toBe(true);
    // The same JSON again is no change (nothing is written).
    await applyPromotionsFile(testDb(), { program: program.code, promotions: [capped(6000)] });
    expect(await stamp(program.programId)).toBe(second);
    // An edit made with raw SQL, of a column other than the counters.
    await testDb().$executeRaw`update "Promotion" set "pendingVersionId" = "currentVersionId" where "programId" = ${program.programId}`;
    const third = (await stamp(program.programId))!;
    expect(third > second).toBe(true);
    // Two changes in one transaction: two steps (never the same value twice).
    await testDb().$transaction([
      testDb().$executeRaw`update "Promotion" set "pendingVersionId" = null where "programId" = ${program.programId}`,
      testDb().$executeRaw`update "Promotion" set "updatedAt" = now() + interval '1 day' where "programId" = ${program.programId}`,
    ]);
    expect((await stamp(program.programId))! >= third + 2n).toBe(true);
    // Another program's stamp does not move with these.
    const other = await stamp(club.programId);
    await testDb().$executeRaw`update "Promotion" set "updatedAt" = now() + interval '2 days' where "programId" = ${program.programId}`;
    expect(await stamp(club.programId)).toBe(other);
  });

  it("does not move with the counters: receipts using a limited promotion, a direct counter update", async () => {
    const program = await setupProgram("football-club");
    await applyPromotionsFile(testDb(), { program: program.code, promotions: [capped(5000)] });
    const key = program.keys["stadium-shop"];
    const c = await registerCustomer(key);
    const before = await stamp(program.programId);
    for (let i = 0; i < 3; i++) {
      const r = await post("/purchases", key, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 790000, "merch")] });
      expect(r.status).toBe(201);
      expect(r.body.appliedPromotions.map((p: { code: string }) => p.code)).toEqual(["stamp-capped"]);
    }
    const row = await testDb().promotion.findFirstOrThrow({ where: { programId: program.programId, code: "stamp-capped" } });
    expect(row.uses).toBe(3);
    await testDb().$executeRaw`update "Promotion" set uses = uses - 1, "moneyUsed" = "moneyUsed" - 5000 where id = ${row.id}`;
    expect(await stamp(program.programId)).toBe(before);
  });

  it("moves when a promotion is deleted", async () => {
    const program = await setupProgram("football-club");
    await applyPromotionsFile(testDb(), { program: program.code, promotions: [capped(5000)] });
    const before = (await stamp(program.programId))!;
    await testDb().$transaction([
      testDb().$executeRaw`delete from "PromotionVersion" where "programId" = ${program.programId}`,
      testDb().$executeRaw`delete from "Promotion" where "programId" = ${program.programId}`,
    ]);
    expect((await stamp(program.programId))! > before).toBe(true);
  });
});
