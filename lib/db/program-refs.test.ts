// The references of the rows a receipt writes to their program and promotion, checked per statement
// instead of by foreign keys (migration program_refs_by_statement): what the keys refused is still
// refused — a row of a missing program, a PurchasePromotion of a missing promotion or of another
// program's, a moved row, the delete or renaming of a referenced program or promotion — including
// a delete racing an insert that has not committed yet.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlState } from "@/lib/db/errors";
import { createId } from "@/lib/ids";
import { testDatabaseUrl, testDb } from "@/test/db";
import { makeCustomer, makeProgram } from "@/test/factories";

const db = testDb();
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => sqlState(e) ?? String(e),
  );

let programId: string;
let otherProgramId: string;
let customerId: string;
const clients: pg.Client[] = [];

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: testDatabaseUrl() });
  await c.connect();
  clients.push(c);
  return c;
}

async function promotion(program: string): Promise<string> {
  const id = createId("prm");
  await db.$executeRaw`insert into "Promotion" (id, "programId", code, "updatedAt") values (${id}, ${program}, ${id}, now())`;
  return id;
}

const usesOf = (program: string, promotionId: string, purchaseId = createId("rcp")): [string, string[]] => [
  `insert into "PurchasePromotion" ("programId", "purchaseId", "promotionId", "versionId", status, discount, points, lines, at)
     values ($1, $2, $3, 'pvn_x', 'committed', 100, 0, '[]', now())`,
  [program, purchaseId, promotionId],
];

const idempotencyKey = (program: string): [string, string[]] => [
  `insert into "IdempotencyKey" (id, "programId", "storeId", "terminalId", key, method, path, "requestHash", state)
     values ($1, $2, 'sto_x', 'trm_x', $1, 'POST', '/purchases', 'h', 'in_progress')`,
  [createId("idk"), program],
];

beforeAll(async () => {
  programId = (await makeProgram(db)).id;
  otherProgramId = (await makeProgram(db)).id;
  customerId = (await makeCustomer(db, programId)).id;
});

afterAll(async () => {
  for (const c of clients) await c.end().catch(() => undefined);
});

describe("program and promotion references checked per statement", () => {
  it("refuses rows of a program that does not exist, whole statements at a time, and keeps none of them", async () => {
    const c = await client();
    expect(await codeOf(c.query(...idempotencyKey("prg_missing")))).toBe("23503");
    // One good and one bad row in one statement: the statement fails, neither is kept. (The lines'
    // receipt exists, so its key to the receipt passes: what refuses them is the program's check.)
    const at = new Date("2026-06-01T10:00:00Z");
    const purchaseId = createId("rcp");
    await db.purchase.create({
      data: { id: purchaseId, programId, storeId: "sto_x", customerId, number: purchaseId, at, status: "committed", programVersionId: "pvr_x", amount: 200, payable: 200 },
    });
    const line = (id: string, no: number, program: string) => `('${id}', '${program}', '${customerId}', '${purchaseId}', '${at.toISOString()}', ${no}, 'S', 'c', 1000, 100, 100)`;
    const a = createId("rln");
    const b = createId("rln");
    const lines = (second: string) =>
      `insert into "PurchaseLine" (id, "programId", "customerId", "purchaseId", "purchaseAt", "lineNo", sku, category, "quantityMilli", price, amount) values ${line(a, 1, programId)}, ${line(b, 2, second)}`;
    expect(await codeOf(c.query(lines("prg_missing")))).toBe("23503");
    expect(await db.purchaseLine.count({ where: { id: { in: [a, b] } } })).toBe(0);
    // The error names the table and the missing program.
    const e = await c.query(...idempotencyKey("prg_missing")).catch((x: unknown) => x as pg.DatabaseError);
    expect(e).toMatchObject({ code: "23503", table: "IdempotencyKey" });
    expect(String((e as Error).message)).toContain("prg_missing");
    // Rows of an existing program are written.
    expect(await codeOf(c.query(...idempotencyKey(programId)))).toBe("ok");
    expect(await codeOf(c.query(lines(programId)))).toBe("ok");
    expect(await db.purchaseLine.count({ where: { id: { in: [a, b] } } })).toBe(2);
  });

  it("refuses a receipt's use of a promotion that is missing or belongs to another program", async () => {
    const c = await client();
    const own = await promotion(programId);
    const foreign = await promotion(otherProgramId);
    expect(await codeOf(c.query(...usesOf(programId, "prm_missing")))).toBe("23503");
    expect(await codeOf(c.query(...usesOf(programId, foreign)))).toBe("23503");
    expect(await codeOf(c.query(...usesOf("prg_missing", own)))).toBe("23503");
    expect(await codeOf(c.query(...usesOf(programId, own)))).toBe("ok");
    expect(await db.purchasePromotion.count({ where: { promotionId: { in: [own, foreign, "prm_missing"] } } })).toBe(1);
  });

  it("keeps a row's program and promotion: no update moves them", async () => {
    const c = await client();
    const own = await promotion(programId);
    const purchaseId = createId("rcp");
    await c.query(...usesOf(programId, own, purchaseId));
    const other = await promotion(programId);
    expect(await codeOf(c.query(`update "PurchasePromotion" set "promotionId" = $2 where "purchaseId" = $1`, [purchaseId, other]))).toBe("23503");
    expect(await codeOf(c.query(`update "PurchasePromotion" set "programId" = $2 where "purchaseId" = $1`, [purchaseId, otherProgramId]))).toBe("23503");
    // Updates of other columns (and of the column to the same value) are not refused.
    expect(await codeOf(c.query(`update "PurchasePromotion" set status = 'released', "programId" = "programId" where "purchaseId" = $1`, [purchaseId]))).toBe("ok");
    const [k, params] = idempotencyKey(programId);
    await c.query(k, params);
    expect(await codeOf(c.query(`update "IdempotencyKey" set "programId" = $2 where id = $1`, [params[0], otherProgramId]))).toBe("23503");
  });

  it("refuses deleting or renaming a program or promotion that rows refer to, and deletes one that nothing refers to", async () => {
    const c = await client();
    const used = await promotion(programId);
    await c.query(...usesOf(programId, used));
    expect(await codeOf(c.query(`delete from "Promotion" where id = $1`, [used]))).toBe("23503");
    expect(await codeOf(c.query(`update "Promotion" set id = $2 where id = $1`, [used, createId("prm")]))).toBe("23503");
    // Other updates of a referenced promotion (its counters) go through.
    expect(await codeOf(c.query(`update "Promotion" set uses = uses + 1 where id = $1`, [used]))).toBe("ok");
    const unused = await promotion(programId);
    expect(await codeOf(c.query(`delete from "Promotion" where id = $1`, [unused]))).toBe("ok");

    // A program referred to by nothing but an idempotency key (no foreign key left to refuse it).
    const lone = (await makeProgram(db)).id;
    await c.query(...idempotencyKey(lone));
    const e = await c.query(`delete from "Program" where id = $1`, [lone]).catch((x: unknown) => x as pg.DatabaseError);
    expect(e).toMatchObject({ code: "23503", table: "IdempotencyKey" });
    expect(await codeOf(c.query(`update "Program" set id = $2 where id = $1`, [lone, createId("prg")]))).toBe("23503");
    expect(await db.program.count({ where: { id: lone } })).toBe(1);
  });

  it("a delete waits for an uncommitted insert that refers to the row: refused after it commits, done after it rolls back", async () => {
    for (const end of ["commit", "rollback"] as const) {
      const writer = await client();
      const deleter = await client();
      const p = await promotion(programId);
      await writer.query("begin");
      await writer.query(...usesOf(programId, p));
      const deleted = codeOf(deleter.query(`delete from "Promotion" where id = $1`, [p]));
      // Still waiting for the writer's transaction.
      expect(await Promise.race([deleted, new Promise((r) => setTimeout(() => r("waiting"), 300))])).toBe("waiting");
      await writer.query(end);
      expect(await deleted).toBe(end === "commit" ? "23503" : "ok");
      expect(await db.promotion.count({ where: { id: p } })).toBe(end === "commit" ? 1 : 0);
    }
  });

  it("an insert after an uncommitted delete waits for it and is refused once the delete commits", async () => {
    const writer = await client();
    const deleter = await client();
    const p = await promotion(programId);
    await deleter.query("begin");
    await deleter.query(`delete from "Promotion" where id = $1`, [p]);
    const written = codeOf(writer.query(...usesOf(programId, p)));
    expect(await Promise.race([written, new Promise((r) => setTimeout(() => r("waiting"), 300))])).toBe("waiting");
    await deleter.query("commit");
    expect(await written).toBe("23503");
    expect(await db.purchasePromotion.count({ where: { promotionId: p } })).toBe(0);
  });

  it("outside READ COMMITTED: a delete is refused, and an insert locks the rows as a foreign key does", async () => {
    const c = await client();
    const p = await promotion(programId);
    await c.query("begin isolation level repeatable read");
    expect(await codeOf(c.query(`delete from "Promotion" where id = $1`, [p]))).toBe("0A000");
    await c.query("rollback");

    // A promotion deleted after a REPEATABLE READ transaction took its snapshot: its insert fails
    // (serialization), where a lock-free check under the old snapshot would have let the row in.
    const writer = await client();
    await writer.query("begin isolation level repeatable read");
    await writer.query("select 1");
    await db.$executeRaw`delete from "Promotion" where id = ${p}`;
    expect(await codeOf(writer.query(...usesOf(programId, p)))).toBe("40001");
    await writer.query("rollback");
    expect(await db.purchasePromotion.count({ where: { promotionId: p } })).toBe(0);
  });
});
